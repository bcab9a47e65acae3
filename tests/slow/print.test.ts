// PDFs, overflow and print checks through a real Chromium, read back as a
// user meets them: page counts, text, bookmarks, rendered pixels. (No browser
// at all: tests/no-browser.test.ts.)
import dgram from 'node:dgram'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium } from '../../lib/print/browser.js'
import { build, type BuildResult } from '../../lib/index.js'
import { runCli, runCliTracked } from '../helpers/cli.js'
import { inkCoverage, openPdf, pdfOutline, pdfText } from '../helpers/pdf.js'
import { browserDescendants, stillRunning } from '../helpers/processes.js'
import { copyFixture, minimalProject, repoRoot } from '../helpers/project.js'
import { visibleText } from '../helpers/text.js'

const chromium = findChromium()
const skip = process.env.WORKSHOP_KIT_SKIP_BROWSER === '1'
if (!chromium.path && !skip) {
  throw new Error(`These tests need Chromium: ${chromium.reason}. Install it (apt-get install -y chromium) or set WORKSHOP_KIT_SKIP_BROWSER=1.`)
}
const describeBrowser = skip ? describe.skip : describe

const A4 = { width: 595.28, height: 841.89 }
const squash = (text: string) => text.replace(/\s+/g, ' ').trim()
const slidesIn = (html: string) => (html.match(/<svg data-marpit-svg/g) ?? []).length

describeBrowser('PDF kit of the default workshop', () => {
  let out: string
  let result: BuildResult
  let clients: string[]

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'wk-pdf-'))
    result = await build({ root: repoRoot, out, formats: ['html', 'pdf'] })
    clients = readdirSync(path.join(repoRoot, 'content', 'clients'))
      .filter((f) => f.endsWith('.yml'))
      .map((f) => f.replace(/\.yml$/, ''))
  }, 300_000)

  it('builds cleanly: no overflowing slide, no split answer box, nothing refused', () => {
    expect(result.ok).toBe(true)
    expect(result.diagnostics.map((d) => d.code)).toEqual([])
  })

  it('leaves no browser running', () => {
    expect(browserDescendants(process.pid)).toEqual([])
  })

  it('writes every PDF next to its HTML for every client', () => {
    for (const client of clients) {
      for (const name of ['deck', 'worksheet', 'guide']) {
        expect(existsSync(path.join(out, client, `${name}.pdf`)), `${client}/${name}.pdf`).toBe(true)
      }
      const lessons = readdirSync(path.join(out, client, 'lessons'))
      const html = lessons.filter((f) => f.endsWith('.html')).map((f) => f.replace(/\.html$/, ''))
      expect(html.length).toBeGreaterThan(0)
      expect(lessons.filter((f) => f.endsWith('.pdf')).map((f) => f.replace(/\.pdf$/, '')).sort()).toEqual(html.sort())
    }
  })

  it('prints one page per slide, at the slide size', async () => {
    for (const client of clients) {
      const deck = await openPdf(path.join(out, client, 'deck.pdf'))
      expect(deck.getPageCount(), `${client}/deck.pdf`).toBe(slidesIn(readFileSync(path.join(out, client, 'deck.html'), 'utf8')))
      const { width, height } = deck.getPage(0).getSize()
      expect(width / height).toBeCloseTo(16 / 9, 2)
      for (const file of readdirSync(path.join(out, client, 'lessons')).filter((f) => f.endsWith('.pdf'))) {
        const lesson = await openPdf(path.join(out, client, 'lessons', file))
        const html = readFileSync(path.join(out, client, 'lessons', file.replace(/\.pdf$/, '.html')), 'utf8')
        expect(lesson.getPageCount(), `${client}/lessons/${file}`).toBe(slidesIn(html))
      }
    }
  })

  it('gives the deck a title, an author and one bookmark per lesson', async () => {
    const deck = await openPdf(path.join(out, 'banco-meridiano', 'deck.pdf'))
    expect(deck.getTitle()).toBe('Redes sociales para empresas · Banco Meridiano')
    expect(deck.getAuthor()).toBeTruthy()
    const outline = pdfOutline(deck)
    const lessonFiles = readdirSync(path.join(out, 'banco-meridiano', 'lessons')).filter((f) => f.endsWith('.pdf'))
    expect(outline).toHaveLength(lessonFiles.length)
    const lessonTitles = await Promise.all(
      lessonFiles.map(async (f) => (await openPdf(path.join(out, 'banco-meridiano', 'lessons', f))).getTitle()!.split(' · ')[0]),
    )
    expect(outline.map((entry) => entry.title.replace(/^\d+\. /, '')).sort()).toEqual(lessonTitles.sort())
    expect(outline.every((entry) => entry.children.length > 0)).toBe(true)
  })

  it('puts the client on the deck and the worksheet, and the solutions only in the guide', () => {
    const guideHtml = readFileSync(path.join(out, 'suministros-iberica', 'guide.html'), 'utf8')
    const solutions = [...guideHtml.matchAll(/<div class="solution">([\s\S]*?)<\/div>/g)]
      .map((m) => squash(visibleText(m[1])).replace(/^Solución:? ?/, ''))
      .filter((text) => text.length > 20)
    expect(solutions.length).toBeGreaterThan(3)
    const worksheet = squash(pdfText(path.join(out, 'suministros-iberica', 'worksheet.pdf')))
    const guide = squash(pdfText(path.join(out, 'suministros-iberica', 'guide.pdf')))
    const deck = squash(pdfText(path.join(out, 'suministros-iberica', 'deck.pdf')))
    expect(deck.includes('Suministros Industriales Ibérica')).toBe(true)
    expect(worksheet.includes('Suministros Industriales Ibérica')).toBe(true)
    for (const solution of solutions) {
      const sample = solution.slice(0, 40)
      expect(worksheet.includes(sample), sample).toBe(false)
      expect(guide.includes(sample), sample).toBe(true)
    }
  })

  it('prints worksheet and guide on numbered A4 pages', async () => {
    for (const name of ['worksheet', 'guide']) {
      const file = path.join(out, 'la-tasca-del-puerto', `${name}.pdf`)
      const doc = await openPdf(file)
      expect(doc.getPageCount()).toBeGreaterThan(1)
      for (const page of doc.getPages()) {
        expect(page.getWidth()).toBeCloseTo(A4.width, 0)
        expect(page.getHeight()).toBeCloseTo(A4.height, 0)
      }
      const pages = pdfText(file).split('\f').filter((p) => p.trim())
      pages.forEach((text, i) => expect(text.trim().split('\n').at(-1)!.trim(), `${name} page ${i + 1}`).toBe(String(i + 1)))
    }
  })

  it("cuts each lesson's PDF out of the deck's: the same pages, its own title and bookmarks", async () => {
    const client = 'norte-textil'
    const deckPages = pdfText(path.join(out, client, 'deck.pdf')).split('\f')
    const deck = await openPdf(path.join(out, client, 'deck.pdf'))
    const outline = pdfOutline(deck)
    for (const file of readdirSync(path.join(out, client, 'lessons')).filter((f) => f.endsWith('.pdf')).sort()) {
      const lessonFile = path.join(out, client, 'lessons', file)
      const lesson = await openPdf(lessonFile)
      const lessonPages = pdfText(lessonFile).split('\f').slice(0, lesson.getPageCount())
      const first = deckPages.findIndex((text) => squash(text) === squash(lessonPages[0]))
      expect(first, file).toBeGreaterThan(0)
      expect(lessonPages.map(squash), file).toEqual(deckPages.slice(first, first + lessonPages.length).map(squash))
      // Its entry in the deck's outline (lessons are numbered there in the client's order).
      const titles = outline.map((entry) => entry.title.replace(/^\d+\. /, ''))
      const own = titles.filter((title) => lesson.getTitle()!.startsWith(title)).sort((a, b) => b.length - a.length)[0]
      expect(own, file).toBeDefined()
      expect(pdfOutline(lesson)[0].title, file).toBe(own)
    }
  })

  it('renders pages that are not blank', () => {
    expect(inkCoverage(path.join(out, 'norte-textil', 'deck.pdf'), 1)).toBeGreaterThan(0.02)
    expect(inkCoverage(path.join(out, 'norte-textil', 'worksheet.pdf'), 1)).toBeGreaterThan(0.02)
  })
})

describeBrowser('a lesson with a look of its own', () => {
  it('is printed from its own deck, at its own size; the others are cut from the deck', async () => {
    const root = minimalProject({
      'content/workshop.yml': 'title: Taller\nlessons:\n  - intro\n  - cuadrada\n',
      'content/lessons/cuadrada.md': '---\ntitle: Cuadrada\nsize: 4:3\n---\n\n# Diapositiva cuadrada\n\n---\n\n## Segunda\n',
    })
    const out = path.join(root, 'dist')
    const result = await build({ root, out, formats: ['pdf'] })
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const square = await openPdf(path.join(out, 'acme', 'lessons', 'cuadrada.pdf'))
    const { width, height } = square.getPage(0).getSize()
    expect(width / height).toBeCloseTo(4 / 3, 2)
    expect(square.getPageCount()).toBe(2)
    const intro = await openPdf(path.join(out, 'acme', 'lessons', 'intro.pdf'))
    const introSize = intro.getPage(0).getSize()
    expect(introSize.width / introSize.height).toBeCloseTo(16 / 9, 2)
    // Cut from the deck, so numbered as there (the lesson itself sets no page numbers).
    const deckPages = pdfText(path.join(out, 'acme', 'deck.pdf')).split('\f')
    const introPages = pdfText(path.join(out, 'acme', 'lessons', 'intro.pdf')).split('\f')
    expect(deckPages.map(squash)).toContain(squash(introPages[0]))
  }, 120_000)
})

describeBrowser('print checks on problem content', () => {
  let root: string
  let checkRun: ReturnType<typeof runCli>

  beforeAll(() => {
    root = copyFixture('print-problems')
    checkRun = runCli(['check'], root)
  }, 120_000)

  it('reports an overflowing slide at the line where it starts, per client slide number', () => {
    expect(checkRun.code).toBe(0)
    // acme is B2B: a conditional slide comes first, so the long slide is its 3rd.
    expect(checkRun.stderr).toMatch(/^content\/lessons\/largo\.md:20:1: warning: slide 2 overflows by \d{3}px \(bottom\)$/m)
    expect(checkRun.stderr).toMatch(/^content\/lessons\/largo\.md:20:1: warning: slide 3 overflows by \d{3}px \(bottom\)$/m)
    // The lesson's own deck shows the same slides: they are measured once, in the deck.
    expect(checkRun.stderr).toMatch(/seen in acme\/deck\.html[,)]/)
  })

  it('reports an answer box cut across worksheet pages at its directive', () => {
    expect(checkRun.stderr).toMatch(
      /content\/lessons\/largo\.md:52:1: warning: the answer box of exercise 1\.1 \("Escribe mucho"\) is split across pages \d+ and \d+ of worksheet\.html/,
    )
  })

  it('refuses remote and local files while printing, naming the lesson and the place', () => {
    expect(checkRun.stderr).toContain('content/lessons/remoto.md:8:16: warning: https://example.com/logo.png was not loaded')
    expect(checkRun.stderr).toContain('content/lessons/remoto.md:10:11: warning: file:///etc/hostname was not loaded')
    // One report per place, not one per page.
    expect(checkRun.stderr.match(/example\.com\/logo\.png was not loaded/g)).toHaveLength(1)
  })

  it('--strict turns the warnings into errors', () => {
    const run = runCli(['check', '--strict'], root)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^content\/lessons\/largo\.md:20:1: error: slide 2 overflows by \d+px \(bottom\)$/m)
    expect(run.stderr).not.toContain(': warning:')
    const built = runCli(['build', '--strict'], root)
    expect(built.code).toBe(1)
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
  })

  it('--format pdf writes the PDFs (and no HTML) despite the warnings', async () => {
    const run = runCli(['build', '--format', 'pdf'], root)
    expect(run.code).toBe(0)
    const files = readdirSync(path.join(root, 'dist', 'acme'), { recursive: true }).map(String).sort()
    expect(files).toEqual(['deck.md', 'deck.pdf', 'guide.pdf', 'handout.pdf', 'lessons', 'lessons/largo.pdf', 'lessons/remoto.pdf', 'slides.pdf', 'worksheet.pdf'])
    const worksheet = await openPdf(path.join(root, 'dist', 'acme', 'worksheet.pdf'))
    // The probes used to find the split box leave no trace in the user's file.
    expect(worksheet.catalog.toString()).not.toContain('wk-probe')
  })
})

describeBrowser('printing stays contained', () => {
  // Servers on this machine that count every contact: the lesson's script aims at them.
  const contacts = { tcp: 0, http: 0, requests: [] as string[], udp: 0 }
  let tcp: net.Server
  let web: http.Server
  let udp: dgram.Socket
  let root: string
  let lesson: string
  let text: string
  let result: BuildResult

  beforeAll(async () => {
    tcp = net.createServer((socket) => {
      contacts.tcp++
      socket.destroy()
    })
    web = http.createServer((request, response) => {
      contacts.requests.push(request.url ?? '')
      response.end('ok')
    })
    web.on('connection', () => contacts.http++)
    web.on('upgrade', (request, socket) => {
      contacts.requests.push(`upgrade ${request.url}`)
      socket.destroy()
    })
    udp = dgram.createSocket('udp4')
    udp.on('message', () => contacts.udp++)
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve))
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve))
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve))
    const T = (tcp.address() as net.AddressInfo).port
    const H = (web.address() as net.AddressInfo).port
    const U = udp.address().port
    text = [
      '---',
      'title: Conexiones',
      '---',
      '',
      '# Una lección que intenta salir',
      '',
      `<img src="http://127.0.0.1:${H}/imagen.png" alt="remota">`,
      '',
      `<link rel="preconnect" href="http://127.0.0.1:${T}/">`,
      `<link rel="dns-prefetch" href="http://localhost:${T}/">`,
      `<link rel="prefetch" href="http://127.0.0.1:${H}/prefetch">`,
      '',
      '<script>',
      `const socket = new WebSocket('ws://127.0.0.1:${T}/socket')`,
      `const local = new WebSocket('ws://localhost:${H}/socket-local')`,
      `fetch('http://127.0.0.1:${H}/datos').catch(() => {})`,
      `const stream = new EventSource('http://127.0.0.1:${H}/eventos')`,
      `navigator.sendBeacon('http://127.0.0.1:${H}/baliza', 'x')`,
      `const peer = new RTCPeerConnection({ iceServers: [{ urls: 'stun:127.0.0.1:${U}' }, { urls: 'turn:127.0.0.1:${T}?transport=tcp', username: 'u', credential: 'c' }] })`,
      "peer.createDataChannel('canal')",
      'peer.createOffer().then((offer) => peer.setLocalDescription(offer))',
      `new Worker(URL.createObjectURL(new Blob(["new WebSocket('ws://127.0.0.1:${T}/desde-worker')"], { type: 'text/javascript' })))`,
      '</script>',
      '',
    ].join('\n')
    root = minimalProject({
      'content/workshop.yml': 'title: Taller\nlessons:\n  - intro\n  - conexiones\n',
      'content/lessons/conexiones.md': text,
    })
    lesson = path.join(root, 'content', 'lessons', 'conexiones.md')
    result = await build({ root, out: path.join(root, 'dist'), formats: ['html', 'pdf'] })
    // Let anything late (a retried EventSource, ICE checks) arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 1500))
  }, 120_000)

  afterAll(() => {
    tcp?.close()
    web?.close()
    udp?.close()
  })

  /** Where `written` first appears in the lesson, as the build reports it. */
  const at = (written: string) => {
    const offset = text.indexOf(written)
    const before = text.slice(0, offset).split('\n')
    return { file: lesson, line: before.length, column: before[before.length - 1].length + 1 }
  }
  const reported = (code: string, written: string) =>
    result.diagnostics.filter((d) => d.code === code && d.message.includes(written)).map((d) => ({ file: d.file, line: d.line, column: d.column }))

  it('makes no connection to the machine, by any way a page has', () => {
    expect(result.ok).toBe(true)
    expect(existsSync(path.join(root, 'dist', 'acme', 'deck.pdf'))).toBe(true)
    expect(contacts).toEqual({ tcp: 0, http: 0, requests: [], udp: 0 })
  })

  it('reports each WebSocket at the place in the lesson that opens it', () => {
    for (const url of ['/socket', '/socket-local', '/desde-worker']) {
      const written = text.match(new RegExp(`ws://[\\w.]+:\\d+${url}'`))![0].slice(0, -1)
      expect(reported('refused-connection', written), written).toEqual([at(written)])
    }
    const socket = result.diagnostics.find((d) => d.code === 'refused-connection' && d.message.includes('/socket'))!
    expect(socket.message).toMatch(/^a WebSocket to ws:\/\/127\.0\.0\.1:\d+\/socket was not opened/)
  })

  it('reports WebRTC at each ICE server it names', () => {
    for (const scheme of ['stun:', 'turn:']) {
      const written = text.match(new RegExp(`${scheme}[^']+`))![0]
      expect(reported('refused-connection', written), written).toEqual([at(written)])
    }
  })

  it('reports requests (images, fetch, EventSource, beacons, prefetch) as before', () => {
    for (const name of ['imagen.png', 'datos', 'eventos', 'baliza', 'prefetch']) {
      const written = text.match(new RegExp(`http://127\\.0\\.0\\.1:\\d+/${name.replace('.', '\\.')}`))![0]
      expect(reported('refused-request', written), written).toEqual([at(written)])
    }
  })

  it('leaves nothing else to report: no script error from the blocked connections', () => {
    // (The remote image is also told when the lesson is read: the kit is not offline with it.)
    expect(result.diagnostics.filter((d) => !['refused-connection', 'refused-request', 'remote-asset'].includes(d.code))).toEqual([])
  })
})

describeBrowser('the browser on every way out', () => {
  const hung = () =>
    minimalProject({
      'content/workshop.yml': 'title: Taller\nlessons:\n  - colgada\n',
      'content/lessons/colgada.md': '---\ntitle: Colgada\n---\n\n# Una página que no termina\n\n<script>for(;;){}</script>\n',
    })

  it('a page that never finishes loading hits the timeout, named by file', async () => {
    const root = hung()
    const run = await runCliTracked(['build', '--format', 'pdf', '--timeout', '3'], root)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^content\/lessons\/colgada\.md:\d+:\d+: error: acme\/lessons\/colgada\.html did not finish loading within 3 s$/m)
    expect(run.stderr).toContain('nothing was written')
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
    expect(run.browsers.length).toBeGreaterThan(0)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(stillRunning(run.browsers)).toEqual([])
  }, 60_000)

  it('Ctrl-C closes the browser and writes nothing', async () => {
    const root = hung()
    const run = await runCliTracked(['build', '--format', 'pdf', '--timeout', '120'], root, (pid) => {
      setTimeout(() => process.kill(pid, 'SIGINT'), 1000)
    })
    expect(run.code).toBe(130)
    expect(run.stderr).toContain('stopped; nothing was written')
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(stillRunning(run.browsers)).toEqual([])
  }, 60_000)
})
