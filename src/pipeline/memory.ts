// The build's stages without the write stage, for a caller that keeps the
// kit in memory (the dev server, src/dev): load and prepare the project as
// build() does, then build one client at a time and the top index, each
// handing back its OutputFiles. No staging folder, no PDF, no browser: the
// same pages, byte for byte, that build() writes as HTML.
import path from 'node:path'
import { Reporter, type Diagnostic } from '../diagnostics/reporter.js'
import { LessonAssets, readReferences, type ReadReferences, type WrittenReferences } from '../assets/lesson-assets.js'
import { buildClient, prepareKit, type ClientKit, type Kit } from '../kit/build-client.js'
import { DeckRenderer } from '../kit/render-marp.js'
import { Views } from '../kit/views.js'
import { renderProjectIndex } from '../kit/project-index.js'
import { ClientLessons } from '../lesson/client-lessons.js'
import type { OutputFile } from '../output/output-file.js'
import type { LessonSource } from '../project/lesson-source.js'
import { loadProject, readLessonIn, type ClientEntry, type LessonReader, type Project } from '../project/load.js'

/** A project loaded and prepared, or every problem that stopped it. */
export interface PreparedProject {
  ok: boolean
  project?: Project
  kit?: Kit
  /** Problems of loading and preparing (lessons, client files, templates); client builds report their own. */
  diagnostics: Diagnostic[]
}

/**
 * What one build of a project leaves for the next one in the same process
 * (the dev server's): each lesson as read (kept while its text is the same),
 * the compiled lessons and their models (kept for unchanged lessons), and
 * the pages' templates and the Marp renderer (kept until templates/ changes:
 * they depend on nothing else). Every problem found the first time is said
 * again each time.
 */
export class BuildMemory {
  private readonly lessons = new Map<string, { id: string; text: string; language: string; source: LessonSource | undefined; diagnostics: Diagnostic[] }>()
  private compiled?: ClientLessons
  private views?: Kit['views']
  private renderer?: Kit['renderer']
  /** The themes' CSS the renderer was made with. */
  private themes?: string
  private readonly references = new WeakMap<LessonSource, WrittenReferences>()

  /** A lesson file's source, read again only when its text changed. */
  readonly read: LessonReader = (id, file, text, language, reporter) => {
    const known = this.lessons.get(file)
    if (known && known.id === id && known.text === text && known.language === language) {
      reporter.addAll(known.diagnostics)
      return known.source
    }
    const own = new Reporter()
    const source = readLessonIn(id, file, text, language, own)
    this.lessons.set(file, { id, text, language, source, diagnostics: own.list() })
    reporter.addAll(own.list())
    return source
  }

  /** templates/ changed: its templates, assets and themes are read again. */
  forgetTemplates(): void {
    this.views = undefined
    this.renderer = undefined
  }

  /**
   * A file other than a lesson changed (workshop.yml, a client file): what a
   * lesson may name can change with them, so every lesson is compiled again.
   */
  forgetCompiledLessons(): void {
    this.compiled = undefined
  }

  /** prepareKit, keeping what may be kept. */
  prepare(project: Project, reporter: Reporter): Kit {
    // Each unchanged lesson (the same source object) keeps the references read from it.
    const readFresh = readReferences()
    const read: ReadReferences = (source) => {
      let written = this.references.get(source)
      if (!written) this.references.set(source, (written = readFresh(source)))
      return written
    }
    const assets = new LessonAssets(project, reporter, read)
    const lessons = new ClientLessons(project, reporter, { previous: this.compiled, assets })
    // The renderer holds the themes, whose url()s name the kit's copies of files.
    const themes = JSON.stringify(assets.themes.map((theme) => theme.css))
    const keep = this.views && this.renderer && this.themes === themes
    const views = keep ? this.views! : new Views(project.root, reporter)
    const renderer = keep ? this.renderer! : new DeckRenderer(assets.themes, reporter)
    this.compiled = lessons
    if (!reporter.hasErrors) {
      this.views = views
      this.renderer = renderer
      this.themes = themes
    }
    return { project, lessons, views, renderer, assets }
  }
}

/**
 * Loads and validates the project and compiles its lessons and templates,
 * as build() does before it builds any client. With `memory`, what did not
 * change since its last build is not read or compiled again.
 */
export function prepareProject(root: string, memory?: BuildMemory): PreparedProject {
  const reporter = new Reporter()
  const project = loadProject(path.resolve(root), reporter, memory?.read)
  if (!project) return { ok: false, diagnostics: reporter.list() }
  const kit = memory ? memory.prepare(project, reporter) : prepareKit(project, reporter)
  return { ok: !reporter.hasErrors, project, kit, diagnostics: reporter.list() }
}

/** One client's pages, as build() makes them (diagnostics with it; files empty when it failed); `deckOnly`: its deck.md and deck.html only. */
export function buildClientInMemory(entry: ClientEntry, kit: Kit, deckOnly = false): ClientKit {
  return buildClient(entry, kit, { deckOnly })
}

/** The top index.html listing `listed` (and no other client), as a build into an empty folder writes it. */
export function projectIndexInMemory(project: Project, kit: Kit, listed: ClientEntry[]): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  const reporter = new Reporter()
  // An output folder that cannot exist: only the clients given are listed.
  const files = renderProjectIndex(project, path.join(project.root, '\0no-output'), listed, kit.views, reporter)
  return { files, diagnostics: reporter.list() }
}
