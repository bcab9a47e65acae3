// Stage "assets", part two: what a reference points at. A relative path is
// read from the folder of the file that names it and must stay inside the
// project (through symbolic links too); anything else is told apart by its
// form: data: URIs and in-page links are left as they are, web addresses are
// kept (the kit is then not offline), absolute paths and file: URLs are
// refused (they work on one computer only).
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { closest } from '../diagnostics/did-you-mean.js'
import { projectBounds } from '../project/project-file.js'
import { isSentinel } from '../template/sentinels.js'

export type Resolution =
  /** Nothing to copy: a data: URI, a link inside the page, another scheme (mailto:, blob:). */
  | { kind: 'inline' }
  /** On the web: kept, with a warning. */
  | { kind: 'remote' }
  /** "/img/x.png", "C:\x.png" or "file:///...": refused. */
  | { kind: 'absolute'; fileUrl: boolean }
  /** Made of template values ("img/{{client.id}}.png"): resolved once templated, per client. */
  | { kind: 'templated' }
  | { kind: 'file'; file: string; /** "#..." kept after the kit's copy (an SVG's fragment). */ fragment: string }
  | { kind: 'missing'; lookedFor: string; guess?: string; folder: boolean }
  | { kind: 'outside'; throughLink: boolean }
  /** There, but the kit may not read it (its permissions). */
  | { kind: 'unreadable'; reason: string }

const SCHEME = /^([a-z][a-z0-9+.-]*):/i

/** What `url`, named in `fromFile`, points at, for a project at `root`. */
export function resolveReference(url: string, fromFile: string, root: string): Resolution {
  const trimmed = url.trim()
  if (!trimmed || trimmed.startsWith('#')) return { kind: 'inline' }
  if (trimmed.includes('{{') || [...trimmed].some(isSentinel)) return { kind: 'templated' }
  if (trimmed.startsWith('//')) return { kind: 'remote' }
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase()
  if (scheme === 'http' || scheme === 'https') return { kind: 'remote' }
  if (scheme === 'file') return { kind: 'absolute', fileUrl: true }
  // A drive letter ("C:\x.png", "c:/x.png") is a path, not a scheme.
  if (scheme && scheme.length === 1) return { kind: 'absolute', fileUrl: false }
  if (scheme) return { kind: 'inline' }
  if (trimmed.startsWith('/') || trimmed.startsWith('\\')) return { kind: 'absolute', fileUrl: false }

  const [beforeHash, ...hashParts] = trimmed.split('#')
  const fragment = hashParts.length ? `#${hashParts.join('#')}` : ''
  const written = beforeHash.split('?')[0]
  // A path as written, else with its %-escapes read ("a%20b.png" is "a b.png").
  const candidates = [...new Set([written, decoded(written)])]
  const base = path.dirname(fromFile)
  const bounds = projectBounds(root)
  for (const candidate of candidates) {
    if (!bounds.holds(path.resolve(base, candidate))) return { kind: 'outside', throughLink: false }
  }
  for (const candidate of candidates) {
    const resolved = path.resolve(base, candidate)
    if (!existsSync(resolved) || !statSync(resolved).isFile()) continue
    if (!bounds.reallyHolds(resolved)) return { kind: 'outside', throughLink: true }
    try {
      accessSync(resolved, constants.R_OK)
    } catch (error) {
      return { kind: 'unreadable', reason: (error as NodeJS.ErrnoException).code ?? 'unreadable' }
    }
    return { kind: 'file', file: resolved, fragment }
  }
  const resolved = path.resolve(base, candidates[candidates.length - 1])
  return {
    kind: 'missing',
    lookedFor: path.relative(root, resolved).split(path.sep).join('/'),
    guess: nearName(written, resolved),
    folder: existsSync(resolved) && statSync(resolved).isDirectory(),
  }
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** A likely spelling of a missing file: a near name in its folder, or the same name in a near folder. */
function nearName(written: string, resolved: string): string | undefined {
  const slash = written.lastIndexOf('/')
  const folderWritten = written.slice(0, slash + 1)
  const name = path.basename(resolved)
  const folder = path.dirname(resolved)
  const entries = (dir: string) => {
    try {
      return readdirSync(dir, { withFileTypes: true })
    } catch {
      return undefined
    }
  }
  const here = entries(folder)
  if (here) {
    const guess = closest(name, here.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => e.name))
    return guess ? folderWritten + guess : undefined
  }
  // The folder itself is misspelt ("imgs/x.png" for "img/x.png").
  const parent = entries(path.dirname(folder))
  if (!parent || slash < 0) return undefined
  const folderGuess = closest(path.basename(folder), parent.filter((e) => e.isDirectory()).map((e) => e.name))
  if (!folderGuess || !existsSync(path.join(path.dirname(folder), folderGuess, name))) return undefined
  const segments = folderWritten.slice(0, -1).split('/')
  segments[segments.length - 1] = folderGuess
  return `${segments.join('/')}/${name}`
}

