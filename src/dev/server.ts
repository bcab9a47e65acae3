// Stage "dev": the kit served from memory while the author edits. An HTTP
// server (node:http) answers with the pages of the in-memory build
// (session.ts) at the paths a build writes them, adds the reload script to
// HTML pages, and sends server-sent events to open pages: reload when their
// bytes changed, the problems of a broken edit to show over them. A watcher
// (chokidar) on content/ and templates/ tells the session what changed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { UsageError, usageError } from '../diagnostics/errors.js'
import { diagnostic, type Diagnostic } from '../diagnostics/reporter.js'
import { formatDiagnostic, SourceFiles } from '../diagnostics/format.js'
import { CLIENT_PATH, clientScript, clientTag, DEV_PREFIX, DIAGNOSTICS_PATH, EVENTS_PATH } from './client-script.js'
import { mediaTypeOf } from '../output/media-types.js'
import { kitPathOf } from './paths.js'
import { DevSession, type SessionEvent } from './session.js'
import { existsSync, statSync, type Stats } from 'node:fs'

/** The dev server's port when --port is not given. */
export const DEFAULT_PORT = 4173
/** It listens on this machine only unless --host says otherwise. */
export const DEFAULT_HOST = '127.0.0.1'

export interface DevOptions {
  /** Project folder holding content/. */
  root: string
  /** Only these clients; default every client. */
  clients?: string[]
  /** Default 4173; 0 takes any free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Watch content/ and templates/ and rebuild on change (default true). */
  watch?: boolean
  /** Also write the kit (HTML) to this folder after every build without errors, as `build --format html` does (--write). */
  writeTo?: string
  /** What happened: listening, rebuilt, problems (for the terminal). */
  onEvent?: (event: DevEvent) => void
}

export type DevEvent =
  | SessionEvent
  | { kind: 'listening'; url: string }
  /** The kit written to `writeTo`: what build() said (only clients that changed are written again). */
  | { kind: 'written'; out: string; ok: boolean; written: number; diagnostics: Diagnostic[]; usageError?: string }

export interface DevServer {
  /** http://host:port/ */
  url: string
  port: number
  session: DevSession
  /** Stops the watcher, ends the open event streams and closes the server. */
  close(): Promise<void>
}

export type DevStart = { ok: true; server: DevServer } | { ok: false; diagnostics: Diagnostic[] }

/** A diagnostic as the overlay shows it: the place, the message, the author's line with a caret, the hint. */
export interface OverlayDiagnostic {
  severity: Diagnostic['severity']
  code: string
  place?: string
  message: string
  hint: string
  frame: string[]
}

/**
 * Builds the project in memory and serves it. Resolves once the server
 * listens and the first build has run (its problems, if any, are in
 * session.diagnostics); a port that cannot be had is a diagnostic
 * (port-in-use, cannot-listen). A --client the project does not have is a
 * UsageError, as for build.
 */
export async function startDevServer(options: DevOptions): Promise<DevStart> {
  const root = path.resolve(options.root)
  if (!existsSync(root) || !statSync(root).isDirectory()) throw usageError('project-not-found', { root })
  if (!existsSync(path.join(root, 'content'))) throw usageError('no-content-folder', { root })
  const host = options.host ?? DEFAULT_HOST
  const port = options.port ?? DEFAULT_PORT
  const streams = new Set<{ response: ServerResponse; page: string }>()
  const send = (event: string, data: unknown, only?: (page: string) => boolean) => {
    const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
    for (const stream of streams) if (!only || only(stream.page)) stream.response.write(text)
  }
  const display = (file: string) => path.relative(root, file).split(path.sep).join('/') || file
  const overlayOf = (list: Diagnostic[]): OverlayDiagnostic[] => {
    const sources = new SourceFiles()
    return list.map((d) => {
      // The terminal's text, without its first line (the place and message, given apart) and hint (idem).
      const lines = formatDiagnostic(d, display, { sources }).split('\n')
      const frame = d.file ? lines.slice(1).filter((line) => !/^\s+hint: /.test(line)) : []
      return { severity: d.severity, code: d.code, place: d.file ? `${display(d.file)}:${d.line}:${d.column}` : undefined, message: d.message, hint: d.hint, frame }
    })
  }

  const session = new DevSession({
    root,
    clients: options.clients,
    viewed: () => new Set([...streams].map((s) => s.page)),
    onEvent: (event) => {
      if (event.kind === 'built' && event.ok && options.writeTo !== undefined) writeKit(options.writeTo)
      if (event.kind === 'pages') send('reload', { pages: event.pages })
      if (event.kind === 'diagnostics') send('diagnostics', { diagnostics: overlayOf(event.diagnostics) })
      options.onEvent?.(event)
    },
    // An open deck that was just rebuilt: the rest of its kit waits until the
    // page has loaded it again (its reload script connects back), at most a
    // second, so that the browser has the machine to itself meanwhile.
    shown: (page) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, 1000)
        function done() {
          clearTimeout(timer)
          gets.get(page)?.delete(done)
          resolve()
        }
        if (!gets.has(page)) gets.set(page, new Set())
        gets.get(page)!.add(done)
      }),
  })
  /** Who waits for a page to connect back after its reload. */
  const gets = new Map<string, Set<() => void>>()

  // --write: after each good build, the kit on disk follows, one write at a
  // time, through build() itself (its rebuild record writes only the clients
  // that changed; its staging keeps the previous kit whole if it fails or is stopped).
  const stopWriting = new AbortController()
  let writing = Promise.resolve()
  function writeKit(out: string) {
    writing = writing.then(async () => {
      if (stopWriting.signal.aborted) return
      try {
        const { build } = await import('../pipeline/build.js')
        const result = await build({ root, out, clients: options.clients, formats: ['html'], signal: stopWriting.signal })
        options.onEvent?.({ kind: 'written', out: result.out, ok: result.ok, written: result.written, diagnostics: result.diagnostics })
      } catch (error) {
        if (stopWriting.signal.aborted) return
        // An --out the kit may not write to (the project folder, a file): said, and the server goes on.
        if (error instanceof UsageError) {
          options.onEvent?.({ kind: 'written', out, ok: false, written: 0, diagnostics: [], usageError: `${error.message}${error.hint ? ` (${error.hint})` : ''}` })
        } else options.onEvent?.({ kind: 'crashed', error })
      }
    })
  }

  const server = createServer((request, response) => {
    // Pages are answered once the first build has run.
    session.ready.then(
      () => answer(request, response),
      () => void response.destroy(),
    )
  })
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? 'GET'
    const raw = request.url ?? '/'
    if (method !== 'GET' && method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
      return void response.end('method not allowed\n')
    }
    const head = method === 'HEAD'
    const reply = (status: number, type: string, body: Uint8Array | string, extra: Record<string, string> = {}) => {
      const bytes = typeof body === 'string' ? Buffer.from(body) : body
      response.writeHead(status, { 'Content-Type': type, 'Content-Length': String(bytes.length), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...extra })
      response.end(head ? undefined : bytes)
    }
    if (raw.startsWith(DEV_PREFIX)) {
      const route = raw.split('?')[0]
      if (route === CLIENT_PATH) return reply(200, mediaTypeOf('client.js'), clientScript)
      if (route === DIAGNOSTICS_PATH) return reply(200, mediaTypeOf('x.json'), JSON.stringify({ diagnostics: overlayOf(session.diagnostics) }, null, 2) + '\n')
      if (route === EVENTS_PATH && !head) {
        // The page that listens (its kit path): its client is being looked at, and built first.
        const asked = new URL(raw, 'http://localhost').searchParams.get('page') ?? ''
        const stream = { response, page: kitPathOf('/' + asked) ?? 'index.html' }
        response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
        response.write(`retry: 500\nevent: state\ndata: ${JSON.stringify({ version: session.files.get(stream.page)?.version ?? 0, diagnostics: overlayOf(session.diagnostics) })}\n\n`)
        streams.add(stream)
        for (const done of gets.get(stream.page) ?? []) setImmediate(done)
        request.on('close', () => streams.delete(stream))
        return
      }
      return reply(404, 'text/plain; charset=utf-8', 'not found\n')
    }
    const file = kitPathOf(raw)
    const found = file === undefined ? undefined : session.files.get(file)
    if (file !== undefined && found) {
      const type = mediaTypeOf(file)
      if (!type.startsWith('text/html')) return reply(200, type, found.content)
      return reply(200, type, withClient(found.content, clientTag(file, found.version)))
    }
    // "/acme": the client's index is "/acme/" (its links are relative).
    if (file !== undefined && session.files.has(`${file}/index.html`)) {
      return reply(301, 'text/plain; charset=utf-8', 'moved\n', { Location: `/${file}/` })
    }
    // A page not built yet because the build is broken: the problems, and a reload once it is fixed.
    if (file !== undefined && /(\.html|^index\.html)$/.test(file) && session.hasErrors) {
      const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>workshop-kit: build errors</title></head><body><p>This page is not built yet: the build has errors.</p></body></html>`
      return reply(404, mediaTypeOf('x.html'), withClient(Buffer.from(page), clientTag(file, 0)))
    }
    return reply(404, 'text/plain; charset=utf-8', 'not found\n')
  }

  const listening = await listen(server, host, port)
  if (listening !== true) {
    session.close()
    return { ok: false, diagnostics: [listening] }
  }
  const actual = (server.address() as AddressInfo).port
  await session.ready
  // After the first build: an unknown --client is a usage error (a project that failed to load cannot tell).
  if (options.clients?.length && session.loaded) {
    try {
      const { checkClientIds } = await import('../pipeline/build.js')
      checkClientIds(session.loaded, options.clients)
    } catch (error) {
      session.close()
      await closeServer(server, streams)
      throw error
    }
  }

  let watcher: { close(): Promise<void> } | undefined
  const rechecks = new Set<NodeJS.Timeout>()
  if (options.watch !== false) {
    const { watch } = await import('chokidar')
    // The project folder, for content/ and templates/ only (templates/ may come later); one watched path, so one "ready".
    const folders = [path.join(root, 'content'), path.join(root, 'templates')]
    const watched = (file: string) => file === root || folders.some((folder) => file === folder || file.startsWith(folder + path.sep))
    const hidden = (file: string) => path.basename(file).startsWith('.')
    const watching = watch(root, { ignoreInitial: true, ignored: (file) => !watched(path.resolve(file)) || hidden(file) })
    for (const event of ['add', 'unlink', 'addDir', 'unlinkDir'] as const) {
      watching.on(event, (file: string) => session.changed(file))
    }
    // chokidar reports one change of a file per 50 ms and drops the others: a
    // second save soon after the first is looked for again a little later.
    watching.on('change', (file: string, stats?: Stats) => {
      const seen = stats?.mtimeMs ?? mtimeOf(file)
      session.changed(file)
      const again = setTimeout(() => {
        rechecks.delete(again)
        const now = mtimeOf(file)
        if (now !== seen) session.changed(file)
      }, 80)
      rechecks.add(again)
    })
    await new Promise<void>((resolve) => watching.once('ready', () => resolve()))
    watcher = watching
  }

  const shownHost = host.includes(':') ? `[${host}]` : host
  const url = `http://${shownHost}:${actual}/`
  options.onEvent?.({ kind: 'listening', url })
  let closing: Promise<void> | undefined
  return {
    ok: true,
    server: {
      url,
      port: actual,
      session,
      close: () =>
        (closing ??= (async () => {
          session.close()
          stopWriting.abort()
          await writing
          for (const timer of rechecks) clearTimeout(timer)
          await watcher?.close()
          await session.settled()
          await closeServer(server, streams)
        })()),
    },
  }
}

function mtimeOf(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs
  } catch {
    return undefined
  }
}

/** The page with the reload script before </body> (at the end when it has none). */
function withClient(page: Uint8Array, tag: string): Buffer {
  const text = Buffer.from(page.buffer, page.byteOffset, page.byteLength).toString('utf8')
  const at = text.lastIndexOf('</body>')
  return Buffer.from(at >= 0 ? text.slice(0, at) + tag + text.slice(at) : text + tag)
}

function listen(server: Server, host: string, port: number): Promise<true | Diagnostic> {
  return new Promise((resolve) => {
    const failed = (error: NodeJS.ErrnoException) => {
      server.off('listening', done)
      if (error.code === 'EADDRINUSE') return resolve(diagnostic('port-in-use', { host, port }))
      resolve(diagnostic('cannot-listen', { host, port, reason: error.code === 'EACCES' ? 'no permission for this port' : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' ? 'no such address on this machine' : error.message }))
    }
    const done = () => {
      server.off('error', failed)
      resolve(true)
    }
    server.once('error', failed)
    server.once('listening', done)
    try {
      server.listen(port, host)
    } catch (error) {
      failed(error as NodeJS.ErrnoException)
    }
  })
}

function closeServer(server: Server, streams: Set<{ response: ServerResponse }>): Promise<void> {
  for (const stream of streams) stream.response.end()
  streams.clear()
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
