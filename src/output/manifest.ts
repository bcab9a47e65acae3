// The kit's record in the output folder (.workshop-kit.json): which client
// folders it wrote, what each was built from, and the last build as a whole.
// Nothing outside what this record lists is ever replaced or removed.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Diagnostic } from '../diagnostics/reporter.js'
import { CLIENT_ID } from '../project/schema.js'

export const MANIFEST = '.workshop-kit.json'

export interface Manifest {
  clients: string[]
  /** What each client's kit was built from (rebuild-cache.ts). */
  rebuild: RebuildRecord
  /** The last build as a whole, for one asked again with nothing changed. */
  last?: LastBuild
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
export function readManifest(out: string): Manifest {
  try {
    const data = JSON.parse(readFileSync(path.join(out, MANIFEST), 'utf8')) as Partial<Manifest>
    const clients = Array.isArray(data.clients) ? data.clients.filter((c) => typeof c === 'string' && CLIENT_ID.test(c)) : []
    const rebuild = data.rebuild && typeof data.rebuild === 'object' ? data.rebuild : {}
    const last = data.last
    const lastOk =
      last &&
      typeof last.fingerprint === 'string' &&
      [last.extraInputs, last.clients, last.outputs, last.diagnostics].every(Array.isArray) &&
      [...last.extraInputs, ...last.clients, ...last.outputs].every((item) => typeof item === 'string')
    return { clients, rebuild, ...(lastOk ? { last } : {}) }
  } catch {
    return { clients: [], rebuild: {} }
  }
}
