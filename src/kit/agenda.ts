// The agenda: each lesson's clock times from the session's start, the
// breaks placed between lessons (workshop.yml or the client's "breaks:"),
// and the agenda slides of the deck.
import type { LessonModel } from '../lesson/model.js'
import type { BreakData, ClientData } from '../project/cascade.js'

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

/** One row of the day, in order: a lesson or a break (the shape the pages read as `schedule`). */
export interface ScheduleRow {
  isBreak: boolean
  title: string
  start: string
  end: string
  minutes: number
  lessonId: string | null
  lang: string | null
}

/** A break of the client's list that has no place in its day, and why. */
export interface UnplacedBreak {
  /** Index in the client's `breaks` list. */
  index: number
  reason: 'not-taught' | 'after-day'
  break: BreakData
}

/** The client's day: lesson times (agenda[i] is lesson i), lessons and breaks in order, when it ends, and breaks left out. */
export interface Day {
  agenda: AgendaItem[]
  schedule: ScheduleRow[]
  start: string
  end: string
  /** Minutes from the start of the day to its end, breaks included. */
  length: number
  breakMinutes: number
  unplaced: UnplacedBreak[]
}

/**
 * The client's day: clock times from the session start and each lesson's
 * duration (`languages`, the language each lesson is read in). A break `after: <lesson>` follows that lesson; a break
 * `at: "HH:MM"` goes at the first boundary between two lessons that is at
 * or after that time (times include the breaks before it). A break after
 * the last lesson would be after the day: it is left out, as is one after a
 * lesson the client does not get (both in `unplaced`, for a warning).
 * `breakTitle`: the title of a break that gives none.
 */
export function dayFor(client: ClientData, lessons: LessonModel[], languages: string[] = [], breakTitle = 'Break'): Day {
  const first = toMinutes(client.session.start)
  let minutes = first
  const breaks = (client.breaks ?? []).map((b, index) => ({ b, index, placed: false }))
  const agenda: AgendaItem[] = []
  const schedule: ScheduleRow[] = []
  let breakMinutes = 0
  lessons.forEach((lesson, i) => {
    const lang = languages[i] && languages[i] !== client.language ? languages[i] : null
    const start = clock(minutes)
    minutes += lesson.duration
    const item = { lessonId: lesson.id, title: lesson.title, start, end: clock(minutes), duration: lesson.duration, estimated: lesson.durationEstimated, lang }
    agenda.push(item)
    schedule.push({ isBreak: false, title: lesson.title, start, end: item.end, minutes: lesson.duration, lessonId: lesson.id, lang })
    // No boundary after the last lesson: the day is over.
    if (i === lessons.length - 1) return
    for (const entry of breaks) {
      if (entry.placed) continue
      const here = entry.b.after !== undefined ? entry.b.after === lesson.id : entry.b.at !== undefined && atOrAfter(minutes, toMinutes(entry.b.at), first)
      if (!here) continue
      entry.placed = true
      const from = clock(minutes)
      minutes += entry.b.minutes
      breakMinutes += entry.b.minutes
      schedule.push({ isBreak: true, title: entry.b.title ?? breakTitle, start: from, end: clock(minutes), minutes: entry.b.minutes, lessonId: null, lang: null })
    }
  })
  const taught = new Set(lessons.map((l) => l.id))
  const unplaced = breaks
    .filter((entry) => !entry.placed)
    .map(({ b, index }) => ({ index, break: b, reason: (b.after !== undefined && !taught.has(b.after) ? 'not-taught' : 'after-day') as UnplacedBreak['reason'] }))
  return { agenda, schedule, start: clock(first), end: clock(minutes), length: minutes - first, breakMinutes, unplaced }
}

const toMinutes = (time: string) => {
  const [h, m] = time.split(':').map(Number)
  return h * 60 + m
}

/** Whether the day's `now` (minutes from midnight, may pass 24 h) is at or after the clock time `at`, in a day that began at `first`. */
const atOrAfter = (now: number, at: number, first: number) => now >= (at < first ? at + 1440 : at)

const clock = (total: number) => {
  const day = ((total % 1440) + 1440) % 1440
  return `${String(Math.floor(day / 60)).padStart(2, '0')}:${String(day % 60).padStart(2, '0')}`
}

/** Rows the agenda slide holds before it continues on the next one. */
const AGENDA_ROWS_PER_SLIDE = 8

/** The agenda (lessons and breaks) cut into slides that fit, rows shared evenly: "Agenda", or "Agenda (1/2)", "Agenda (2/2)". */
export function agendaSlides(schedule: ScheduleRow[], label: string) {
  const count = Math.max(1, Math.ceil(schedule.length / AGENDA_ROWS_PER_SLIDE))
  // Rows shared evenly (10 rows: 5 and 5, not 8 and 2).
  const rows = Math.max(1, Math.ceil(schedule.length / count))
  return Array.from({ length: count }, (_, i) => ({
    heading: count > 1 ? `${label} (${i + 1}/${count})` : label,
    items: schedule.slice(i * rows, (i + 1) * rows),
  }))
}
