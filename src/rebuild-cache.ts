// Incremental rebuilds. Each client's kit is keyed by a hash of everything
// that goes into it: the kit's version and its templates, the project's
// templates and themes, workshop.yml, the client file and logo, the lessons
// it uses, the options that change outputs, and the kit's own code. When the key matches the one
// recorded by the last build and every file it wrote is still there, the
// client is not built again (its warnings are repeated from the record).
// Anything else rebuilds it: a stale kit is never kept.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Diagnostic } from './diagnostics.js'
import type { ClientEntry, Project } from './load.js'
import { packageRoot } from './load.js'

export interface CachedClient {
  key: string
  /** Files the client's kit holds, relative to the output folder. */
  files: string[]
  diagnostics: Diagnostic[]
}

export type RebuildRecord = Record<string, CachedClient>

export class RebuildCache {
  private readonly sharedKey: string
  private readonly fileHashes = new Map<string, string>()

  /** `settings`: the build options that change what is written (formats, strictness...). */
  constructor(
    private readonly project: Project,
    private readonly previous: RebuildRecord,
    private readonly out: string,
    settings: unknown,
  ) {
    const hash = createHash('sha256')
    hash.update(readFileSync(path.join(packageRoot, 'package.json')))
    // The kit's own code: a new version, or a changed build of it, makes new kits.
    for (const file of listFiles(path.join(packageRoot, 'lib'))) hash.update(this.hashFile(file))
    hash.update(JSON.stringify(settings))
    // Every template, asset and theme, the kit's and the project's.
    for (const dir of [path.join(packageRoot, 'templates'), path.join(project.root, 'templates')]) {
      for (const file of listFiles(dir)) hash.update(`${file}\0${this.hashFile(file)}\0`)
    }
    hash.update(this.hashFile(project.workshopFile))
    this.sharedKey = hash.digest('hex')
  }

  /** The key of a client's kit as this build would make it. */
  keyOf(entry: ClientEntry): string {
    const hash = createHash('sha256').update(this.sharedKey).update(this.hashFile(entry.file))
    if (entry.logoFile) hash.update(this.hashFile(entry.logoFile))
    for (const id of entry.lessons) hash.update(`${id}\0${this.hashFile(this.project.lessons.get(id)!.file)}\0`)
    return hash.digest('hex')
  }

  /** The record of a client whose kit on disk is exactly what this build would write, if there is one. */
  upToDate(entry: ClientEntry): CachedClient | undefined {
    const record = this.previous[entry.id]
    if (!record || record.key !== this.keyOf(entry) || !Array.isArray(record.files) || !record.files.length) return undefined
    if (!Array.isArray(record.diagnostics)) return undefined
    return record.files.every((file) => existsSync(path.join(this.out, ...file.split('/')))) ? record : undefined
  }

  private hashFile(file: string): string {
    let digest = this.fileHashes.get(file)
    if (!digest) {
      digest = existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'missing'
      this.fileHashes.set(file, digest)
    }
    return digest
  }
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
}
