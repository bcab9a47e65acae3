// The kit's directives (remark-directive syntax) and their rules.
//
// remark-directive closes an inner block with the outer block's fence when
// both use three colons, so the documented nesting
//   :::exercise / :::solution / ::: / :::
// would not parse as written. `normalizeFences` pairs every opener with its
// closer on a stack (innermost first, as the author means it) and lengthens
// the fences of outer blocks, which keeps every line and every content
// column where it was.
import type { Root, Nodes } from 'mdast'
import type { ContainerDirective, LeafDirective } from 'mdast-util-directive'
import type { Place, Reporter } from '../diagnostics/reporter.js'

export const directiveNames = {
  container: ['exercise', 'solution', 'facilitator', 'key'] as const,
  leaf: ['answer'] as const,
}

export type BlockDirective = ContainerDirective | LeafDirective

const OPENER = /^( {0,3})(:{3,})([A-Za-z][\w-]*)(.*)$/
const CLOSER = /^( {0,3})(:{3,})\s*$/
const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})/

interface OpenBlock {
  name: string
  line: number
  column: number
  fence: number
  children: OpenBlock[]
  closeLine?: number
}

/** Where the text comes from, to report blocks left open and stray closers; left out when they were reported already. */
export interface FenceReport {
  file: string
  /** Added to text lines to get file lines. */
  lineOffset: number
  reporter: Reporter
}

/**
 * Pairs container openers and closers line by line (outside fenced code),
 * reports blocks left open and stray closers, and returns the text with its
 * fences rewritten so remark-directive parses the intended nesting.
 */
export function normalizeFences(text: string, report?: FenceReport): string {
  const lines = text.split('\n')
  const at = (line: number, column: number): Place => ({ file: report?.file, line: line + 1 + (report?.lineOffset ?? 0), column: column + 1 })
  const roots: OpenBlock[] = []
  const stack: OpenBlock[] = []
  let codeFence: string | undefined

  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '')
    const fence = CODE_FENCE.exec(line)
    if (codeFence) {
      if (fence && fence[1][0] === codeFence[0] && fence[1].length >= codeFence.length && line.trim() === fence[1]) {
        codeFence = undefined
      }
      return
    }
    if (fence) {
      codeFence = fence[1]
      return
    }
    const opener = OPENER.exec(line)
    if (opener) {
      const block: OpenBlock = {
        name: opener[3],
        line: index,
        column: opener[1].length,
        fence: opener[2].length,
        children: [],
      }
      ;(stack.length ? stack[stack.length - 1].children : roots).push(block)
      stack.push(block)
      return
    }
    const closer = CLOSER.exec(line)
    if (closer) {
      // The innermost block whose fence this closer is long enough to close.
      let open = stack.length - 1
      while (open >= 0 && stack[open].fence > closer[2].length) open--
      if (open < 0) {
        report?.reporter.report('stray-directive-closer', { fence: closer[2] }, at(index, closer[1].length))
        return
      }
      // Blocks above `at` were left open inside this one: report them.
      for (const unclosed of stack.splice(open + 1)) reportUnclosed(unclosed)
      const block = stack.pop()!
      block.closeLine = index
    }
  })
  for (const unclosed of stack) reportUnclosed(unclosed)

  function reportUnclosed(block: OpenBlock) {
    report?.reporter.report('unclosed-directive', { name: block.name }, at(block.line, block.column))
  }

  // Lengthen outer fences: a block's fence is 3 + the depth of blocks inside it.
  const height = (block: OpenBlock): number => Math.max(0, ...block.children.map((c) => height(c) + 1))
  const rewrite = (block: OpenBlock) => {
    const colons = ':'.repeat(3 + height(block))
    lines[block.line] = lines[block.line].replace(/^( {0,3}):{3,}/, `$1${colons}`)
    if (block.closeLine !== undefined) {
      lines[block.closeLine] = lines[block.closeLine].replace(/^( {0,3}):{3,}/, `$1${colons}`)
    }
    block.children.forEach(rewrite)
  }
  roots.forEach(rewrite)
  return lines.join('\n')
}

/**
 * Checks names, placement and attributes of the kit's directives in a
 * parsed lesson. `lineOffset` maps body lines back to file lines.
 */
export function checkDirectives(tree: Root, file: string, lineOffset: number, reporter: Reporter): void {
  const at = (node: Nodes): Place => ({
    file,
    line: (node.position?.start.line ?? 1) + lineOffset,
    column: node.position?.start.column ?? 1,
  })
  const known = [...directiveNames.container, ...directiveNames.leaf]

  const visit = (node: Nodes, parents: string[]) => {
    if (node.type === 'containerDirective' || node.type === 'leafDirective') {
      const kind = node.type === 'containerDirective' ? 'container' : 'leaf'
      const allowed: readonly string[] = directiveNames[kind]
      if (!allowed.includes(node.name)) {
        const other = kind === 'container' ? 'leaf' : 'container'
        const is = (directiveNames[other] as readonly string[]).includes(node.name) ? other : undefined
        reporter.report('unknown-directive', { name: node.name, written: kind, is, known }, at(node))
      } else {
        checkPlacement(node, parents, at(node), reporter)
        checkAttributes(node, at(node), reporter)
      }
      if (node.type === 'containerDirective') {
        for (const child of node.children) {
          if (child.type === 'thematicBreak') reporter.report('directive-across-slides', { name: node.name }, at(child))
        }
      }
      parents = [...parents, node.name]
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child, parents)
  }
  visit(tree, [])
}

function checkPlacement(node: BlockDirective, parents: string[], at: Place, reporter: Reporter) {
  const parent = parents[parents.length - 1]
  const misplaced = () => reporter.report('misplaced-directive', { name: node.name, parent }, at)
  switch (node.name) {
    case 'answer':
    case 'solution':
      if (parent !== 'exercise') misplaced()
      break
    case 'exercise':
    case 'key':
      if (parents.length > 0) misplaced()
      break
    case 'facilitator':
      if (parents.includes('solution') || parents.includes('facilitator')) misplaced()
      break
  }
}

function checkAttributes(node: BlockDirective, at: Place, reporter: Reporter) {
  const attributes = node.attributes ?? {}
  const integer = (name: string, min: number, max: number) => {
    const value = attributes[name]
    if (value === undefined || value === null) return
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      reporter.report('bad-directive-attribute', { directive: node.name, attribute: name, value, min, max }, at)
    }
  }
  const allowed: Record<string, string[]> = {
    exercise: ['title', 'minutes', 'canvas'],
    answer: ['lines'],
    solution: [],
    facilitator: [],
    key: ['title'],
  }
  for (const name of Object.keys(attributes)) {
    if (!allowed[node.name].includes(name)) reporter.report('bad-directive-attribute', { directive: node.name, attribute: name, allowed: allowed[node.name] }, at)
  }
  if (node.name === 'exercise') integer('minutes', 1, 600)
  if (node.name === 'answer') integer('lines', 1, 40)
}
