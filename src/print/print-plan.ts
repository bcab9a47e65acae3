// What the kit stage asks the print stage to do with a client's pages: which
// pages to load, where each lesson's slides sit in a deck, what to write in
// each PDF, and where in the author's files to point when something is found.
import type { PdfMetadata } from './pdf-file.js'

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
  /** The client whose kit holds the page. */
  client: string
  /** e.g. "acme/deck.html". */
  page: string
  /** Where its PDF goes, e.g. "acme/deck.pdf". */
  pdf: string
  ranges: SlideRange[]
  slideTitles: string[]
  slideSize: { width: number; height: number }
  meta: PdfMetadata
  /** Author's files whose text may hold a URL the page asks for (lessons, templates, themes). */
  sources: string[]
  /** The lesson a page is about, blamed when a problem cannot be placed more exactly. */
  owner?: string
  /** Pages whose PDF is taken from this deck's PDF instead of printed again: lessons, and the participants' slides (all of it). */
  cuts?: PdfCut[]
  /** The deck as PowerPoint files and as pictures, drawn from this page. */
  exports?: SlideExports
}

export interface SlideExports {
  pptx?: {
    /** With notes (trainer) and without (participants), e.g. "acme/deck.pptx", "acme/slides.pptx". */
    deck: string
    slides: string
    meta: PdfMetadata
    participantMeta: PdfMetadata
    /** Each slide's speaker notes. */
    notes: string[][]
    brand: { primary: string; secondary: string; font?: string }
  }
  /** One picture per slide in this folder: 001.png, 002.png... */
  png?: { folder: string }
}

export interface PdfCut {
  /**
   * The lesson's own page (or slides.html): its PDF's name, metadata,
   * bookmarks and slide count; and the page visited instead should the deck fail.
   */
  lesson: DeckPage
  /** Index of the lesson's first slide in the deck. */
  first: number
}

export interface DocumentPage {
  kind: 'worksheet' | 'guide' | 'handout'
  client: string
  page: string
  pdf: string
  meta: PdfMetadata
  /** Answer boxes by element id: where the author wrote them, and their exercise's number and title. */
  answers: Map<string, { file: string; line: number; exercise: string; title: string }>
  sources: string[]
  owner?: string
  /** The handout's slides by element id: where the author wrote each, its number in the deck and the sheet (A4 page) it belongs on. */
  items?: Map<string, HandoutItem>
  /** The deck page (e.g. "acme/deck.html") whose printed pages the handout's slides are: drawn into its PDF, not rendered again. */
  slidesFrom?: string
}

export interface HandoutItem {
  file: string
  line: number
  slide: number
  sheet: number
}

export type PrintPage = DeckPage | DocumentPage


/**
 * The plan with strings of its own. A slide title is cut from the rendered
 * deck, and a cut keeps the whole string it was cut from alive: a build that
 * keeps every client's plan until printing would keep every deck.
 */
export function detached(pages: PrintPage[]): PrintPage[] {
  return pages.map((page) => {
    const own: PrintPage =
      page.kind === 'deck'
        ? {
            ...page,
            slideTitles: page.slideTitles.map(copy),
            meta: copyMeta(page.meta),
            cuts: page.cuts?.map((cut) => ({ ...cut, lesson: detached([cut.lesson])[0] as DeckPage })),
            exports: page.exports?.pptx ? { ...page.exports, pptx: { ...page.exports.pptx, notes: page.exports.pptx.notes.map((slide) => slide.map(copy)) } } : page.exports,
          }
        : { ...page, meta: copyMeta(page.meta) }
    return own
  })
}

const copyMeta = (meta: PdfMetadata): PdfMetadata => JSON.parse(JSON.stringify(meta)) as PdfMetadata
/** A flat copy of a string (V8 keeps a slice pointing into its parent). */
const copy = (text: string): string => (text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8'))
