// Which lesson files a project has, and which one a client reads: kept apart
// from load.ts (and its schema checker) so that the rebuild check, which runs
// before any project is read, loads nothing heavy.
import type { LessonSource } from './lesson-source.js'
import type { ClientEntry, Project } from './load.js'

/** Every lesson file the project has: base files, then language versions. */
export function allLessonSources(project: Pick<Project, 'lessons' | 'lessonVersions'>): LessonSource[] {
  return [...project.lessons.values(), ...[...project.lessonVersions.values()].flatMap((byLanguage) => [...byLanguage.values()])]
}

/** The text a client reads of lesson `id`: its language version, else the base file (undefined when that could not be read). */
export function lessonSourceFor(project: Pick<Project, 'lessons'>, entry: Pick<ClientEntry, 'versions'>, id: string): LessonSource | undefined {
  return entry.versions.get(id) ?? project.lessons.get(id)
}
