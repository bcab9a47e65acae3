// Finishing touches on the PDFs Chromium prints: document metadata, an
// outline (bookmarks) per lesson, and reading back where probe anchors landed
// (which page) before removing them, so the user's file carries no trace.
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, type PDFPage } from 'pdf-lib'

export interface PdfMetadata {
  title: string
  author?: string
  subject?: string
  language?: string
  keywords?: string[]
}

export interface OutlineEntry {
  title: string
  /** 0-based page the entry opens. */
  page: number
  children?: OutlineEntry[]
}

/** Where a slide (a 0-based page of another PDF) goes: a 0-based page and a box in points from its top left. */
export interface SlideBox {
  slide: number
  page: number
  x: number
  y: number
  width: number
  height: number
}

export class PdfFile {
  private constructor(private readonly doc: PDFDocument) {}

  static async open(bytes: Uint8Array): Promise<PdfFile> {
    return new PdfFile(await PDFDocument.load(bytes, { updateMetadata: false }))
  }

  /** A new PDF holding `count` pages of `source` from `first` (0-based). */
  static async cut(source: PdfFile, first: number, count: number): Promise<PdfFile> {
    const doc = await PDFDocument.create({ updateMetadata: false })
    const indices = Array.from({ length: count }, (_, i) => first + i).filter((i) => i < source.pageCount)
    for (const page of await doc.copyPages(source.doc, indices)) doc.addPage(page)
    return new PdfFile(doc)
  }

  /**
   * Draws pages of `source` into this PDF's pages, each scaled (keeping its
   * shape) and centred in a box given in points from the page's top left: the
   * handout's slides are the deck's printed pages, not a second rendering.
   */
  async drawPagesOf(source: Uint8Array, boxes: SlideBox[]): Promise<void> {
    const from = await PDFDocument.load(source, { updateMetadata: false })
    const wanted = [...new Set(boxes.map((box) => box.slide))].filter((i) => i >= 0 && i < from.getPageCount()).sort((a, b) => a - b)
    if (!wanted.length) return
    const embedded = await this.doc.embedPdf(from, wanted)
    const bySlide = new Map(wanted.map((slide, i) => [slide, embedded[i]]))
    const pages = this.doc.getPages()
    for (const box of boxes) {
      const page = pages[box.page]
      const slide = bySlide.get(box.slide)
      if (!page || !slide) continue
      const scale = Math.min(box.width / slide.width, box.height / slide.height)
      const width = slide.width * scale
      const height = slide.height * scale
      const x = box.x + (box.width - width) / 2
      const top = box.y + (box.height - height) / 2
      page.drawPage(slide, { x, y: page.getHeight() - top - height, width, height })
    }
  }

  get pageCount(): number {
    return this.doc.getPageCount()
  }

  setMetadata(meta: PdfMetadata): void {
    this.doc.setTitle(meta.title, { showInWindowTitleBar: true })
    if (meta.author) this.doc.setAuthor(meta.author)
    if (meta.subject) this.doc.setSubject(meta.subject)
    if (meta.keywords?.length) this.doc.setKeywords(meta.keywords)
    if (meta.language) this.doc.setLanguage(meta.language)
    this.doc.setCreator('workshop-kit')
    this.doc.setProducer('workshop-kit (Chromium, pdf-lib)')
    // Fixed dates keep rebuilds of unchanged content byte-identical.
    const epoch = new Date(0)
    this.doc.setCreationDate(epoch)
    this.doc.setModificationDate(epoch)
  }

  /** Replaces any outline with these entries (nested entries start closed). */
  setOutline(entries: OutlineEntry[]): void {
    const context = this.doc.context
    const pages = this.doc.getPages()
    const rootRef = context.nextRef()
    const build = (items: OutlineEntry[], parent: PDFRef): { first?: PDFRef; last?: PDFRef; count: number } => {
      const refs = items.map(() => context.nextRef())
      let visible = 0
      items.forEach((item, i) => {
        const page = pages[Math.min(Math.max(item.page, 0), pages.length - 1)]
        const dict: Record<string, unknown> = {
          Title: PDFHexString.fromText(item.title),
          Parent: parent,
          Dest: destination(page),
        }
        if (i > 0) dict.Prev = refs[i - 1]
        if (i < refs.length - 1) dict.Next = refs[i + 1]
        const kids = item.children?.length ? build(item.children, refs[i]) : undefined
        if (kids?.first) {
          dict.First = kids.first
          dict.Last = kids.last
          dict.Count = PDFNumber.of(-kids.count)
        }
        context.assign(refs[i], context.obj(dict as never))
        visible++
      })
      return { first: refs[0], last: refs[refs.length - 1], count: visible }
    }
    const top = build(entries, rootRef)
    const root: Record<string, unknown> = { Type: PDFName.of('Outlines'), Count: PDFNumber.of(top.count) }
    if (top.first) {
      root.First = top.first
      root.Last = top.last
    }
    context.assign(rootRef, context.obj(root as never))
    this.doc.catalog.set(PDFName.of('Outlines'), rootRef)
    this.doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
  }

  /**
   * Pages (0-based) of the named destinations starting with `prefix`, then
   * removes them and the links pointing at them.
   */
  takeProbes(prefix: string): Map<string, number> {
    const found = new Map<string, number>()
    const pageIndex = new Map(this.doc.getPages().map((page, i) => [page.ref.toString(), i]))
    const dests = this.doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict)
    if (dests) {
      for (const [key, value] of dests.entries()) {
        const name = key.decodeText()
        if (!name.startsWith(prefix)) continue
        const target = value instanceof PDFArray ? value : this.doc.context.lookupMaybe(value, PDFArray)
        const ref = target?.get(0)
        if (ref instanceof PDFRef && pageIndex.has(ref.toString())) found.set(name, pageIndex.get(ref.toString())!)
        dests.delete(key)
      }
      if (dests.entries().length === 0) this.doc.catalog.delete(PDFName.of('Dests'))
    }
    for (const page of this.doc.getPages()) removeProbeLinks(page, prefix)
    return found
  }

  async save(): Promise<Uint8Array> {
    return this.doc.save({ useObjectStreams: true })
  }
}

function destination(page: PDFPage): PDFArray {
  const { height } = page.getSize()
  return page.doc.context.obj([page.ref, PDFName.of('XYZ'), PDFNumber.of(0), PDFNumber.of(height), PDFNumber.of(0)] as never) as unknown as PDFArray
}

function removeProbeLinks(page: PDFPage, prefix: string): void {
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)
  if (!annots) return
  for (let i = annots.size() - 1; i >= 0; i--) {
    const entry = annots.get(i)
    const annot = page.doc.context.lookupMaybe(entry, PDFDict)
    const dest = annot?.get(PDFName.of('Dest'))
    if (dest instanceof PDFName && dest.decodeText().startsWith(prefix)) {
      annots.remove(i)
      if (entry instanceof PDFRef) page.doc.context.delete(entry)
    }
  }
  if (annots.size() === 0) page.node.delete(PDFName.of('Annots'))
}
