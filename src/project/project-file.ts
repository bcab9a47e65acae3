// A file the author names by a path relative to the file that names it (a
// client's logo, a brand font, a lesson's image): inside the project,
// following symbolic links, and there. One answer for every such field, so
// each reports the same way.
import { existsSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'

export type ProjectFile =
  | { kind: 'file'; file: string }
  | { kind: 'outside'; throughLink: boolean }
  | { kind: 'missing'; lookedFor: string }

/** Whether a path stays inside the project at `root`: as written ("../" climbing out), and where it really is (links followed). */
export function projectBounds(root: string) {
  const rootReal = realpathSync(root)
  const inside = (p: string) => p === rootReal || p.startsWith(rootReal + path.sep)
  return {
    /** `file` (absolute) does not climb out of the project as written. */
    holds: (file: string) => inside(path.resolve(rootReal, path.relative(root, file))),
    /** `file`, which exists, is inside once its links are followed. */
    reallyHolds: (file: string) => inside(realpathSync(file)),
  }
}

/** `relative`, written in `namedIn`, as a file of the project at `root`. */
export function projectFileAt(root: string, relative: string, namedIn: string): ProjectFile {
  const resolved = path.resolve(path.dirname(namedIn), relative)
  const bounds = projectBounds(root)
  if (!bounds.holds(resolved)) return { kind: 'outside', throughLink: false }
  if (!existsSync(resolved) || !statSync(resolved).isFile()) return { kind: 'missing', lookedFor: path.relative(root, resolved) }
  if (!bounds.reallyHolds(resolved)) return { kind: 'outside', throughLink: true }
  return { kind: 'file', file: resolved }
}
