// workshop-kit dev: a real HTTP server on a free port, real files on disk,
// raw HTTP requests (fetch would tidy the paths that matter here).
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { build, startDevServer, type DevEvent, type DevOptions, type DevServer } from '../lib/index.js'
import { runCli } from './helpers/cli.js'
import { tree, withoutManifest } from './helpers/files.js'
import { minimalLesson, minimalProject, repoRoot } from './helpers/project.js'

const open: Array<{ close(): unknown }> = []
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close()
})

interface Started {
  server: DevServer
  events: DevEvent[]
}

async function serve(root: string, options: Partial<DevOptions> = {}): Promise<Started> {
  const events: DevEvent[] = []
  const started = await startDevServer({ root, port: 0, ...options, onEvent: (e) => events.push(e) })
  if (!started.ok) throw new Error(started.diagnostics.map((d) => d.message).join('\n'))
  open.push(started.server)
  return { server: started.server, events }
}

interface Answer {
  status: number
  headers: Record<string, string>
  body: Buffer
}

/** One request, its path sent exactly as written. */
function raw(port: number, target: string, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`))
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('end', () => {
      const all = Buffer.concat(chunks)
      const split = all.indexOf('\r\n\r\n')
      const [statusLine, ...lines] = all.subarray(0, split).toString('latin1').split('\r\n')
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]))
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: all.subarray(split + 4) })
    })
  })
}

const RELOAD_TAG = /<script src="\/__workshop-kit\/client\.js" data-page="[^"]*" data-version="\d+"><\/script>/

/** A page as served, less the reload script the dev server adds. */
const withoutReloadScript = (page: Buffer) => Buffer.from(page.toString('utf8').replace(RELOAD_TAG, ''))

/** The server's event stream for a page: every event as it comes. */
function listen(port: number, page: string) {
  const received: Array<{ event: string; data: any }> = []
  const waiting: Array<() => void> = []
  const request = http.get({ host: '127.0.0.1', port, path: `/__workshop-kit/events?page=${encodeURIComponent(page)}` }, (response) => {
    let buffer = ''
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => {
      buffer += chunk
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const event = /^event: (.*)$/m.exec(block)?.[1]
        const data = /^data: (.*)$/m.exec(block)?.[1]
        if (event && data) received.push({ event, data: JSON.parse(data) })
        for (const wake of waiting.splice(0)) wake()
      }
    })
  })
  request.on('error', () => {})
  const stream = {
    received,
    /** The first event (from `from` on) that `test` accepts. */
    async next(test: (e: { event: string; data: any }) => boolean, from = 0, ms = 30_000) {
      const deadline = Date.now() + ms
      for (;;) {
        const found = received.slice(from).find(test)
        if (found) return found
        if (Date.now() > deadline) throw new Error(`no such event; got ${JSON.stringify(received.map((e) => e.event))}`)
        await new Promise<void>((resolve) => {
          waiting.push(resolve)
          setTimeout(resolve, 200)
        })
      }
    },
    close: () => request.destroy(),
  }
  open.push(stream)
  return stream
}

const twoClients = () =>
  minimalProject({
    'content/clients/beta.yml': 'name: Beta & Co <b>\n',
    'content/lessons/other.md': minimalLesson.replace('# Hola', '# Otra lección'),
  })

describe('workshop-kit dev', () => {
  it('serves, from memory, the same pages a build writes, at the same paths; writes nothing', async () => {
    const root = twoClients()
    const { server } = await serve(root)
    const out = mkdtempSync(path.join(tmpdir(), 'wk-dev-build-'))
    const built = await build({ root, out, formats: ['html'] })
    expect(built.ok).toBe(true)
    const files = withoutManifest(tree(out))
    expect(files.size).toBeGreaterThan(8)
    for (const [file, bytes] of files) {
      // The reload script is the dev server's: a built kit never holds it.
      expect(bytes.toString('latin1'), file).not.toContain('__workshop-kit')
      const answer = await raw(server.port, '/' + file.split(path.sep).join('/'))
      expect(answer.status, file).toBe(200)
      if (file.endsWith('.html')) {
        expect(answer.headers['content-type']).toBe('text/html; charset=utf-8')
        expect(answer.body.toString('utf8'), file).toMatch(RELOAD_TAG)
        expect(withoutReloadScript(answer.body).equals(bytes), file).toBe(true)
      } else {
        expect(answer.body.equals(bytes), file).toBe(true)
      }
    }
    // The index at "/" is the build's index.html: every client, linked; client data escaped.
    const index = await raw(server.port, '/')
    expect(withoutReloadScript(index.body).equals(files.get('index.html')!)).toBe(true)
    expect(index.body.toString()).toContain('href="acme/deck.html"')
    expect(index.body.toString()).toContain('Beta &amp; Co &lt;b&gt;')
    expect((await raw(server.port, '/acme/deck.md')).headers['content-type']).toBe('text/markdown; charset=utf-8')
    // "/acme" is the client's index, at "/acme/" (its links are relative).
    const folder = await raw(server.port, '/acme')
    expect(folder.status).toBe(301)
    expect(folder.headers.location).toBe('/acme/')
    expect((await raw(server.port, '/acme/')).status).toBe(200)
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
  })

  it('HEAD works; unknown paths, paths out of the kit and other methods get no file', async () => {
    const root = minimalProject()
    symlinkSync('/etc', path.join(root, 'content', 'etc-link'))
    symlinkSync('/etc/passwd', path.join(root, 'content', 'lessons', 'passwd.md.txt'))
    const { server } = await serve(root)
    const get = await raw(server.port, '/acme/deck.html')
    const head = await raw(server.port, '/acme/deck.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers['content-length']).toBe(String(get.body.length))
    expect(head.body.length).toBe(0)
    for (const target of [
      '/../../etc/passwd',
      '/acme/../../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%2E%2E/%2E%2E/etc/passwd',
      '/..%2f..%2fetc/passwd',
      '/..%2F..%2Fetc%2Fpasswd',
      '/%252e%252e/%252e%252e/etc/passwd',
      '/%252e%252e%252f%252e%252e%252fetc%252fpasswd',
      '/..\\..\\etc\\passwd',
      '/..%5c..%5cetc%5cpasswd',
      '/acme/deck.html%00.png',
      '/acme/deck.html\0',
      '//etc/passwd',
      '/content/etc-link/passwd',
      '/content/lessons/passwd.md.txt',
      '/content/clients/acme.yml',
      '/content/lessons/intro.md',
      '/etc/passwd',
      '/nothing-here.html',
      '/acme/nothing.html',
      '/__workshop-kit/nothing',
    ]) {
      const answer = await raw(server.port, target)
      // A NUL byte in the request line: Node's HTTP parser answers 400 before the server sees it.
      expect(answer.status, target).toBe(target.includes('\0') ? 400 : 404)
      expect(answer.body.toString(), target).not.toContain('root:')
    }
    expect((await raw(server.port, '/acme/deck.html', 'POST')).status).toBe(405)
  })

  it('a port in use is a clear error naming the port (exit 1 from the command line)', async () => {
    const root = minimalProject()
    const { server } = await serve(root)
    const second = await startDevServer({ root, port: server.port })
    expect(second.ok).toBe(false)
    if (second.ok) return
    expect(second.diagnostics.map((d) => d.code)).toEqual(['port-in-use'])
    expect(second.diagnostics[0].message).toContain(String(server.port))
    const cli = runCli(['dev', '--root', root, '--port', String(server.port)])
    expect(cli.code).toBe(1)
    expect(cli.stderr).toContain(`port ${server.port} on 127.0.0.1 is already in use`)
    expect(cli.stderr).toContain('hint:')
    expect(cli.stderr).not.toMatch(/\n\s+at /)
  })

  it('a lesson edit sends a reload event for the pages it changed, and the next GET has the new text', async () => {
    const root = twoClients()
    writeFileSync(path.join(root, 'content', 'clients', 'beta.yml'), 'name: Beta\nlessons:\n  - other\n')
    const { server, events } = await serve(root)
    const stream = listen(server.port, 'acme/deck.html')
    await stream.next((e) => e.event === 'state')
    expect(stream.received[0].data.diagnostics).toEqual([])
    const lesson = path.join(root, 'content', 'lessons', 'intro.md')
    writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('Texto de la primera diapositiva.', 'Texto NUEVO_EN_VIVO.'))
    // The open deck first, then the rest of the client's kit.
    const reload = await stream.next((e) => e.event === 'reload' && e.data.pages.includes('acme/deck.html'))
    expect((await raw(server.port, '/acme/deck.html')).body.toString()).toContain('NUEVO_EN_VIVO')
    await stream.next((e) => e.event === 'reload' && e.data.pages.includes('acme/lessons/intro.html'), stream.received.indexOf(reload))
    expect((await raw(server.port, '/acme/lessons/intro.html')).body.toString()).toContain('NUEVO_EN_VIVO')
    await server.session.settled()
    // Beta does not teach that lesson: it was not built again.
    const rebuilt = events.filter((e) => e.kind === 'built').slice(1)
    expect(rebuilt.flatMap((e) => (e.kind === 'built' ? e.clients : []))).toEqual(['acme'])
  })

  it('a lesson edit rebuilds the clients that teach it, the one being viewed first', async () => {
    const root = minimalProject({ 'content/clients/beta.yml': 'name: Beta\n', 'content/clients/zeta.yml': 'name: Zeta\n' })
    const { server, events } = await serve(root)
    const stream = listen(server.port, 'zeta/deck.html')
    await stream.next((e) => e.event === 'state')
    const first = events.length
    const lesson = path.join(root, 'content', 'lessons', 'intro.md')
    writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('Texto de la primera diapositiva.', 'Texto OTRO.'))
    await stream.next((e) => e.event === 'reload' && e.data.pages.includes('zeta/deck.html'))
    await server.session.settled()
    const built = events.slice(first).filter((e) => e.kind === 'built')
    expect(built.flatMap((e) => (e.kind === 'built' ? e.clients : []))).toEqual(['zeta', 'acme', 'beta'])
    const pages = events.slice(first).flatMap((e) => (e.kind === 'pages' ? e.pages : []))
    expect(pages.findIndex((p) => p.startsWith('zeta/'))).toBeLessThan(pages.findIndex((p) => p.startsWith('acme/')))
  })

  it('an edit of one client file rebuilds that client only', async () => {
    const root = twoClients()
    const { server, events } = await serve(root)
    const stream = listen(server.port, 'beta/deck.html')
    await stream.next((e) => e.event === 'state')
    const first = events.length
    writeFileSync(path.join(root, 'content', 'clients', 'beta.yml'), 'name: Beta Renamed\n')
    await stream.next((e) => e.event === 'reload' && e.data.pages.includes('beta/deck.html'))
    await stream.next((e) => e.event === 'reload' && e.data.pages.includes('index.html'))
    await server.session.settled()
    const built = events.slice(first).filter((e) => e.kind === 'built')
    expect(built.flatMap((e) => (e.kind === 'built' ? e.clients : []))).toEqual(['beta'])
    expect((await raw(server.port, '/')).body.toString()).toContain('Beta Renamed')
  })

  it('an edit of a language version rebuilds the clients that read it; a changed image is served under its new name', async () => {
    const root = minimalProject({
      'content/clients/beta.yml': 'name: Beta\nlanguage: en\n',
      'content/lessons/intro.en.md': minimalLesson.replace('# Hola', '# Hello').replace('Texto de la primera diapositiva.', 'First slide.\n\n![chart](img/chart.svg)'),
      'content/lessons/img/chart.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>',
    })
    const { server, events } = await serve(root)
    const stream = listen(server.port, 'beta/deck.html')
    await stream.next((e) => e.event === 'state')
    const imageOf = async () => {
      const deck = (await raw(server.port, '/beta/deck.html')).body.toString()
      const name = /assets\/[0-9a-f]{16}\.svg/.exec(deck)![0]
      return { name, bytes: (await raw(server.port, `/beta/${name}`)).body.toString() }
    }
    const before = await imageOf()
    expect(before.bytes).toContain('fill="red"')

    let first = events.length
    const version = path.join(root, 'content', 'lessons', 'intro.en.md')
    writeFileSync(version, readFileSync(version, 'utf8').replace('First slide.', 'First slide, EDITED.'))
    await stream.next((e) => e.event === 'reload' && e.data.pages.includes('beta/deck.html'))
    await server.session.settled()
    expect(events.slice(first).flatMap((e) => (e.kind === 'built' ? e.clients : []))).toEqual(['beta'])
    expect((await raw(server.port, '/beta/deck.html')).body.toString()).toContain('EDITED')
    expect((await raw(server.port, '/acme/deck.html')).body.toString()).not.toContain('EDITED')

    first = stream.received.length
    writeFileSync(path.join(root, 'content', 'lessons', 'img', 'chart.svg'), before.bytes.replace('red', 'blue'))
    await stream.next((e) => e.event === 'reload' && e.data.pages.includes('beta/deck.html'), first)
    await server.session.settled()
    const after = await imageOf()
    expect(after.name).not.toBe(before.name)
    expect(after.bytes).toContain('fill="blue"')
  })

  it('--write keeps a kit on disk after every good rebuild, the bytes a build writes; a broken edit writes nothing', async () => {
    const root = twoClients()
    const out = mkdtempSync(path.join(tmpdir(), 'wk-dev-write-'))
    const { server, events } = await serve(root, { writeTo: out })
    const writes = () => events.filter((e) => e.kind === 'written')
    const waitForWrites = async (count: number) => {
      for (let i = 0; i < 300 && writes().length < count; i++) await new Promise((resolve) => setTimeout(resolve, 100))
      expect(writes().length).toBe(count)
    }
    await waitForWrites(1)
    expect(writes()[0]).toMatchObject({ kind: 'written', ok: true })
    const clean = mkdtempSync(path.join(tmpdir(), 'wk-dev-clean-'))
    expect((await build({ root, out: clean, formats: ['html'] })).ok).toBe(true)
    expect(withoutManifest(tree(out))).toEqual(withoutManifest(tree(clean)))

    const lesson = path.join(root, 'content', 'lessons', 'intro.md')
    writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('Texto de la primera diapositiva.', 'Texto ESCRITO.'))
    await waitForWrites(2)
    await server.session.settled()
    expect(readFileSync(path.join(out, 'acme', 'deck.html'), 'utf8')).toContain('ESCRITO')

    const client = path.join(root, 'content', 'clients', 'beta.yml')
    writeFileSync(client, 'name: [Beta\n')
    await server.session.settled()
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(writes().length).toBe(2)
    expect(readFileSync(path.join(out, 'acme', 'deck.html'), 'utf8')).toContain('ESCRITO')
  })

  it('a broken edit shows every problem (file:line:col, hint, the line) and keeps the last good page; fixing it clears them', async () => {
    const root = minimalProject()
    const { server } = await serve(root)
    const before = (await raw(server.port, '/acme/deck.html')).body
    const stream = listen(server.port, 'acme/deck.html')
    await stream.next((e) => e.event === 'state')
    const client = path.join(root, 'content', 'clients', 'acme.yml')
    writeFileSync(client, 'name: Acme\nsize: : x\n')
    const shown = await stream.next((e) => e.event === 'diagnostics' && e.data.diagnostics.length > 0)
    const problem = shown.data.diagnostics[0]
    expect(problem.severity).toBe('error')
    expect(problem.place).toBe('content/clients/acme.yml:2:7')
    expect(problem.message).toContain('invalid YAML')
    expect(problem.hint).toContain('Fix the YAML syntax')
    expect(problem.frame).toEqual(['  2 | size: : x', '    |       ^'])
    const served = JSON.parse((await raw(server.port, '/__workshop-kit/diagnostics.json')).body.toString())
    expect(served.diagnostics[0].place).toBe(problem.place)
    // The last good page is still there.
    const during = await raw(server.port, '/acme/deck.html')
    expect(during.status).toBe(200)
    expect(during.body.equals(before)).toBe(true)
    writeFileSync(client, 'name: Acme\n')
    await stream.next((e) => e.event === 'diagnostics' && e.data.diagnostics.length === 0)
    expect(JSON.parse((await raw(server.port, '/__workshop-kit/diagnostics.json')).body.toString()).diagnostics).toEqual([])
  })

  it('a page opened while its client cannot build gets the problems, and reloads once fixed', async () => {
    const root = minimalProject({ 'content/clients/acme.yml': 'name: [Acme\n' })
    const { server } = await serve(root)
    expect(server.session.hasErrors).toBe(true)
    const page = await raw(server.port, '/acme/deck.html')
    expect(page.status).toBe(404)
    expect(page.body.toString()).toMatch(RELOAD_TAG)
    const stream = listen(server.port, 'acme/deck.html')
    const state = await stream.next((e) => e.event === 'state')
    expect(state.data.diagnostics[0].place).toMatch(/^content\/clients\/acme\.yml:\d+:\d+$/)
    writeFileSync(path.join(root, 'content', 'clients', 'acme.yml'), 'name: Acme\n')
    await stream.next((e) => e.event === 'reload' && e.data.pages.includes('acme/deck.html'))
    expect((await raw(server.port, '/acme/deck.html')).status).toBe(200)
  })

  it('the command line: dev in the help, options of other commands refused, Ctrl-C stops it with 130', async () => {
    const help = runCli(['dev', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('workshop-kit dev [--root DIR] [--client ID]... [--port N] [--host H] [--open]')
    expect(runCli(['--help']).stdout).toContain('workshop-kit dev')
    const refused = runCli(['dev', '--out', 'x'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('--out needs --write: dev writes nothing unless asked')
    expect(runCli(['dev', '--format', 'pdf']).stderr).toContain('--format does not apply')
    expect(runCli(['dev', '--port', 'abc']).stderr).toContain('--port needs a port number')
    const unknown = runCli(['dev', '--root', minimalProject(), '--port', '0', '--client', 'nope'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown client "nope" (clients: acme)')

    const root = minimalProject()
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'workshop-kit.js'), 'dev', '--root', root, '--port', '0'], { env: { ...process.env, WORKSHOP_KIT_DEBUG: '' } })
    open.push({ close: () => child.kill('SIGKILL') })
    let stderr = ''
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk) => {
        stderr += chunk
        const found = /serving (http:\/\/\S+)/.exec(stderr)
        if (found) resolve(found[1])
      })
      child.on('exit', () => reject(new Error(stderr)))
    })
    const port = Number(new URL(url).port)
    expect((await raw(port, '/acme/deck.html')).status).toBe(200)
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (exit) => resolve(exit))
      child.kill('SIGINT')
    })
    expect(code).toBe(130)
    expect(stderr).toContain('dev server stopped')
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
  })
})
