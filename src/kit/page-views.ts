// What the pages show: the view models the kit's templates (templates/html,
// templates/deck) are rendered with, for one client.
import type { LessonModel } from '../lesson/model.js'
import type { Labels } from '../lesson/labels.js'
import type { WorkshopData } from '../project/cascade.js'
import { dataUri } from '../output/media-types.js'
import type { ClientEntry } from '../project/load.js'
import { formatDate } from '../template/helpers.js'
import { agendaSlides, type AgendaItem, type Day, type ScheduleRow } from './agenda.js'
import { brandPageCss, brandSlideCss, fontFaceCss } from './brand.js'
import { answerId } from './kit-paths.js'
import type { RenderedDeck } from './render-marp.js'
import { safe, scriptJson } from '../template/escape.js'
import type { Views } from './views.js'

/**
 * What every page of a client's kit shows: the client, the workshop, the
 * brand and the agenda. `day`: the client's day with its breaks (agenda.ts
 * dayFor); without it, the lessons back to back.
 */
export function clientView(entry: ClientEntry, workshop: WorkshopData, agenda: AgendaItem[], views: Views, labels: Labels, day?: Day) {
  const client = entry.data
  const logo = entry.logoFile ? dataUri(entry.logoFile) : null
  // The brand's font files, embedded once per client and set on every page.
  const fontFaces = fontFaceCss(entry.fonts)
  const schedule: ScheduleRow[] =
    day?.schedule ?? agenda.map((item) => ({ isBreak: false, title: item.title, start: item.start, end: item.end, minutes: item.duration, lessonId: item.lessonId, lang: item.lang }))
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
    end: day ? day.end : agenda.length ? agenda[agenda.length - 1].end : client.session.start,
  }
}

export type ClientView = ReturnType<typeof clientView>

const withFonts = (fontFaces: string, css: string) => (fontFaces ? `${fontFaces}\n${css}` : css)

/** A deck page: the client's view, the rendered slides, their notes and the viewer; `lang`, the language of its text when not the client's (a lesson's page). */
export function deckView(common: ClientView, rendered: RenderedDeck, title: string, views: Views, lang = common.lang) {
  return {
    ...common,
    lang,
    /** The kit's own words on a page in another language are in the client's: they say so. */
    labelsLang: lang === common.lang ? null : common.lang,
    title,
    marpCss: safe(rendered.css),
    brandSlideCss: safe(withFonts(common.fontFaces.toHTML(), brandSlideCss(common.client))),
    slides: safe(rendered.html),
    notes: scriptJson(rendered.notes),
    parts: scriptJson(rendered.partStarts ?? [0]),
    slideWidth: rendered.size.width,
    slideHeight: rendered.size.height,
    viewerCss: views.asset('viewerCss'),
    viewerJs: views.asset('viewerJs'),
  }
}

/**
 * What the worksheet, the guide and the client index show of one lesson.
 * `lang`: the language of its text when it is not the client's (a lesson
 * the client reads in the workshop's language), else null.
 */
export function lessonView(lesson: LessonModel, index: number, time: AgendaItem, rendered: RenderedDeck, lang: string | null = null) {
  return {
    id: lesson.id,
    lang,
    number: index + 1,
    title: lesson.title,
    duration: lesson.duration,
    durationEstimated: lesson.durationEstimated,
    start: time.start,
    end: time.end,
    objectives: lesson.objectives,
    exercises: lesson.exercises.map((exercise, i) => withAnswerNumbers({
      number: `${index + 1}.${i + 1}`,
      title: exercise.title,
      minutes: exercise.minutes,
      parts: exercise.parts.map((part, p) =>
        part.kind === 'text'
          ? { html: safe(part.html), answer: null }
          : { html: null, answer: { lines: part.lines, line: part.line, id: answerId(lesson.id, i + 1, p + 1) } },
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
