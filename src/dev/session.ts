// The dev server's kit in memory, kept up to date with the author's files.
// An edit rebuilds only the clients it can change (a client file: that
// client; a lesson: the clients that teach it; anything else: every client),
// the clients someone is looking at first, each one's pages published as soon
// as they are made. A build that fails keeps the last good pages and says
// why (diagnostics); the clients it could not build stay due, and are built
// on the next edit.
import path from 'node:path'
import { diagnosticKey, type Diagnostic } from '../diagnostics/reporter.js'
import type { Kit } from '../kit/build-client.js'
import type { BuildMemory } from '../pipeline/memory.js'
import { kitPaths } from '../kit/kit-paths.js'
import type { OutputFile } from '../output/output-file.js'
import { lessonSourceFor, type ClientEntry, type Project } from '../project/load.js'

export interface ServedFile {
  content: Uint8Array
  /** Goes up each time the file's bytes change. */
  version: number
}

/** What a rebuild did, for the terminal and the pages. */
export type SessionEvent =
  | { kind: 'pages'; pages: string[] }
  | { kind: 'diagnostics'; diagnostics: Diagnostic[] }
  | { kind: 'built'; clients: string[]; ms: number; ok: boolean }
  /** A bug in the kit stopped a rebuild (the server goes on with the last good pages). */
  | { kind: 'crashed'; error: unknown }

export interface SessionOptions {
  root: string
  /** Only these clients (--client); default every client. */
  clients?: string[]
  /** Pages someone is looking at now (kit paths): their clients are built first, an open deck before the rest of its kit. */
  viewed?: () => Set<string>
  onEvent?: (event: SessionEvent) => void
  /** After an open deck was rebuilt on its own: resolves once the page has it (or soon), before the rest of the kit is built. */
  shown?: (page: string) => Promise<void>
}

/** Every client: an edit nothing narrower explains (workshop.yml, templates, themes, logos). */
const ALL = Symbol('all')

export class DevSession {
  readonly files = new Map<string, ServedFile>()
  private readonly clientFiles = new Map<string, Set<string>>()
  private loadDiagnostics: Diagnostic[] = []
  private readonly clientDiagnostics = new Map<string, Diagnostic[]>()
  private shown: Diagnostic[] = []
  /** Clients whose pages may be out of date. */
  private readonly due = new Set<string | typeof ALL>([ALL])
  private readonly pending = new Set<string>()
  private project?: Project
  private memory?: BuildMemory
  private running?: Promise<void>
  private timer?: NodeJS.Timeout
  private closed = false
  private versions = 0
  /** Settles once the first build has run (well or not). */
  readonly ready: Promise<void>

  constructor(private readonly options: SessionOptions) {
    this.ready = this.kick()
  }

  /** Every problem of the last build: loading, then each client's. */
  get diagnostics(): Diagnostic[] {
    return this.shown
  }

  get hasErrors(): boolean {
    return this.shown.some((d) => d.severity === 'error')
  }

  /** The project as last loaded (undefined until it loads without errors). */
  get loaded(): Project | undefined {
    return this.project
  }

  /** A file under root changed (or came, or went): rebuild what it touches, after a short pause for the other files of the same save. */
  changed(file: string): void {
    if (this.closed) return
    this.pending.add(path.resolve(file))
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.kick(), 10)
  }

  /** Waits for the rebuilds due now. */
  async settled(): Promise<void> {
    while (this.running) await this.running
  }

  close(): void {
    this.closed = true
    clearTimeout(this.timer)
  }

  private kick(): Promise<void> {
    if (!this.running) {
      this.running = this.runUntilDone().finally(() => (this.running = undefined))
    }
    return this.running
  }

  private async runUntilDone(): Promise<void> {
    do {
      const changes = [...this.pending]
      this.pending.clear()
      try {
        await this.rebuild(changes)
      } catch (error) {
        // A bug, not the content: said on the terminal; the next save tries again from scratch.
        this.memory = undefined
        this.due.add(ALL)
        this.emit({ kind: 'crashed', error })
      }
      // Between runs: the next one sees every save made meanwhile.
      await new Promise((resolve) => setImmediate(resolve))
    } while (this.pending.size && !this.closed)
  }

  private async rebuild(changes: string[]): Promise<void> {
    const started = performance.now()
    const root = path.resolve(this.options.root)
    const templatesChanged = changes.some((file) => isInside(file, path.join(root, 'templates')))
    // The build's stages are loaded with the first build (the CLI starts without them).
    const { BuildMemory, prepareProject, projectIndexInMemory } = await import('../pipeline/memory.js')
    const memory = (this.memory ??= new BuildMemory())
    if (templatesChanged) memory.forgetTemplates()
    const lessons = path.join(root, 'content', 'lessons')
    if (!changes.every((file) => path.dirname(file) === lessons && file.endsWith('.md'))) memory.forgetCompiledLessons()
    const before = this.project
    const prepared = prepareProject(root, memory)
    this.loadDiagnostics = prepared.diagnostics
    for (const id of touched(changes, root, before, prepared.project)) this.due.add(id)
    if (!prepared.ok || !prepared.project || !prepared.kit) {
      // Client builds did not run: only the problems that stopped them are current.
      this.publishDiagnostics(prepared.diagnostics)
      this.emit({ kind: 'built', clients: [], ms: performance.now() - started, ok: false })
      return
    }
    const project = (this.project = prepared.project)
    const kit = prepared.kit
    const served = this.served(project)

    // Clients that are gone (or no longer asked for): their pages go too.
    for (const id of [...this.clientFiles.keys()]) {
      if (!served.some((c) => c.id === id)) {
        this.replace(id, [])
        this.clientDiagnostics.delete(id)
      }
    }
    for (const id of [...this.clientDiagnostics.keys()]) if (!served.some((c) => c.id === id)) this.clientDiagnostics.delete(id)

    const pages = this.options.viewed?.() ?? new Set<string>()
    const viewed = new Set([...pages].map((page) => page.split('/')[0]))
    if (this.due.delete(ALL)) for (const c of served) this.due.add(c.id)
    for (const id of [...this.due]) if (!served.some((c) => c.id === id)) this.due.delete(id)
    const due = served.filter((c) => this.due.has(c.id))
    // Viewed clients first, then the others in project order.
    const order = [...due.filter((c) => viewed.has(c.id)), ...due.filter((c) => !viewed.has(c.id))]
    const built: string[] = []
    let ok = true
    for (const entry of order) {
      if (this.closed) return
      // A newer save is waiting: start again from it (what is left stays due).
      if (this.pending.size) break
      // An open deck is built, shown (its page reloads), then the rest of the kit.
      if (pages.has(kitPaths.deck(entry.id))) await this.buildOne(entry, kit, true)
      ok = (await this.buildOne(entry, kit)) && ok
      built.push(entry.id)
      this.publishDiagnostics()
      // Serve pages and hear saves between clients.
      await new Promise((resolve) => setImmediate(resolve))
    }
    const index = projectIndexInMemory(project, kit, served)
    this.put(index.files, true)
    this.publishDiagnostics()
    this.emit({ kind: 'built', clients: built, ms: performance.now() - started, ok: ok && !this.hasErrors })
  }

  /** Builds one client; its pages replace the last good ones only when it has no errors. */
  private async buildOne(entry: ClientEntry, kit: Kit, deckOnly = false): Promise<boolean> {
    const { buildClientInMemory } = await import('../pipeline/memory.js')
    const result = buildClientInMemory(entry, kit, deckOnly)
    if (result.diagnostics.some((d) => d.severity === 'error')) {
      if (!deckOnly) this.clientDiagnostics.set(entry.id, result.diagnostics)
      return false
    }
    if (deckOnly) {
      // The deck's files now; the whole kit (the same deck with it) replaces them next.
      const changed = this.put(result.files, true)
      for (const file of changed) this.clientFiles.get(entry.id)?.add(file)
      if (changed.includes(kitPaths.deck(entry.id))) await this.options.shown?.(kitPaths.deck(entry.id))
      return true
    }
    this.clientDiagnostics.set(entry.id, result.diagnostics)
    this.replace(entry.id, result.files)
    this.due.delete(entry.id)
    return true
  }

  /** A client's files become `files`: pages that changed are announced, files it no longer has are dropped. */
  private replace(id: string, files: OutputFile[]): void {
    const old = this.clientFiles.get(id) ?? new Set<string>()
    const now = new Set(files.map((f) => f.path))
    const changed = this.put(files, false)
    for (const gone of old) {
      if (!now.has(gone)) {
        this.files.delete(gone)
        changed.push(gone)
      }
    }
    if (now.size) this.clientFiles.set(id, now)
    else this.clientFiles.delete(id)
    if (changed.length) this.emit({ kind: 'pages', pages: changed.sort() })
  }

  /** Stores files; returns the paths whose bytes changed (and announces them with `announce`). */
  private put(files: OutputFile[], announce: boolean): string[] {
    const changed: string[] = []
    for (const file of files) {
      const content = Buffer.from(file.content)
      const known = this.files.get(file.path)
      if (known && Buffer.compare(known.content, content) === 0) continue
      this.files.set(file.path, { content, version: ++this.versions })
      changed.push(file.path)
    }
    if (announce && changed.length) this.emit({ kind: 'pages', pages: changed })
    return changed
  }

  private publishDiagnostics(list?: Diagnostic[]): void {
    const next =
      list ?? [...this.loadDiagnostics, ...[...this.clientDiagnostics.values()].flat()].filter(unique())
    if (JSON.stringify(next) === JSON.stringify(this.shown)) return
    this.shown = next
    this.emit({ kind: 'diagnostics', diagnostics: next })
  }

  private served(project: Project): ClientEntry[] {
    const wanted = this.options.clients
    return wanted?.length ? project.clients.filter((c) => wanted.includes(c.id)) : project.clients
  }

  private emit(event: SessionEvent): void {
    if (!this.closed) this.options.onEvent?.(event)
  }
}

/** Which clients an edit can change: a client file, its client; a lesson file, the clients that read it (before or after); else all. */
function touched(changes: string[], root: string, before: Project | undefined, after: Project | undefined): Array<string | typeof ALL> {
  const found: Array<string | typeof ALL> = []
  const clients = path.join(root, 'content', 'clients')
  const lessons = path.join(root, 'content', 'lessons')
  for (const file of changes) {
    if (path.dirname(file) === clients && /\.ya?ml$/.test(file)) {
      found.push(path.basename(file).replace(/\.ya?ml$/, ''))
    } else if (path.dirname(file) === lessons && file.endsWith('.md')) {
      // The clients that read this file (a base lesson or a language version), before the edit or after it.
      for (const project of [before, after]) {
        for (const client of project?.clients ?? []) {
          if (client.lessons.some((id) => lessonSourceFor(project!, client, id)?.file === file)) found.push(client.id)
        }
      }
    } else {
      found.push(ALL)
    }
  }
  return found
}

const isInside = (file: string, folder: string) => file === folder || file.startsWith(folder + path.sep)

/** The same problem reported twice (by two clients sharing a lesson) is shown once. */
function unique() {
  const seen = new Set<string>()
  return (d: Diagnostic) => {
    const key = diagnosticKey(d)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  }
}
