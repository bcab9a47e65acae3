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

export function parseMarkdown(text: string): Root {
  return parser.parse(text)
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
