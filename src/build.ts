// The library entry point: build(options) runs load -> validate -> template
// -> parse -> compose -> render -> export -> write and returns what it wrote
// and every diagnostic. The CLI is a thin shell over this.
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { agendaFor, brandCss, brandSlideCss, composeLessonDeck, composeWorkshopDeck, type AgendaItem } from './compose.js'
import type { ClientData, WorkshopData } from './cascade.js'
import { findChromium, INSTALL_HINT } from './browser.js'
import { diagnostic, type Diagnostic, DiagnosticBag, positionAt } from './diagnostics.js'
import { printPages, type PrintPage, type SlideRange } from './print.js'
import { labelsFor } from './labels.js'
import { untagLines } from './line-map.js'
import { buildLessonModel, type LessonModel } from './lesson.js'
import type { LessonSource } from './lesson-source.js'
import { loadProject, type ClientEntry, type Project } from './load.js'
import { DeckRenderer, type RenderedDeck } from './render-marp.js'
import { clientSchema, workshopSchema } from './schema.js'
import { compileTemplate, formatDate, lessonHelpers, type CompiledTemplate, type Shape } from './template.js'
import { resolveTemplateFile, safe, scriptJson, templateFiles, Views } from './views.js'
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
  /**
   * What to write. Default: HTML, plus PDF when a Chromium is found (else
   * PDFs are skipped with a warning). Asking for "pdf" without a browser is
   * a usage error.
   */
  formats?: OutputFormat[]
  /**
   * Load every deck in the browser and report overflowing slides and answer
   * boxes split across pages (warnings). Default: on for "check" and for
   * builds that print; off for HTML-only builds.
   */
  inspect?: boolean
  /** Warnings count as errors (nothing is written). */
  strict?: boolean
  /** Longest a page may take to load and print. Default 60 s. */
  timeoutMs?: number
  /** Stops the build (the browser is closed, nothing is written). */
  signal?: AbortSignal
  /** Environment to find Chromium in (CHROME_PATH); default process.env. */
  env?: NodeJS.ProcessEnv
}

export type OutputFormat = 'html' | 'pdf'
export const OUTPUT_FORMATS: OutputFormat[] = ['html', 'pdf']

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
  // The browser is looked for before any work, so a missing one fails fast.
  const writing = options.write !== false
  const chromium = findChromium(options.env)
  const wantPdf = writing && (options.formats ? options.formats.includes('pdf') : chromium.path !== undefined)
  if (writing && options.formats?.includes('pdf') && !chromium.path) {
    throw new UsageError(`PDF output needs Chromium, and ${chromium.reason}. ${INSTALL_HINT}`)
  }
  const inspect = options.inspect ?? (!writing || wantPdf)

  const files: OutputFile[] = []
  const printPlan: PrintPage[] = []
  for (const client of selected) {
    const built = buildClient(client, project, lessonTemplates, views, renderer, root, pending)
    files.push(...built.files)
    printPlan.push(...built.print)
    bag.addAll(pending.splice(0))
  }
  files.push(...renderIndex(project, out, selected, views, pending))
  bag.addAll(pending.splice(0))
  if (bag.hasErrors) return fail()

  if ((wantPdf || inspect) && chromium.path) {
    const printed = await printPages(new Map(files.map((f) => [f.path, f.content])), printPlan, {
      chromium: chromium.path,
      pdf: wantPdf,
      inspect,
      timeoutMs: options.timeoutMs ?? 60_000,
      signal: options.signal,
      locate: locateInFiles,
    })
    bag.addAll(printed.diagnostics)
    files.push(...printed.pdfs)
  } else if (writing && !options.formats) {
    bag.add(diagnostic('no-browser', `PDFs were skipped: ${chromium.reason}; the HTML kit is complete`, {}, 'warning'))
  } else if (inspect) {
    bag.add(diagnostic('no-browser', `slides were not checked for overflow: ${chromium.reason}`, {}, 'warning'))
  }
  if (options.strict) bag.promoteWarnings()
  if (bag.hasErrors) return fail()

  if (options.signal?.aborted) throw new Error('the build was stopped')
  const written = options.formats && !options.formats.includes('html') ? files.filter((f) => !f.path.endsWith('.html')) : files
  if (writing) writeOutputs(out, written, selected.map((c) => c.id), !options.clients?.length)
  return {
    ok: true,
    out,
    clients: selected.map((c) => c.id),
    outputs: written.map((f) => f.path),
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
      tagLines: true,
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
  root: string,
  diagnostics: Diagnostic[],
): { files: OutputFile[]; print: PrintPage[] } {
  const client = entry.data
  const workshop = project.workshop
  const labels = labelsFor(client.language)

  const lessons: LessonModel[] = []
  for (const id of entry.lessons) {
    const source = project.lessons.get(id)!
    const template = lessonTemplates.get(id)
    if (!template) continue
    const tagged = template.render({ client, workshop, lesson: lessonContext(source) }, (d) => diagnostics.push(d))
    if (tagged === undefined) continue
    const { text, sourceLines } = untagLines(tagged)
    lessons.push(buildLessonModel(source, text, labels, sourceLines))
  }
  if (lessons.length !== entry.lessons.length) return { files: [], print: [] }

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
    agendaSlides: agendaSlides(agenda, labels.agenda),
    end: agenda.length ? agenda[agenda.length - 1].end : client.session.start,
  }

  const opening = views.render('opening', common, diagnostics) ?? ''
  const closing = views.render('closing', common, diagnostics) ?? ''
  const deckMarkdown = composeWorkshopDeck({ client, workshop, lessons, opening, closing })
  // Rendered without the brand, which the page sets: every client shares one compiled theme.
  const deck = renderer.render(composeWorkshopDeck({ client, workshop, lessons, opening, closing, brand: false }))
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
        brandSlideCss: safe(brandSlideCss(client)),
        slides: safe(rendered.html),
        notes: scriptJson(rendered.notes),
        slideWidth: rendered.size.width,
        slideHeight: rendered.size.height,
        viewerCss: views.asset('viewerCss'),
        viewerJs: views.asset('viewerJs'),
      },
      diagnostics,
    )

  add('deck.md', deckMarkdown)
  add('deck.html', deckPage(deck, `${workshop.title} · ${client.name}`))

  const meta = (kind?: string, subject?: string) => ({
    title: [kind, workshop.title, client.name].filter(Boolean).join(' · '),
    author: client.session.trainer ?? undefined,
    subject: subject ?? workshop.subtitle ?? undefined,
    language: client.language,
    keywords: [client.name, workshop.title],
  })
  const lessonFiles = lessons.map((l) => l.file)
  const themeFiles = project.themes.map((t) => t.file)
  const print: PrintPage[] = []
  const deckRanges: SlideRange[] = []
  const openingFile = resolveTemplateFile(root, templateFiles.opening)
  let next = 0
  const addRange = (range: Omit<SlideRange, 'first'>) => {
    deckRanges.push({ ...range, first: next })
    next += range.count
  }
  addRange({ file: openingFile, slideLines: [], count: renderer.countSlides(opening) })

  const lessonViews = lessons.map((lesson, index) => {
    const rendered = renderer.render(composeLessonDeck(lesson))
    const count = rendered.titles.length
    const lessonPage = `${client.id}/lessons/${lesson.id}.html`
    add(`lessons/${lesson.id}.html`, deckPage(rendered, `${lesson.title} · ${client.name}`))
    addRange({ file: lesson.file, outlineTitle: `${index + 1}. ${lesson.title}`, slideLines: lesson.slideLines, count })
    print.push({
      kind: 'deck',
      page: lessonPage,
      ranges: [{ file: lesson.file, outlineTitle: lesson.title, first: 0, slideLines: lesson.slideLines, count }],
      slideTitles: rendered.titles,
      slideSize: rendered.size,
      meta: meta(lesson.title, workshop.title),
      sources: [lesson.file, ...themeFiles],
      owner: lesson.file,
    })
    return lessonView(lesson, index, agenda[index], rendered)
  })
  addRange({ file: resolveTemplateFile(root, templateFiles.closing), slideLines: [], count: deck.titles.length - next })
  print.unshift({
    kind: 'deck',
    page: `${client.id}/deck.html`,
    ranges: deckRanges,
    slideTitles: deck.titles,
    slideSize: deck.size,
    meta: meta(),
    sources: [...lessonFiles, openingFile, ...themeFiles],
  })

  const pageContext = { ...common, lessons: lessonViews }
  add('worksheet.html', views.render('worksheet', pageContext, diagnostics))
  add('guide.html', views.render('guide', pageContext, diagnostics))
  add('index.html', views.render('clientIndex', pageContext, diagnostics))

  const answers = new Map<string, { file: string; line: number; label: string }>()
  lessonViews.forEach((view, i) => {
    for (const exercise of view.exercises) {
      for (const part of exercise.parts) {
        if (part.answer) answers.set(part.answer.id, { file: lessons[i].file, line: part.answer.line, label: `the answer box of exercise ${exercise.number} ("${exercise.title}")` })
      }
    }
  })
  print.push({ kind: 'worksheet', page: `${client.id}/worksheet.html`, meta: meta(labels.worksheet), answers, sources: lessonFiles })
  print.push({ kind: 'guide', page: `${client.id}/guide.html`, meta: meta(labels.guide), answers: new Map(), sources: lessonFiles })
  return { files, print }
}

/** Rows the agenda slide holds before it continues on the next one. */
const AGENDA_ROWS_PER_SLIDE = 8

/** The agenda cut into slides that fit: "Agenda", or "Agenda (1/2)", "Agenda (2/2)". */
function agendaSlides(agenda: AgendaItem[], label: string) {
  const count = Math.max(1, Math.ceil(agenda.length / AGENDA_ROWS_PER_SLIDE))
  return Array.from({ length: count }, (_, i) => ({
    heading: count > 1 ? `${label} (${i + 1}/${count})` : label,
    items: agenda.slice(i * AGENDA_ROWS_PER_SLIDE, (i + 1) * AGENDA_ROWS_PER_SLIDE),
  }))
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
      parts: exercise.parts.map((part, p) =>
        part.kind === 'text'
          ? { html: safe(part.html), answer: null }
          : { html: null, answer: { lines: part.lines, line: part.line, id: `answer-${lesson.id}-${i + 1}-${p + 1}` } },
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

/** Where a URL a page asked for is written in the author's files (first match). */
function locateInFiles(url: string, files: string[]): { file: string; line: number; column: number } | undefined {
  const spellings = [url, safeDecode(url), url.replace(/^[a-z]+:\/\//, '')]
  for (const file of files) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      continue
    }
    for (const spelling of spellings) {
      const at = text.indexOf(spelling)
      if (at >= 0) return { file, ...positionAt(text, at) }
    }
  }
  return undefined
}

function safeDecode(url: string): string {
  try {
    return decodeURI(url)
  } catch {
    return url
  }
}

function dataUri(file: string): string {
  return `data:${MIME[path.extname(file).toLowerCase()]};base64,${readFileSync(file).toString('base64')}`
}

export type { WorkshopData }
