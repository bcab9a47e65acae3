// Which lessons of the workshop's list a client gets: a lesson's front
// matter may limit it to client models, sizes and sectors, and to values of
// the project's own variables ("when:"). Every filter the lesson sets must
// hold. A client's own "lessons:" list is taken as written.
import type { ClientData } from './cascade.js'
import type { LessonFrontMatter } from './lesson-source.js'
import { meetsConditions } from './vars.js'

export function lessonApplies(lesson: LessonFrontMatter, client: ClientData): boolean {
  const { models, sizes, sectors, when } = lesson
  const sector = client.sector.trim().toLowerCase()
  return (
    (!models || models.includes(client.model)) &&
    (!sizes || sizes.includes(client.size)) &&
    // Sectors are free text: compared without regard to case or spaces around them.
    (!sectors || sectors.some((s) => s.trim().toLowerCase() === sector)) &&
    meetsConditions(when, client.vars)
  )
}
