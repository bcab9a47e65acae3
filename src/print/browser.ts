// The one browser of a build. It is found on the machine (never downloaded),
// loaded only when a build prints or inspects pages, and serves the build's
// own files from memory under a private origin: a page can load those and
// data: URIs, and every other request is refused and reported.
import { existsSync } from 'node:fs'
import type { Browser, BrowserContext, Page, Request } from 'playwright-core'
import { AbortError } from '../diagnostics/errors.js'
import { mediaTypeOf } from '../output/media-types.js'
import { watchConnections } from './page-probes.js'

/** Where pages of the build live while the browser looks at them. */
export const KIT_ORIGIN = 'http://workshop-kit.invalid'

/** Where Chromium, Chrome or Edge (Chromium too) usually sit, per system, in order of preference. */
export function chromiumCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    const apps = ['Chromium.app/Contents/MacOS/Chromium', 'Google Chrome.app/Contents/MacOS/Google Chrome', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge']
    const home = env.HOME ? [`${env.HOME}/Applications`] : []
    return ['/Applications', ...home].flatMap((dir) => apps.map((app) => `${dir}/${app}`))
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter((dir): dir is string => Boolean(dir))
    const apps = ['Chromium\\Application\\chrome.exe', 'Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe']
    return roots.flatMap((dir) => apps.map((app) => `${dir}\\${app}`))
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium', '/usr/bin/microsoft-edge']
}

/** How to get a browser (the catalogue's words). */
export { INSTALL_CHROMIUM as INSTALL_HINT } from '../diagnostics/catalogue.js'

/** The Chromium to use: CHROME_PATH when set, else the usual paths of this system (Linux, macOS, Windows). */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (file: string) => boolean = existsSync,
): { path?: string; reason: string } {
  const configured = env.CHROME_PATH?.trim()
  if (configured) {
    return exists(configured)
      ? { path: configured, reason: '' }
      : { reason: `CHROME_PATH points to ${configured}, which does not exist` }
  }
  const candidates = chromiumCandidates(platform, env)
  const found = candidates.find((candidate) => exists(candidate))
  return found ? { path: found, reason: '' } : { reason: `no Chromium found (looked for ${candidates.join(', ')})` }
}

export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
  '--font-render-hinting=none',
  // No crash reporter: it would outlive the browser as a separate process.
  '--disable-crash-reporter',
  '--disable-breakpad',
  // No network. The build's files come from the route below, before any
  // network; every connection it does not answer (WebSockets, preconnects,
  // what a worker asks for...) goes to a proxy that cannot be reached, since
  // no host name resolves, the proxy's own included, and loopback addresses
  // are not let past it. WebRTC may send no UDP of its own (its TCP would go
  // through that proxy).
  '--proxy-server=http://no-network.invalid:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
]

/** The page-side name of the binding through which pages tell of connections they try. */
const CONNECTION_BINDING = '__workshopKitConnection'

/** The files the browser may load, by path under the output folder. */
export interface ServedFiles {
  get(path: string): string | Uint8Array | undefined
}

/** A connection a page tried: a WebSocket, WebRTC (through an ICE server, '' when it named none) or WebTransport. */
export interface Connection {
  kind: ConnectionKind
  url: string
}

export type ConnectionKind = 'websocket' | 'webrtc' | 'webtransport'

/** What happened on one page besides what it was asked to do. */
export interface PageEvents {
  /** Requests refused: anything not a file of the build or a data: URI. */
  refused: string[]
  /** Connections the page tried to open (all of them fail: the browser has no network). */
  connections: Connection[]
  /** Files of the build that were asked for and do not exist. */
  missing: string[]
  /** Console errors and uncaught exceptions of the page's scripts. */
  errors: string[]
}

export interface VisitOptions {
  /** Path of the page under the output folder, e.g. "acme/deck.html". */
  page: string
  viewport?: { width: number; height: number }
  /** Emulated CSS media: "print" lays out every slide and page. */
  media?: 'screen' | 'print'
  /** A style sheet in force before the page's own content is laid out (what the kit's print leaves out of a page). */
  css?: string
  /** Device pixels per CSS pixel of the page's screenshots (default 1). */
  scale?: number
  /** Longest the work on the loaded page may take (default: the build's timeout). */
  workMs?: number
}

/** A page that did not finish loading or printing in time. */
export class TimeoutError extends Error {
  constructor(
    readonly page: string,
    readonly step: 'loading' | 'printing',
    readonly seconds: number,
  ) {
    super(`${page} did not finish ${step} within ${seconds} s`)
  }
}

export class PrintBrowser {
  private browser?: Browser
  private starting?: Promise<Browser>
  /** One context per screenshot scale, made when first needed. */
  private readonly contexts = new Map<number, Promise<BrowserContext>>()
  private readonly events = new Map<Page, PageEvents>()
  private running = 0
  private readonly waiting: Array<() => void> = []
  private closed = false

  constructor(
    private readonly executable: string,
    private readonly files: ServedFiles,
    private readonly options: { timeoutMs: number; concurrency: number },
  ) {}

  /** The first page to need the browser starts it; the others wait for that one. */
  private start(scale: number): Promise<BrowserContext> {
    this.starting ??= this.launch()
    let context = this.contexts.get(scale)
    if (!context) this.contexts.set(scale, (context = this.starting.then((browser) => this.newContext(browser, scale))))
    return context
  }

  private async launch(): Promise<Browser> {
    // Loaded here so builds that print nothing never load the browser driver.
    const { chromium } = await import('playwright-core')
    this.browser = await chromium.launch({
      executablePath: this.executable,
      headless: true,
      // Playwright starts Chromium on a fresh temporary profile and removes it after.
      args: BROWSER_ARGS,
      // The kit closes the browser itself on every way out, signals included.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: this.options.timeoutMs,
    })
    if (this.closed) {
      await this.close()
      throw new AbortError()
    }
    return this.browser
  }

  private async newContext(browser: Browser, scale: number): Promise<BrowserContext> {
    const context = await browser.newContext({ deviceScaleFactor: scale })
    // The browser blocks WebRTC and WebTransport; pages say when they try, so it can be told where.
    await context.exposeBinding(CONNECTION_BINDING, (source, kind: unknown, url: unknown) => {
      if (kind === 'webrtc' || kind === 'webtransport') this.events.get(source.page)?.connections.push({ kind, url: String(url) })
    })
    await context.addInitScript(watchConnections, CONNECTION_BINDING)
    await context.route('**/*', async (route) => {
      const request = route.request()
      const url = request.url()
      const events = this.eventsOf(request)
      if (url.startsWith(`${KIT_ORIGIN}/`)) {
        const file = decodeURIComponent(new URL(url).pathname.slice(1))
        const body = this.files.get(file)
        if (body !== undefined) return route.fulfill({ status: 200, contentType: mediaTypeOf(file), body: Buffer.from(body) })
        events?.missing.push(file)
        return route.fulfill({ status: 404, body: '' })
      }
      events?.refused.push(url)
      return route.abort('blockedbyclient')
    })
    return context
  }

  /** The events of the page a request comes from (none for a service worker's). */
  private eventsOf(request: Request): PageEvents | undefined {
    try {
      return this.events.get(request.frame().page())
    } catch {
      return undefined
    }
  }

  /**
   * Opens a page of the build, waits until it has loaded (fonts included),
   * runs `use` on it and closes it. At most `concurrency` pages are open at
   * once. A page that does not load in time fails with a TimeoutError.
   */
  async visit<T>(options: VisitOptions, use: (page: Page) => Promise<T>): Promise<{ result: T; events: PageEvents }> {
    await this.slot()
    let page: Page | undefined
    try {
      const context = await this.start(options.scale ?? 1)
      page = await context.newPage()
      const events: PageEvents = { refused: [], missing: [], errors: [], connections: [] }
      this.events.set(page, events)
      page.on('websocket', (socket) => events.connections.push({ kind: 'websocket', url: socket.url() }))
      // Anything else that got past the route met the proxy that is not there.
      page.on('requestfailed', (request) => {
        if (request.failure()?.errorText.includes('ERR_PROXY_CONNECTION_FAILED')) events.refused.push(request.url())
      })
      page.on('console', (message) => {
        if (message.type() !== 'error') return
        const text = message.text()
        // Refused requests are reported once, from the route above.
        if (/ERR_BLOCKED_BY_CLIENT|ERR_PROXY_CONNECTION_FAILED|404 \(Not Found\)/.test(text) && !/^WebSocket /.test(text)) return
        const local = /Not allowed to load local resource: (\S+)/.exec(text)
        // Also a worker's WebSocket, which the page's "websocket" event does not see.
        const socket = /^WebSocket connection to '([^']+)' failed/.exec(text)
        if (local) events.refused.push(local[1])
        else if (socket) events.connections.push({ kind: 'websocket', url: socket[1] })
        else events.errors.push(text)
      })
      page.on('pageerror', (error) => events.errors.push(error.message))
      if (options.viewport) await page.setViewportSize(options.viewport)
      if (options.media) await page.emulateMedia({ media: options.media })
      if (options.css) await page.addInitScript(styleFirst, options.css)
      const timeout = this.options.timeoutMs
      page.setDefaultTimeout(timeout + 2000)
      await withTimeout(
        (async () => {
          await page!.goto(`${KIT_ORIGIN}/${options.page.split('/').map(encodeURIComponent).join('/')}`, { waitUntil: 'load', timeout: timeout + 2000 })
          await page!.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready.then(() => true))
          await page!.evaluate(settleLayout)
        })(),
        timeout,
        () => new TimeoutError(options.page, 'loading', Math.round(timeout / 1000)),
      )
      const work = options.workMs ?? timeout
      const result = await withTimeout(use(page), work, () => new TimeoutError(options.page, 'printing', Math.round(work / 1000)))
      return { result, events }
    } finally {
      if (page) {
        this.events.delete(page)
        // A page stuck in a script may not answer: do not wait on it forever.
        await withTimeout(page.close(), 5000).catch(() => undefined)
      }
      this.release()
    }
  }

  /** Closes the browser; safe to call more than once and from a signal handler. */
  async close(): Promise<void> {
    this.closed = true
    const browser = this.browser
    this.browser = undefined
    if (browser) await withTimeout(browser.close(), 10000).catch(() => undefined)
  }

  private async slot(): Promise<void> {
    if (this.closed) throw new AbortError()
    if (this.running < this.options.concurrency) {
      this.running++
      return
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve))
    if (this.closed) throw new AbortError()
  }

  private release(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.running--
  }
}

/** `work`, or `late()` thrown after `ms`. */
function withTimeout<T>(work: Promise<T>, ms: number, late: () => Error = () => new Error('timed out')): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}


/**
 * Waits a few frames after load: Marp fits "<!-- fit -->" headings with a
 * ResizeObserver and animation frames, so measuring or printing at once would
 * catch some slides before they are fitted and others after (runs in the page).
 */
function settleLayout(): Promise<boolean> {
  const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
  return frame()
    .then(frame)
    .then(frame)
    .then(() => true)
}

/**
 * Runs in the page before its own content: adds `css` as the document's
 * first style sheet, once there is a document element to hold it, so what it
 * hides is never laid out.
 */
function styleFirst(css: string): void {
  const doc = (globalThis as unknown as { document: Document }).document
  const style = doc.createElement('style')
  style.textContent = css
  const place = () => {
    if (!doc.documentElement) return false
    doc.documentElement.insertBefore(style, doc.documentElement.firstChild)
    return true
  }
  if (place()) return
  const watcher = new MutationObserver(() => {
    if (place()) watcher.disconnect()
  })
  watcher.observe(doc, { childList: true })
}
