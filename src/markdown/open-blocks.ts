// Blocks a lesson's markdown may leave open at its end: a fenced code block,
// a math block or an HTML block that only a closing marker ends (<style>,
// <pre>, a comment...). On its own, Marp ends them with the document; put in
// one file with other lessons (deck.md), they would swallow what follows.
import type { Root, RootContent } from 'mdast'
import type { Reporter } from '../diagnostics/reporter.js'

/**
 * The line that closes a block the text ends inside: a fenced code block
 * with no closing fence, or an HTML block of the kinds that only a closing
 * marker ends (CommonMark's HTML blocks 1 to 5). Only a top-level block can
 * run on past the lesson: a list or a quote ends at the "---" line after it.
 */
export function closerAtEnd(tree: Root, text: string): { closer: string; node: RootContent } | undefined {
  const last = tree.children[tree.children.length - 1]
  if (!last?.position || last.position.end.offset === undefined) return undefined
  if (text.slice(last.position.end.offset).trim() !== '') return undefined
  const closer = unclosedBlockCloser(text.slice(last.position.start.offset!, last.position.end.offset), last.type)
  return closer === undefined ? undefined : { closer, node: last }
}

/**
 * A block the lesson's markdown ends inside is a warning at its first line:
 * Marp ends it with the lesson, which is seldom what was meant (the kit does
 * too: the lesson's part of the workshop deck ends there, and deck.md gets
 * the closing line).
 */
export function reportOpenAtEnd(tree: Root, text: string, file: string, lineOffset: number, reporter: Reporter): void {
  const open = closerAtEnd(tree, text)
  if (!open) return
  const start = open.node.position!.start
  const kind = open.node.type === 'code' ? 'code' : open.node.type === 'math' ? 'math' : 'html'
  reporter.report('unclosed-block', { kind, closer: open.closer }, { file, line: start.line + lineOffset, column: start.column })
}

/** For the source text of a block ("code" or "html"), the line that would close it, when it is left open. */
export function unclosedBlockCloser(source: string, type: string): string | undefined {
  if (type === 'code') {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(source)
    if (!open) return undefined
    const lines = source.split(/\r?\n/)
    const closing = new RegExp(`^ {0,3}${open[1][0] === '`' ? '`' : '~'}{${open[1].length},}[ \\t]*$`)
    if (lines.length > 1 && closing.test(lines[lines.length - 1])) return undefined
    return open[1]
  }
  if (type === 'math') {
    const lines = source.split(/\r?\n/)
    if (!/^ {0,3}\$\$/.test(source)) return undefined
    const closed = lines.length > 1 ? lines[lines.length - 1].trim().endsWith('$$') : lines[0].trim().slice(2).trim().endsWith('$$')
    return closed ? undefined : '$$'
  }
  if (type !== 'html') return undefined
  for (const [start, end, closer] of HTML_BLOCK_ENDS) {
    const open = start.exec(source)
    if (open) return end.test(source) ? undefined : closer(open[1])
  }
  return undefined
}

/** CommonMark's HTML blocks that end at a marker (kinds 1 to 5): how one starts, what ends it, and the marker. */
const HTML_BLOCK_ENDS: Array<[RegExp, RegExp, (name: string) => string]> = [
  [/^ {0,3}<(pre|script|style|textarea)(?=[\s>]|$)/i, /<\/(?:pre|script|style|textarea)>/i, (name) => `</${name}>`],
  [/^ {0,3}<!--/, /-->/, () => '-->'],
  [/^ {0,3}<\?/, /\?>/, () => '?>'],
  [/^ {0,3}<![A-Za-z]/, />/, () => '>'],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/, () => ']]>'],
]
