// The deck page, open in the browser at twice its size, drawn out as what
// --format asks for: PowerPoint files (deck.pptx with the notes, slides.pptx
// without) and one picture per slide (slides/001.png...). Runs in the print
// stage, which owns the browser.
import type { Page } from 'playwright-core'
import type { Diagnostic } from '../diagnostics/reporter.js'
import { diagnostic } from '../diagnostics/reporter.js'
import type { OutputFile } from '../output/output-file.js'
import type { ServedFiles } from '../print/browser.js'
import type { DeckPage } from '../print/print-plan.js'
import { kitPaths } from '../kit/kit-paths.js'
import { readSlideShapes } from './slide-shapes.js'
import { writePptx } from './write-pptx.js'

export async function exportSlides(tab: Page, page: DeckPage, files: ServedFiles, origin: string): Promise<{ files: OutputFile[]; diagnostics: Diagnostic[] }> {
  const exports = page.exports ?? {}
  const out: OutputFile[] = []
  const diagnostics: Diagnostic[] = []
  const count = await tab.locator('svg[data-marpit-svg]').count()
  const { width, height } = page.slideSize
  // Read before any slide is hidden for its picture.
  const shapes = exports.pptx ? await tab.evaluate(readSlideShapes) : []
  // Each slide alone at the top of the page, then the page's first slide-sized
  // rectangle: a slide far down a long page may be drawn before all of it is painted.
  await tab.addStyleTag({ content: 'svg[data-marpit-svg]:not([data-wk-shot]) { display: none !important; } html, body { margin: 0 !important; padding: 0 !important; }' })
  const picture = async (index: number, scale: 'css' | 'device') => {
    await tab.evaluate((i) => document.querySelectorAll('svg[data-marpit-svg]').forEach((svg, j) => svg.toggleAttribute('data-wk-shot', i === j)), index)
    return tab.screenshot({ type: 'png', scale, clip: { x: 0, y: 0, width, height }, animations: 'disabled' })
  }
  if (exports.png) {
    // One CSS pixel a pixel: the deck's own size, as marp --images png gives.
    for (let i = 0; i < count; i++) out.push({ path: kitPaths.slidePicture(exports.png.folder, i + 1), content: await picture(i, 'css') })
  }
  if (exports.pptx) {
    const pptx = exports.pptx
    const pictures = new Map<number, Uint8Array>()
    for (const [i, slide] of shapes.entries()) {
      if (!slide.unsupported.length) continue
      pictures.set(i, await picture(i, 'device'))
      const range = page.ranges.find((r) => i >= r.first && i < r.first + r.count)
      const line = range ? (range.slideLines[i - range.first] ?? 1) : 1
      diagnostics.push(diagnostic('pptx-picture', { slide: i + 1, reasons: slide.unsupported, output: pptx.deck.split('/').pop()! }, { file: range?.file, line }))
    }
    const sections = page.ranges.filter((r) => r.outlineTitle).map((r) => ({ title: r.outlineTitle!, first: r.first }))
    const common = { slides: shapes, pictures, sections, brand: pptx.brand, file: (path: string) => files.get(path), origin }
    const meta = (m: typeof pptx.meta) => ({ title: m.title, author: m.author, subject: m.subject, company: m.keywords?.[0], language: m.language ?? 'en' })
    out.push({ path: pptx.deck, content: await writePptx({ ...common, notes: pptx.notes, meta: meta(pptx.meta) }) })
    out.push({ path: pptx.slides, content: await writePptx({ ...common, notes: null, meta: meta(pptx.participantMeta) }) })
  }
  return { files: out, diagnostics }
}
