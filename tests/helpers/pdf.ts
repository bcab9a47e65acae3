// Reading PDFs the way a user meets them: pages, text, bookmarks, pixels.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib'

export async function openPdf(file: string): Promise<PDFDocument> {
  return PDFDocument.load(readFileSync(file), { updateMetadata: false })
}

/** Names of the fonts embedded in the PDF ("AAAAAA+KaTeX_Main-Regular"), sorted. */
export function pdfFontNames(doc: PDFDocument): string[] {
  const names = new Set<string>()
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(PDFName.of('Type'))?.toString() === '/FontDescriptor') {
      names.add(String(object.get(PDFName.of('FontName'))).replace(/^\//, ''))
    }
  }
  return [...names].sort()
}

/** Text of the PDF (poppler's pdftotext), pages separated by form feeds. */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
}

/** Top-level outline entries and their children's titles. */
export function pdfOutline(doc: PDFDocument): Array<{ title: string; children: string[] }> {
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  const titleOf = (item: PDFDict) => {
    const title = item.get(PDFName.of('Title'))
    return title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : ''
  }
  const siblings = (first: PDFDict | undefined): PDFDict[] => {
    const list: PDFDict[] = []
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) list.push(item)
    return list
  }
  if (!outlines) return []
  return siblings(outlines.lookupMaybe(PDFName.of('First'), PDFDict)).map((item) => ({
    title: titleOf(item),
    children: siblings(item.lookupMaybe(PDFName.of('First'), PDFDict)).map(titleOf),
  }))
}

/** Share of a rendered page (pdftoppm, greyscale) that is not white paper. */
export function inkCoverage(file: string, page: number): number {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '30', '-f', String(page), '-l', String(page), file])
  // Binary PGM: "P5\n<width> <height>\n<max>\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))
  if (!header) throw new Error('pdftoppm did not produce a PGM image')
  const pixels = pgm.subarray(header[0].length)
  let ink = 0
  for (const value of pixels) if (value < 200) ink++
  return ink / pixels.length
}
