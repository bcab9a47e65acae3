// Stage "kit", for one client: everything the client's kit holds, in
// memory. The client's lesson models (lesson/client-lessons.ts) are composed
// into decks, rendered with Marp and laid out as pages; the result is the
// files and the plan of what the print stage does with them. The main thread
// and the worker threads run the same code, so a parallel build is the same
// bytes as a single-threaded one.
import { statSync } from 'node:fs'
import { LessonAssets, type ReadReferences } from '../assets/lesson-assets.js'
import type { Diagnostic } from '../diagnostics/reporter.js'
import { Reporter } from '../diagnostics/reporter.js'
import { ClientLessons } from '../lesson/client-lessons.js'
import type { LessonModel } from '../lesson/model.js'
import { firstFontFamily } from '../project/fonts.js'
import { lessonSourceFor, type ClientEntry, type Project } from '../project/load.js'
import type { OutputFile } from '../output/output-file.js'
import type { DeckPage, DocumentPage, PdfCut, PrintPage, SlideExports, SlideRange } from '../print/print-plan.js'
import type { PdfMetadata } from '../print/pdf-file.js'
import { dayFor, type Day } from './agenda.js'
import { reportLightBrand } from './contrast.js'
import { composeLessonDeck, composeWorkshopDeck, composeWorkshopParts } from './compose.js'
import { handoutItemId, kitPaths, participantOutputs } from './kit-paths.js'
import { checkParticipantPages, templateNotes } from './leak-check.js'
import { canvasView, clientView, deckView, handoutView, kitLinks, lessonView, thumbnailStyles, type DeckSlides } from './page-views.js'
import { DeckRenderer, type RenderedDeck } from './render-marp.js'
import { slideThumbnails } from './thumbnails.js'
import { resolveTemplateFile, templateFiles, Views } from './views.js'

/** What building any client needs, prepared once per thread. */
export interface Kit {
  project: Project
  lessons: ClientLessons
  views: Views
  renderer: DeckRenderer
  /** The files lessons and themes name, checked, and their copies in each kit. */
  assets: LessonAssets
}

/**
 * Compiles the lessons and templates and sets up Marp; problems go to
 * `reporter`. `read`: the lessons' file references, when the build has read them.
 */
export function prepareKit(project: Project, reporter: Reporter, read?: ReadReferences): Kit {
  const assets = new LessonAssets(project, reporter, read)
  return {
    project,
    lessons: new ClientLessons(project, reporter, { assets }),
    views: new Views(project.root, reporter),
    renderer: new DeckRenderer(assets.themes, reporter),
    assets,
  }
}

/** One client's kit: its files, what to print, and what was found (handed over from worker threads as it is). */
export interface ClientKit {
  files: OutputFile[]
  printPlan: PrintPage[]
  diagnostics: Diagnostic[]
}

/** Which drawn outputs the build makes (the client's index links them). */
export interface ClientOutputs {
  pdf?: boolean
  pptx?: boolean
  png?: boolean
}

/**
 * `deckOnly`: stop once deck.md and deck.html are made (the dev server shows
 * an open deck first, then builds the rest). `pdf`: the build prints PDFs
 * (the client's index links them).
 */
export function buildClient(entry: ClientEntry, kit: Kit, options: ClientOutputs & { deckOnly?: boolean } = {}): ClientKit {
  const { project, views, renderer } = kit
  const root = project.root
  const reporter = new Reporter()
  checkLogoSize(entry, reporter)
  reportLightBrand(entry, reporter)
  const client = entry.data
  const workshop = project.workshop
  const labels = project.labels.for(client.language)

  const lessons = kit.lessons.modelsFor(entry, reporter)
  if (!lessons) return { files: [], printPlan: [], diagnostics: reporter.list() }

  // The language each lesson is read in (a client may read some lessons in the workshop's language).
  const languages = entry.lessons.map((id) => lessonSourceFor(project, entry, id)?.language ?? workshop.language)
  const day = dayFor(client, lessons, languages, labels.break)
  checkDay(entry, day, reporter)
  const agenda = day.agenda
  const common = clientView(entry, workshop, day, views, labels)

  const opening = views.render('opening', common, reporter) ?? ''
  const closing = views.render('closing', common, reporter) ?? ''
  const deckMarkdown = composeWorkshopDeck({ client, workshop, lessons, opening, closing, fontFaces: common.fontFaces.toHTML() })
  // Rendered part by part (see composeWorkshopParts), without the brand, which
  // the page sets: every client shares one compiled theme.
  const { parts, style } = composeWorkshopParts({ client, workshop, lessons, opening, closing, languages })
  const { deck, counts } = renderer.renderParts(parts, style)
  const files: OutputFile[] = []
  const add = (path: string, content: string | undefined) => {
    if (content !== undefined) files.push({ path, content })
  }
  const deckPage = (rendered: RenderedDeck, title: string, lang?: string) => views.render('deck', deckView(common, rendered, title, views, lang), reporter)

  add(kitPaths.deckMarkdown(client.id), deckMarkdown)
  add(kitPaths.deck(client.id), deckPage(deck, `${workshop.title} · ${client.name}`))
  if (options.deckOnly) return { files, printPlan: [], diagnostics: reporter.list() }
  // The slides participants get: the deck's slides, no notes.
  add(kitPaths.slides(client.id), views.render('deck', deckView(common, deck, `${workshop.title} · ${client.name}`, views, undefined, { participant: true }), reporter))

  const meta = (kind?: string, subject?: string, language = client.language) => ({
    title: [kind, workshop.title, client.name].filter(Boolean).join(' · '),
    author: client.session.trainer ?? undefined,
    subject: subject ?? workshop.subtitle ?? undefined,
    language,
    keywords: [client.name, workshop.title],
  })
  const lessonFiles = lessons.map((l) => l.file)
  const themeFiles = project.themes.map((t) => t.file)
  const print: PrintPage[] = []
  const deckRanges: SlideRange[] = []
  const openingFile = resolveTemplateFile(root, templateFiles.opening)
  // The author's files whose text a page of the workshop's slides may name a URL from (deck, slides, handout).
  const deckSources = [...lessonFiles, openingFile, ...themeFiles]
  let next = 0
  const addRange = (range: Omit<SlideRange, 'first'>) => {
    deckRanges.push({ ...range, first: next })
    next += range.count
  }
  addRange({ file: openingFile, slideLines: [], count: counts[0] })
  // Each lesson's page is the lesson as Marp renders it on its own (its own
  // front matter, pagination and heading ids). A lesson that looks the same
  // in the deck has its PDF cut from the deck's PDF rather than printed again
  // (its pages numbered as in the workshop deck). That needs the same slides
  // in both, and no lesson's "style" in the deck, where it reaches every lesson.
  const styled = lessons.some((lesson) => lesson.frontMatter.style !== undefined || lesson.commentGlobals.style !== undefined)

  // The deck's slides as thumbnails, cut once: the guide and the handout show them.
  const deckSlides: DeckSlides = { deck, thumbnails: slideThumbnails(deck.html) }
  const cuts: PdfCut[] = []
  const lessonViews = lessons.map((lesson, index) => {
    // The lesson's page sits one folder down: its files are named from there.
    const lessonPage = kitPaths.lessonDeck(client.id, lesson.id)
    const rendered = relocated(renderer.render(composeLessonDeck(lesson)), kit.assets, kitPaths.upToFolder(client.id, lessonPage))
    const count = counts[index + 1]
    const shared = !styled && looksAsInWorkshopDeck(lesson) && rendered.titles.length === count && count === lesson.slideLines.length
    add(lessonPage, deckPage(rendered, `${lesson.title} · ${client.name}`, languages[index]))
    const first = next
    addRange({ file: lesson.file, outlineTitle: `${index + 1}. ${lesson.title}`, slideLines: lesson.slideLines, count })
    const ranges = [{ file: lesson.file, outlineTitle: lesson.title, first: 0, slideLines: lesson.slideLines, count: rendered.titles.length }]
    const ownPage: DeckPage = {
      kind: 'deck',
      client: client.id,
      page: lessonPage,
      pdf: kitPaths.pdfOf(lessonPage),
      ranges,
      slideTitles: rendered.titles,
      slideSize: rendered.size,
      meta: meta(lesson.title, workshop.title, languages[index]),
      sources: [lesson.file, ...themeFiles],
      owner: lesson.file,
    }
    if (shared) {
      // Its slides are the deck's pages: measured and printed there, then cut out.
      cuts.push({ lesson: ownPage, first })
    } else {
      print.push(ownPage)
    }
    return lessonView(lesson, index, agenda[index], { ...deckSlides, first, count }, languages[index] === client.language ? null : languages[index])
  })
  addRange({ file: resolveTemplateFile(root, templateFiles.closing), slideLines: [], count: deck.titles.length - next })
  // slides.pdf is deck.pdf's pages (deck.pdf holds no notes), not a second print.
  cuts.push({
    first: 0,
    lesson: {
      kind: 'deck',
      client: client.id,
      page: kitPaths.slides(client.id),
      pdf: kitPaths.pdfOf(kitPaths.slides(client.id)),
      ranges: deckRanges,
      slideTitles: deck.titles,
      slideSize: deck.size,
      meta: meta(labels.slides),
      sources: deckSources,
    },
  })
  print.unshift({
    kind: 'deck',
    client: client.id,
    page: kitPaths.deck(client.id),
    pdf: kitPaths.pdfOf(kitPaths.deck(client.id)),
    ranges: deckRanges,
    slideTitles: deck.titles,
    slideSize: deck.size,
    meta: meta(),
    sources: deckSources,
    cuts,
    exports: slideExports(entry, deck, meta, labels.slides, options),
  })

  const pageContext = { ...common, lessons: lessonViews }
  add(kitPaths.worksheet(client.id), views.render('worksheet', { ...pageContext, canvas: canvasView(lessonViews) }, reporter))
  // The guide's agenda names lessons by their number, as its sections do.
  const numbered = common.schedule.map((row) => {
    const at = row.lessonId === null ? -1 : lessons.findIndex((l) => l.id === row.lessonId)
    return { ...row, number: at === -1 ? null : at + 1, estimated: at !== -1 && lessons[at].durationEstimated }
  })
  const guideContext = { ...pageContext, schedule: numbered, ...thumbnailStyles(common, deckSlides), handoutCss: views.asset('handoutCss') }
  add(kitPaths.guide(client.id), views.render('guide', guideContext, reporter))
  const layout = client.handout.layout
  add(kitPaths.handout(client.id), views.render('handout', handoutView(common, deckSlides, layout, views), reporter))
  add(kitPaths.clientIndex(client.id), views.render('clientIndex', { ...pageContext, outputs: kitLinks(client.id, labels, options) }, reporter))

  const answers: DocumentPage['answers'] = new Map()
  lessonViews.forEach((view, i) => {
    for (const exercise of view.exercises) {
      for (const part of exercise.parts) {
        if (part.answer) answers.set(part.answer.id, { file: lessons[i].file, line: part.answer.line, exercise: exercise.number, title: exercise.title })
      }
      // A canvas box is never cut across pages either (the canvas is one page).
      if (exercise.canvas) answers.set(exercise.canvas.id, { file: lessons[i].file, line: exercise.canvas.line, exercise: exercise.number, title: exercise.title })
    }
  })
  print.push({ kind: 'worksheet', client: client.id, page: kitPaths.worksheet(client.id), pdf: kitPaths.pdfOf(kitPaths.worksheet(client.id)), meta: meta(labels.worksheet), answers, sources: lessonFiles })
  // Each slide of the handout, and where the author wrote it (what a print check blames).
  const items: NonNullable<DocumentPage['items']> = new Map()
  deck.titles.forEach((title, slide) => {
    const range = deckRanges.find((r) => slide >= r.first && slide < r.first + r.count)
    const file = range?.file ?? openingFile
    const line = range ? (range.slideLines[slide - range.first] ?? 1) : 1
    items.set(handoutItemId(slide + 1), { file, line, slide: slide + 1, sheet: Math.floor(slide / layout) + 1 })
  })
  print.push({ kind: 'handout', client: client.id, page: kitPaths.handout(client.id), pdf: kitPaths.pdfOf(kitPaths.handout(client.id)), meta: meta(labels.handout), answers: new Map(), items, slidesFrom: kitPaths.deck(client.id), sources: deckSources })
  print.push({ kind: 'guide', client: client.id, page: kitPaths.guide(client.id), pdf: kitPaths.pdfOf(kitPaths.guide(client.id)), meta: meta(labels.guide), answers: new Map(), sources: lessonFiles })
  // The files the lessons and themes name, each once, in the client's folder.
  const named = files.filter((f) => [kitPaths.deckMarkdown(client.id), kitPaths.worksheet(client.id), kitPaths.guide(client.id), kitPaths.handout(client.id)].includes(f.path))
  files.push(...kit.assets.filesFor(kitPaths.assets(client.id), named.map((f) => String(f.content))))
  // The proof that what participants get holds no trainer text: the
  // lessons' notes, solutions and facilitator blocks, and the notes of the
  // opening and closing slides.
  const participant = new Set(participantOutputs(client.id))
  const kitSlides = [
    { range: deckRanges[0], template: 'opening' as const, text: opening },
    { range: deckRanges[deckRanges.length - 1], template: 'closing' as const, text: closing },
  ].flatMap(({ range, template, text }) => {
    const notes = deck.notes.slice(range.first, range.first + range.count).flat()
    return notes.some((note) => note.trim()) ? [templateNotes(range.file, views.text(template), text, notes)] : []
  })
  checkParticipantPages(
    files.filter((f) => participant.has(f.path)).map((f) => ({ path: f.path, content: String(f.content) })),
    [...lessons, ...kitSlides],
    reporter,
    [workshop.title, workshop.subtitle ?? '', client.name, client.session.venue ?? '', client.session.trainer ?? ''],
  )
  return { files, printPlan: print, diagnostics: reporter.list() }
}

/** A lesson page's slides, naming the kit's files from the lessons/ folder. */
function relocated(rendered: RenderedDeck, assets: LessonAssets, up: string): RenderedDeck {
  return { ...rendered, html: assets.relocated(rendered.html, up), css: assets.relocated(rendered.css, up) }
}

/** Above this size a logo is a warning: every page of the kit that shows it holds a copy. */
export const LOGO_LIMIT_BYTES = 2 * 1024 * 1024

/**
 * The logo goes, as a data: URI (a third larger), into the deck, deck.md, the
 * worksheet, the guide and both indexes: a 50 MB logo made a 400 MB kit.
 * Said at the place that sets brand.logo.
 */
function checkLogoSize(entry: ClientEntry, reporter: Reporter): void {
  if (!entry.logoFile || !entry.data.brand.logo) return
  const bytes = statSync(entry.logoFile).size
  if (bytes <= LOGO_LIMIT_BYTES) return
  const megabytes = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10
  reporter.report('large-logo', { logo: entry.data.brand.logo, megabytes: megabytes(bytes), limit: megabytes(LOGO_LIMIT_BYTES) }, entry.origin(['brand', 'logo']))
}

/** A day longer than this with no break is a warning. */
export const LONGEST_DAY_WITHOUT_BREAK = 4 * 60

/** Breaks that found no place in the client's day, and a long day with none, said where the breaks (or the client) are written. */
function checkDay(entry: ClientEntry, day: Day, reporter: Reporter): void {
  const client = entry.data.name
  for (const { index, reason, break: b } of day.unplaced) {
    if (reason === 'not-taught') {
      reporter.report('break-lesson-not-taught', { id: b.after!, client }, entry.origin(['breaks', index, 'after']) ?? { file: entry.file })
    } else {
      const boundaries = day.schedule.filter((row) => !row.isBreak).slice(0, -1)
      reporter.report('break-after-day', { at: b.at ?? '', client, lastBoundary: boundaries.length ? boundaries[boundaries.length - 1].end : null }, entry.origin(['breaks', index, 'at']) ?? { file: entry.file })
    }
  }
  if (day.breakMinutes === 0 && day.length > LONGEST_DAY_WITHOUT_BREAK) {
    const hours = `${Math.floor(day.length / 60)} h${day.length % 60 ? ` ${day.length % 60} min` : ''}`
    reporter.report('no-break', { client, start: day.start, end: day.end, hours }, entry.origin(['breaks']) ?? { file: entry.file, line: 1, column: 1 })
  }
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

/** What the print stage draws from the deck page besides its PDF: PowerPoint files and slide pictures. */
function slideExports(
  entry: ClientEntry,
  deck: RenderedDeck,
  meta: (kind?: string) => PdfMetadata,
  slidesLabel: string,
  options: ClientOutputs,
): SlideExports | undefined {
  if (!options.pptx && !options.png) return undefined
  const client = entry.data
  const exports: SlideExports = {}
  if (options.pptx) {
    exports.pptx = {
      deck: kitPaths.deckPptx(client.id),
      slides: kitPaths.slidesPptx(client.id),
      meta: meta(),
      participantMeta: meta(slidesLabel),
      notes: deck.notes,
      brand: { primary: client.brand.primary, secondary: client.brand.secondary, font: firstFontFamily(client.brand.font) },
    }
  }
  if (options.png) exports.png = { folder: kitPaths.slidePictures(client.id) }
  return exports
}
