// The kit's record in the output folder (.workshop-kit.json): which client
// folders it wrote, what each was built from, and the last build as a whole.
// Nothing outside what this record lists is ever replaced or removed.
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Diagnostic } from '../diagnostics/reporter.js'
import { CLIENT_ID } from '../project/schema.js'

export const MANIFEST = '.workshop-kit.json'

export interface Manifest {
  clients: string[]
  /** What each file the kit wrote looked like when written: a file changed by hand since is built again. */
  files: Record<string, FileStamp>
  /** What each client's kit was built from (rebuild-cache.ts). */
  rebuild: RebuildRecord
  /** The last build as a whole, for one asked again with nothing changed. */
  last?: LastBuild
}

/** The record as read from disk, with when it was written (not part of the JSON: the record stays the same bytes for the same build). */
export interface ReadManifest extends Manifest {
  /** Modification time of the record file (ms), 0 when there is none. */
  writtenAt: number
}

/**
 * A written file's size and SHA-256. (No modification time: the record is
 * part of the kit, and the same build gives the same bytes.)
 */
export interface FileStamp {
  size: number
  sha256: string
}

export interface CachedClient {
  key: string
  /** Files the client's kit holds, relative to the output folder. */
  files: string[]
  diagnostics: Diagnostic[]
}

export type RebuildRecord = Record<string, CachedClient>

/** What the last complete build read and wrote, so that the same build again can stop at once. */
export interface LastBuild {
  /** Hash of every file the build read and of the options that change its outputs ('' when unknown). */
  fingerprint: string
  /** Files it read from outside content/ and templates/ (a logo elsewhere in the project). */
  extraInputs: string[]
  clients: string[]
  outputs: string[]
  diagnostics: Diagnostic[]
}

/** The kit's record in `out`, with only what reads as its own (an empty record when there is none). */
export function readManifest(out: string): ReadManifest {
  try {
    const file = path.join(out, MANIFEST)
    const writtenAt = statSync(file).mtimeMs
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>
    const clients = Array.isArray(data.clients) ? data.clients.filter((c) => typeof c === 'string' && CLIENT_ID.test(c)) : []
    const rebuild = data.rebuild && typeof data.rebuild === 'object' ? data.rebuild : {}
    const files = data.files && typeof data.files === 'object' ? data.files : {}
    const last = data.last
    const lastOk =
      last &&
      typeof last.fingerprint === 'string' &&
      [last.extraInputs, last.clients, last.outputs, last.diagnostics].every(Array.isArray) &&
      [...last.extraInputs, ...last.clients, ...last.outputs].every((item) => typeof item === 'string')
    return { clients, files, rebuild, ...(lastOk ? { last } : {}), writtenAt }
  } catch {
    return { clients: [], files: {}, rebuild: {}, writtenAt: 0 }
  }
}

/** The stamp of a file just written. */
export function stampOf(content: string | Uint8Array): FileStamp {
  return { size: typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength, sha256: createHash('sha256').update(content).digest('hex') }
}

/**
 * Whether every file (a path under `out` with "/" separators) is still what
 * the kit wrote: there, the same size, and either not modified since the
 * record was written (the kit writes its files before its record) or the
 * same bytes. A file edited since has a later time and is hashed; as with
 * make or rsync, only an edit that keeps the size and puts an older time
 * back would go unnoticed.
 */
export function unchangedSince(out: string, files: string[], record: Pick<ReadManifest, 'files' | 'writtenAt'>): boolean {
  return files.every((file) => {
    const stamp = record.files[file]
    if (!stamp || typeof stamp.sha256 !== 'string') return false
    const target = path.join(out, ...file.split('/'))
    try {
      const stat = statSync(target)
      if (!stat.isFile() || stat.size !== stamp.size) return false
      return stat.mtimeMs < record.writtenAt || createHash('sha256').update(readFileSync(target)).digest('hex') === stamp.sha256
    } catch {
      return false
    }
  })
}
