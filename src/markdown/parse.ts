// One markdown parser for the whole kit (remark + directives + math + GFM),
// used to analyse lesson sources and to render worksheet and guide fragments.
import type { Root, Nodes } from 'mdast'
import rehypeStringify from 'rehype-stringify'
import remarkDirective from 'remark-directive'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkDirective)

/**
 * Parses markdown into mdast. The tree is the one remark gives for the whole
 * text, but it is put together slide by slide: the copies
 * of a lesson made for different clients and profiles share most of their
 * slides, so a slide's tree is parsed once and reused (a fresh copy, with
 * positions moved to where the slide sits).
 */
export function parseMarkdown(text: string, cache: SlideTrees = new SlideTrees(), shared = false): Root {
  // Link and footnote definitions reach across the whole text: parse it whole.
  // (Otherwise slide by slide even without a cache to share: remark takes time
  // that grows with the square of a long text's length, a slide's does not.)
  if (DEFINITION.test(text)) return parser.parse(text)
  const children: Root['children'] = []
  let from = 0
  let line = 1
  const breaks = slideBreakCandidates(text)
  let end: Root['position'] | undefined
  for (let i = 0; i <= breaks.length; i++) {
    const to = i < breaks.length ? breaks[i].end : text.length
    const chunk = text.slice(from, to)
    const tree = cache.parse(chunk, shared)
    // A candidate is a real break only when remark read it as a top-level
    // "---": otherwise (inside a code block, a comment, a directive) the text
    // goes on into the next chunk.
    if (i < breaks.length && !endsWithBreak(tree, breaks[i].line - line + 1)) continue
    for (const child of tree.children) children.push(moved(child, line - 1, from))
    end = tree.position && { start: { line: 1, column: 1, offset: 0 }, end: movedPoint(tree.position.end, line - 1, from) }
    line = i < breaks.length ? breaks[i].line + 1 : line
    from = to
  }
  return { type: 'root', children, position: end }
}

/** A line that starts a link reference or footnote definition. */
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m

/**
 * Lines that may end a slide: "---" alone, followed by a blank line or the
 * end. The blank line after it matters: nothing that comes after a blank line
 * can change how the "---" line itself is read.
 */
function slideBreakCandidates(text: string): Array<{ line: number; end: number }> {
  const found: Array<{ line: number; end: number }> = []
  const pattern = /^---[ \t]*\r?\n(?=[ \t]*(?:\r?\n|$))/gm
  let line = 1
  let counted = 0
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    for (let i = counted; i < match.index; i++) if (text.charCodeAt(i) === 10) line++
    counted = match.index
    found.push({ line, end: match.index + match[0].length })
  }
  return found
}

function endsWithBreak(tree: Root, lastLine: number): boolean {
  const last = tree.children[tree.children.length - 1]
  return last?.type === 'thematicBreak' && last.position?.start.line === lastLine
}

/**
 * Slide trees by their text, for one build. A slide of a text made to be
 * shared (`shared`: a lesson with its values in slots) has its tree kept at
 * once. Other slides are remembered by their text only the first time, and
 * their tree kept when they are seen again: a slide that names one client is
 * seen once, and does not fill memory with a tree never reused.
 */
export class SlideTrees {
  private readonly seen = new Map<string, Root | null>()

  parse(chunk: string, shared: boolean): Root {
    const known = this.seen.get(chunk)
    if (known) return known
    const tree = parser.parse(chunk)
    if (this.seen.size >= MAX_REMEMBERED_SLIDES) this.seen.clear()
    this.seen.set(chunk, shared || known === null ? tree : null)
    return tree
  }
}

const MAX_REMEMBERED_SLIDES = 20_000

type Point = NonNullable<Nodes['position']>['start']

function movedPoint(point: Point, lines: number, offset: number): Point {
  return { line: point.line + lines, column: point.column, offset: point.offset === undefined ? undefined : point.offset + offset }
}

/** A copy of a node (the cached tree is shared) with its positions moved. */
function moved<T extends Nodes>(node: T, lines: number, offset: number): T {
  const copy = { ...node }
  if (node.position) {
    copy.position = { start: movedPoint(node.position.start, lines, offset), end: movedPoint(node.position.end, lines, offset) }
  }
  if ('children' in node) (copy as { children: Nodes[] }).children = (node.children as Nodes[]).map((child) => moved(child, lines, offset))
  return copy
}

const toHtml = unified()
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeStringify, { allowDangerousHtml: true })

/** Renders mdast nodes (a directive's children, say) to an HTML fragment. */
export function nodesToHtml(nodes: Nodes[]): string {
  const root: Root = { type: 'root', children: nodes.filter(isRenderable) as Root['children'] }
  return String(toHtml.stringify(toHtml.runSync(root) as never)).trim()
}

/** Directives that are not the kit's (a stray ":smile:" read as one) stay as the text they were. */
function isRenderable(node: Nodes): boolean {
  return !(node.type === 'html' && /^<!--[\s\S]*-->$/.test(node.value.trim()))
}

/**
 * Character ranges of code and math in `text`, where templating must not
 * reach. The tree may come from a copy of `text` whose directive fence lines
 * were lengthened, so ranges are rebuilt from lines and columns (code and
 * math never sit on a fence line).
 */
export function literalRanges(tree: Root, text: string): Array<[number, number]> {
  const lineStarts = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1)
  const offset = (p: { line: number; column: number }) => lineStarts[p.line - 1] + p.column - 1
  const ranges: Array<[number, number]> = []
  const visit = (node: Nodes) => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'math' || node.type === 'inlineMath') {
      if (node.position) ranges.push([offset(node.position.start), offset(node.position.end)])
      return
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child)
  }
  visit(tree)
  return ranges
}

/** Plain text of a node, for titles and headings. */
export function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('')
  return ''
}
