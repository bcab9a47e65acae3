// Stage "client": everything one client's kit needs, in memory. Lessons are
// templated with the client's data, parsed, composed into decks, rendered
// with Marp and laid out as pages; the result is the files and the plan of
// what the print stage does with them. The main thread and the worker
// threads (workers.ts) run the same code, so a parallel build is the same
// bytes as a single-threaded one.
import { agendaFor, brandCss, brandSlideCss, composeLessonDeck, composeWorkshopDeck, type AgendaItem } from './compose.js'
import type { ClientData } from '../project/cascade.js'
import type { Diagnostic, DiagnosticBag } from '../diagnostics/diagnostics.js'
import { labelsFor, type Labels } from '../lesson/labels.js'
import { fillSlots, slotsAreOnlyValues, slotsReadAsWords } from '../template/slots.js'
import { untagLines } from '../template/line-tags.js'
import { buildLessonModel, type LessonModel } from '../lesson/model.js'
import type { LessonSource } from '../project/lesson-source.js'
import type { ClientEntry, Project } from '../project/load.js'
import type { DeckPage, PdfCut, PrintPage, SlideRange } from '../print/print-pages.js'
import { DeckRenderer, sliceRenderedDeck, type RenderedDeck } from './render-marp.js'
import { clientSchema, workshopSchema } from '../project/schema.js'
import { dataUri } from '../project/images.js'
import { compileTemplate, formatDate, lessonHelpers, type CompiledTemplate, type Shape } from '../template/compile.js'
import { resolveTemplateFile, safe, scriptJson, templateFiles, Views } from './views.js'
import type { OutputFile } from '../output/staging.js'

/** What building any client needs, prepared once per thread. */
export interface KitTools {
  project: Project
  lessonTemplates: Map<string, CompiledTemplate>
  views: Views
  renderer: DeckRenderer
}

/** Compiles the lessons and templates and sets up Marp; problems go to `bag`. */
export function prepareKit(project: Project, bag: DiagnosticBag): KitTools {
  const lessonTemplates = compileLessons(project, bag)
  const pending: Diagnostic[] = []
  const views = new Views(project.root, pending)
  const renderer = new DeckRenderer(project.themes, pending)
  bag.addAll(pending)
  return { project, lessonTemplates, views, renderer }
}

export interface ClientBuild {
  files: OutputFile[]
  print: PrintPage[]
  diagnostics: Diagnostic[]
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

export function lessonContext(source: LessonSource) {
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

export function buildClient(entry: ClientEntry, tools: KitTools): ClientBuild {
  const { project, lessonTemplates, views, renderer } = tools
  const root = project.root
  const diagnostics: Diagnostic[] = []
  const client = entry.data
  const workshop = project.workshop
  const labels = labelsFor(client.language)

  const lessons: LessonModel[] = []
  for (const id of entry.lessons) {
    const source = project.lessons.get(id)!
    const template = lessonTemplates.get(id)
    if (!template) continue
    const lesson = templatedLesson(source, template, { client, workshop, lesson: lessonContext(source) }, labels, (d) => diagnostics.push(d))
    if (lesson) lessons.push(lesson)
  }
  if (lessons.length !== entry.lessons.length) return { files: [], print: [], diagnostics }

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
  const openingCount = renderer.countSlides(opening)
  addRange({ file: openingFile, slideLines: [], count: openingCount })
  // A lesson that looks the same in the deck is taken from the deck's render
  // (and its PDF from the deck's PDF) rather than rendered again. That needs
  // the deck's slides to add up lesson by lesson, and no lesson's "style" in
  // the deck, where it reaches every lesson.
  const addsUp =
    openingCount + lessons.reduce((sum, lesson) => sum + lesson.slideLines.length, 0) + renderer.countSlides(closing) === deck.titles.length
  const styled = lessons.some((lesson) => lesson.frontMatter.style !== undefined || lesson.commentGlobals.style !== undefined)
  const fromDeck = (lesson: LessonModel) => addsUp && !styled && looksAsInWorkshopDeck(lesson)

  const cuts: PdfCut[] = []
  const lessonViews = lessons.map((lesson, index) => {
    const shared = fromDeck(lesson)
    const rendered = shared ? sliceRenderedDeck(deck, next, lesson.slideLines.length) : renderer.render(composeLessonDeck(lesson))
    const count = rendered.titles.length
    const lessonPage = `${client.id}/lessons/${lesson.id}.html`
    add(`lessons/${lesson.id}.html`, deckPage(rendered, `${lesson.title} · ${client.name}`))
    const first = next
    addRange({ file: lesson.file, outlineTitle: `${index + 1}. ${lesson.title}`, slideLines: lesson.slideLines, count })
    const ranges = [{ file: lesson.file, outlineTitle: lesson.title, first: 0, slideLines: lesson.slideLines, count }]
    const ownPage: DeckPage = {
      kind: 'deck',
      page: lessonPage,
      ranges,
      slideTitles: rendered.titles,
      slideSize: rendered.size,
      meta: meta(lesson.title, workshop.title),
      sources: [lesson.file, ...themeFiles],
      owner: lesson.file,
    }
    if (shared) {
      // Its slides are the deck's pages: measured and printed there, then cut out.
      cuts.push({ lesson: ownPage, first })
    } else {
      print.push(ownPage)
    }
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
    cuts,
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
  return { files, print, diagnostics }
}

/** Directives that change how a lesson's slides look in its own deck but not in the workshop deck. */
const OWN_LOOK = ['theme', 'style', 'size', 'math', 'lang']

/**
 * Whether the lesson's own deck shows its slides as the workshop deck does
 * (same theme, size and styles), so that its PDF can be the deck's pages.
 */
function looksAsInWorkshopDeck(lesson: LessonModel): boolean {
  return !OWN_LOOK.some((key) => lesson.frontMatter[key] !== undefined || lesson.commentGlobals[key] !== undefined)
}

// Lesson models by labels (the client's language), lesson and templated text
// (slots unfilled). A text with its values written out is only remembered as
// seen the first time: its model is kept from the second sighting on, so
// texts no other client shares take no memory. `false`: slots in that text
// could read differently from their values.
const lessonModels = new WeakMap<Labels, Map<string, LessonModel | null | false>>()
const MAX_REMEMBERED_MODELS = 2000

/**
 * The client's lesson model. The lesson is templated with plain values as
 * slots, so clients of the same profile share one text, parsed and analysed
 * once; the client's values then fill the slots. Where a slot could read
 * differently from its value, the lesson is templated again with the values
 * written out.
 */
export function templatedLesson(
  source: LessonSource,
  template: CompiledTemplate,
  context: object,
  labels: Labels,
  onError: (d: Diagnostic) => void,
): LessonModel | undefined {
  const values: string[] = []
  const slotted = template.render(context, onError, values)
  if (slotted === undefined) return undefined
  if (values.length && slotsAreOnlyValues(slotted, values.length)) {
    const model = modelFor(source, slotted, labels, true)
    if (model) return fillSlots(model, values)
  }
  const literal = values.length ? template.render(context, onError) : slotted
  return literal === undefined ? undefined : modelFor(source, literal, labels, false)
}

function modelFor(source: LessonSource, tagged: string, labels: Labels, slotted: boolean): LessonModel | undefined {
  let models = lessonModels.get(labels)
  if (!models) lessonModels.set(labels, (models = new Map()))
  const key = `${source.id}\0${tagged}`
  const known = models.get(key)
  if (known) return known
  if (known === false) return undefined
  const { text, sourceLines } = untagLines(tagged)
  const model = !slotted
    ? buildLessonModel(source, text, labels, sourceLines)
    : slotsReadAsWords(text)
      ? buildLessonModel(source, text, labels, sourceLines, true)
      : undefined
  if (models.size >= MAX_REMEMBERED_MODELS) models.clear()
  // Slotted texts are made to be shared: kept at once. Written-out ones from their second sighting.
  models.set(key, model ? (slotted || known === null ? model : null) : false)
  return model
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

/** Brand colours and font for the HTML pages (worksheet, guide, indexes). */
export function brandPageCss(client: ClientData): string {
  return brandCss(client).replace(/^section/, ':root')
}
