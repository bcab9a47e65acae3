// What the pages show: the view models the kit's templates (templates/html,
// templates/deck) are rendered with, for one client.
import path from 'node:path'
import type { LessonModel } from '../lesson/model.js'
import type { Labels } from '../lesson/labels.js'
import type { WorkshopData } from '../project/cascade.js'
import { dataUri } from '../output/media-types.js'
import type { ClientEntry } from '../project/load.js'
import { formatDate } from '../template/helpers.js'
import { agendaSlides, type AgendaItem, type Day, type ScheduleRow } from './agenda.js'
import { brandPageCss, brandSlideCss, fontFaceCss } from './brand.js'
import { answerId, canvasId, handoutItemId, kitPaths, participantOutputs } from './kit-paths.js'
import type { RenderedDeck } from './render-marp.js'
import { slideAtLine, thumbnailCss } from './thumbnails.js'
import { safe, scriptJson } from '../template/escape.js'
import type { Views } from './views.js'

/**
 * What every page of a client's kit shows: the client, the workshop, the
 * brand and the agenda. `day`: the client's day, lessons and breaks on the
 * clock (agenda.ts dayFor).
 */
export function clientView(entry: ClientEntry, workshop: WorkshopData, day: Day, views: Views, labels: Labels) {
  const client = entry.data
  const logo = entry.logoFile ? dataUri(entry.logoFile) : null
  // The brand's font files, embedded once per client and set on every page.
  const fontFaces = fontFaceCss(entry.fonts)
  const { agenda, schedule } = day
  return {
    lang: client.language,
    /** The workshop's language (its title's) when not the client's, else null. */
    workshopLang: workshop.language === client.language ? null : workshop.language,
    labels,
    client,
    workshop,
    logo: logo ? safe(logo) : null,
    sessionDate: formatDate(client.session.date, client.language),
    brandStyle: safe(withFonts(fontFaces, brandPageCss(client))),
    // Kit-made CSS: kept out of the escaping every page's view goes through.
    fontFaces: safe(fontFaces),
    pageCss: views.asset('pageCss'),
    agenda,
    /** The day in order: lessons and breaks, with their clock times. */
    schedule,
    /** The breaks that follow each lesson, by lesson id (the worksheet shows them between lessons). */
    breaksAfter: breaksAfter(schedule),
    agendaSlides: agendaSlides(schedule, labels.agenda),
    /** When the day ends, breaks included. */
    end: day.end,
  }
}

export type ClientView = ReturnType<typeof clientView>

const withFonts = (fontFaces: string, css: string) => (fontFaces ? `${fontFaces}\n${css}` : css)

/**
 * A deck page: the client's view, the rendered slides, their notes and the
 * viewer; `lang`, the language of its text when not the client's (a lesson's
 * page). With `participant`, the page for participants (slides.html): no
 * notes at all and no presenter window.
 */
export function deckView(
  common: ClientView,
  rendered: RenderedDeck,
  title: string,
  views: Views,
  lang = common.lang,
  options: { participant?: boolean } = {},
) {
  const participant = options.participant === true
  return {
    ...common,
    participant,
    lang,
    /** The kit's own words on a page in another language are in the client's: they say so. */
    labelsLang: lang === common.lang ? null : common.lang,
    title,
    marpCss: safe(rendered.css),
    brandSlideCss: safe(withFonts(common.fontFaces.toHTML(), brandSlideCss(common.client))),
    slides: safe(rendered.html),
    notes: scriptJson(participant ? [] : rendered.notes),
    parts: scriptJson(rendered.partStarts ?? [0]),
    plan: scriptJson(participant ? null : deckPlan(common, rendered)),
    slideWidth: rendered.size.width,
    slideHeight: rendered.size.height,
    viewerCss: views.asset('viewerCss'),
    viewerJs: views.asset('viewerJs'),
  }
}

/** One part of the deck (opening, a lesson, closing) on the agenda's clock: its first slide and planned start and end, "HH:MM". */
export interface PlannedPart {
  first: number
  start: string
  end: string
}

/**
 * The planned clock times of the workshop deck's parts, for the presenter's
 * ahead/behind: the opening from the session's start, each lesson at its
 * agenda times (breaks included), the closing at the last lesson's end.
 * Null for a page that is not the workshop deck (a lesson's own page).
 */
export function deckPlan(common: ClientView, rendered: RenderedDeck): PlannedPart[] | null {
  const starts = rendered.partStarts
  const agenda = common.agenda
  if (!starts || starts.length !== agenda.length + 2) return null
  const sessionStart = common.client.session.start
  const last = agenda.length ? agenda[agenda.length - 1].end : sessionStart
  return starts.map((first, i) => {
    if (i === 0) return { first, start: sessionStart, end: agenda.length ? agenda[0].start : sessionStart }
    if (i === starts.length - 1) return { first, start: last, end: last }
    return { first, start: agenda[i - 1].start, end: agenda[i - 1].end }
  })
}


/** The workshop deck as pages of thumbnails see it: its slides, one inert SVG string each (thumbnails.ts). */
export interface DeckSlides {
  deck: RenderedDeck
  thumbnails: string[]
}

/** A lesson's place in the workshop deck: its first slide's index and its number of slides. */
export interface DeckPlace {
  first: number
  count: number
}

/** What a page that shows thumbnails adds to its styles: the deck's CSS (without its print rules) and the brand on slides. */
export function thumbnailStyles(common: ClientView, slides: DeckSlides) {
  return {
    thumbCss: safe(thumbnailCss(slides.deck.css)),
    brandSlideCss: safe(withFonts(common.fontFaces.toHTML(), brandSlideCss(common.client))),
    slideWidth: slides.deck.size.width,
    slideHeight: slides.deck.size.height,
  }
}

/**
 * The handout: the participants' slides (the workshop deck's, which hold no
 * notes: those are apart, in RenderedDeck.notes) as thumbnails, on A4 sheets
 * of `layout` slides each, numbered "n / N".
 */
export function handoutView(common: ClientView, slides: DeckSlides, layout: 3 | 6, views: Views) {
  const items = slides.thumbnails.map((svg, i) => ({ number: i + 1, id: handoutItemId(i + 1), title: slides.deck.titles[i], thumbnail: safe(svg) }))
  const sheets = []
  for (let i = 0; i < items.length; i += layout) sheets.push({ items: items.slice(i, i + layout), page: sheets.length + 1 })
  return {
    ...common,
    ...thumbnailStyles(common, slides),
    layout,
    /** Ruled lines for notes: beside each slide (3 a page), or a few below it (6 a page). */
    lines: Array.from({ length: HANDOUT_LINES[layout] }, (_, i) => i),
    sheets,
    pages: sheets.length,
    handoutCss: views.asset('handoutCss'),
  }
}

/** Ruled lines for notes with each slide, by layout. */
const HANDOUT_LINES = { 3: 9, 6: 3 } as const

/**
 * What the worksheet, the guide and the client index show of one lesson.
 * `lang`: the language of its text when it is not the client's (a lesson
 * the client reads in the workshop's language), else null.
 */
export function lessonView(lesson: LessonModel, index: number, time: AgendaItem, workshopDeck: DeckSlides & DeckPlace, lang: string | null = null) {
  const exercises = lesson.exercises.map((exercise, i) => withAnswerNumbers({
    number: `${index + 1}.${i + 1}`,
    /** The slide it is on, as numbered in the deck; null when not known. */
    slide: deckNumber(slideAtLine(lesson.slideLines, exercise.line, workshopDeck.count), workshopDeck.first),
    title: exercise.title,
    minutes: exercise.minutes,
    /** Its box on the worksheet's plan canvas, or null (`line`: the exercise's, where a print check points). */
    canvas: exercise.canvas === null ? null : { label: exercise.canvas, id: canvasId(lesson.id, i + 1), line: exercise.line },
    parts: exercise.parts.map((part, p) =>
      part.kind === 'text'
        ? { html: safe(part.html), answer: null }
        : { html: null, answer: { lines: part.lines, line: part.line, id: answerId(lesson.id, i + 1, p + 1), question: part.question } },
    ),
    solution: exercise.solutionHtml === null ? null : safe(exercise.solutionHtml),
  }))
  const view = {
    id: lesson.id,
    lang,
    number: index + 1,
    title: lesson.title,
    duration: lesson.duration,
    durationEstimated: lesson.durationEstimated,
    start: time.start,
    end: time.end,
    objectives: lesson.objectives,
    exercises,
    keyIdeas: lesson.keyIdeasHtml.map(safe),
    facilitator: lesson.facilitatorHtml.map(safe),
    // The lesson's slides as the deck shows them: numbered as in deck.html,
    // each with its picture, its notes and the exercises done on it.
    slides: Array.from({ length: workshopDeck.count }, (_, i) => {
      const at = workshopDeck.first + i
      return {
        number: at + 1,
        title: workshopDeck.deck.titles[at] ?? '',
        notes: (workshopDeck.deck.notes[at] ?? []).filter((note) => !lesson.kitNotes.has(note.trim())),
        thumbnail: safe(workshopDeck.thumbnails[at] ?? ''),
        exercises: [] as Array<(typeof exercises)[number]>,
      }
    }),
    /** Exercises on no known slide (the guide lists them after the slides). */
    unplacedExercises: [] as Array<(typeof exercises)[number]>,
  }
  for (const exercise of exercises) {
    const slide = exercise.slide === null ? undefined : view.slides[exercise.slide - 1 - workshopDeck.first]
    if (slide) slide.exercises.push(exercise)
    else view.unplacedExercises.push(exercise)
  }
  return view
}

/**
 * What a client's index links, named from the client's folder: the pages for
 * participants and those for the trainer, each with its PDF when the build
 * prints them (`pdf`).
 */
export function kitLinks(client: string, labels: Labels, made: { pdf?: boolean; pptx?: boolean }) {
  const pdf = Boolean(made.pdf)
  const pptx: Record<string, string> = made.pptx ? { [kitPaths.slides(client)]: kitPaths.slidesPptx(client), [kitPaths.deck(client)]: kitPaths.deckPptx(client) } : {}
  const names: Record<string, string> = {
    [kitPaths.slides(client)]: labels.slides,
    [kitPaths.worksheet(client)]: labels.worksheet,
    [kitPaths.handout(client)]: labels.handout,
    [kitPaths.deck(client)]: labels.deck,
    [kitPaths.guide(client)]: labels.guide,
  }
  const link = (page: string) => ({
    href: path.posix.basename(page),
    label: names[page] ?? path.posix.basename(page, '.html'),
    pdf: pdf ? path.posix.basename(kitPaths.pdfOf(page)) : null,
    pptx: pptx[page] ? path.posix.basename(pptx[page]) : null,
  })
  return {
    participants: participantOutputs(client).map(link),
    trainer: [kitPaths.deck(client), kitPaths.guide(client)].map(link),
    deckMarkdown: path.posix.basename(kitPaths.deckMarkdown(client)),
    pdf,
  }
}

const deckNumber = (index: number | null, first: number) => (index === null ? null : first + index + 1)

/**
 * Each answer space of an exercise numbered (1, 2...) and counted, so the
 * worksheet can label its field "question 2" when the space has no question
 * text of its own.
 */
function withAnswerNumbers<P extends { answer: object | null }, E extends { parts: P[] }>(exercise: E) {
  const count = exercise.parts.filter((part) => part.answer).length
  let n = 0
  return {
    ...exercise,
    answerCount: count,
    parts: exercise.parts.map((part) =>
      part.answer ? { ...part, answer: { ...part.answer, number: ++n, several: count > 1, rules: ruleCount((part.answer as { lines?: number }).lines) } } : part,
    ),
  }
}

/** The ruled lines of an answer space, one item per line (the worksheet draws each as an element: lines that print at any resolution). */
const ruleCount = (lines = 4) => Array.from({ length: Math.max(1, Math.min(60, lines)) }, (_, i) => i + 1)

/** Each lesson's following breaks, by lesson id (a lesson with none has no entry). */
function breaksAfter(schedule: ScheduleRow[]): Record<string, ScheduleRow[]> {
  const after: Record<string, ScheduleRow[]> = Object.create(null)
  let lesson: string | null = null
  for (const row of schedule) {
    if (!row.isBreak) lesson = row.lessonId
    else if (lesson !== null) (after[lesson] ??= []).push(row)
  }
  return after
}

/**
 * The worksheet's plan canvas: one box per exercise with a canvas attribute,
 * in the client's order of lessons, and how many rows they take on its one page.
 */
export function canvasView(lessons: Array<{ exercises: Array<{ number: string; title: string; canvas: { label: string; id: string; line: number } | null }> }>) {
  const boxes = lessons.flatMap((lesson) => lesson.exercises.flatMap((exercise) => (exercise.canvas ? [{ ...exercise.canvas, exercise: exercise.number, title: exercise.title }] : [])))
  return { boxes, rows: Math.max(1, Math.ceil(boxes.length / 2)) }
}
