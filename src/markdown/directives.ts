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
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostics.js'

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

export interface FenceScan {
  /** The text with fences rewritten so remark-directive sees the intended nesting. */
  text: string
  diagnostics: Diagnostic[]
}

/**
 * Pairs container openers and closers line by line (outside fenced code),
 * reports blocks left open and stray closers, and returns text whose fences
 * remark-directive parses with the intended nesting.
 */
export function normalizeFences(text: string, file: string, lineOffset: number): FenceScan {
  const lines = text.split('\n')
  const diagnostics: Diagnostic[] = []
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
      let at = stack.length - 1
      while (at >= 0 && stack[at].fence > closer[2].length) at--
      if (at < 0) {
        diagnostics.push(
          diagnostic(
            'misplaced-directive',
            `"${closer[2]}" closes no open directive block`,
            { file, line: index + 1 + lineOffset, column: closer[1].length + 1 },
            'warning',
            'Remove the extra ":::" line, or open a block such as ":::key" before it.',
          ),
        )
        return
      }
      // Blocks above `at` were left open inside this one: report them.
      for (const unclosed of stack.splice(at + 1)) reportUnclosed(unclosed)
      const block = stack.pop()!
      block.closeLine = index
    }
  })
  for (const unclosed of stack) reportUnclosed(unclosed)

  function reportUnclosed(block: OpenBlock) {
    diagnostics.push(
      diagnostic('unclosed-directive', `":::${block.name}" is never closed`, {
        file,
        line: block.line + 1 + lineOffset,
        column: block.column + 1,
      }),
    )
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
  return { text: lines.join('\n'), diagnostics }
}

/**
 * Checks names, placement and attributes of the kit's directives in a
 * parsed lesson. `lineOffset` maps body lines back to file lines.
 */
export function checkDirectives(tree: Root, file: string, lineOffset: number): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  const at = (node: Nodes) => ({
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
        const message = (directiveNames[other] as readonly string[]).includes(node.name)
          ? kind === 'container'
            ? `"${node.name}" is written "::${node.name}" (two colons, no closing ":::")`
            : `"${node.name}" is a block: write ":::${node.name}" and close it with ":::"`
          : `unknown directive "${':'.repeat(kind === 'container' ? 3 : 2)}${node.name}" (known: ${known.join(', ')})`
        diagnostics.push(diagnostic('unknown-directive', message, at(node), 'warning'))
      } else {
        checkPlacement(node, parents, at(node), diagnostics)
        checkAttributes(node, at(node), diagnostics)
      }
      if (node.type === 'containerDirective') {
        for (const child of node.children) {
          if (child.type === 'thematicBreak') {
            diagnostics.push(
              diagnostic('directive-across-slides', `":::${node.name}" spans a slide break ("---")`, at(child)),
            )
          }
        }
      }
      parents = [...parents, node.name]
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child, parents)
  }
  visit(tree, [])
  return diagnostics
}

function checkPlacement(node: BlockDirective, parents: string[], at: ReturnType<typeof Object>, out: Diagnostic[]) {
  const parent = parents[parents.length - 1]
  const misplaced = (message: string) => out.push(diagnostic('misplaced-directive', message, at))
  switch (node.name) {
    case 'answer':
    case 'solution':
      if (parent !== 'exercise') misplaced(`"${node.name}" belongs inside ":::exercise"`)
      break
    case 'exercise':
      if (parents.length > 0) misplaced(`":::exercise" cannot sit inside ":::${parent}"`)
      break
    case 'key':
      if (parents.length > 0) misplaced(`":::key" cannot sit inside ":::${parent}"`)
      break
    case 'facilitator':
      if (parents.includes('solution') || parents.includes('facilitator')) {
        misplaced(`":::facilitator" cannot sit inside ":::${parent}"`)
      }
      break
  }
}

function checkAttributes(node: BlockDirective, at: object, out: Diagnostic[]) {
  const attributes = node.attributes ?? {}
  const bad = (message: string) => out.push(diagnostic('bad-directive-attribute', message, at))
  const integer = (name: string, min: number, max: number) => {
    const value = attributes[name]
    if (value === undefined || value === null) return
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      bad(`${name}="${value}" on "${node.name}" must be a whole number from ${min} to ${max}`)
    }
  }
  const allowed: Record<string, string[]> = {
    exercise: ['title', 'minutes'],
    answer: ['lines'],
    solution: [],
    facilitator: [],
    key: ['title'],
  }
  for (const name of Object.keys(attributes)) {
    if (!allowed[node.name].includes(name)) {
      bad(
        `"${node.name}" has no attribute "${name}"` +
          (allowed[node.name].length ? ` (it takes: ${allowed[node.name].join(', ')})` : ' (it takes none)'),
      )
    }
  }
  if (node.name === 'exercise') integer('minutes', 1, 600)
  if (node.name === 'answer') integer('lines', 1, 40)
}
