// Stage "assets", part three: the files a client's kit carries. Every
// reference of every lesson (and of the project's themes) is checked once,
// at the author's own text, when the kit is prepared. Each client's copy of
// a lesson then names the kit's copy of each file instead,
// "assets/<hash>.<ext>" (sha256 of the bytes: the same file is written once
// however many lessons show it, and a changed file gets a new name), and the
// client's folder gets those files: a kit folder stands alone, offline.
//
// Paths are relative to the client's folder (deck.md, deck.html, the
// worksheet, the guide sit there); the lesson pages one folder down have
// theirs moved up with relocated().
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, realpathSync } from 'node:fs'
import path from 'node:path'
import type { Place, Reporter } from '../diagnostics/reporter.js'
import { positionsIn } from '../diagnostics/position.js'
import type { OutputFile } from '../output/output-file.js'
import type { AssetInputs } from '../output/rebuild-cache.js'
import type { SlideTrees } from '../markdown/parse.js'
import type { LessonSource } from '../project/lesson-source.js'
import { allLessonSources, type Project, type ThemeFile } from '../project/load.js'
import { ASSETS_FOLDER } from './folder.js'
import { cssReferences, inlineImageReferences, markdownReferences, replaceReferences, type Reference } from './references.js'
import { isSentinel } from '../template/sentinels.js'
import { resolveReference, type Resolution } from './resolve.js'

export { ASSETS_FOLDER }
/** Hex digits of the sha256 in an asset's name. */
const HASH_LENGTH = 16
const NAME = `${ASSETS_FOLDER}/([0-9a-f]{${HASH_LENGTH}}(?:\\.[a-z0-9]+)?)`
/** The kit's copy named from the client's folder (not already from below it: "../assets/..."). */
const NAMED = new RegExp(`(?<![\\w./-])${NAME}`, 'g')
/** The kit's copy named from any page. */
const NAMED_ANYWHERE = new RegExp(NAME, 'g')

/** Front matter keys whose values may hold url(). */
const URL_KEYS = ['style', 'backgroundImage', '_backgroundImage']
/** Front matter keys Marp renders as markdown, which may show an image. */
const MARKDOWN_KEYS = ['header', 'footer', '_header', '_footer']

export class LessonAssets {
  /** Source file -> the kit's name for it, and back. */
  private readonly names = new Map<string, string>()
  private readonly files = new Map<string, string>()
  private readonly frontMatters = new Map<string, Pick<LessonSource, 'frontMatterText' | 'data'>>()
  /** Lessons whose body names a file of the project (client values never add one: they are text). */
  private readonly naming = new Set<string>()
  /** The kit's names of the files the project's themes name (every kit holds them). */
  private readonly themeNames = new Set<string>()
  /** The project's themes, their url()s naming the kit's copies. */
  readonly themes: ThemeFile[]
  /** Every file the lessons and themes name, with the kit's name for it: equal signatures, equal rewrites (the dev server keeps models by it). */
  readonly signature: string

  /**
   * Checks every reference of the project's lessons and themes; problems go
   * to `reporter`. `read`: the lessons' references as written, when the
   * build has read them already (readReferences).
   */
  constructor(
    private readonly project: Project,
    reporter: Reporter,
    read: ReadReferences = readReferences(),
  ) {
    for (const source of allLessonSources(project)) {
      const written = read(source)
      const at = positionsIn(source.body)
      for (const ref of written.body) {
        const p = at(ref.start)
        const kind = this.check(ref, source.file, { file: source.file, line: p.line + source.bodyLineOffset, column: p.column }, reporter)
        if (kind === 'file' || kind === 'templated') this.naming.add(source.file)
      }
      for (const { ref, place } of written.frontMatter) this.check(ref, source.file, place, reporter)
    }
    this.themes = project.themes.map((theme) => {
      if (!insideProject(theme.file, project.root)) return theme
      const at = positionsIn(theme.css)
      const refs = cssReferences(theme.css)
      for (const ref of refs) this.check(ref, theme.file, { file: theme.file, ...at(ref.start) }, reporter)
      const replacements = this.replacements(refs, theme.file)
      for (const r of replacements) this.themeNames.add(r.value.slice(ASSETS_FOLDER.length + 1).replace(/#.*$/, ''))
      return { ...theme, css: replaceReferences(theme.css, replacements) }
    })
    this.signature = JSON.stringify([...this.names].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  }

  /**
   * A client's copy of a lesson body (templated) with each file it names
   * replaced by the kit's copy. A path made of client values is checked here
   * (`sourceLines` maps its lines back to the author's; `trees` and `shared`
   * as for the lesson model). Undefined when a
   * value slot sits in a path: such a text cannot be shared between clients.
   */
  rewriteBody(source: LessonSource, text: string, reporter: Reporter, options: { sourceLines?: number[]; trees?: SlideTrees; shared?: boolean } = {}): string | undefined {
    if (!this.naming.has(source.file)) return text
    const { sourceLines } = options
    // Parsed with the lesson model's slide trees: the slides that name no file are parsed once for both.
    const refs = markdownReferences(text, options.trees, options.shared)
    if (!refs.length) return text
    const at = positionsIn(text)
    const replacements: Array<{ start: number; end: number; value: string }> = []
    for (const ref of refs) {
      const resolution = resolveReference(ref.url, source.file, this.project.root)
      if (resolution.kind === 'templated' && [...ref.url].some(isSentinel)) return undefined
      if (resolution.kind === 'file') {
        replacements.push({ start: ref.start, end: ref.end, value: this.kitPath(resolution.file) + resolution.fragment })
      } else {
        const p = at(ref.start)
        const line = (sourceLines?.[p.line - 1] ?? p.line) + source.bodyLineOffset
        // A "{{" left after templating is not one of the kit's: the path is taken as written.
        const written: Resolution = resolution.kind === 'templated' ? { kind: 'missing', lookedFor: ref.url, folder: false } : resolution
        report(written, ref, { file: source.file, line, column: p.column }, reporter)
      }
    }
    return replaceReferences(text, replacements)
  }

  /** The lesson with its front matter naming the kit's copies (the front matter is not templated: done once). */
  withFrontMatter(source: LessonSource): LessonSource {
    let rewritten = this.frontMatters.get(source.file)
    if (!rewritten) {
      const refs = frontMatterReferences(source).map(({ ref }) => ref)
      const data = { ...source.data }
      for (const key of [...URL_KEYS, ...MARKDOWN_KEYS]) {
        const value = data[key]
        if (typeof value !== 'string') continue
        const found = URL_KEYS.includes(key) ? cssReferences(value, 0, { comments: false }) : inlineImageReferences(value)
        data[key] = replaceReferences(value, this.replacements(found, source.file))
      }
      rewritten = {
        frontMatterText: refs.length && source.frontMatterText !== undefined ? replaceReferences(source.frontMatterText, this.replacements(refs, source.file)) : source.frontMatterText,
        data: refs.length ? data : source.data,
      }
      this.frontMatters.set(source.file, rewritten)
    }
    return rewritten.frontMatterText === source.frontMatterText ? source : { ...source, ...rewritten }
  }

  /**
   * The files a client's kit holds, each once, in `assetsFolder`
   * (kitPaths.assets): those its `texts` name (deck.md, which holds every
   * lesson's slides, front matter directives and style, and the worksheet
   * and guide, which hold what the slides do not: facilitator text,
   * solutions), and those the project's themes name. The decks' pages are
   * made of the same lessons and themes (and are large: not read again).
   */
  filesFor(assetsFolder: string, texts: string[]): OutputFile[] {
    const used = new Set<string>(this.themeNames)
    for (const text of texts) {
      for (const match of text.matchAll(NAMED_ANYWHERE)) if (this.files.has(match[1])) used.add(match[1])
    }
    return [...used].sort().map((name) => ({ path: `${assetsFolder}/${name}`, content: readFileSync(this.files.get(name)!) }))
  }

  /** `text` of a page below the client's folder, with the kit's copies named from there (`up`: "../"). */
  relocated(text: string, up: string): string {
    if (!up) return text
    return text.replace(NAMED, (whole, name: string) => (this.files.has(name) ? up + whole : whole))
  }

  private check(ref: Reference, file: string, place: Place, reporter: Reporter): Resolution['kind'] {
    const resolution = resolveReference(ref.url, file, this.project.root)
    if (resolution.kind === 'file') this.kitPath(resolution.file)
    else report(resolution, ref, place, reporter)
    return resolution.kind
  }

  private replacements(refs: Reference[], file: string) {
    return refs.flatMap((ref) => {
      const resolution = resolveReference(ref.url, file, this.project.root)
      return resolution.kind === 'file' ? [{ start: ref.start, end: ref.end, value: this.kitPath(resolution.file) + resolution.fragment }] : []
    })
  }

  /** "assets/<hash>.<ext>": the kit's copy of `file`, from the client's folder. */
  private kitPath(file: string): string {
    let name = this.names.get(file)
    if (!name) {
      const ext = path.extname(file).toLowerCase()
      name = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, HASH_LENGTH) + (/^\.[a-z0-9]+$/.test(ext) ? ext : '')
      this.names.set(file, name)
      this.files.set(name, file)
    }
    return `${ASSETS_FOLDER}/${name}`
  }
}

/** Reports what is wrong with a reference that is not a file of the project (nothing for data: URIs and the like). */
function report(resolution: Resolution, ref: Reference, at: Place, reporter: Reporter): void {
  const what = ref.kind
  switch (resolution.kind) {
    case 'remote':
      reporter.report('remote-asset', { what, url: ref.url }, at)
      break
    case 'absolute':
      reporter.report('absolute-asset-path', { what, url: ref.url, fileUrl: resolution.fileUrl }, at)
      break
    case 'missing':
      reporter.report('asset-not-found', { what, url: ref.url, lookedFor: resolution.lookedFor, guess: resolution.guess, folder: resolution.folder }, at)
      break
    case 'outside':
      reporter.report('asset-outside-project', { what, url: ref.url, throughLink: resolution.throughLink }, at)
      break
    case 'unreadable':
      reporter.report('asset-unreadable', { what, url: ref.url, reason: resolution.reason }, at)
      break
  }
}

/** The url()s (style, backgroundImage) and images (header, footer) of a lesson's front matter, placed in the lesson file. */
function frontMatterReferences(source: LessonSource): Array<{ ref: Reference; place: Place }> {
  const text = source.frontMatterText
  if (text === undefined) return []
  const at = positionsIn(text)
  // The text starts right after the opening "---" (usually with its newline).
  const firstLine = text.startsWith('\n') || text.startsWith('\r\n') ? 0 : 1
  return frontMatterTextReferences(text).map((ref) => {
    const p = at(ref.start)
    return { ref, place: { file: source.file, line: p.line + firstLine, column: p.column } }
  })
}

/** The files a front matter's YAML names: url() in style and backgroundImage, images in header and footer. */
export function frontMatterTextReferences(text: string): Reference[] {
  if (!/url\(|!\[/i.test(text)) return []
  const keyAt = topLevelKeys(text)
  const css = cssReferences(text, 0, { comments: false }).filter((ref) => URL_KEYS.includes(keyAt(ref.start) ?? ''))
  const images = inlineImageReferences(text).filter((ref) => MARKDOWN_KEYS.includes(keyAt(ref.start) ?? ''))
  return [...css, ...images].sort((a, b) => a.start - b.start)
}

/** For an offset in YAML, the top-level key whose value it is in. */
function topLevelKeys(yaml: string): (offset: number) => string | undefined {
  const keys: Array<{ at: number; key: string }> = []
  for (const match of yaml.matchAll(/^([^\s#:][^:\n]*?)\s*:/gm)) keys.push({ at: match.index, key: match[1].replace(/^["']|["']$/g, '') })
  return (offset) => {
    let found: string | undefined
    for (const k of keys) {
      if (k.at > offset) break
      found = k.key
    }
    return found
  }
}

function insideProject(file: string, root: string): boolean {
  const relative = path.relative(root, file)
  return !relative.startsWith('..') && !path.isAbsolute(relative)
}

/** A lesson's references as written: its body's and its front matter's (placed in the lesson file). */
export interface WrittenReferences {
  body: Reference[]
  frontMatter: Array<{ ref: Reference; place: Place }>
}
export type ReadReferences = (source: LessonSource) => WrittenReferences

/** Reads each lesson's references once, for one build (the rebuild keys and the checks share them). */
export function readReferences(): ReadReferences {
  const read = new Map<string, WrittenReferences>()
  return (source) => {
    let written = read.get(source.file)
    if (!written) read.set(source.file, (written = { body: markdownReferences(source.body), frontMatter: frontMatterReferences(source) }))
    return written
  }
}

/**
 * The files the project's lessons and themes name, for the rebuild keys
 * (output/rebuild-cache.ts): every file a reference names, and for a path
 * made of template values, every file of the folder it is in.
 */
export function assetInputs(project: Project, read: ReadReferences = readReferences()): AssetInputs {
  const byLesson = new Map<string, string[]>()
  return {
    lesson(source) {
      let files = byLesson.get(source.file)
      if (!files) {
        const written = read(source)
        byLesson.set(source.file, (files = inputsOf([...written.body, ...written.frontMatter.map(({ ref }) => ref)], source.file, project.root)))
      }
      return files
    },
    themes: themeInputs(project.themes, project.root),
  }
}

/** The files the url()s of the project's own themes name. */
export function themeInputs(themes: ThemeFile[], root: string): string[] {
  return themes.filter((t) => insideProject(t.file, root)).flatMap((t) => inputsOf(cssReferences(t.css), t.file, root))
}

function inputsOf(refs: Reference[], file: string, root: string): string[] {
  const found = new Set<string>()
  for (const ref of refs) {
    const resolution = resolveReference(ref.url, file, root)
    if (resolution.kind === 'file') found.add(resolution.file)
    if (resolution.kind === 'templated') {
      const fixed = ref.url.slice(0, ref.url.indexOf('{{')).replace(/[^/]*$/, '')
      const folder = path.resolve(path.dirname(file), fixed || '.')
      if (!insideProject(folder, root)) continue
      try {
        for (const entry of readdirSync(realpathSync(folder), { withFileTypes: true })) if (entry.isFile()) found.add(path.join(folder, entry.name))
      } catch {
        // No such folder: the build reports the path.
      }
    }
  }
  return [...found].sort()
}
