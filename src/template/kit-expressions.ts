// Which "{{...}}" in a lesson are the kit's. A Marp deck may use "{{" for
// its own purposes ("Page {{ paginate }}" in a footer another tool fills,
// "{{V:trous|trou}}" in a <pre>, "{{! note }}" as text): those are left as
// the author wrote them. The rule, in the README ("Templating"):
//
//   an expression is the kit's when it names a value the kit gives (client,
//   workshop, lesson, this, @root...), a kit helper (if, each, upper, b2b...),
//   uses such a value (`{{foo client.name}}`), is `{{else}}` or closes a kit
//   block, or sits inside a kit block that changes the context (#each, #with,
//   block params). A name that reads as a misspelt kit name (`{{clinet.name}}`,
//   `{{#iff}}`) is the kit's too, so it is reported with a suggestion.
//   Anything else is text.
//
// The braces of every other "{{" are masked like code (see compile.ts), so
// Handlebars never sees them.
import { closest } from '../diagnostics/did-you-mean.js'

export interface KitNames {
  /** Values at the root of the context: client, workshop, lesson. */
  roots: readonly string[]
  helpers: readonly string[]
}

/** Helpers that give their block a new context: every expression inside is the kit's. */
const SCOPE_HELPERS = new Set(['each', 'with'])
const DATA_NAMES = new Set(['root', 'index', 'key', 'first', 'last'])
const HEAD = /^\s*(@?[A-Za-z_$][\w$-]*(?:[./][\w$-]+)*|\.\.?(?:\/[\w$-]+)*)/

/**
 * Ranges of `text` to leave as written: `literal` (code and math, sorted)
 * plus the opening braces of every "{{" that is not the kit's. Sorted, not
 * overlapping.
 */
export function foreignMustaches(text: string, literal: ReadonlyArray<[number, number]>, names: KitNames): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  const blocks: Array<{ name: string; scoped: boolean }> = []
  let next = 0 // index into `literal`
  const isKitName = (head: string) => {
    if (head.startsWith('@')) return DATA_NAMES.has(head.slice(1).split(/[./]/)[0])
    const first = head.split(/[./]/)[0]
    return head === 'this' || head.startsWith('.') || first === 'this' || names.roots.includes(first) || names.helpers.includes(first)
  }
  const misspelt = (head: string, dotted: boolean, block: boolean) => {
    const first = head.split(/[./]/)[0]
    if (first.length < 4) return false
    if (dotted) return closest(first, names.roots) !== undefined
    return block && closest(first, names.helpers) !== undefined
  }
  const usesKitValue = (inner: string) => new RegExp(`(?:^|[\\s(=])(?:${names.roots.join('|')})\\b`).test(inner)

  for (let i = text.indexOf('{{'); i >= 0; i = text.indexOf('{{', i)) {
    while (next < literal.length && literal[next][1] <= i) ranges.push(literal[next++])
    if (next < literal.length && literal[next][0] <= i) {
      i = literal[next][1]
      continue
    }
    let braces = 2
    while (text[i + braces] === '{') braces++
    // "\{{" is Handlebars' own escape (documented): it stays with Handlebars.
    if (text[i - 1] === '\\' && text[i - 2] !== '\\') {
      i += braces
      continue
    }
    const close = text.indexOf('}}', i + braces)
    const inner = text.slice(i + braces, close < 0 ? text.length : close).replace(/^~/, '')
    const kit = braces <= 3 && isKitExpression(inner, braces === 3)
    if (!kit) ranges.push([i, i + braces])
    i += braces
  }
  while (next < literal.length) ranges.push(literal[next++])
  return ranges

  function isKitExpression(inner: string, triple: boolean): boolean {
    const scoped = blocks.some((b) => b.scoped)
    const sigil = triple ? '' : (/^\s*([#^/&!>*]|else\b)/.exec(inner)?.[1] ?? '')
    if (sigil === '!' || sigil === '>' || sigil === '*') return false
    if (sigil === 'else') return blocks.length > 0
    const rest = sigil ? inner.replace(/^\s*(?:[#^/&]|else)/, '') : inner
    if (/^[>*]/.test(rest)) return false // {{#> partial}}, {{#* decorator}}
    const head = HEAD.exec(rest)?.[1]
    if (sigil === '/') {
      const at = head === undefined ? -1 : blocks.map((b) => b.name).lastIndexOf(head)
      if (at < 0) return false
      blocks.splice(at)
      return true
    }
    if (sigil === '^' && head === undefined) return blocks.length > 0 // {{^}}, an "else"
    if (head === undefined) return false
    const kit = scoped || isKitName(head) || usesKitValue(rest.slice(rest.indexOf(head) + head.length)) || misspelt(head, /[./]/.test(head), sigil === '#' || sigil === '^')
    if (kit && (sigil === '#' || sigil === '^')) blocks.push({ name: head, scoped: SCOPE_HELPERS.has(head) || /\bas\s*\|/.test(rest) })
    return kit
  }
}
