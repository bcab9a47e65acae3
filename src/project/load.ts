// Stage "load + validate": read a project folder into typed, validated data.
// Every problem in every file is collected; the build goes on only when the
// project holds no errors.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { resolveClient, resolveWorkshop, type Cascaded, type ClientData, type WorkshopData } from './cascade.js'
import type { Place, Reporter } from '../diagnostics/reporter.js'
import { readLesson, type LessonSource } from './lesson-source.js'
import { validateAgainst } from './validate.js'
import { CLIENT_ID, RESERVED_CLIENT_IDS } from './schema.js'
import { closest } from '../diagnostics/did-you-mean.js'
import { parseYaml, type YamlSource } from './yaml-source.js'
import { readText } from './read-text.js'
import { packageRoot } from './package-root.js'

export interface ClientEntry {
  id: string
  file: string
  data: ClientData
  /** Lesson ids for this client, in order. */
  lessons: string[]
  /** Absolute path of the logo, already checked to exist inside the project. */
  logoFile: string | null
  /** Where a value of `data` was set (the client file or workshop.yml), for problems found later about that value. */
  origin: Cascaded<ClientData>['origin']
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
  lessons: Map<string, LessonSource>
  themes: ThemeFile[]
}

export { packageRoot }

/** Reads one lesson's text (readLesson); the dev server passes one that keeps the lessons that did not change. */
export type LessonReader = (id: string, file: string, text: string, reporter: Reporter) => LessonSource | undefined

export function loadProject(root: string, reporter: Reporter, read: LessonReader = readLesson): Project | undefined {
  const content = path.join(root, 'content')
  const workshopFile = path.join(content, 'workshop.yml')
  const workshopSource = readYamlFile(workshopFile, reporter)
  let workshop: WorkshopData | undefined
  if (workshopSource) {
    if (validateAgainst('workshop', workshopSource, reporter)) workshop = resolveWorkshop(workshopSource.data as Record<string, unknown>)
  }

  const lessonFiles = listFiles(path.join(content, 'lessons'), /\.md$/)
  const lessons = loadLessons(lessonFiles, reporter, read)
  // Ids of every lesson file, including ones with errors (reported already).
  const lessonIds = new Set(lessonFiles.map((f) => path.basename(f, '.md')))
  if (workshop && workshopSource) checkLessonList(workshop.lessons, ['lessons'], workshopSource, lessonIds, reporter, true)

  const clients: ClientEntry[] = []
  const clientsDir = path.join(content, 'clients')
  const clientFiles = listFiles(clientsDir, /\.ya?ml$/)
  if (clientFiles.length === 0) {
    reporter.report('no-clients', { folder: path.relative(root, clientsDir) || 'content/clients' }, { file: workshopFile })
  }
  // acme.yml and acme.yaml would both be client "acme": each names the other, and neither is built.
  for (const file of clientFiles) {
    const twins = clientFiles.filter((other) => other !== file && clientIdOf(other) === clientIdOf(file))
    if (twins.length) {
      reporter.report('duplicate-client', { id: clientIdOf(file), other: path.relative(root, twins[0]) }, { file })
      continue
    }
    const client = loadClient(root, file, workshop, workshopSource, lessons, lessonIds, reporter)
    if (client) clients.push(client)
  }

  const themes = loadThemes(root, reporter)
  checkLessonThemes(lessons, themes, reporter)
  if (!workshop) return undefined
  return { root, workshopFile, workshop, clients, lessons, themes }
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

function loadLessons(files: string[], reporter: Reporter, read: LessonReader): Map<string, LessonSource> {
  const lessons = new Map<string, LessonSource>()
  for (const file of files) {
    const id = path.basename(file, '.md')
    const text = readText(file, reporter)
    const lesson = text === undefined ? undefined : read(id, file, text, reporter)
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
  const valid = validateAgainst('client', source, reporter)
  const raw = source.data as Record<string, unknown>
  const session = raw.session as { date?: unknown } | undefined
  if (typeof session?.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(session.date) && !isRealDate(session.date)) {
    reporter.report('bad-date', { field: 'session.date', value: session.date, notADay: true }, { file, ...source.locate(['session', 'date']) })
    return undefined
  }
  if (!valid || !workshop) return undefined

  const { data, origin } = resolveClient(id, workshop, workshopSource, source)
  const logoFile = checkLogo(root, data.brand.logo, origin(['brand', 'logo']), reporter)
  if (logoFile === false) return undefined

  let ids: string[]
  if (data.lessons) {
    if (!checkLessonList(data.lessons, ['lessons'], source, lessonIds, reporter, true)) return undefined
    ids = data.lessons
  } else {
    // From the workshop's list, lessons limited to some profiles are left out.
    ids = workshop.lessons.filter((lessonId) => {
      const lesson = lessons.get(lessonId)
      if (!lesson) return false
      const { models, sizes } = lesson.data
      return (!models || models.includes(data.model)) && (!sizes || sizes.includes(data.size))
    })
  }
  return { id, file, data, lessons: ids, logoFile, origin }
}

/** A client's id: its file name without ".yml" or ".yaml". */
const clientIdOf = (file: string) => path.basename(file).replace(/\.ya?ml$/, '')


function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

const LOGO_TYPES = /\.(svg|png|jpe?g|gif|webp)$/i

/**
 * Absolute logo path, null for no logo, false when the logo is unusable
 * (reported). `at` is where the logo was set (the client file, or the
 * workshop's defaults): the path is relative to that file.
 */
function checkLogo(root: string, logo: string | null, at: Place | undefined, reporter: Reporter): string | null | false {
  if (!logo) return null
  if (!at?.file) return false
  const resolved = path.resolve(path.dirname(at.file), logo)
  const rootReal = realpathSync(root)
  const inside = (p: string) => p === rootReal || p.startsWith(rootReal + path.sep)
  if (!inside(path.resolve(rootReal, path.relative(root, resolved)))) {
    reporter.report('logo-outside-project', { logo }, at)
    return false
  }
  if (!existsSync(resolved) || !statSync(resolved).isFile()) {
    reporter.report('missing-logo', { logo, lookedFor: path.relative(root, resolved) }, at)
    return false
  }
  // Symbolic links must not lead out of the project either.
  if (!inside(realpathSync(resolved))) {
    reporter.report('logo-outside-project', { logo, throughLink: true }, at)
    return false
  }
  if (!LOGO_TYPES.test(resolved)) {
    reporter.report('bad-logo', { logo }, at)
    return false
  }
  return resolved
}

/** Marp's own themes, always there. */
const BUILT_IN_THEMES = ['default', 'gaia', 'uncover']

/** A lesson's "theme:" that names no theme would quietly fall back to Marp's default: it is said. */
function checkLessonThemes(lessons: Map<string, LessonSource>, themes: ThemeFile[], reporter: Reporter): void {
  const known = [...BUILT_IN_THEMES, ...themes.map((theme) => theme.name)]
  for (const lesson of lessons.values()) {
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
