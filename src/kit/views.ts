// Pages: view models become pages through the kit's Handlebars templates. A
// project overrides any template by putting a file with the same path under
// its own templates/ folder.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import Handlebars from 'handlebars'
import type { Reporter } from '../diagnostics/reporter.js'
import { packageRoot } from '../project/package-root.js'
import { compileTemplate, type CompiledTemplate } from '../template/compile.js'
import { lessonHelpers } from '../template/helpers.js'

/** Every template and asset the kit reads, by path under templates/. */
export const templateFiles = {
  deck: 'html/deck.hbs',
  worksheet: 'html/worksheet.hbs',
  guide: 'html/guide.hbs',
  handout: 'html/handout.hbs',
  clientIndex: 'html/client-index.hbs',
  index: 'html/index.hbs',
  opening: 'deck/opening.md.hbs',
  closing: 'deck/closing.md.hbs',
} as const

export const assetFiles = {
  pageCss: 'assets/page.css',
  viewerCss: 'assets/viewer.css',
  viewerJs: 'assets/viewer.js',
  handoutCss: 'assets/handout.css',
} as const

export type TemplateName = keyof typeof templateFiles
export type AssetName = keyof typeof assetFiles

/** The project's copy of a template file if it has one, else the kit's. */
export function resolveTemplateFile(root: string, relative: string): string {
  const own = path.join(root, 'templates', relative)
  return existsSync(own) ? own : path.join(packageRoot, 'templates', relative)
}

export class Views {
  private readonly templates = new Map<TemplateName, CompiledTemplate>()
  private readonly texts = new Map<TemplateName, string>()
  private readonly assets = new Map<AssetName, string>()

  constructor(root: string, reporter: Reporter) {
    // The same view objects reach every page of a kit: each is escaped once for all of them.
    const escapedViews = new WeakMap<object, unknown>()
    for (const [name, relative] of Object.entries(templateFiles) as Array<[TemplateName, string]>) {
      const file = resolveTemplateFile(root, relative)
      const text = readText(file, reporter)
      if (text === undefined) continue
      this.texts.set(name, text)
      const template = compileTemplate(
        {
        text,
        file,
        lineOffset: 0,
        // View models are the kit's own: runtime strict mode checks names.
        shape: {},
        checkVariables: false,
        helpers: lessonHelpers,
        allowRaw: true,
        escape: relative.endsWith('.md.hbs') ? 'markdown' : 'html',
        escapedViews,
      },
        reporter,
      )
      if (template) this.templates.set(name, template)
    }
    for (const [name, relative] of Object.entries(assetFiles) as Array<[AssetName, string]>) {
      const text = readText(resolveTemplateFile(root, relative), reporter)
      if (text !== undefined) this.assets.set(name, text)
    }
  }

  asset(name: AssetName): Handlebars.SafeString {
    return new Handlebars.SafeString(this.assets.get(name) ?? '')
  }

  /** A template's text as written ("" when it could not be read), to place what it holds at a line. */
  text(name: TemplateName): string {
    return this.texts.get(name) ?? ''
  }

  render(name: TemplateName, context: object, reporter: Reporter): string | undefined {
    return this.templates.get(name)?.render(context, reporter)
  }
}

function readText(file: string, reporter: Reporter): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    reporter.report('template-missing', { name: path.basename(file) }, { file })
    return undefined
  }
}
