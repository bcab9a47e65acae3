// Stage "print": the built pages go through one shared Chromium. Every deck
// page is measured for slides whose content overflows; worksheets are checked
// for answer boxes cut across pages; and, when PDFs are asked for, each page
// is printed (decks at slide size with an outline per lesson, worksheet and
// guide on A4) and finished with pdf-lib.
import os from 'node:os'
import path from 'node:path'
import { KIT_ORIGIN, PrintBrowser, TimeoutError, type ConnectionKind, type PageEvents, type ServedFiles } from './browser.js'
import type { Diagnostic, Place } from '../diagnostics/reporter.js'
import { throwIfAborted } from '../diagnostics/errors.js'
import { diagnostic } from '../diagnostics/reporter.js'
import { addAnswerProbes, measureSlideOverflow, slideBoxes, type SlideOverflow } from './page-probes.js'
import type { OutlineEntry } from './pdf-file.js'
import type { DeckPage, DocumentPage, HandoutItem, PrintPage } from './print-plan.js'
import type { OutputFile } from '../output/output-file.js'

export interface PrintOptions {
  chromium: string
  pdf: boolean
  /** Measure slides and answer boxes (warnings). */
  inspect: boolean
  timeoutMs: number
  concurrency?: number
  signal?: AbortSignal
  /** Each PDF as soon as it is printed (so PDFs are not all held in memory). */
  onPdf: (file: OutputFile) => void
  /** Called as pages finish, for a progress display. */
  onProgress?: (done: number, total: number, page: string) => void
  /** Where in the author's files a URL appears, to point refusals at it. */
  locate: (url: string, sources: string[]) => Place | undefined
}

export interface PrintReport {
  diagnostics: Diagnostic[]
  /** The same findings, for each client alone (what a later rebuild that skips the client repeats). */
  byClient: Map<string, Diagnostic[]>
}

const PROBE = 'wk-probe-'
/** Key of the whole build's findings (client ids never start with a dot). */
const ALL = '.all'
/** Sub-pixel layout differences are not overflow. */
const TOLERANCE_PX = 2

export async function printPages(files: ServedFiles, pages: PrintPage[], options: PrintOptions): Promise<PrintReport> {
  // Findings are gathered for the whole build and for each client on its own.
  const reports = new Map<string, { overflows: OverflowReport; events: EventReport; other: Diagnostic[] }>()
  const reportsFor = (page: PrintPage) =>
    [ALL, page.client].map((key) => {
      let report = reports.get(key)
      if (!report) reports.set(key, (report = { overflows: new OverflowReport(), events: new EventReport(), other: [] }))
      return report
    })
  const concurrency = options.concurrency ?? Math.min(8, Math.max(4, os.availableParallelism()))
  const browser = new PrintBrowser(options.chromium, files, { timeoutMs: options.timeoutMs, concurrency })
  const stop = () => void browser.close()
  options.signal?.addEventListener('abort', stop, { once: true })
  try {
    throwIfAborted(options.signal)
    // Without PDFs, only pages with something to measure are opened (a
    // handout's sheets are whole pages by construction: checked when printed).
    const visited = options.pdf ? pages : pages.filter((page) => page.kind !== 'guide' && page.kind !== 'handout')
    let done = 0
    let total = visited.length
    // Each deck's PDF, for the handout that draws its slides from it (printed once).
    const deckPdfs = new Map<string, { pdf: Promise<Uint8Array | undefined>; settle: (pdf: Uint8Array | undefined) => void }>()
    const deckPdf = (page: string) => {
      let entry = deckPdfs.get(page)
      if (!entry) {
        let settle!: (pdf: Uint8Array | undefined) => void
        const pdf = new Promise<Uint8Array | undefined>((resolve) => (settle = resolve))
        deckPdfs.set(page, (entry = { pdf, settle }))
      }
      return entry
    }
    const printedDecks = new Set(visited.filter((page) => page.kind === 'deck').map((page) => page.page))
    // PowerPoint files and slide pictures: their own visit of the deck, drawn at twice the size.
    const exporting = visited.filter((page): page is DeckPage => page.kind === 'deck' && page.exports !== undefined)
    total += exporting.length
    const exportDeck = async (page: DeckPage) => {
      try {
        // What the page asked for is reported by its print visit.
        const { result } = await browser.visit(
          // Drawing a long deck's slides takes longer than printing it: the timeout is per 40 slides.
          { page: page.page, media: 'print', viewport: { width: page.slideSize.width, height: page.slideSize.height }, scale: 2, workMs: options.timeoutMs * Math.max(1, Math.ceil(page.slideTitles.length / 40)) },
          (tab) => exportSlides(tab, page, files),
        )
        for (const file of result.files) options.onPdf(file)
        for (const report of reportsFor(page)) report.other.push(...result.diagnostics)
      } catch (error) {
        if (options.signal?.aborted) throw error
        for (const report of reportsFor(page)) report.other.push(visitFailure(error, page.page))
      }
      options.onProgress?.(++done, total, page.page)
    }
    const visit = async (page: PrintPage): Promise<void> => {
      let printed: Uint8Array | undefined
      try {
        // Waited for before a tab is taken: a deck never waits for anything.
        const slides = page.kind === 'handout' && options.pdf && page.slidesFrom && printedDecks.has(page.slidesFrom) ? await deckPdf(page.slidesFrom).pdf : undefined
        const { result, events } = await browser.visit(
          page.kind === 'deck'
            ? { page: page.page, media: 'print', viewport: { width: page.slideSize.width, height: page.slideSize.height } }
            : // A handout whose slides are drawn from its deck's PDF has them hidden from the start: never laid out twice.
              { page: page.page, media: 'print', viewport: { width: 794, height: 1123 }, css: slides ? HIDDEN_THUMBNAILS : undefined },
          (tab) => (page.kind === 'deck' ? deckWork(tab, page, options) : documentWork(tab, page, options, slides)),
        )
        for (const report of reportsFor(page)) {
          report.events.add(page, events, options)
          if (page.kind === 'deck' && result.overflow) report.overflows.add(page, result.overflow)
          if (result.split) report.other.push(...result.split)
        }
        printed = result.pdf
        if (result.pdf) options.onPdf({ path: page.pdf, content: result.pdf })
        for (const cut of result.cuts ?? []) options.onPdf(cut)
        options.onProgress?.(++done, total, page.page)
      } catch (error) {
        if (options.signal?.aborted) throw error
        const lesson = page.kind === 'deck' && page.ranges.length === 1 ? page.ranges[0].file : undefined
        const failed = visitFailure(error, page.page, lesson)
        for (const report of reportsFor(page)) report.other.push(failed)
        // A deck holds every lesson: their own pages tell which lesson is at fault.
        const fallbacks = page.kind === 'deck' ? (page.cuts ?? []).map((cut) => cut.lesson) : []
        total += fallbacks.length
        await Promise.all(fallbacks.map(visit))
      } finally {
        if (page.kind === 'deck') deckPdf(page.page).settle(printed)
      }
    }
    await Promise.all([...visited.map(visit), ...exporting.map(exportDeck)])
  } finally {
    options.signal?.removeEventListener('abort', stop)
    await browser.close()
  }
  throwIfAborted(options.signal)
  const found = new Map([...reports].map(([key, r]) => [key, [...r.other, ...r.overflows.diagnostics(), ...r.events.diagnostics()]]))
  const diagnostics = found.get(ALL) ?? []
  found.delete(ALL)
  return { diagnostics, byClient: found }
}

/** A page the browser could not load, print or draw in time, or at all; at `file` when one lesson is to blame. */
function visitFailure(error: unknown, page: string, file?: string): Diagnostic {
  return error instanceof TimeoutError
    ? diagnostic('print-timeout', { page: error.page, step: error.step, seconds: error.seconds }, { file })
    : diagnostic('print-error', { page, error: (error as Error).message.split('\n')[0] }, { file })
}

type Work = { pdf?: Uint8Array; cuts?: OutputFile[]; overflow?: SlideOverflow[]; split?: Diagnostic[] }

/** The deck's slides as PowerPoint files and pictures (src/pptx), loaded only by builds that ask for them. */
async function exportSlides(tab: import('playwright-core').Page, page: DeckPage, files: ServedFiles) {
  const { exportSlides: run } = await import('../pptx/export-slides.js')
  return run(tab, page, files, KIT_ORIGIN)
}

// pdf-lib is loaded only by builds that print.
const loadPdfFile = () => import('./pdf-file.js').then((m) => m.PdfFile)


async function deckWork(tab: import('playwright-core').Page, page: DeckPage, options: PrintOptions): Promise<Work> {
  const work: Work = {}
  if (options.inspect) work.overflow = await tab.evaluate(measureSlideOverflow, TOLERANCE_PX)
  if (options.pdf) {
    const PdfFile = await loadPdfFile()
    const printed = await tab.pdf({ preferCSSPageSize: true, printBackground: true })
    const pdf = await PdfFile.open(printed)
    pdf.setMetadata(page.meta)
    pdf.setOutline(deckOutline(page))
    work.pdf = await pdf.save()
    work.cuts = []
    for (const { lesson, first } of page.cuts ?? []) {
      const part = await PdfFile.cut(pdf, first, lesson.slideTitles.length)
      part.setMetadata(lesson.meta)
      part.setOutline(deckOutline(lesson))
      work.cuts.push({ path: lesson.pdf, content: await part.save() })
    }
  }
  return work
}

/** The handout's slide pictures, left out when its slides are the deck PDF's pages (their boxes keep their size). */
const HIDDEN_THUMBNAILS = '.wk-thumb > div.marpit { display: none !important; }'

/** `slides`: the printed deck whose pages a handout's slides are (else they are printed from the page's HTML). */
async function documentWork(tab: import('playwright-core').Page, page: DocumentPage, options: PrintOptions, slides?: Uint8Array): Promise<Work> {
  const work: Work = {}
  const boxes = slides && page.items ? await tab.evaluate(slideBoxes, [...page.items].map(([id, item]): [string, number] => [id, item.slide - 1])) : []
  const items = options.inspect ? (page.items ?? new Map()) : new Map<string, HandoutItem>()
  const probing = options.inspect && page.answers.size + items.size > 0
  const ids = probing ? await tab.evaluate(addAnswerProbes, { prefix: PROBE, ids: [...page.answers.keys(), ...items.keys()] }) : []
  // Answer boxes are checked on a real print: the PDF records the page of each edge.
  if (!options.pdf && !probing) return work
  const PdfFile = await loadPdfFile()
  const pdf = await PdfFile.open(await tab.pdf({ preferCSSPageSize: true, printBackground: true }))
  if (probing) {
    const landed = pdf.takeProbes(PROBE)
    work.split = []
    for (const id of ids) {
      const top = landed.get(`${PROBE}top-${id}`)
      const bottom = landed.get(`${PROBE}bottom-${id}`)
      if (top === undefined || bottom === undefined) continue
      // A handout's slide stays whole, on its own sheet's page.
      const item = items.get(id)
      if (item) {
        if (top === bottom && top === item.sheet - 1) continue
        work.split.push(
          diagnostic('handout-split', { slide: item.slide, from: top + 1, to: bottom + 1, sheet: item.sheet, page: path.basename(page.pdf) }, { file: item.file, line: item.line }),
        )
        continue
      }
      if (top === bottom) continue
      const box = page.answers.get(id)
      if (!box) continue
      work.split.push(
        diagnostic('answer-split', { exercise: box.exercise, title: box.title, from: top + 1, to: bottom + 1, page: path.basename(page.page) }, { file: box.file, line: box.line }),
      )
    }
  }
  if (options.pdf) {
    if (slides && boxes.length) await pdf.drawPagesOf(slides, boxes)
    pdf.setMetadata(page.meta)
    work.pdf = await pdf.save()
  }
  return work
}

/** One outline entry per lesson, its slides' titles inside. */
function deckOutline(page: DeckPage): OutlineEntry[] {
  return page.ranges
    .filter((range) => range.outlineTitle)
    .map((range) => ({
      title: range.outlineTitle!,
      page: range.first,
      children: page.slideTitles
        .slice(range.first, range.first + range.count)
        .map((title, i) => ({ title, page: range.first + i }))
        .filter((entry, i) => entry.title && i > 0),
    }))
}

/**
 * What pages did besides printing: requests refused, files missing, script
 * errors. The same problem on many pages (every client's deck) is one
 * diagnostic, at the place in the author's file that causes it.
 */
class EventReport {
  private readonly found = new Map<string, { diagnostic: (seenIn: string) => Diagnostic; pages: Set<string> }>()

  add(page: PrintPage, events: PageEvents, options: PrintOptions): void {
    const dir = path.posix.dirname(page.page)
    const record = (key: string, make: (seenIn: string) => Diagnostic) => {
      const entry = this.found.get(key) ?? { diagnostic: make, pages: new Set<string>() }
      entry.pages.add(page.page)
      this.found.set(key, entry)
    }
    // Not written in any of the author's files (a built-in theme's import, say): blame the lesson.
    const at = (url: string): Place => options.locate(url, page.sources) ?? { file: page.owner, line: 1 }
    const place = (p: Place) => `${p.file}:${p.line}:${p.column}`
    for (const url of events.refused) {
      const where = at(url)
      record(`refused ${place(where)} ${url}`, (seen) => diagnostic('refused-request', { url: shorten(url), seenIn: seen }, where))
    }
    for (const { kind, url } of events.connections) {
      // Where the address is written, else where the lesson's script names the API.
      const where = (url && options.locate(url, page.sources)) || options.locate(CONNECTION_API[kind], page.sources) || { file: page.owner, line: 1 }
      record(`connection ${kind} ${place(where)} ${url}`, (seen) => diagnostic('refused-connection', { kind, url: shorten(url), seenIn: seen }, where))
    }
    for (const file of events.missing) {
      const relative = path.posix.relative(dir, file)
      const where = at(relative)
      record(`missing ${place(where)} ${relative}`, (seen) => diagnostic('refused-request', { url: relative, local: true, seenIn: seen }, where))
    }
    for (const error of events.errors) {
      const text = shorten(error.replace(KIT_ORIGIN + '/', ''))
      record(`script ${page.owner} ${text}`, (seen) => diagnostic('page-script-error', { error: text, seenIn: seen }, { file: page.owner }))
    }
  }

  diagnostics(): Diagnostic[] {
    return [...this.found.values()].map(({ diagnostic: make, pages }) => make(listPages(pages)))
  }
}

/** The name a script uses to open each kind of connection. */
const CONNECTION_API: Record<ConnectionKind, string> = { websocket: 'WebSocket', webrtc: 'RTCPeerConnection', webtransport: 'WebTransport' }

function listPages(pages: Set<string>): string {
  const sorted = [...pages].sort()
  return sorted.length > 3 ? `${sorted.slice(0, 3).join(', ')} and ${sorted.length - 3} more` : sorted.join(', ')
}

const shorten = (text: string) => (text.length > 160 ? `${text.slice(0, 157)}...` : text)

/**
 * Overflow seen on every page where a lesson's slide appears (the client's
 * deck and the lesson's own deck, for each client), reported once per slide
 * with the largest overflow and where it was seen.
 */
class OverflowReport {
  private readonly slides = new Map<string, { file: string; line: number; slide: number; sides: Record<Side, number>; seen: Set<string> }>()

  add(page: DeckPage, found: SlideOverflow[]): void {
    for (const overflow of found) {
      const range = page.ranges.find((r) => overflow.slide >= r.first && overflow.slide < r.first + r.count)
      if (!range) continue
      const slide = overflow.slide - range.first
      const key = `${range.file}\n${slide}`
      let entry = this.slides.get(key)
      if (!entry) {
        entry = { file: range.file, line: range.slideLines[slide] ?? 1, slide: slide + 1, sides: { top: 0, right: 0, bottom: 0, left: 0 }, seen: new Set() }
        this.slides.set(key, entry)
      }
      for (const side of SIDES) entry.sides[side] = Math.max(entry.sides[side], overflow[side])
      entry.seen.add(page.page)
    }
  }

  diagnostics(): Diagnostic[] {
    return [...this.slides.values()].map((entry) => {
      const sides = SIDES.filter((side) => entry.sides[side] > 0).map((side) => `${entry.sides[side]}px (${side})`)
      return diagnostic('slide-overflow', { slide: entry.slide, sides, seenIn: listPages(entry.seen) }, { file: entry.file, line: entry.line })
    })
  }
}

type Side = 'top' | 'right' | 'bottom' | 'left'
const SIDES: Side[] = ['bottom', 'top', 'right', 'left']
