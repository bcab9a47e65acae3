// The build's stages without the write stage, for a caller that keeps the
// kit in memory (the dev server, src/dev): load and prepare the project as
// build() does, then build one client at a time and the top index, each
// handing back its OutputFiles. No staging folder, no PDF, no browser: the
// same pages, byte for byte, that build() writes as HTML.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { usageError } from '../diagnostics/errors.js'
import { Reporter, type Diagnostic } from '../diagnostics/reporter.js'
import { buildClient, prepareKit, type ClientKit, type Kit } from '../kit/build-client.js'
import { renderProjectIndex } from '../kit/project-index.js'
import { ClientLessons } from '../lesson/client-lessons.js'
import type { OutputFile } from '../output/output-file.js'
import { loadProject, type ClientEntry, type Project } from '../project/load.js'

/** A project loaded and prepared, or every problem that stopped it. */
export interface PreparedProject {
  ok: boolean
  project?: Project
  kit?: Kit
  /** Problems of loading and preparing (lessons, client files, templates); client builds report their own. */
  diagnostics: Diagnostic[]
}

/** Parts of an earlier prepared kit that may serve again when the files they were made from did not change. */
export interface Reusable {
  views?: Kit['views']
  renderer?: Kit['renderer']
}

/**
 * Loads and validates the project and compiles its lessons and templates,
 * as build() does before it builds any client. `reuse` hands over the pages'
 * templates and the Marp renderer of an earlier run when templates/ did not
 * change (they depend on nothing else).
 */
export function prepareProject(root: string, reuse: Reusable = {}): PreparedProject {
  const reporter = new Reporter()
  const project = loadProject(path.resolve(root), reporter)
  if (!project) return { ok: false, diagnostics: reporter.list() }
  // prepareKit, keeping what may be kept: the lessons are compiled again from the new project.
  const kit: Kit =
    reuse.views && reuse.renderer
      ? { project, lessons: new ClientLessons(project, reporter), views: reuse.views, renderer: reuse.renderer }
      : prepareKit(project, reporter)
  return { ok: !reporter.hasErrors, project, kit, diagnostics: reporter.list() }
}

/** --client ids the project does not have are a usage error, as for build. */
export function checkClients(root: string, project: Project, wanted: string[]): void {
  const known = project.clients.map((c) => c.id)
  const unknown = wanted.filter((id) => !known.includes(id) && !existsSync(path.join(project.root, 'content', 'clients', `${id}.yml`)))
  if (unknown.length) throw usageError('unknown-client', { ids: unknown, known })
}

/** One client's pages, as build() makes them (diagnostics with it; files empty when it failed). */
export function buildClientInMemory(entry: ClientEntry, kit: Kit): ClientKit {
  return buildClient(entry, kit)
}

/** The top index.html listing `listed` (and no other client), as a build into an empty folder writes it. */
export function projectIndexInMemory(project: Project, kit: Kit, listed: ClientEntry[]): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  const reporter = new Reporter()
  // An output folder that cannot exist: only the clients given are listed.
  const files = renderProjectIndex(project, path.join(project.root, '\0no-output'), listed, kit.views, reporter)
  return { files, diagnostics: reporter.list() }
}
