// Stage "write": outputs go to a staging folder as soon as each client is
// built (so a build of hundreds of clients never holds them all in memory),
// and replace the previous kit only once everything succeeded, client folder
// by client folder: a failed or stopped build never leaves half a kit behind.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { lockOutput } from './lock.js'
import { MANIFEST, stampOf, type FileStamp, type LastBuild, type Manifest, type RebuildRecord } from './manifest.js'
import type { OutputFile } from './output-file.js'

const STAGING = '.workshop-kit-staging'
/** Where a user's file goes when a new kit writes a file at its path. */
const KEPT = '.workshop-kit-kept'

export class Staging {
  readonly dir: string
  /** Each staged file and its stamp (manifest.ts). */
  private readonly written = new Map<string, FileStamp>()
  /** Folders made so far (a kit has hundreds of files in a few folders). */
  private readonly dirs = new Set<string>()
  /** The output folder did not exist: a build that writes nothing leaves none. */
  private readonly madeOut: boolean
  private committed = false
  private readonly unlock: () => void = () => {}

  /**
   * Staging next to `out` (same disk, so the swap is a rename), or in the
   * temp folder when nothing will be kept. Writing into `out` takes its lock
   * first (lock.ts): another build's staging folder is never touched.
   */
  constructor(private readonly out?: string) {
    this.madeOut = Boolean(out && !existsSync(out))
    if (out) {
      mkdirSync(out, { recursive: true })
      try {
        this.unlock = lockOutput(out)
      } catch (error) {
        if (this.madeOut) rmdirSync(out)
        throw error
      }
      this.dir = path.join(out, STAGING)
      rmSync(this.dir, { recursive: true, force: true })
      mkdirSync(this.dir)
    } else {
      this.dir = mkdtempSync(path.join(tmpdir(), 'workshop-kit-check-'))
    }
  }

  write(file: OutputFile): void {
    const target = this.target(file.path)
    const dir = path.dirname(target)
    if (!this.dirs.has(dir)) {
      mkdirSync(dir, { recursive: true })
      this.dirs.add(dir)
    }
    writeFileSync(target, file.content)
    this.written.set(file.path, stampOf(file.content))
  }

  /** A staged file's bytes (the print stage serves pages from here). */
  get(file: string): Uint8Array | undefined {
    if (!this.written.has(file)) return undefined
    return readFileSync(this.target(file))
  }

  remove(file: string): void {
    if (!this.written.delete(file)) return
    const target = this.target(file)
    rmSync(target, { force: true })
    // A folder left empty (lessons/ of a build without HTML) goes too: the kit writes no empty folders.
    for (let dir = path.dirname(target); dir !== this.dir && dir.startsWith(this.dir + path.sep); dir = path.dirname(dir)) {
      if (readdirSync(dir).length) break
      rmdirSync(dir)
      this.dirs.delete(dir)
    }
  }

  /** Paths staged so far, sorted. */
  get paths(): string[] {
    return [...this.written.keys()].sort()
  }

  /**
   * Swaps the staged top-level entries (one folder per client, the index)
   * into `out`. With `pruneOthers`, client folders an earlier build wrote and
   * this project no longer has are removed (only folders the kit's manifest
   * lists, never anything else). `previous` is the record the build read
   * from `out` when it started.
   */
  commit(previous: Manifest, clients: string[], pruneOthers: boolean, record: RebuildRecord, last?: LastBuild): void {
    const out = this.out
    if (!out) throw new Error('nothing to commit: this staging folder is not kept')
    const kept = pruneOthers ? clients : [...new Set([...previous.clients, ...clients])]
    const rebuild: RebuildRecord = {}
    const files: Record<string, FileStamp> = {}
    const stamp = (file: string) => {
      const found = this.written.get(file) ?? previous.files[file]
      if (found) files[file] = found
    }
    for (const id of [...kept].sort()) {
      const entry = record[id] ?? previous.rebuild[id]
      if (entry) rebuild[id] = entry
      for (const file of entry?.files ?? []) stamp(file)
    }
    for (const file of this.paths.filter((f) => !f.includes('/'))) stamp(file)
    const manifest: Manifest = { clients: kept, files, rebuild, ...(last ? { last } : {}) }
    writeFileSync(path.join(this.dir, MANIFEST), JSON.stringify(manifest) + '\n')

    // The swap, all or nothing: each rename is remembered, and should one
    // fail, the ones done are undone in reverse, so the previous kit is back.
    const trash = path.join(this.dir, '.old')
    mkdirSync(trash, { recursive: true })
    const done: Array<{ from: string; to: string }> = []
    const move = (from: string, to: string) => {
      renameSync(from, to)
      done.push({ from, to })
    }
    // Files in a kit folder that the kit did not write (by its record) are the
    // user's: after the swap they are put back where they were, never deleted.
    const kitFiles = new Set([...Object.keys(previous.files), ...Object.values(previous.rebuild).flatMap((entry) => entry.files)])
    const keepUsersFiles = (top: string) => {
      const old = path.join(trash, top)
      if (!existsSync(old) || !statSync(old).isDirectory()) return
      for (const file of usersFiles(old, top, kitFiles)) {
        const back = path.join(out, ...file.split('/'))
        // The new kit writes a file where the user had one: the user's is kept aside, not replaced.
        const to = existsSync(back) ? path.join(out, KEPT, ...file.split('/')) : back
        mkdirSync(path.dirname(to), { recursive: true })
        move(path.join(trash, ...file.split('/')), to)
      }
    }
    try {
      const tops = [...new Set(this.paths.map((f) => f.split('/')[0]))].sort()
      for (const top of tops) {
        const current = path.join(out, top)
        if (existsSync(current)) move(current, path.join(trash, top))
        move(path.join(this.dir, top), current)
      }
      for (const top of tops) keepUsersFiles(top)
      // Kits of clients the project no longer has (only folders the record lists; the user's files in them stay).
      if (pruneOthers) {
        for (const gone of previous.clients.filter((id) => !clients.includes(id))) {
          if (!existsSync(path.join(out, gone))) continue
          move(path.join(out, gone), path.join(trash, gone))
          keepUsersFiles(gone)
        }
      }
      const record = path.join(out, MANIFEST)
      if (existsSync(record)) move(record, path.join(trash, MANIFEST))
      move(path.join(this.dir, MANIFEST), record)
    } catch (error) {
      for (const { from, to } of done.reverse()) {
        try {
          renameSync(to, from)
        } catch {
          // Keep undoing the others: each one put back is a file kept.
        }
      }
      throw error
    }
    this.committed = true
  }

  /** Removes the staging folder (after a commit, what is left is the old kit). */
  discard(): void {
    rmSync(this.dir, { recursive: true, force: true })
    this.unlock()
    if (this.out && this.madeOut && !this.committed) {
      try {
        rmdirSync(this.out)
      } catch {
        // Something else was put there meanwhile: leave it.
      }
    }
  }

  private target(file: string): string {
    return path.join(this.dir, ...file.split('/'))
  }
}

/** Files (and links) under `dir`, as paths from the output folder (`top/...`), that the kit's record does not list. */
function usersFiles(dir: string, top: string, kitFiles: Set<string>): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => [top, ...path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep)].join('/'))
    .filter((file) => !kitFiles.has(file))
    .sort()
}

