// The agenda: each lesson's clock times from the session's start, and the
// agenda slides of the deck.
import type { LessonModel } from '../lesson/model.js'
import type { ClientData } from '../project/cascade.js'

export interface AgendaItem {
  lessonId: string
  title: string
  start: string
  end: string
  duration: number
  estimated: boolean
  /** The language of the lesson's title when it is not the client's, else null. */
  lang: string | null
}

/** Clock times from the session start and each lesson's duration; `languages`, the language each lesson is read in. */
export function agendaFor(client: ClientData, lessons: LessonModel[], languages: string[] = []): AgendaItem[] {
  const [h, m] = client.session.start.split(':').map(Number)
  let minutes = h * 60 + m
  return lessons.map((lesson, i) => {
    const start = clock(minutes)
    minutes += lesson.duration
    return { lessonId: lesson.id, title: lesson.title, start, end: clock(minutes), duration: lesson.duration, estimated: lesson.durationEstimated, lang: languages[i] && languages[i] !== client.language ? languages[i] : null }
  })
}

const clock = (total: number) => {
  const day = ((total % 1440) + 1440) % 1440
  return `${String(Math.floor(day / 60)).padStart(2, '0')}:${String(day % 60).padStart(2, '0')}`
}

/** Rows the agenda slide holds before it continues on the next one. */
const AGENDA_ROWS_PER_SLIDE = 8

/** The agenda cut into slides that fit: "Agenda", or "Agenda (1/2)", "Agenda (2/2)". */
export function agendaSlides(agenda: AgendaItem[], label: string) {
  const count = Math.max(1, Math.ceil(agenda.length / AGENDA_ROWS_PER_SLIDE))
  return Array.from({ length: count }, (_, i) => ({
    heading: count > 1 ? `${label} (${i + 1}/${count})` : label,
    items: agenda.slice(i * AGENDA_ROWS_PER_SLIDE, (i + 1) * AGENDA_ROWS_PER_SLIDE),
  }))
}

