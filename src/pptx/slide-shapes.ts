// Runs inside the browser, on a deck page laid out for print: reads each
// rendered slide back as the shapes PowerPoint has (text boxes with their
// paragraphs and runs, filled rectangles, tables, images), at the places and
// in the styles the browser computed. What has no PowerPoint shape (raw
// HTML such as SVG or video, math, gradients, background images, a theme's
// drawn decorations) is named instead, and that slide becomes a picture.
// Serialized by the browser driver: the function is self-contained.

/** A rectangle in slide pixels (the deck's own size, 1280 x 720 by default). */
export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** A colour as six hex digits, and how opaque it is (0..1). */
export interface Colour {
  hex: string
  alpha: number
}

export interface Run {
  text: string
  font: string
  /** Pixels. */
  size: number
  color: Colour
  bold?: boolean
  italic?: boolean
  underline?: boolean
  strike?: boolean
  superscript?: boolean
  subscript?: boolean
  /** The background of an inline element (code, a label), as a highlight. */
  highlight?: Colour
  link?: string
  /** Letter spacing, pixels. */
  spacing?: number
  /** A line break follows the run. */
  breakAfter?: boolean
}

export interface Paragraph {
  runs: Run[]
  align: 'left' | 'center' | 'right' | 'justify'
  /** Pixels. */
  lineHeight: number
  spaceBefore: number
  spaceAfter: number
  /** A list item: its level (0 = top), bullet or number, and the list's indent in pixels. */
  bullet?: { kind: 'bullet' | 'number'; level: number; indent: number; start?: number; color: Colour }
}

export type Shape =
  | { kind: 'text'; box: Box; paragraphs: Paragraph[]; role: 'title' | 'body' | 'code'; fill?: Colour; padding: [number, number, number, number]; valign: 'top' | 'middle' }
  | { kind: 'rect'; box: Box; fill: Colour; radius: number }
  | { kind: 'table'; box: Box; columns: number[]; rows: TableRow[] }
  | { kind: 'image'; box: Box; src: string; alt: string; png?: string }

export interface TableRow {
  height: number
  cells: TableCell[]
}

export interface TableCell {
  paragraphs: Paragraph[]
  fill?: Colour
  border: { color: Colour; width: number }
  padding: [number, number, number, number]
  colspan: number
  rowspan: number
  valign: 'top' | 'middle' | 'bottom'
}

export interface SlideShapes {
  width: number
  height: number
  background: Colour
  shapes: Shape[]
  /** Why the slide cannot be shapes (empty: it can). */
  unsupported: string[]
  /** The page number a theme draws (Marp's pagination), where it draws it. */
  pageNumber?: { box: Box; run: Run; align: 'left' | 'center' | 'right' }
}

export function readSlideShapes(): SlideShapes[] {
  const BLOCK_TEXT = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'footer', 'figcaption', 'dt', 'dd'])
  const CONTAINERS = new Set(['div', 'blockquote', 'aside', 'figure', 'section', 'article', 'nav', 'main', 'dl', 'center', 'address'])
  const INLINE = new Set(['a', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'ins', 'mark', 'span', 'code', 'kbd', 'samp', 'var', 'small', 'sub', 'sup', 'abbr', 'cite', 'q', 'time', 'tt', 'bdi', 'bdo', 'dfn', 'data', 'wbr'])
  const SKIPPED = new Set(['style', 'script', 'template', 'noscript', 'link', 'meta'])
  const EMPTY_MARP = /^marp-/

  const colour = (css: string): Colour => {
    const m = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+%?))?\)/.exec(css)
    if (!m) return { hex: '000000', alpha: css === 'transparent' ? 0 : 1 }
    const hex = [m[1], m[2], m[3]].map((v) => Math.round(Number(v)).toString(16).padStart(2, '0')).join('').toUpperCase()
    const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : Number(m[4])
    return { hex, alpha: a }
  }
  const visible = (c: Colour) => c.alpha > 0.02
  /** `top` drawn over `under`, as one opaque colour. */
  const over = (top: Colour, under: Colour): Colour => {
    const channel = (hex: string, i: number) => parseInt(hex.slice(i, i + 2), 16)
    const hex = [0, 2, 4]
      .map((i) => Math.round(channel(top.hex, i) * top.alpha + channel(under.hex, i) * (1 - top.alpha)).toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase()
    return { hex, alpha: 1 }
  }
  const px = (value: string) => (value && value !== 'auto' && value !== 'normal' ? parseFloat(value) || 0 : 0)
  // The font the browser drew with: the first family of the list it has
  // (a font of the page, or installed), told by the width it gives a text.
  const generic: Record<string, string> = { 'sans-serif': 'Arial', serif: 'Times New Roman', monospace: 'Courier New', 'system-ui': 'Arial', 'ui-monospace': 'Courier New', 'ui-sans-serif': 'Arial', 'ui-serif': 'Times New Roman', cursive: 'Comic Sans MS' }
  const measure = document.createElement('canvas').getContext('2d')!
  const probe = 'mmmmmmmmmmlli WQ@#'
  const widthIn = (font: string) => {
    measure.font = `72px ${font}`
    return measure.measureText(probe).width
  }
  const available = new Map<string, boolean>()
  const has = (name: string) => {
    let known = available.get(name)
    if (known === undefined) {
      const quoted = `"${name.replace(/"/g, '')}"`
      known = ['monospace', 'serif', 'sans-serif'].some((fallback) => widthIn(`${quoted}, ${fallback}`) !== widthIn(fallback))
      available.set(name, known)
    }
    return known
  }
  const fonts = new Map<string, string>()
  const firstFont = (family: string) => {
    let font = fonts.get(family)
    if (font === undefined) {
      const names = family.split(',').map((f) => f.trim().replace(/^["']|["']$/g, ''))
      const used = names.find((n) => (generic[n] ? true : has(n)))
      font = used === undefined ? 'Arial' : (generic[used] ?? used)
      fonts.set(family, font)
    }
    return font
  }
  const align = (value: string): Paragraph['align'] => (value === 'center' ? 'center' : value === 'right' || value === 'end' ? 'right' : value === 'justify' ? 'justify' : 'left')

  const results: SlideShapes[] = []
  for (const svg of Array.from(document.querySelectorAll('svg[data-marpit-svg]'))) {
    const layers = Array.from(svg.querySelectorAll(':scope > foreignObject > section'))
    const section = (layers.find((s) => {
      const layer = s.getAttribute('data-marpit-advanced-background')
      return !layer || layer === 'content'
    }) ?? layers[0]) as HTMLElement
    const unsupported: string[] = []
    const shapes: Shape[] = []
    const sectionBox = section.getBoundingClientRect()
    // The slide's own size is its viewBox (elements inside an SVG have no offset sizes).
    const viewBox = (svg as SVGSVGElement).viewBox.baseVal
    const W = viewBox && viewBox.width ? viewBox.width : sectionBox.width
    const H = viewBox && viewBox.height ? viewBox.height : sectionBox.height
    const scale = sectionBox.width / W || 1
    const boxOf = (rect: DOMRect): Box => ({
      x: (rect.left - sectionBox.left) / scale,
      y: (rect.top - sectionBox.top) / scale,
      w: rect.width / scale,
      h: rect.height / scale,
    })
    const note = (reason: string) => {
      if (!unsupported.includes(reason)) unsupported.push(reason)
    }
    if (layers.some((s) => s.getAttribute('data-marpit-advanced-background') === 'background')) note('background image')

    const sectionStyle = getComputedStyle(section)
    const slideBackground = colour(sectionStyle.backgroundColor).alpha > 0.5 ? colour(sectionStyle.backgroundColor) : { hex: 'FFFFFF', alpha: 1 }
    if (sectionStyle.backgroundImage !== 'none') note('background image or gradient')
    const before = getComputedStyle(section, '::before')
    if (before.content !== 'none' && before.content !== 'normal') note("the theme's drawing (section::before)")

    /** Fills and borders of an element as rectangles, drawn under its content. */
    const decorate = (el: Element, style: CSSStyleDeclaration) => {
      const rect = el.getBoundingClientRect()
      if (!rect.width || !rect.height) return
      const box = boxOf(rect)
      const fill = colour(style.backgroundColor)
      const radius = px(style.borderTopLeftRadius)
      if (visible(fill)) shapes.push({ kind: 'rect', box, fill, radius })
      const sides: Array<[string, (w: number) => Box]> = [
        ['Top', (w) => ({ x: box.x, y: box.y, w: box.w, h: w })],
        ['Bottom', (w) => ({ x: box.x, y: box.y + box.h - w, w: box.w, h: w })],
        ['Left', (w) => ({ x: box.x, y: box.y, w, h: box.h })],
        ['Right', (w) => ({ x: box.x + box.w - w, y: box.y, w, h: box.h })],
      ]
      for (const [side, place] of sides) {
        const width = px(style.getPropertyValue(`border-${side.toLowerCase()}-width`))
        const lineStyle = style.getPropertyValue(`border-${side.toLowerCase()}-style`)
        const color = colour(style.getPropertyValue(`border-${side.toLowerCase()}-color`))
        if (width > 0 && lineStyle !== 'none' && lineStyle !== 'hidden' && visible(color)) shapes.push({ kind: 'rect', box: place(width / scale), fill: color, radius: 0 })
      }
    }

    const effects = (el: Element, style: CSSStyleDeclaration) => {
      if (style.backgroundImage !== 'none') note(`a background image or gradient (<${el.tagName.toLowerCase()}>)`)
      if (style.transform !== 'none') note(`a CSS transform (<${el.tagName.toLowerCase()}>)`)
      if (style.filter !== 'none') note(`a CSS filter (<${el.tagName.toLowerCase()}>)`)
      if (style.columnCount !== 'auto' && style.columnCount !== '1') note('CSS columns')
      if (style.writingMode && !style.writingMode.startsWith('horizontal')) note('vertical text')
    }

    const runStyle = (el: Element): Omit<Run, 'text'> => {
      const style = getComputedStyle(el)
      const run: Omit<Run, 'text'> = {
        font: firstFont(style.fontFamily),
        size: parseFloat(style.fontSize) * autoScale(el),
        color: colour(style.color),
      }
      if (Number(style.fontWeight) >= 600 || style.fontWeight === 'bold') run.bold = true
      if (style.letterSpacing !== 'normal' && parseFloat(style.letterSpacing)) run.spacing = parseFloat(style.letterSpacing)
      if (style.fontStyle === 'italic' || style.fontStyle === 'oblique') run.italic = true
      const deco = style.textDecorationLine
      if (deco.includes('underline')) run.underline = true
      if (deco.includes('line-through')) run.strike = true
      // An inline element's own background (code, a label) travels with its text.
      for (let at: Element | null = el; at && at !== section; at = at.parentElement) {
        const s = getComputedStyle(at)
        if (s.display !== 'inline' && s.display !== 'inline-block') break
        if (s.verticalAlign === 'super') run.superscript = true
        if (s.verticalAlign === 'sub') run.subscript = true
        const bg = colour(s.backgroundColor)
        if (visible(bg)) {
          // A translucent highlight, as it shows over the slide (PowerPoint's highlight is opaque).
          run.highlight = bg.alpha < 1 ? over(bg, slideBackground) : bg
          break
        }
      }
      const link = el.closest('a[href]')
      if (link && section.contains(link)) run.link = (link as HTMLAnchorElement).href
      return run
    }

    /**
     * How much Marp's auto-scaling (a "<!-- fit -->" heading, a long code
     * block) enlarges or shrinks `el`'s text: it draws its content in an SVG
     * inside the element's shadow root, whose box is what shows.
     */
    const autoScale = (el: Element): number => {
      const scaled = el.closest('[data-auto-scaling]')
      if (!scaled || !section.contains(scaled)) return 1
      const svg = scaled.shadowRoot?.querySelector('svg') as SVGSVGElement | null
      const view = svg?.viewBox?.baseVal
      if (!svg || !view || !view.width) return 1
      const factor = svg.getBoundingClientRect().width / scale / view.width
      return factor > 0 && Number.isFinite(factor) ? factor : 1
    }

    /** The inline content of `el` as runs; images other than emoji are handed to `image`. */
    const runsOf = (el: Element, runs: Run[], keepSpaces: boolean, image: (img: HTMLImageElement) => void) =>
      runsOfNodes(el, Array.from(el.childNodes), runs, keepSpaces, image)

    /** Runs of some of `el`'s child nodes. */
    const runsOfNodes = (el: Element, nodes: ChildNode[], runs: Run[], keepSpaces: boolean, image: (img: HTMLImageElement) => void) => {
      for (const node of nodes) {
        if (node.nodeType === Node.TEXT_NODE) {
          const raw = node.textContent ?? ''
          let text = keepSpaces ? raw.replace(/\n$/, '') : raw.replace(/[ \t\r\n\f]+/g, ' ')
          if (!text) continue
          const style = runStyle(el)
          // Capitals the theme asks for are written as capitals (PowerPoint's text has no transform).
          const transform = getComputedStyle(el).textTransform
          if (transform === 'uppercase') text = text.toUpperCase()
          else if (transform === 'lowercase') text = text.toLowerCase()
          if (keepSpaces) {
            const lines = text.split('\n')
            lines.forEach((line, i) => runs.push({ ...style, text: line, breakAfter: i < lines.length - 1 }))
          } else {
            runs.push({ ...style, text })
          }
          continue
        }
        if (node.nodeType !== Node.ELEMENT_NODE) continue
        const child = node as Element
        const tag = child.tagName.toLowerCase()
        const style = getComputedStyle(child)
        if (style.display === 'none' || SKIPPED.has(tag)) continue
        if (tag === 'br') {
          if (runs.length) runs[runs.length - 1].breakAfter = true
          else runs.push({ ...runStyle(el), text: '', breakAfter: true })
        } else if (tag === 'img') {
          if (child.classList.contains('emoji')) runs.push({ ...runStyle(el), text: child.getAttribute('alt') ?? '' })
          else image(child as HTMLImageElement)
        } else if (child.classList.contains('katex') || child.querySelector('.katex, mjx-container, math')) {
          note('math')
        } else if (!unsupportedTag(child) && (INLINE.has(tag) || EMPTY_MARP.test(tag) || style.display.startsWith('inline'))) {
          effects(child, style)
          runsOf(child, runs, keepSpaces || /^pre/.test(style.whiteSpace), image)
        } else {
          note(`HTML <${tag}>`)
        }
      }
    }

    const unsupportedTag = (el: Element) => {
      const tag = el.tagName.toLowerCase()
      return ['svg', 'video', 'audio', 'iframe', 'canvas', 'object', 'embed', 'math', 'mjx-container', 'input', 'textarea', 'select', 'button', 'details', 'picture', 'meter', 'progress'].includes(tag)
    }

    const paragraphOf = (el: Element, runs: Run[], style: CSSStyleDeclaration): Paragraph => {
      // Spaces at the ends of a paragraph, and doubled between runs, are not shown.
      const kept = /^pre/.test(style.whiteSpace)
      if (!kept) {
        for (let i = 0; i < runs.length; i++) {
          const previous = i === 0 ? undefined : runs[i - 1]
          if (!previous || previous.breakAfter || previous.text.endsWith(' ')) runs[i].text = runs[i].text.replace(/^ +/, '')
        }
        for (let i = runs.length - 1; i >= 0; i--) {
          runs[i].text = runs[i].text.replace(/ +$/, '')
          if (runs[i].text || runs[i].breakAfter) break
        }
      }
      const size = parseFloat(style.fontSize)
      return {
        runs: runs.filter((r) => r.text || r.breakAfter),
        align: align(style.textAlign),
        lineHeight: style.lineHeight === 'normal' ? size * 1.2 : parseFloat(style.lineHeight),
        spaceBefore: 0,
        spaceAfter: 0,
      }
    }

    const images = (img: HTMLImageElement) => {
      const rect = img.getBoundingClientRect()
      // A file that did not load shows nothing worth keeping (the build reports it).
      if (!rect.width || !rect.height || !img.complete || !img.naturalWidth) return
      const src = img.currentSrc || img.src
      const shape: Shape = { kind: 'image', box: boxOf(rect), src, alt: img.alt }
      // Pictures PowerPoint may not read (SVG, WebP...) travel as PNG, drawn at twice their size.
      if (!/\.(png|jpe?g|gif)(?:[?#]|$)|^data:image\/(?:png|jpeg|gif)[;,]/i.test(src)) {
        try {
          const canvas = document.createElement('canvas')
          canvas.width = Math.max(1, Math.round((rect.width / scale) * 2))
          canvas.height = Math.max(1, Math.round((rect.height / scale) * 2))
          canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height)
          shape.png = canvas.toDataURL('image/png')
        } catch {
          note(`an image PowerPoint cannot hold (${src.slice(0, 60)})`)
          return
        }
      }
      decorate(img, getComputedStyle(img))
      shapes.push(shape)
    }

    /** Text boxes for a block of inline content (a paragraph, a heading). */
    const textBlock = (el: Element, style: CSSStyleDeclaration, role: 'title' | 'body' | 'code') => {
      const runs: Run[] = []
      runsOf(el, runs, role === 'code', images)
      const paragraph = paragraphOf(el, runs, style)
      if (!paragraph.runs.length) return
      shapes.push({ kind: 'text', box: withRoom(el, contentBox(el, style), paragraph.align), paragraphs: [paragraph], role, padding: [0, 0, 0, 0], valign: 'top' })
    }

    /**
     * A text box as wide as the room its block had: a heading sized to its
     * words (inline-block) would wrap in PowerPoint at the first font that
     * sets them a hair wider.
     */
    const withRoom = (el: Element, box: Box, side: Paragraph['align']): Box => {
      const parent = el.parentElement
      if (!parent) return box
      const style = getComputedStyle(parent)
      const outer = boxOf(parent.getBoundingClientRect())
      const left = outer.x + px(style.paddingLeft) + px(style.borderLeftWidth)
      const right = outer.x + outer.w - px(style.paddingRight) - px(style.borderRightWidth)
      if (side === 'left' || side === 'justify') return { ...box, w: Math.max(box.w, right - box.x) }
      if (side === 'right') return { ...box, x: Math.min(box.x, left), w: Math.max(box.w, box.x + box.w - left) }
      const centre = box.x + box.w / 2
      const half = Math.max(box.w / 2, Math.min(centre - left, right - centre))
      return { ...box, x: centre - half, w: half * 2 }
    }

    const contentBox = (el: Element, style: CSSStyleDeclaration): Box => {
      const box = boxOf(el.getBoundingClientRect())
      const top = px(style.paddingTop) + px(style.borderTopWidth)
      const left = px(style.paddingLeft) + px(style.borderLeftWidth)
      const right = px(style.paddingRight) + px(style.borderRightWidth)
      const bottom = px(style.paddingBottom) + px(style.borderBottomWidth)
      return { x: box.x + left, y: box.y + top, w: Math.max(1, box.w - left - right), h: Math.max(1, box.h - top - bottom) }
    }

    /** A list's items as paragraphs with levels; nested lists follow their item. */
    const listParagraphs = (list: Element, level: number, out: Paragraph[]) => {
      const listStyle = getComputedStyle(list)
      const ordered = list.tagName.toLowerCase() === 'ol'
      const indent = px(listStyle.paddingLeft) || 40
      let number = ordered ? Number(list.getAttribute('start') ?? 1) : 0
      for (const item of Array.from(list.children)) {
        if (item.tagName.toLowerCase() !== 'li') continue
        const itemStyle = getComputedStyle(item)
        if (itemStyle.display === 'none') continue
        effects(item, itemStyle)
        const bullet: Paragraph['bullet'] = {
          kind: ordered && itemStyle.listStyleType !== 'none' ? 'number' : 'bullet',
          level,
          indent,
          start: ordered ? number : undefined,
          color: colour(itemStyle.color),
        }
        if (itemStyle.listStyleType === 'none') bullet.kind = 'bullet'
        number++
        let runs: Run[] = []
        let first = true
        // An item's first paragraph carries its bullet; a loose item's later paragraphs do not.
        const flush = (style: CSSStyleDeclaration) => {
          const paragraph = paragraphOf(item, runs, style)
          runs = []
          if (!paragraph.runs.length && !first) return
          if (first) paragraph.bullet = bullet
          paragraph.spaceAfter = px(itemStyle.marginBottom)
          out.push(paragraph)
          first = false
        }
        for (const node of Array.from(item.childNodes)) {
          const tag = node.nodeType === Node.ELEMENT_NODE ? (node as Element).tagName.toLowerCase() : ''
          if (tag === 'ul' || tag === 'ol') {
            if (runs.length || first) flush(itemStyle)
            listParagraphs(node as Element, level + 1, out)
          } else if (tag && BLOCK_TEXT.has(tag)) {
            if (runs.length) flush(itemStyle)
            runsOf(node as Element, runs, false, images)
            flush(getComputedStyle(node as Element))
          } else if (tag && (CONTAINERS.has(tag) || tag === 'pre' || tag === 'table')) {
            note(`a ${tag === 'pre' ? 'code block' : tag === 'table' ? 'table' : `<${tag}>`} inside a list item`)
          } else {
            runsOfNodes(item, [node], runs, false, images)
          }
        }
        if (runs.length || first) flush(itemStyle)
      }
    }

    const table = (el: HTMLTableElement) => {
      const rows: TableRow[] = []
      const box = boxOf(el.getBoundingClientRect())
      const edges = new Set<number>([Math.round(box.x * 10) / 10, Math.round((box.x + box.w) * 10) / 10])
      for (const row of Array.from(el.rows)) {
        const rowBox = boxOf(row.getBoundingClientRect())
        const cells: TableCell[] = []
        for (const cell of Array.from(row.cells)) {
          const style = getComputedStyle(cell)
          effects(cell, style)
          const cellBox = boxOf(cell.getBoundingClientRect())
          edges.add(Math.round(cellBox.x * 10) / 10)
          edges.add(Math.round((cellBox.x + cellBox.w) * 10) / 10)
          const runs: Run[] = []
          const paragraphs: Paragraph[] = []
          const blocks = Array.from(cell.children).filter((c) => BLOCK_TEXT.has(c.tagName.toLowerCase()) || c.tagName.toLowerCase() === 'ul' || c.tagName.toLowerCase() === 'ol')
          if (blocks.length) {
            for (const block of blocks) {
              if (/^[uo]l$/i.test(block.tagName)) listParagraphs(block, 0, paragraphs)
              else {
                const own: Run[] = []
                runsOf(block, own, false, images)
                paragraphs.push(paragraphOf(block, own, getComputedStyle(block)))
              }
            }
          } else {
            runsOf(cell, runs, false, images)
            paragraphs.push(paragraphOf(cell, runs, style))
          }
          let fill = colour(style.backgroundColor)
          if (!visible(fill)) fill = colour(getComputedStyle(row).backgroundColor)
          cells.push({
            paragraphs,
            fill: visible(fill) ? fill : undefined,
            border: { color: colour(style.borderTopColor), width: style.borderTopStyle === 'none' ? 0 : px(style.borderTopWidth) },
            padding: [px(style.paddingTop), px(style.paddingRight), px(style.paddingBottom), px(style.paddingLeft)],
            colspan: cell.colSpan || 1,
            rowspan: cell.rowSpan || 1,
            valign: style.verticalAlign === 'middle' ? 'middle' : style.verticalAlign === 'bottom' ? 'bottom' : 'top',
          })
        }
        rows.push({ height: rowBox.h, cells })
      }
      const sorted = [...edges].sort((a, b) => a - b).filter((edge, i, all) => i === 0 || edge - all[i - 1] > 0.5)
      const columns = sorted.slice(1).map((edge, i) => edge - sorted[i])
      shapes.push({ kind: 'table', box, columns, rows })
    }

    /** A block whose children are only text (paragraphs, headings, lists): one shape holding them all, as PowerPoint draws a box with text. */
    const textOnly = (el: Element) =>
      Array.from(el.childNodes).every((node) => {
        if (node.nodeType === Node.TEXT_NODE) return !(node.textContent ?? '').trim()
        if (node.nodeType !== Node.ELEMENT_NODE) return true
        const tag = (node as Element).tagName.toLowerCase()
        if (SKIPPED.has(tag)) return true
        if (!(BLOCK_TEXT.has(tag) || tag === 'ul' || tag === 'ol')) return false
        return !(node as Element).querySelector('img:not(.emoji), table, pre, svg, video, iframe, canvas, .katex, ul ul, ol ol, ul ol, ol ul, div')
      })

    const boxedText = (el: Element, style: CSSStyleDeclaration) => {
      const paragraphs: Paragraph[] = []
      let previousBottom: number | undefined
      for (const child of Array.from(el.children)) {
        const tag = child.tagName.toLowerCase()
        if (SKIPPED.has(tag)) continue
        const childStyle = getComputedStyle(child)
        if (childStyle.display === 'none') continue
        const rect = child.getBoundingClientRect()
        const gap = previousBottom === undefined ? 0 : Math.max(0, rect.top - previousBottom) / scale
        previousBottom = rect.bottom
        const start = paragraphs.length
        if (tag === 'ul' || tag === 'ol') listParagraphs(child, 0, paragraphs)
        else {
          const runs: Run[] = []
          runsOf(child, runs, false, images)
          paragraphs.push(paragraphOf(child, runs, childStyle))
        }
        if (paragraphs[start]) paragraphs[start].spaceBefore = gap
      }
      const padding: [number, number, number, number] = [
        px(style.paddingTop) + px(style.borderTopWidth),
        px(style.paddingRight) + px(style.borderRightWidth),
        px(style.paddingBottom) + px(style.borderBottomWidth),
        px(style.paddingLeft) + px(style.borderLeftWidth),
      ]
      const first = el.firstElementChild ? getComputedStyle(el.firstElementChild) : undefined
      if (first) padding[0] += Math.max(0, (el.firstElementChild!.getBoundingClientRect().top - el.getBoundingClientRect().top) / scale - padding[0])
      shapes.push({ kind: 'text', box: boxOf(el.getBoundingClientRect()), paragraphs, role: 'body', padding, valign: 'top' })
    }

    let titled = false
    const walk = (parent: Element) => {
      for (const node of Array.from(parent.childNodes)) {
        if (node.nodeType === Node.TEXT_NODE) {
          if ((node.textContent ?? '').trim()) note('text outside a paragraph')
          continue
        }
        if (node.nodeType !== Node.ELEMENT_NODE) continue
        const el = node as Element
        const tag = el.tagName.toLowerCase()
        if (SKIPPED.has(tag)) continue
        const style = getComputedStyle(el)
        if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') continue
        if (unsupportedTag(el)) {
          note(`HTML <${tag}>`)
          continue
        }
        if (el.classList.contains('katex') || el.classList.contains('katex-display') || el.querySelector(':scope > .katex, :scope > mjx-container')) {
          note('math')
          continue
        }
        effects(el, style)
        if (tag === 'table') {
          decorate(el, style)
          table(el as HTMLTableElement)
        } else if (tag === 'img') {
          images(el as HTMLImageElement)
        } else if (tag === 'hr') {
          decorate(el, style)
        } else if (tag === 'pre') {
          decorate(el, style)
          const code = el.querySelector('code') ?? el
          const runs: Run[] = []
          runsOf(code, runs, true, images)
          shapes.push({ kind: 'text', box: contentBox(el, style), paragraphs: [paragraphOf(code, runs, getComputedStyle(code))], role: 'code', padding: [0, 0, 0, 0], valign: 'top' })
        } else if (tag === 'ul' || tag === 'ol') {
          decorate(el, style)
          const paragraphs: Paragraph[] = []
          listParagraphs(el, 0, paragraphs)
          const box = boxOf(el.getBoundingClientRect())
          const top = px(style.paddingTop)
          shapes.push({ kind: 'text', box: { ...box, y: box.y + top, h: Math.max(1, box.h - top - px(style.paddingBottom)) }, paragraphs, role: 'body', padding: [0, 0, 0, 0], valign: 'top' })
        } else if (BLOCK_TEXT.has(tag) || (!CONTAINERS.has(tag) && (INLINE.has(tag) || EMPTY_MARP.test(tag)))) {
          decorate(el, style)
          const heading = /^h[1-6]$/.test(tag)
          textBlock(el, style, heading && !titled ? 'title' : 'body')
          if (heading) titled = true
        } else if (CONTAINERS.has(tag) || tag === 'li') {
          const decorated = visible(colour(style.backgroundColor)) || ['Top', 'Right', 'Bottom', 'Left'].some((s) => px(style.getPropertyValue(`border-${s.toLowerCase()}-width`)) > 0)
          decorate(el, style)
          if (decorated && el.children.length && textOnly(el)) boxedText(el, style)
          else walk(el)
        } else {
          note(`HTML <${tag}>`)
        }
      }
    }
    decorate(section, sectionStyle)
    walk(section)

    // The page number a theme writes after the slide (Marp's "paginate").
    let pageNumber: SlideShapes['pageNumber']
    const after = getComputedStyle(section, '::after')
    if (after.content && after.content !== 'none' && after.content !== 'normal') {
      const text = (after.content.match(/"(?:[^"\\]|\\.)*"|attr\([^)]*\)/g) ?? [])
        .map((part) => (part.startsWith('attr(') ? (section.getAttribute(part.slice(5, -1).trim()) ?? '') : part.slice(1, -1).replace(/\\(.)/g, '$1')))
        .join('')
      if (text.trim()) {
        const size = parseFloat(after.fontSize)
        // Wide enough for PowerPoint's font too; the number keeps to its side.
        const width = Math.max(px(after.width), size * Math.max(4, text.length))
        const height = px(after.height) || size * 1.4
        const x = after.right !== 'auto' && after.left === 'auto' ? W - px(after.right) - width : px(after.left)
        const y = after.bottom !== 'auto' && after.top === 'auto' ? H - px(after.bottom) - height : px(after.top)
        pageNumber = {
          box: { x, y, w: width, h: height },
          run: { text, font: firstFont(after.fontFamily), size, color: colour(after.color), bold: Number(after.fontWeight) >= 600 || undefined },
          align: after.right !== 'auto' && after.left === 'auto' ? 'right' : align(after.textAlign) === 'center' ? 'center' : 'left',
        }
        if (visible(colour(after.backgroundColor)) || after.backgroundImage !== 'none') note("the theme's drawing (section::after)")
      }
    }

    results.push({
      width: W,
      height: H,
      background: colour(sectionStyle.backgroundColor),
      shapes,
      unsupported,
      pageNumber,
    })
  }
  return results
}
