// The library entry point: build(options) runs load -> validate -> template
// -> parse -> compose -> render -> export -> write and returns what it wrote
// and every diagnostic. The CLI is a thin shell over this.
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { agendaFor, brandCss, composeLessonDeck, composeWorkshopDeck, type AgendaItem } from './compose.js'
import type { ClientData, WorkshopData } from './cascade.js'
import { type Diagnostic, DiagnosticBag } from './diagnostics.js'
import { labelsFor } from './labels.js'
import { buildLessonModel, type LessonModel } from './lesson.js'
import type { LessonSource } from './lesson-source.js'
import { loadProject, type ClientEntry, type Project } from './load.js'
import { DeckRenderer, type RenderedDeck } from './render-marp.js'
import { clientSchema, workshopSchema } from './schema.js'
import { compileTemplate, formatDate, lessonHelpers, type CompiledTemplate, type Shape } from './template.js'
import { safe, scriptJson, Views } from './views.js'
import { writeOutputs, type OutputFile } from './write.js'

export interface BuildOptions {
  /** Project folder holding content/ (and optionally templates/). */
  root: string
  /** Output folder; default <root>/dist. */
  out?: string
  /** Build only these client ids; default all. */
  clients?: string[]
  /** false: validate and render everything, write nothing (the "check" command). */
  write?: boolean
}

export interface BuildResult {
  ok: boolean
  out: string
  /** Clients built, in order. */
  clients: string[]
  /** Files written (or that would be), relative to `out`. */
  outputs: string[]
  diagnostics: Diagnostic[]
}

/** A mistake in how the build was asked for, not in the content (exit code 2). */
export class UsageError extends Error {}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root)
  const out = path.resolve(options.out ?? path.join(root, 'dist'))
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`project folder not found: ${root}`)
  if (!existsSync(path.join(root, 'content'))) {
    throw new UsageError(`no content/ folder in ${root}: pass --root pointing at a workshop-kit project`)
  }
  const bag = new DiagnosticBag()
  const fail = (): BuildResult => ({ ok: false, out, clients: [], outputs: [], diagnostics: bag.list() })

  const project = loadProject(root, bag)
  if (project && options.clients?.length) {
    const known = project.clients.map((c) => c.id)
    const unknown = options.clients.filter((id) => !known.includes(id) && !existsSync(path.join(root, 'content', 'clients', `${id}.yml`)))
    if (unknown.length) {
      throw new UsageError(`unknown client ${unknown.map((id) => `"${id}"`).join(', ')} (clients: ${known.join(', ') || 'none'})`)
    }
  }
  if (!project) return fail()
  // Lessons are checked even when a client file has errors: one run reports all.
  const lessonTemplates = compileLessons(project, bag)
  if (bag.hasErrors) return fail()

  const pending: Diagnostic[] = []
  const views = new Views(root, pending)
  const renderer = new DeckRenderer(project.themes, pending)
  bag.addAll(pending.splice(0))
  if (bag.hasErrors) return fail()

  const selected = options.clients?.length
    ? project.clients.filter((c) => options.clients!.includes(c.id))
    : project.clients
  const files: OutputFile[] = []
  for (const client of selected) {
    files.push(...buildClient(client, project, lessonTemplates, views, renderer, pending))
    bag.addAll(pending.splice(0))
  }
  files.push(...renderIndex(project, out, selected, views, pending))
  bag.addAll(pending.splice(0))
  if (bag.hasErrors) return fail()

  if (options.write !== false) writeOutputs(out, files, selected.map((c) => c.id), !options.clients?.length)
  return {
    ok: true,
    out,
    clients: selected.map((c) => c.id),
    outputs: files.map((f) => f.path),
    diagnostics: bag.list(),
  }
}

/** Validates everything a build would, renders in memory, writes nothing. */
export function check(options: Omit<BuildOptions, 'write'>): Promise<BuildResult> {
  return build({ ...options, write: false })
}

/** Names a lesson may use: the client and workshop fields, and its own front matter. */
function shapeOf(schema: { properties?: Record<string, unknown> }): Shape {
  const shape: Shape = {}
  for (const [key, value] of Object.entries(schema.properties ?? {})) {
    const p = value as { properties?: Record<string, unknown>; type?: unknown }
    shape[key] = p.properties ? shapeOf(p) : p.type === 'array' || p.type === 'object' ? 'any' : true
  }
  return shape
}

const clientShape: Shape = { ...shapeOf(clientSchema), id: true }
const workshopShape: Shape = { ...shapeOf(workshopSchema), defaults: 'any' }

function lessonContext(source: LessonSource) {
  return {
    ...source.data,
    id: source.id,
    title: source.data.title ?? source.id,
    duration: source.data.duration ?? null,
    objectives: source.data.objectives ?? [],
  }
}

function compileLessons(project: Project, bag: DiagnosticBag): Map<string, CompiledTemplate> {
  const compiled = new Map<string, CompiledTemplate>()
  for (const [id, source] of project.lessons) {
    const lessonShape: Shape = {}
    for (const key of Object.keys(lessonContext(source))) lessonShape[key] = 'any'
    const { template, diagnostics } = compileTemplate({
      text: source.body,
      file: source.file,
      lineOffset: source.bodyLineOffset,
      literalRanges: source.literalRanges,
      shape: { client: clientShape, workshop: workshopShape, lesson: lessonShape },
      helpers: lessonHelpers,
      allowRaw: false,
    })
    bag.addAll(diagnostics)
    if (template) compiled.set(id, template)
  }
  return compiled
}

function buildClient(
  entry: ClientEntry,
  project: Project,
  lessonTemplates: Map<string, CompiledTemplate>,
  views: Views,
  renderer: DeckRenderer,
  diagnostics: Diagnostic[],
): OutputFile[] {
  const client = entry.data
  const workshop = project.workshop
  const labels = labelsFor(client.language)

  const lessons: LessonModel[] = []
  for (const id of entry.lessons) {
    const source = project.lessons.get(id)!
    const template = lessonTemplates.get(id)
    if (!template) continue
    const body = template.render({ client, workshop, lesson: lessonContext(source) }, (d) => diagnostics.push(d))
    if (body !== undefined) lessons.push(buildLessonModel(source, body, labels))
  }
  if (lessons.length !== entry.lessons.length) return []

  const agenda = agendaFor(client, lessons)
  const logo = entry.logoFile ? dataUri(entry.logoFile) : null
  const common = {
    lang: client.language,
    labels,
    client,
    workshop,
    logo: logo ? safe(logo) : null,
    sessionDate: formatDate(client.session.date, client.language),
    brandStyle: safe(brandPageCss(client)),
    pageCss: views.asset('pageCss'),
    agenda,
    end: agenda.length ? agenda[agenda.length - 1].end : client.session.start,
  }

  const opening = views.render('opening', common, diagnostics) ?? ''
  const closing = views.render('closing', common, diagnostics) ?? ''
  const deckMarkdown = composeWorkshopDeck({ client, workshop, lessons, opening, closing })
  renderer.useBrand(brandCss(client))
  const deck = renderer.render(deckMarkdown)
  const files: OutputFile[] = []
  const add = (file: string, content: string | undefined) => {
    if (content !== undefined) files.push({ path: `${client.id}/${file}`, content })
  }
  const deckPage = (rendered: RenderedDeck, title: string) =>
    views.render(
      'deck',
      {
        ...common,
        title,
        marpCss: safe(rendered.css),
        slides: safe(rendered.html),
        notes: scriptJson(rendered.notes),
        viewerCss: views.asset('viewerCss'),
        viewerJs: views.asset('viewerJs'),
      },
      diagnostics,
    )

  add('deck.md', deckMarkdown)
  add('deck.html', deckPage(deck, `${workshop.title} · ${client.name}`))

  const lessonViews = lessons.map((lesson, index) => {
    const rendered = renderer.render(composeLessonDeck(lesson))
    add(`lessons/${lesson.id}.html`, deckPage(rendered, `${lesson.title} · ${client.name}`))
    return lessonView(lesson, index, agenda[index], rendered)
  })

  const pageContext = { ...common, lessons: lessonViews }
  add('worksheet.html', views.render('worksheet', pageContext, diagnostics))
  add('guide.html', views.render('guide', pageContext, diagnostics))
  add('index.html', views.render('clientIndex', pageContext, diagnostics))
  return files
}

/** What the worksheet, the guide and the client index show of one lesson. */
function lessonView(lesson: LessonModel, index: number, time: AgendaItem, rendered: RenderedDeck) {
  return {
    id: lesson.id,
    number: index + 1,
    title: lesson.title,
    duration: lesson.duration,
    durationEstimated: lesson.durationEstimated,
    start: time.start,
    end: time.end,
    objectives: lesson.objectives,
    exercises: lesson.exercises.map((exercise, i) => ({
      number: `${index + 1}.${i + 1}`,
      title: exercise.title,
      minutes: exercise.minutes,
      parts: exercise.parts.map((part) =>
        part.kind === 'text' ? { html: safe(part.html), answer: null } : { html: null, answer: { lines: part.lines } },
      ),
      solution: exercise.solutionHtml === null ? null : safe(exercise.solutionHtml),
    })),
    keyIdeas: lesson.keyIdeasHtml.map(safe),
    facilitator: lesson.facilitatorHtml.map(safe),
    slides: rendered.titles.map((title, i) => ({
      number: i + 1,
      title,
      notes: rendered.notes[i].filter((note) => !lesson.kitNotes.has(note.trim())),
    })),
  }
}

function renderIndex(project: Project, out: string, built: ClientEntry[], views: Views, diagnostics: Diagnostic[]): OutputFile[] {
  const builtIds = new Set(built.map((c) => c.id))
  // Clients built now, and clients built earlier whose kit is still there.
  const listed = project.clients.filter((c) => builtIds.has(c.id) || existsSync(path.join(out, c.id, 'index.html')))
  const html = views.render(
    'index',
    {
      lang: project.clients[0]?.data.language ?? 'es',
      labels: labelsFor(project.clients[0]?.data.language ?? 'es'),
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
    diagnostics,
  )
  return html === undefined ? [] : [{ path: 'index.html', content: html }]
}

/** Brand colours and font for the HTML pages (worksheet, guide, indexes). */
function brandPageCss(client: ClientData): string {
  return brandCss(client).replace(/^section/, ':root')
}

const MIME: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
}

function dataUri(file: string): string {
  return `data:${MIME[path.extname(file).toLowerCase()]};base64,${readFileSync(file).toString('base64')}`
}

export type { WorkshopData }
