// The top index.html of the output folder: every client whose kit is there.
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Reporter } from '../diagnostics/reporter.js'
import type { OutputFile } from '../output/output-file.js'
import { dataUri } from '../output/media-types.js'
import type { ClientEntry, Project } from '../project/load.js'
import { formatDate } from '../template/helpers.js'
import { kitPaths } from './kit-paths.js'
import { safe } from '../template/escape.js'
import type { Views } from './views.js'

/** The index of every client whose kit is in `out` (built now or kept from before). */
export function renderProjectIndex(project: Project, out: string, built: ClientEntry[], views: Views, reporter: Reporter): OutputFile[] {
  const builtIds = new Set(built.map((c) => c.id))
  // Clients built now, and clients built earlier whose kit is still there.
  const lang = project.clients[0]?.data.language ?? project.workshop.language
  const listed = project.clients.filter((c) => builtIds.has(c.id) || existsSync(path.join(out, ...kitPaths.clientIndex(c.id).split('/'))))
  const html = views.render(
    'index',
    {
      lang,
      workshopLang: lang === project.workshop.language ? null : project.workshop.language,
      labels: project.labels.for(lang),
      workshop: project.workshop,
      pageCss: views.asset('pageCss'),
      clients: listed.map((c) => ({
        id: c.id,
        name: c.data.name,
        sector: c.data.sector,
        size: c.data.size,
        model: c.data.model,
        sessionDate: formatDate(c.data.session.date, c.data.language),
        primary: c.data.brand.primary,
        secondary: c.data.brand.secondary,
        logo: c.logoFile ? safe(dataUri(c.logoFile)) : null,
        lessons: c.lessons.length,
      })),
    },
    reporter,
  )
  return html === undefined ? [] : [{ path: kitPaths.projectIndex, content: html }]
}
