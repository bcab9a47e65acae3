// Stage "write": outputs go to a staging folder first and replace the
// previous kit only once everything is written, client folder by client
// folder, so a failed build never leaves half a kit behind.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export interface OutputFile {
  /** Path under the output folder, with "/" separators. */
  path: string
  content: string | Uint8Array
}

const STAGING = '.workshop-kit-staging'
const MANIFEST = '.workshop-kit.json'

interface Manifest {
  clients: string[]
}

/**
 * Writes `files` under `out`. Top-level folders (one per client) are swapped
 * in whole; top-level files replace their old versions. With `pruneOthers`,
 * client folders an earlier build wrote and this project no longer has are
 * removed (only folders the kit's manifest lists, never anything else).
 */
export function writeOutputs(out: string, files: OutputFile[], clients: string[], pruneOthers: boolean): void {
  mkdirSync(out, { recursive: true })
  const staging = path.join(out, STAGING)
  rmSync(staging, { recursive: true, force: true })
  try {
    for (const file of files) {
      const target = path.join(staging, ...file.path.split('/'))
      mkdirSync(path.dirname(target), { recursive: true })
      writeFileSync(target, file.content)
    }
    const previous = readManifest(out)
    const tops = [...new Set(files.map((f) => f.path.split('/')[0]))].sort()
    const trash = path.join(staging, '.old')
    mkdirSync(trash, { recursive: true })
    for (const top of tops) {
      const current = path.join(out, top)
      if (existsSync(current)) renameSync(current, path.join(trash, top))
      renameSync(path.join(staging, top), current)
    }
    const kept = pruneOthers ? clients : [...new Set([...previous.clients, ...clients])]
    if (pruneOthers) {
      for (const gone of previous.clients.filter((id) => !clients.includes(id))) {
        rmSync(path.join(out, gone), { recursive: true, force: true })
      }
    }
    writeFileSync(path.join(out, MANIFEST), JSON.stringify({ clients: kept.sort() }, null, 2) + '\n')
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

/** Client ids whose folders the kit wrote earlier into `out`. */
export function readManifest(out: string): Manifest {
  try {
    const data = JSON.parse(readFileSync(path.join(out, MANIFEST), 'utf8')) as Partial<Manifest>
    return { clients: Array.isArray(data.clients) ? data.clients.filter((c) => typeof c === 'string' && /^[a-z0-9][a-z0-9_-]*$/.test(c)) : [] }
  } catch {
    return { clients: [] }
  }
}
