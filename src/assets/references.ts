// Stage "assets", part one: where a text names a file. A lesson names
// images and media in markdown images (Marp's "![bg left](...)" included),
// in HTML (<img src>, <source src>, <video src poster>, style="..."), in
// background directives (front matter and HTML comments) and in CSS url()
// (a <style> block, the front matter's style, a theme). Markdown is read
// with the kit's one parser (code spans and blocks are text, never
// references); HTML tags and CSS url() with the small tokenizers below.
//
// Each reference keeps where its spelling sits in the text (start..end), so
// that a problem points at the author's column and the build can put the
// kit's copy in its place without touching anything around it.
import type { Definition, Nodes, Root } from 'mdast'
import { decodeHTML } from 'entities'
import { parseMarkdown, type SlideTrees } from '../markdown/parse.js'

export type ReferenceKind = 'image' | 'file'

export interface Reference {
  /** The URL as the author means it (markdown escapes and HTML entities read). */
  url: string
  /** Where its spelling is in the text: replacing start..end replaces the URL and nothing else. */
  start: number
  end: number
  /** What the file is for, for messages: an image, or another file (a video, a sound). */
  kind: ReferenceKind
}

/**
 * A quick look before parsing: a text without any of these names no file
 * (a markdown image, inline or by reference, and one in a header or footer
 * directive, all start with "![").
 */
const MAY_REFER = /!\[|<(?:img|source|video|audio|track|style)\b|url\(|\bstyle\s*=/i

/** The files a lesson's markdown body names, in text order (`trees`, `shared`: as parseMarkdown's). */
export function markdownReferences(text: string, trees?: SlideTrees, shared = false): Reference[] {
  if (!MAY_REFER.test(text)) return []
  const tree = parseMarkdown(text, trees, shared)
  const found: Reference[] = []
  const usedDefinitions = new Set<string>()
  const definitions: Definition[] = []
  const visit = (node: Nodes) => {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (node.type === 'image' && start !== undefined && end !== undefined) {
      const at = destinationOfImage(text, start, end)
      if (at) found.push({ url: node.url, start: at[0], end: at[1], kind: 'image' })
    } else if (node.type === 'imageReference') {
      usedDefinitions.add(node.identifier)
    } else if (node.type === 'definition') {
      definitions.push(node)
    } else if (node.type === 'html' && start !== undefined && end !== undefined) {
      // The text as written (in a list or a quote, node.value lacks the markers).
      found.push(...htmlReferences(text.slice(start, end), start))
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child)
  }
  visit(tree as Root)
  for (const definition of definitions) {
    const start = definition.position?.start.offset
    const end = definition.position?.end.offset
    if (!usedDefinitions.has(definition.identifier) || start === undefined || end === undefined) continue
    const close = text.indexOf(']:', start)
    if (close < 0 || close > end) continue
    let from = close + 2
    while (from < end && /\s/.test(text[from])) from++
    const at = rawDestination(text, from, end)
    if (at) found.push({ url: definition.url, start: at[0], end: at[1], kind: 'image' })
  }
  return found.sort((a, b) => a.start - b.start)
}

/** The span of an image's destination in "![alt](destination "title")". */
function destinationOfImage(text: string, start: number, end: number): [number, number] | undefined {
  // The alt text's closing "]": brackets nest, a backslash escapes.
  let depth = 0
  let i = start + 1
  for (; i < end; i++) {
    const c = text[i]
    if (c === '\\') i++
    else if (c === '[') depth++
    else if (c === ']' && --depth === 0) break
  }
  if (text[i + 1] !== '(') return undefined
  let from = i + 2
  while (from < end && /\s/.test(text[from])) from++
  return rawDestination(text, from, end)
}

/** A link destination as written from `from`: "<...>", or up to a space or an unbalanced ")". */
function rawDestination(text: string, from: number, end: number): [number, number] | undefined {
  if (text[from] === '<') {
    const close = text.indexOf('>', from)
    return close > from && close <= end ? [from + 1, close] : undefined
  }
  let depth = 0
  let i = from
  for (; i < end; i++) {
    const c = text[i]
    if (c === '\\') {
      i++
      continue
    }
    if (/\s/.test(c)) break
    if (c === '(') depth++
    else if (c === ')' && depth-- === 0) break
  }
  return i > from ? [from, Math.min(i, end)] : undefined
}

/** Attributes that name a file, by element. */
const FILE_ATTRIBUTES: Record<string, Record<string, ReferenceKind>> = {
  img: { src: 'image', srcset: 'image' },
  source: { src: 'file', srcset: 'image' },
  video: { src: 'file', poster: 'image' },
  audio: { src: 'file' },
  track: { src: 'file' },
}

/**
 * The files an HTML fragment names: the attributes above, url() in a style
 * attribute or a <style> element, and background directives in comments.
 * `offset`: where the fragment starts in the whole text.
 */
export function htmlReferences(html: string, offset = 0): Reference[] {
  const found: Reference[] = []
  let i = 0
  while (i < html.length) {
    const open = html.indexOf('<', i)
    if (open < 0) break
    if (html.startsWith('<!--', open)) {
      const close = html.indexOf('-->', open + 4)
      const to = close < 0 ? html.length : close
      const body = html.slice(open + 4, to)
      if (DIRECTIVE_WITH_URL.test(body)) found.push(...cssReferences(body, offset + open + 4, { comments: false }))
      if (HEADER_OR_FOOTER.test(body)) found.push(...inlineImageReferences(body, offset + open + 4))
      i = close < 0 ? html.length : close + 3
      continue
    }
    const name = /^<([A-Za-z][\w-]*)/.exec(html.slice(open, open + 40))?.[1]?.toLowerCase()
    if (!name) {
      i = open + 1
      continue
    }
    const tag = readTag(html, open + 1 + name.length)
    for (const attribute of tag.attributes) {
      const kind = FILE_ATTRIBUTES[name]?.[attribute.name]
      if (attribute.name === 'style') {
        found.push(...cssReferences(attribute.raw, offset + attribute.start, { comments: true, entities: true }))
      } else if (kind && attribute.name === 'srcset') {
        found.push(...srcsetReferences(attribute.raw, offset + attribute.start, kind))
      } else if (kind) {
        found.push({ url: decodeHTML(attribute.raw).trim(), start: offset + attribute.start, end: offset + attribute.start + attribute.raw.length, kind })
      }
    }
    i = tag.end
    if (name === 'style') {
      const close = html.toLowerCase().indexOf('</style', i)
      const to = close < 0 ? html.length : close
      found.push(...cssReferences(html.slice(i, to), offset + i, { comments: true }))
      i = to
    }
  }
  return found
}

/** A comment that sets a background image or a style: a Marp directive that may name a file. */
const DIRECTIVE_WITH_URL = /^\s*(?:_?backgroundImage|_?style|style)\s*:/m
/** A comment that sets a header or footer, which Marp renders as markdown (a logo: "![h:30](logo.png)"). */
const HEADER_OR_FOOTER = /^\s*_?(?:header|footer)\s*:/m

/** The markdown images in a directive's value ("footer: '![h:30](img/logo.png) Acme'"). */
export function inlineImageReferences(text: string, offset = 0): Reference[] {
  const found: Reference[] = []
  for (let i = text.indexOf('!['); i >= 0; i = text.indexOf('![', i + 2)) {
    const at = destinationOfImage(text, i, text.length)
    if (!at) continue
    const raw = text.slice(at[0], at[1])
    found.push({ url: decodeHTML(raw.replace(/\\([!-/:-@[-`{-~])/g, '$1')), start: offset + at[0], end: offset + at[1], kind: 'image' })
  }
  return found
}

interface Attribute {
  name: string
  /** The value as written (without its quotes), and where it starts in the fragment. */
  raw: string
  start: number
}

/** The attributes of a start tag from just after its name, and where the tag ends. */
function readTag(html: string, from: number): { attributes: Attribute[]; end: number } {
  const attributes: Attribute[] = []
  let i = from
  const space = () => {
    while (i < html.length && /\s/.test(html[i])) i++
  }
  for (;;) {
    space()
    if (i >= html.length) return { attributes, end: i }
    if (html[i] === '>') return { attributes, end: i + 1 }
    if (html[i] === '/') {
      i++
      continue
    }
    const nameStart = i
    while (i < html.length && !/[\s/>=]/.test(html[i])) i++
    const name = html.slice(nameStart, i).toLowerCase()
    if (!name) {
      i++
      continue
    }
    space()
    if (html[i] !== '=') continue
    i++
    space()
    const quote = html[i]
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, i + 1)
      const to = close < 0 ? html.length : close
      attributes.push({ name, raw: html.slice(i + 1, to), start: i + 1 })
      i = to + 1
    } else {
      const start = i
      while (i < html.length && !/[\s>]/.test(html[i])) i++
      attributes.push({ name, raw: html.slice(start, i), start })
    }
  }
}

/** The URLs of a srcset: "a.png 1x, b.png 2x". */
function srcsetReferences(raw: string, offset: number, kind: ReferenceKind): Reference[] {
  const found: Reference[] = []
  for (const match of raw.matchAll(/(^|,)\s*([^\s,]+)/g)) {
    const start = match.index + match[0].length - match[2].length
    found.push({ url: decodeHTML(match[2]), start: offset + start, end: offset + start + match[2].length, kind })
  }
  return found
}

/**
 * The url() of CSS (or of YAML holding CSS: front matter, a directive
 * comment). `comments`: skip CSS comments (not in YAML, where "/*" may be
 * text). `entities`: the CSS sits in an HTML attribute, so "&quot;" is a quote.
 */
export function cssReferences(css: string, offset = 0, options: { comments: boolean; entities?: boolean } = { comments: true }): Reference[] {
  const found: Reference[] = []
  const pattern = options.comments ? /\/\*[^]*?(?:\*\/|$)|(?<![\w-])url\(/gi : /(?<![\w-])url\(/gi
  for (let match = pattern.exec(css); match; match = pattern.exec(css)) {
    if (match[0].startsWith('/*')) continue
    let i = match.index + match[0].length
    while (i < css.length && /[ \t\r\n]/.test(css[i])) i++
    let quote = css[i] === '"' || css[i] === "'" ? css[i] : undefined
    let quoteLength = 1
    if (!quote && options.entities && css.startsWith('&quot;', i)) {
      quote = '&quot;'
      quoteLength = 6
    }
    let start: number
    let end: number
    if (quote) {
      start = i + quoteLength
      end = start
      while (end < css.length && !css.startsWith(quote, end) && css[end] !== '\n') end += css[end] === '\\' ? 2 : 1
    } else {
      start = i
      end = i
      while (end < css.length && !/[\s)'"]/.test(css[end])) end += css[end] === '\\' ? 2 : 1
    }
    end = Math.min(end, css.length)
    if (end <= start) continue
    const raw = css.slice(start, end)
    const url = (options.entities ? decodeHTML(raw) : raw).replace(/\\(.)/g, '$1')
    found.push({ url, start: offset + start, end: offset + end, kind: 'image' })
    pattern.lastIndex = end
  }
  return found
}

/** The text with each reference's spelling replaced (references in text order, not overlapping). */
export function replaceReferences(text: string, replacements: Array<{ start: number; end: number; value: string }>): string {
  let out = ''
  let cursor = 0
  for (const r of [...replacements].sort((a, b) => a.start - b.start)) {
    if (r.start < cursor) continue
    out += text.slice(cursor, r.start) + r.value
    cursor = r.end
  }
  return out + text.slice(cursor)
}
