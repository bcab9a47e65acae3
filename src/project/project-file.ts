// A file the author names by a path relative to the file that names it (a
// client's logo, a brand font): inside the project, following symbolic links,
// and there. One answer for every such field, so each reports the same way.
import { existsSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'

export type ProjectFile =
  | { kind: 'file'; file: string }
  | { kind: 'outside'; throughLink: boolean }
  | { kind: 'missing'; lookedFor: string }

/** `relative`, written in `namedIn`, as a file of the project at `root`. */
export function projectFileAt(root: string, relative: string, namedIn: string): ProjectFile {
  const resolved = path.resolve(path.dirname(namedIn), relative)
  const rootReal = realpathSync(root)
  const inside = (p: string) => p === rootReal || p.startsWith(rootReal + path.sep)
  if (!inside(path.resolve(rootReal, path.relative(root, resolved)))) return { kind: 'outside', throughLink: false }
  if (!existsSync(resolved) || !statSync(resolved).isFile()) return { kind: 'missing', lookedFor: path.relative(root, resolved) }
  // Symbolic links must not lead out of the project either.
  if (!inside(realpathSync(resolved))) return { kind: 'outside', throughLink: true }
  return { kind: 'file', file: resolved }
}
