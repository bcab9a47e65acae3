// Stage "load + validate": read a project folder into typed, validated data.
// Every problem in every file is collected; the build goes on only when the
// project holds no errors.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { resolveClient, resolveWorkshop, type Cascaded, type ClientData, type WorkshopData } from './cascade.js'
import type { Place, Reporter } from '../diagnostics/reporter.js'
import { readLesson, type LessonSource } from './lesson-source.js'
import { validateAgainst } from './validate.js'
import { CLIENT_ID, RESERVED_CLIENT_IDS } from './schema.js'
import { closest } from '../diagnostics/did-you-mean.js'
import { parseYaml, type YamlSource } from './yaml-source.js'
import { projectFileAt } from './project-file.js'
import { readText } from './read-text.js'
import { packageRoot } from './package-root.js'
import { checkFonts, type FontFile } from './fonts.js'
import { lessonApplies } from './lesson-filters.js'
import { checkClientVars, checkLessonConditions, checkVarDeclarations, isRealDate } from './vars.js'
import { canonicalTag, describeTag, pickLanguage, versionTag } from './language.js'
import { LabelBook, type LabelRequest } from '../lesson/labels.js'

export interface ClientEntry {
  id: string
  file: string
  data: ClientData
  /** Lesson ids for this client, in order. */
  lessons: string[]
  /** Absolute path of the logo, already checked to exist inside the project. */
  logoFile: string | null
  /** The brand's font files, checked, to embed in the client's pages and slides. */
  fonts: FontFile[]
  /** Where a value of `data` was set (the client file or workshop.yml), for problems found later about that value. */
  origin: Cascaded<ClientData>['origin']
  /** The language versions this client reads (03-plan.en.md for lesson 03-plan), by lesson id; other lessons are read from their base file. */
  versions: Map<string, LessonSource>
}

export interface ThemeFile {
  name: string
  file: string
  css: string
}

export interface Project {
  root: string
  workshopFile: string
  workshop: WorkshopData
  clients: ClientEntry[]
  /** Lessons by id, as their base files (<id>.md) give them, in the workshop's language. */
  lessons: Map<string, LessonSource>
  /** Language versions of lessons (<id>.<language>.md): by lesson id, then canonical language tag. */
  lessonVersions: Map<string, Map<string, LessonSource>>
  themes: ThemeFile[]
  /** The kit's own words in each language (label files), read once. */
  labels: LabelBook
}

// The lesson files of a project and which one a client reads (lesson-files.ts: no heavy imports, for the rebuild check).
export { allLessonSources, lessonSourceFor } from './lesson-files.js'
import { allLessonSources } from './lesson-files.js'

export { packageRoot }

/** Reads one lesson's text, written in `language` (readLessonIn); the dev server passes one that keeps the lessons that did not change. */
export type LessonReader = (id: string, file: string, text: string, language: string, reporter: Reporter) => LessonSource | undefined

/** A lesson file's source, with the language it is written in. */
export const readLessonIn: LessonReader = (id, file, text, language, reporter) => {
  const lesson = readLesson(id, file, text, reporter)
  return lesson && { ...lesson, language }
}

export function loadProject(root: string, reporter: Reporter, read: LessonReader = readLessonIn): Project | undefined {
  const content = path.join(root, 'content')
  const workshopFile = path.join(content, 'workshop.yml')
  const workshopSource = readYamlFile(workshopFile, reporter)
  let workshop: WorkshopData | undefined
  if (workshopSource) {
    const languagesOk = checkLanguage(workshopSource, ['language'], reporter) && checkLanguage(workshopSource, ['defaults', 'language'], reporter)
    if (validateAgainst('workshop', workshopSource, reporter) && languagesOk) {
      workshop = resolveWorkshop(workshopSource.data as Record<string, unknown>)
      workshop.language = canonicalTag(workshop.language)!
      if (!checkVarDeclarations(workshop.vars, workshopSource, reporter)) workshop = undefined
    }
  }
  const baseLanguage = workshop?.language ?? 'es'

  const { baseFiles, versionFiles } = splitVersions(listFiles(path.join(content, 'lessons'), /\.md$/), reporter)
  const lessons = loadLessons(baseFiles, baseLanguage, reporter, read)
  const lessonVersions = new Map<string, Map<string, LessonSource>>()
  for (const { id, tag, file } of versionFiles) {
    if (tag === baseLanguage) {
      reporter.report('lesson-version-is-base', { name: path.basename(file), id, language: describeTag(tag) }, { file, line: 1, column: 1 })
      continue
    }
    const [version] = loadLessons([file], tag, reporter, read, id).values()
    if (!version) continue
    if (!lessonVersions.has(id)) lessonVersions.set(id, new Map())
    lessonVersions.get(id)!.set(tag, version)
  }
  // Filters on declared variables (`when:`), checked in every file that sets them.
  for (const lesson of allLessonSources({ lessons, lessonVersions })) {
    if (workshop && lesson.frontMatterSource) checkLessonConditions(workshop.vars, lesson.data.when, lesson.frontMatterSource, reporter)
  }
  // Ids of every lesson file, including ones with errors (reported already).
  const lessonIds = new Set(baseFiles.map((f) => path.basename(f, '.md')))
  if (workshop && workshopSource) checkLessonList(workshop.lessons, ['lessons'], workshopSource, lessonIds, reporter, true)
  if (workshop && workshopSource && !checkBreaks(workshopSource, lessonIds, reporter)) workshop = undefined

  const clients: ClientEntry[] = []
  const clientsDir = path.join(content, 'clients')
  const clientFiles = listFiles(clientsDir, /\.ya?ml$/)
  if (clientFiles.length === 0) {
    reporter.report('no-clients', { folder: path.relative(root, clientsDir) || 'content/clients' }, { file: workshopFile })
  }
  // Lessons missing in a client's language are said once per language, at the first client that reads one of them.
  const missingVersions = new Map<string, { at: Place; ids: string[] }>()
  // acme.yml and acme.yaml would both be client "acme": each names the other, and neither is built.
  for (const file of clientFiles) {
    const twins = clientFiles.filter((other) => other !== file && clientIdOf(other) === clientIdOf(file))
    if (twins.length) {
      reporter.report('duplicate-client', { id: clientIdOf(file), other: path.relative(root, twins[0]) }, { file })
      continue
    }
    const client = loadClient(root, file, workshop, workshopSource, lessons, lessonIds, reporter)
    if (client) {
      client.versions = chooseVersions(client, baseLanguage, lessonVersions, missingVersions)
      clients.push(client)
    }
  }

  for (const [language, { at, ids }] of missingVersions) {
    reporter.report('lesson-language-missing', { ids, tag: language, language: describeTag(language), used: describeTag(baseLanguage) }, at)
  }

  const themes = loadThemes(root, reporter)
  checkLessonThemes([...lessons.values(), ...[...lessonVersions.values()].flatMap((byTag) => [...byTag.values()])], themes, reporter)
  // Labels in every client's language, each asked where a client first sets it (the workshop's, for an index with no client).
  const labelRequests: LabelRequest[] = clients.length
    ? clients.map((c) => ({ language: c.data.language, at: c.origin(['language']) ?? { file: c.file } }))
    : [{ language: baseLanguage, at: { file: workshopFile, ...workshopSource?.locate(['language']) } }]
  const labels = new LabelBook(root, reporter, labelRequests)
  if (!workshop) return undefined
  return { root, workshopFile, workshop, clients, lessons, lessonVersions, themes, labels }
}

/** A language field, when the file sets one, must be a well-formed language tag; true when it is (or is not set). */
function checkLanguage(source: YamlSource, at: string[], reporter: Reporter): boolean {
  let value: unknown = source.data
  for (const key of at) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined
  if (typeof value !== 'string' || canonicalTag(value)) return true
  reporter.report('bad-language', { field: at.join('.'), value }, { file: source.file, ...source.locate(at) })
  return false
}

/**
 * Lesson files: base files (<id>.md) and language versions (<id>.<language>.md
 * beside an <id>.md). A file that looks like a version of a lesson that has
 * no base file is an error: its id would silently be "<id>.<language>".
 */
function splitVersions(files: string[], reporter: Reporter): { baseFiles: string[]; versionFiles: Array<{ id: string; tag: string; file: string }> } {
  const names = new Set(files.map((f) => path.basename(f)))
  const baseFiles: string[] = []
  const versionFiles: Array<{ id: string; tag: string; file: string }> = []
  for (const file of files) {
    const match = /^(.+)\.([^.]+)\.md$/.exec(path.basename(file))
    const tag = match ? versionTag(match[2]) : undefined
    if (!match || !tag) {
      baseFiles.push(file)
    } else if (names.has(`${match[1]}.md`)) {
      versionFiles.push({ id: match[1], tag, file })
    } else {
      reporter.report('lesson-version-without-base', { name: path.basename(file), id: match[1], tag }, { file, line: 1, column: 1 })
    }
  }
  return { baseFiles, versionFiles }
}

/**
 * The language versions a client reads: for each of its lessons, the version
 * that best serves its language (en-GB, else en), or the base file when that
 * is in the client's language. When neither is, the base file is read; the
 * lesson goes into `missing`, said once per language at the first client's
 * `language`.
 */
function chooseVersions(
  client: ClientEntry,
  baseLanguage: string,
  lessonVersions: Map<string, Map<string, LessonSource>>,
  missing: Map<string, { at: Place; ids: string[] }>,
): Map<string, LessonSource> {
  const chosen = new Map<string, LessonSource>()
  const language = client.data.language
  for (const id of client.lessons) {
    const versions = lessonVersions.get(id)
    const picked = pickLanguage(language, [baseLanguage, ...(versions?.keys() ?? [])])
    if (picked && picked !== baseLanguage) chosen.set(id, versions!.get(picked)!)
    if (picked) continue
    if (!missing.has(language)) missing.set(language, { at: client.origin(['language']) ?? { file: client.file }, ids: [] })
    const ids = missing.get(language)!.ids
    if (!ids.includes(id)) ids.push(id)
  }
  return chosen
}

function readYamlFile(file: string, reporter: Reporter): YamlSource | undefined {
  const text = readText(file, reporter)
  if (text === undefined) return undefined
  const source = parseYaml(text, file, reporter)
  if (source && (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data))) {
    reporter.report('schema-type', { mapping: 'file' }, { file })
    return undefined
  }
  return source
}

function listFiles(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => pattern.test(name) && !name.startsWith('.'))
    .sort()
    .map((name) => path.join(dir, name))
}

function loadLessons(files: string[], language: string, reporter: Reporter, read: LessonReader, versionOf?: string): Map<string, LessonSource> {
  const lessons = new Map<string, LessonSource>()
  for (const file of files) {
    const id = versionOf ?? path.basename(file, '.md')
    const text = readText(file, reporter)
    const lesson = text === undefined ? undefined : read(id, file, text, language, reporter)
    if (lesson?.frontMatterSource) validateAgainst('lesson', lesson.frontMatterSource, reporter)
    if (lesson) lessons.set(id, lesson)
  }
  return lessons
}

function checkLessonList(
  ids: readonly string[],
  at: Array<string | number>,
  source: YamlSource,
  lessonIds: Set<string>,
  reporter: Reporter,
  required: boolean,
): boolean {
  let ok = true
  if (required && ids.length === 0) {
    reporter.report('no-lessons', {}, { file: source.file, ...source.locate(at) })
    return false
  }
  const seen = new Set<string>()
  ids.forEach((id, index) => {
    const position = { file: source.file, ...source.locate([...at, index]) }
    if (!lessonIds.has(id)) {
      ok = false
      reporter.report('unknown-lesson', { id, known: [...lessonIds] }, position)
    } else if (seen.has(id)) {
      ok = false
      reporter.report('duplicate-lesson', { id }, position)
    }
    seen.add(id)
  })
  return ok
}

/**
 * The breaks written in one file (workshop.yml or a client file), already
 * valid against the schema: each placed one way (after a lesson or at a
 * time), after a lesson that exists. Said at the break.
 */
function checkBreaks(source: YamlSource, lessonIds: Set<string>, reporter: Reporter): boolean {
  const breaks = (source.data as { breaks?: unknown }).breaks
  if (!Array.isArray(breaks)) return true
  let ok = true
  breaks.forEach((item: { after?: string; at?: string }, index) => {
    if (item === null || typeof item !== 'object') return
    if ((item.after === undefined) === (item.at === undefined)) {
      ok = false
      const both = item.after !== undefined
      reporter.report('break-place', { index, both }, { file: source.file, ...source.locate(both ? ['breaks', index, 'at'] : ['breaks', index], both ? 'key' : 'value') })
    } else if (item.after !== undefined && !lessonIds.has(item.after)) {
      ok = false
      const known = [...lessonIds]
      reporter.report('unknown-break-lesson', { id: item.after, guess: closest(item.after, known), known }, { file: source.file, ...source.locate(['breaks', index, 'after']) })
    }
  })
  return ok
}

function loadClient(
  root: string,
  file: string,
  workshop: WorkshopData | undefined,
  workshopSource: YamlSource | undefined,
  lessons: Map<string, LessonSource>,
  lessonIds: Set<string>,
  reporter: Reporter,
): ClientEntry | undefined {
  const id = clientIdOf(file)
  if (!CLIENT_ID.test(id)) {
    reporter.report('bad-client-id', { id }, { file })
    return undefined
  }
  if (RESERVED_CLIENT_IDS.has(id)) {
    reporter.report('reserved-client-id', { id }, { file })
    return undefined
  }
  const source = readYamlFile(file, reporter)
  if (!source) return undefined
  const schemaValid = validateAgainst('client', source, reporter) && checkLanguage(source, ['language'], reporter)
  const valid = (!workshop || checkClientVars(workshop.vars, source, reporter)) && schemaValid
  const raw = source.data as Record<string, unknown>
  const session = raw.session as { date?: unknown } | undefined
  if (typeof session?.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(session.date) && !isRealDate(session.date)) {
    reporter.report('bad-date', { field: 'session.date', value: session.date, notADay: true }, { file, ...source.locate(['session', 'date']) })
    return undefined
  }
  if (!valid || !workshop || !checkBreaks(source, lessonIds, reporter)) return undefined

  const { data, origin } = resolveClient(id, workshop, workshopSource, source)
  // Checked where it was written: "en-gb" is "en-GB" from here on.
  data.language = canonicalTag(data.language) ?? workshop.language
  const logoFile = checkLogo(root, data.brand.logo, origin(['brand', 'logo']), reporter)
  if (logoFile === false) return undefined
  const fonts = checkFonts(root, data, origin, reporter)
  if (fonts === false) return undefined

  let ids: string[]
  if (data.lessons) {
    if (!checkLessonList(data.lessons, ['lessons'], source, lessonIds, reporter, true)) return undefined
    ids = data.lessons
  } else {
    // From the workshop's list, lessons limited to some profiles are left out.
    ids = workshop.lessons.filter((lessonId) => {
      const lesson = lessons.get(lessonId)
      return lesson !== undefined && lessonApplies(lesson.data, data)
    })
  }
  return { id, file, data, lessons: ids, logoFile, fonts, origin, versions: new Map() }
}

/** A client's id: its file name without ".yml" or ".yaml". */
const clientIdOf = (file: string) => path.basename(file).replace(/\.ya?ml$/, '')


const LOGO_TYPES = /\.(svg|png|jpe?g|gif|webp)$/i

/**
 * Absolute logo path, null for no logo, false when the logo is unusable
 * (reported). `at` is where the logo was set (the client file, or the
 * workshop's defaults): the path is relative to that file.
 */
function checkLogo(root: string, logo: string | null, at: Place | undefined, reporter: Reporter): string | null | false {
  if (!logo) return null
  if (!at?.file) return false
  const found = projectFileAt(root, logo, at.file)
  if (found.kind === 'outside') {
    reporter.report('logo-outside-project', { logo, ...(found.throughLink ? { throughLink: true } : {}) }, at)
    return false
  }
  if (found.kind === 'missing') {
    reporter.report('missing-logo', { logo, lookedFor: found.lookedFor }, at)
    return false
  }
  const resolved = found.file
  if (!LOGO_TYPES.test(resolved)) {
    reporter.report('bad-logo', { logo }, at)
    return false
  }
  return resolved
}

/** Marp's own themes, always there. */
const BUILT_IN_THEMES = ['default', 'gaia', 'uncover']

/** A lesson's "theme:" that names no theme would quietly fall back to Marp's default: it is said. */
function checkLessonThemes(lessons: LessonSource[], themes: ThemeFile[], reporter: Reporter): void {
  const known = [...BUILT_IN_THEMES, ...themes.map((theme) => theme.name)]
  for (const lesson of lessons) {
    const theme = lesson.data.theme
    if (typeof theme !== 'string' || known.includes(theme) || !lesson.frontMatterSource) continue
    reporter.report('unknown-theme', { theme, guess: closest(theme, known), known }, { file: lesson.file, ...lesson.frontMatterSource.locate(['theme']) })
  }
}

/** Theme CSS: the kit's own templates/themes, then the project's, which win by name. */
function loadThemes(root: string, reporter: Reporter): ThemeFile[] {
  const byName = new Map<string, ThemeFile>()
  const dirs = [path.join(packageRoot, 'templates', 'themes'), path.join(root, 'templates', 'themes')]
  for (const dir of [...new Set(dirs.map((d) => path.resolve(d)))]) {
    for (const file of listFiles(dir, /\.css$/)) {
      const css = readFileSync(file, 'utf8')
      const declared = /@theme\s+([\w-]+)/.exec(css)?.[1]
      const name = declared ?? path.basename(file, '.css')
      if (!/^[\w-]+$/.test(name)) {
        reporter.report('theme-error', { theme: path.basename(file) }, { file })
        continue
      }
      // A theme without "@theme" is named after its file, as marp-cli's --theme does.
      byName.set(name, { name, file, css: declared ? css : `/* @theme ${name} */\n${css}` })
    }
  }
  return [...byName.values()]
}
