// Stage "print": the built pages go through one shared Chromium. Every deck
// page is measured for slides whose content overflows; worksheets are checked
// for answer boxes cut across pages; and, when PDFs are asked for, each page
// is printed (decks at slide size with an outline per lesson, worksheet and
// guide on A4) and finished with pdf-lib.
import os from 'node:os'
import path from 'node:path'
import { KIT_ORIGIN, PrintBrowser, TimeoutError, type PageEvents, type ServedFiles } from './browser.js'
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostics.js'
import { addAnswerProbes, measureSlideOverflow, type SlideOverflow } from './page-probes.js'
import type { OutlineEntry, PdfMetadata } from './pdf-file.js'
import type { OutputFile } from '../output/staging.js'

/** A lesson's slides inside a deck page. */
export interface SlideRange {
  /** Author's file the slides come from (a lesson, or the opening/closing template). */
  file: string
  /** Title for the PDF outline; undefined for the kit's own slides. */
  outlineTitle?: string
  /** Index of its first slide in the page. */
  first: number
  /** Line where each slide starts in `file`; empty when unknown. */
  slideLines: number[]
  count: number
}

export interface DeckPage {
  kind: 'deck'
  /** e.g. "acme/deck.html"; the PDF goes next to it. */
  page: string
  ranges: SlideRange[]
  slideTitles: string[]
  slideSize: { width: number; height: number }
  meta: PdfMetadata
  /** Author's files whose text may hold a URL the page asks for (lessons, templates, themes). */
  sources: string[]
  /** The lesson a page is about, blamed when a problem cannot be placed more exactly. */
  owner?: string
  /** Lessons whose PDF is taken from this deck's PDF instead of printed again. */
  cuts?: PdfCut[]
}

export interface PdfCut {
  /**
   * The lesson's own page: its PDF's name, metadata, bookmarks and slide
   * count; and the page visited instead should the deck fail.
   */
  lesson: DeckPage
  /** Index of the lesson's first slide in the deck. */
  first: number
}

export interface DocumentPage {
  kind: 'worksheet' | 'guide'
  page: string
  meta: PdfMetadata
  /** Answer boxes by element id: where the author wrote them. */
  answers: Map<string, { file: string; line: number; label: string }>
  sources: string[]
  owner?: string
}

export type PrintPage = DeckPage | DocumentPage

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
  locate: (url: string, sources: string[]) => { file: string; line: number; column: number } | undefined
}

export interface PrintResult {
  diagnostics: Diagnostic[]
  /** The same findings, for each client alone (what a later rebuild that skips the client repeats). */
  byClient: Map<string, Diagnostic[]>
}

const PROBE = 'wk-probe-'
/** Key of the whole build's findings (client ids never start with a dot). */
const ALL = '.all'
/** Sub-pixel layout differences are not overflow. */
const TOLERANCE_PX = 2

export async function printPages(files: ServedFiles, pages: PrintPage[], options: PrintOptions): Promise<PrintResult> {
  // Findings are gathered for the whole build and for each client on its own.
  const reports = new Map<string, { overflows: OverflowReport; events: EventReport; other: Diagnostic[] }>()
  const reportsFor = (page: PrintPage) =>
    [ALL, page.page.split('/')[0]].map((key) => {
      let report = reports.get(key)
      if (!report) reports.set(key, (report = { overflows: new OverflowReport(), events: new EventReport(), other: [] }))
      return report
    })
  const concurrency = options.concurrency ?? Math.min(8, Math.max(4, os.availableParallelism()))
  const browser = new PrintBrowser(options.chromium, files, { timeoutMs: options.timeoutMs, concurrency })
  const stop = () => void browser.close()
  options.signal?.addEventListener('abort', stop, { once: true })
  try {
    if (options.signal?.aborted) throw new Error('the build was stopped')
    // Without PDFs, only pages with something to measure are opened.
    const visited = options.pdf ? pages : pages.filter((page) => page.kind !== 'guide')
    let done = 0
    let total = visited.length
    const visit = async (page: PrintPage): Promise<void> => {
      try {
        const { result, events } = await browser.visit(
          page.kind === 'deck'
            ? { page: page.page, media: 'print', viewport: { width: page.slideSize.width, height: page.slideSize.height } }
            : { page: page.page, media: 'print', viewport: { width: 794, height: 1123 } },
          (tab) => (page.kind === 'deck' ? deckWork(tab, page, options) : documentWork(tab, page, options)),
        )
        for (const report of reportsFor(page)) {
          report.events.add(page, events, options)
          if (page.kind === 'deck' && result.overflow) report.overflows.add(page, result.overflow)
          if (result.split) report.other.push(...result.split)
        }
        if (result.pdf) options.onPdf({ path: pdfPath(page), content: result.pdf })
        for (const cut of result.cuts ?? []) options.onPdf(cut)
        options.onProgress?.(++done, total, page.page)
      } catch (error) {
        if (options.signal?.aborted) throw error
        const lesson = page.kind === 'deck' && page.ranges.length === 1 ? page.ranges[0].file : undefined
        const what = error instanceof TimeoutError ? error.message : `${page.page} could not be printed: ${(error as Error).message.split('\n')[0]}`
        const failed = diagnostic(error instanceof TimeoutError ? 'print-timeout' : 'print-error', what, { file: lesson })
        for (const report of reportsFor(page)) report.other.push(failed)
        // A deck holds every lesson: their own pages tell which lesson is at fault.
        const fallbacks = page.kind === 'deck' ? (page.cuts ?? []).map((cut) => cut.lesson) : []
        total += fallbacks.length
        await Promise.all(fallbacks.map(visit))
      }
    }
    await Promise.all(visited.map(visit))
  } finally {
    options.signal?.removeEventListener('abort', stop)
    await browser.close()
  }
  if (options.signal?.aborted) throw new Error('the build was stopped')
  const found = new Map([...reports].map(([key, r]) => [key, [...r.other, ...r.overflows.diagnostics(), ...r.events.diagnostics()]]))
  const diagnostics = found.get(ALL) ?? []
  found.delete(ALL)
  return { diagnostics, byClient: found }
}

type Work = { pdf?: Uint8Array; cuts?: OutputFile[]; overflow?: SlideOverflow[]; split?: Diagnostic[] }

// pdf-lib is loaded only by builds that print.
const loadPdfFile = () => import('./pdf-file.js').then((m) => m.PdfFile)

/** A page's PDF goes next to it. */
const pdfPath = (page: PrintPage) => page.page.replace(/\.html$/, '.pdf')

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
      work.cuts.push({ path: pdfPath(lesson), content: await part.save() })
    }
  }
  return work
}

async function documentWork(tab: import('playwright-core').Page, page: DocumentPage, options: PrintOptions): Promise<Work> {
  const work: Work = {}
  const probing = options.inspect && page.answers.size > 0
  const ids = probing ? await tab.evaluate(addAnswerProbes, PROBE) : []
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
      if (top === undefined || bottom === undefined || top === bottom) continue
      const where = page.answers.get(id)
      work.split.push(
        diagnostic(
          'answer-split',
          `${where?.label ?? 'answer box'} is split across pages ${top + 1} and ${bottom + 1} of ${path.basename(page.page)}`,
          { file: where?.file, line: where?.line, column: 0 },
          'warning',
        ),
      )
    }
  }
  if (options.pdf) {
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
  private readonly found = new Map<string, { diagnostic: Diagnostic; pages: Set<string> }>()

  add(page: PrintPage, events: PageEvents, options: PrintOptions): void {
    const dir = path.posix.dirname(page.page)
    const record = (d: Diagnostic) => {
      const key = `${d.file}:${d.line}:${d.column}:${d.message}`
      const entry = this.found.get(key) ?? { diagnostic: d, pages: new Set<string>() }
      entry.pages.add(page.page)
      this.found.set(key, entry)
    }
    // Not written in any of the author's files (a built-in theme's import, say): blame the lesson.
    const at = (url: string) => options.locate(url, page.sources) ?? { file: page.owner, line: 1, column: 0 }
    for (const url of events.refused) {
      record(diagnostic('refused-request', `${shorten(url)} was not loaded: PDFs use only the kit's own files and data: URIs`, at(url), 'warning'))
    }
    for (const file of events.missing) {
      const relative = path.posix.relative(dir, file)
      record(diagnostic('refused-request', `${relative} is not part of the kit, so it was not loaded`, at(relative), 'warning'))
    }
    for (const error of events.errors) {
      record(diagnostic('page-script-error', `script error: ${shorten(error.replace(KIT_ORIGIN + '/', ''))}`, { file: page.owner }, 'warning'))
    }
  }

  diagnostics(): Diagnostic[] {
    return [...this.found.values()].map(({ diagnostic: d, pages }) => ({ ...d, hint: `${d.hint} (seen in ${listPages(pages)})` }))
  }
}

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
      const parts = SIDES.filter((side) => entry.sides[side] > 0).map((side) => `${entry.sides[side]}px (${side})`)
      return diagnostic('slide-overflow', `slide ${entry.slide} overflows by ${parts.join(', ')}`, { file: entry.file, line: entry.line, column: 0 }, 'warning', `Shorten the slide or split it with "---" (seen in ${listPages(entry.seen)}).`)
    })
  }
}

type Side = 'top' | 'right' | 'bottom' | 'left'
const SIDES: Side[] = ['bottom', 'top', 'right', 'left']
