// Stage "pptx": a deck's slides, read back from the browser as shapes
// (slide-shapes.ts), written as a PowerPoint file with pptxgenjs: text boxes
// with their paragraphs, bullets and runs, rectangles, tables and images at
// the places the browser laid them out, the first heading of each slide as
// its title, the notes as speaker notes, one section per lesson. A slide
// that cannot be shapes is its picture. The zip is made byte-stable
// (fixed dates and ids), so the same deck gives the same file.
import JSZip from 'jszip'
import type PptxModule from 'pptxgenjs'
import { mediaTypeOf } from '../output/media-types.js'
import type { Colour, Paragraph, Run, Shape, SlideShapes } from './slide-shapes.js'

export interface PptxDeck {
  slides: SlideShapes[]
  /** Each slide's speaker notes; null: a copy for participants, with none. */
  notes: string[][] | null
  /** Slides drawn as pictures (PNG), by index. */
  pictures: Map<number, Uint8Array>
  /** A section per lesson: its title and first slide. */
  sections: Array<{ title: string; first: number }>
  meta: { title: string; author?: string; company?: string; subject?: string; language: string }
  /** The client's colours and font, for the file's theme. */
  brand: { primary: string; secondary: string; font?: string }
  /** The bytes of a file the page loaded, by its path in the kit ("acme/assets/x.png"). */
  file: (path: string) => Uint8Array | string | undefined
  /** The origin the page was served from (its URLs are made relative to it). */
  origin: string
}

/** Slide pixels per inch: CSS pixels, as the browser laid the slide out. */
const PX_PER_INCH = 96
const inch = (px: number) => Math.round((px / PX_PER_INCH) * 10000) / 10000
const pt = (px: number) => Math.round(px * 0.75 * 100) / 100
/** Dates written into the file: fixed, so a build gives the same bytes each time. */
const FIXED_DATE = new Date('2000-01-01T00:00:00Z')

export async function writePptx(deck: PptxDeck): Promise<Uint8Array> {
  // A CommonJS module: its default export is the class itself at run time.
  const loaded = (await import('pptxgenjs')).default as unknown as PptxClass | { default: PptxClass }
  const PptxGenJS = typeof loaded === 'function' ? loaded : loaded.default
  const pptx = new PptxGenJS()
  const width = deck.slides[0]?.width ?? 1280
  const height = deck.slides[0]?.height ?? 720
  pptx.defineLayout({ name: 'KIT', width: inch(width), height: inch(height) })
  pptx.layout = 'KIT'
  pptx.title = deck.meta.title
  if (deck.meta.author) pptx.author = deck.meta.author
  if (deck.meta.company) pptx.company = deck.meta.company
  if (deck.meta.subject) pptx.subject = deck.meta.subject
  if (deck.brand.font) pptx.theme = { headFontFace: deck.brand.font, bodyFontFace: deck.brand.font }
  // Two layouts: slides with a heading put it in the title placeholder (PowerPoint's outline and screen readers use it).
  pptx.defineSlideMaster({ title: TITLED, margin: 0, objects: [{ placeholder: { options: { name: 'title', type: 'title' }, text: '' } }] })
  pptx.defineSlideMaster({ title: PLAIN, margin: 0 })
  const language = deck.meta.language

  const sectionAt = new Map(deck.sections.map((s) => [s.first, s.title]))
  let section: string | undefined
  deck.slides.forEach((shapes, index) => {
    if (sectionAt.has(index)) {
      section = sectionAt.get(index)!
      pptx.addSection({ title: section })
    }
    const picture = deck.pictures.get(index)
    const titled = !picture && shapes.shapes.some((s) => s.kind === 'text' && s.role === 'title')
    const slide = pptx.addSlide({ masterName: titled ? TITLED : PLAIN, ...(section ? { sectionTitle: section } : {}) })
    if (picture) {
      slide.addImage({ data: dataUri('image/png', picture), x: 0, y: 0, w: inch(shapes.width), h: inch(shapes.height), altText: titleOf(shapes) })
    } else {
      slide.background = { color: shapes.background.hex }
      for (const shape of shapes.shapes) addShape(slide, shape, deck, language)
      if (shapes.pageNumber) {
        const { box, run, align } = shapes.pageNumber
        slide.addText([{ text: run.text, options: runOptions(run, language) }], { ...place(box), align, valign: 'bottom', margin: 0, fit: 'none' })
      }
    }
    const notes = deck.notes?.[index]?.filter((n) => n.trim())
    if (notes?.length) slide.addNotes(notes.join('\n\n'))
  })
  const written = (await pptx.write({ outputType: 'nodebuffer', compression: true })) as Buffer
  return stable(written, deck)
}

const TITLED = 'KIT_TITLED'
const PLAIN = 'KIT_PLAIN'

type PptxClass = typeof PptxModule.default
type Slide = ReturnType<InstanceType<PptxClass>['addSlide']>
type TextProps = PptxModule.default.TextProps

const place = (box: { x: number; y: number; w: number; h: number }) => ({ x: inch(box.x), y: inch(box.y), w: inch(Math.max(box.w, 1)), h: inch(Math.max(box.h, 1)) })

function addShape(slide: Slide, shape: Shape, deck: PptxDeck, language: string): void {
  switch (shape.kind) {
    case 'rect': {
      const radius = Math.min(shape.radius, shape.box.w / 2, shape.box.h / 2)
      slide.addShape(radius > 0.5 ? 'roundRect' : 'rect', {
        ...place(shape.box),
        fill: fill(shape.fill),
        line: { type: 'none' },
        ...(radius > 0.5 ? { rectRadius: inch(radius) } : {}),
      })
      return
    }
    case 'text': {
      const text = paragraphs(shape.paragraphs, language)
      if (!text.length) return
      // A little room on the right: PowerPoint's font may set the same words a hair wider.
      const box = { ...shape.box, w: shape.box.w + 2 }
      const [top, right, bottom, left] = shape.padding
      slide.addText(text, {
        ...place(box),
        margin: [pt(left), pt(right), pt(bottom), pt(top)],
        valign: shape.valign === 'middle' ? 'middle' : 'top',
        fit: 'none',
        wrap: true,
        ...(shape.fill ? { fill: fill(shape.fill) } : {}),
        ...(shape.role === 'title' ? { placeholder: 'title' } : {}),
      })
      return
    }
    case 'table': {
      const rows = shape.rows.map((row) =>
        row.cells.map((cell) => ({
          text: paragraphs(cell.paragraphs, language),
          options: {
            ...(cell.fill ? { fill: fill(cell.fill) } : {}),
            border: cell.border.width > 0 ? ({ type: 'solid', pt: pt(cell.border.width), color: cell.border.color.hex } as const) : ({ type: 'none' } as const),
            margin: cell.padding.map((p) => inch(p)) as [number, number, number, number],
            colspan: cell.colspan > 1 ? cell.colspan : undefined,
            rowspan: cell.rowspan > 1 ? cell.rowspan : undefined,
            valign: cell.valign,
          },
        })),
      )
      slide.addTable(rows as PptxModule.default.TableRow[], { ...place(shape.box), colW: shape.columns.map(inch), rowH: shape.rows.map((r) => inch(r.height)) })
      return
    }
    case 'image': {
      const data = imageData(shape, deck)
      if (data) slide.addImage({ data, ...place(shape.box), altText: shape.alt })
      return
    }
  }
}

/** An image's bytes as pptxgenjs takes them ("image/png;base64,..."); a URL the kit did not serve is left out. */
function imageData(shape: Extract<Shape, { kind: 'image' }>, deck: PptxDeck): string | undefined {
  const uri = shape.png ?? shape.src
  const inline = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(uri)
  if (inline) {
    const bytes = inline[2] ? Buffer.from(inline[3], 'base64') : Buffer.from(decodeURIComponent(inline[3]), 'utf8')
    return dataUri(inline[1], bytes)
  }
  if (!uri.startsWith(`${deck.origin}/`)) return undefined
  const file = decodeURIComponent(new URL(uri).pathname.slice(1))
  const bytes = deck.file(file)
  return bytes === undefined ? undefined : dataUri(mediaTypeOf(file), typeof bytes === 'string' ? Buffer.from(bytes) : bytes)
}

const dataUri = (type: string, bytes: Uint8Array) => `${type};base64,${Buffer.from(bytes).toString('base64')}`

const fill = (c: Colour) => ({ color: c.hex, ...(c.alpha < 1 ? { transparency: Math.round((1 - c.alpha) * 100) } : {}) })

function runOptions(run: Run, language: string): TextProps['options'] {
  return {
    fontFace: run.font,
    fontSize: pt(run.size),
    color: run.color.hex,
    lang: language,
    ...(run.bold ? { bold: true } : {}),
    ...(run.italic ? { italic: true } : {}),
    ...(run.underline ? { underline: { style: 'sng' as const } } : {}),
    ...(run.strike ? { strike: 'sngStrike' as const } : {}),
    ...(run.superscript ? { superscript: true } : {}),
    ...(run.subscript ? { subscript: true } : {}),
    ...(run.highlight ? { highlight: run.highlight.hex } : {}),
    ...(run.spacing ? { charSpacing: pt(run.spacing) } : {}),
    ...(run.link && /^(https?|mailto):/i.test(run.link) ? { hyperlink: { url: run.link } } : {}),
  }
}

/** Paragraphs as pptxgenjs text runs: a paragraph ends with breakLine, a <br> is a soft break. */
function paragraphs(list: Paragraph[], language: string): TextProps[] {
  const out: TextProps[] = []
  list.forEach((paragraph, p) => {
    const last = p === list.length - 1
    const runs = paragraph.runs.length ? paragraph.runs : [{ text: '', font: 'Arial', size: 16, color: { hex: '000000', alpha: 1 } } as Run]
    runs.forEach((run, r) => {
      const options: TextProps['options'] = { ...runOptions(run, language) }
      if (r > 0 && runs[r - 1].breakAfter) options.softBreakBefore = true
      if (r === 0) {
        options.align = paragraph.align
        options.lineSpacing = pt(paragraph.lineHeight)
        if (paragraph.spaceBefore) options.paraSpaceBefore = pt(paragraph.spaceBefore)
        if (paragraph.spaceAfter) options.paraSpaceAfter = pt(paragraph.spaceAfter)
        if (paragraph.bullet) {
          const { kind, level, indent, start } = paragraph.bullet
          options.bullet = kind === 'number' ? { type: 'number', indent: pt(indent), ...(start && start !== 1 ? { numberStartAt: start } : {}) } : { indent: pt(indent) }
          if (level > 0) options.indentLevel = level
        }
      }
      if (r === runs.length - 1 && !last) options.breakLine = true
      out.push({ text: run.text, options })
    })
  })
  return out
}

function titleOf(slide: SlideShapes): string {
  const title = slide.shapes.find((s) => s.kind === 'text' && s.role === 'title')
  return title && title.kind === 'text' ? title.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join(' ') : ''
}

/**
 * The same bytes for the same deck: the zip's file dates, the document's
 * dates and the section ids pptxgenjs draws at random are fixed; the theme
 * takes the client's colours and the document its language.
 */
async function stable(written: Uint8Array, deck: PptxDeck): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(written)
  const names = Object.keys(zip.files).filter((name) => !zip.files[name].dir)
  const out = new JSZip()
  let sectionId = 0
  for (const name of names) {
    let content: string | Uint8Array = await zip.files[name].async('uint8array')
    if (name.endsWith('.xml') || name.endsWith('.rels')) {
      let text = Buffer.from(content).toString('utf8')
      if (name === 'docProps/core.xml') {
        text = text
          .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${FIXED_DATE.toISOString().replace(/\.\d{3}Z$/, 'Z')}`)
          .replace('</cp:coreProperties>', `<dc:language>${escapeXml(deck.meta.language)}</dc:language></cp:coreProperties>`)
      }
      // pptxgenjs writes paragraph properties again before each later run of a
      // paragraph (and "no bullet" there): DrawingML allows them only first.
      if (/^ppt\/slides\/slide\d+\.xml$/.test(name)) text = text.replace(/(<\/a:r>|<a:br\/>)<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/g, '$1')
      // It also names a slide master per slide; only the first exists.
      if (name === '[Content_Types].xml') text = text.replace(/<Override PartName="\/([^"]+)"[^>]*\/>/g, (entry, part: string) => (names.includes(part) ? entry : ''))
      if (name === 'ppt/presentation.xml') {
        text = text.replace(/(<p14:section [^>]*id=")\{[0-9A-Fa-f-]+\}/g, (_, head: string) => `${head}{${stableGuid(++sectionId)}}`)
      }
      if (name === 'ppt/theme/theme1.xml') {
        text = text
          .replace(/(<a:accent1>\s*<a:srgbClr val=")[0-9A-Fa-f]{6}/, `$1${hex(deck.brand.primary)}`)
          .replace(/(<a:accent2>\s*<a:srgbClr val=")[0-9A-Fa-f]{6}/, `$1${hex(deck.brand.secondary)}`)
      }
      content = text
    }
    out.file(name, content, { date: FIXED_DATE, createFolders: false })
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' })
}

const hex = (colour: string) => colour.replace(/^#/, '').toUpperCase()
const stableGuid = (n: number) => `5EC71000-0000-4000-8000-${n.toString(16).toUpperCase().padStart(12, '0')}`
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
