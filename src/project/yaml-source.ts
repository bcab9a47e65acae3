// YAML with positions: the data plus a way back from a data path
// (["brand", "primary"]) to the line and column in the author's file.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node } from 'yaml'
import type { Position, Reporter } from '../diagnostics/reporter.js'

/** Aliases expanded in one file, at most (more is a "billion laughs" file, not data). */
const MAX_ALIASES = 100

export type DataPath = ReadonlyArray<string | number>

export interface YamlSource {
  file: string
  data: unknown
  /** Where a value (or, with `key`, its key) sits; falls back to the nearest parent. */
  locate(path: DataPath, what?: 'value' | 'key'): Position
}

/**
 * Parses YAML text; a syntax error is reported and gives undefined.
 * `lineOffset` shifts reported lines, for YAML that sits inside another file
 * (front matter starts on line 2 of a lesson).
 */
export function parseYaml(text: string, file: string, reporter: Reporter, lineOffset = 0): YamlSource | undefined {
  const lineCounter = new LineCounter()
  // The default 1.2 core schema has no code-bearing tags, so YAML stays data.
  // logLevel: problems are reported here, never printed by the yaml library itself.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' })
  if (doc.errors.length > 0) {
    // Later errors mostly follow from the first one: report that one.
    const error = doc.errors[0]
    const at = lineCounter.linePos(error.pos[0])
    const detail = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
    reporter.report('yaml-syntax', { detail }, { file, line: at.line + lineOffset, column: at.col })
    return undefined
  }
  const positionOf = (offset: number): Position => {
    const at = lineCounter.linePos(offset)
    return { line: at.line + lineOffset, column: at.col }
  }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES }) ?? null
  } catch (error) {
    // Only aliases make toJS throw: one that names no anchor, or too many expanded (a "billion laughs" file).
    const aliases: Alias[] = []
    visit(doc, { Alias: (_, node) => void aliases.push(node) })
    const unresolved = aliases.find((alias) => !alias.resolve(doc))
    const culprit = unresolved ?? aliases[0]
    if (!culprit) throw error
    reporter.report(
      'yaml-alias',
      { alias: culprit.source, reason: unresolved ? 'unresolved' : 'too-many' },
      { file, ...positionOf(culprit.range?.[0] ?? 0) },
    )
    return undefined
  }
  return {
    file,
    data,
    locate(path, what = 'value') {
      return positionOf(offsetOf(doc, path, what))
    },
  }
}

function offsetOf(doc: Document, path: DataPath, what: 'value' | 'key'): number {
  let node: Node | null | undefined = doc.contents as Node | null
  let offset = node?.range?.[0] ?? 0
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]
    const last = i === path.length - 1
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment))
      if (!pair) return offset
      const key = pair.key as Node
      if (last && what === 'key') return key.range?.[0] ?? offset
      const value = pair.value as Node | null
      // An empty value ("primary:") has no range of its own: point after the key.
      offset = value?.range?.[0] ?? key.range?.[1] ?? offset
      node = value
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined
      if (!item) return offset
      offset = item.range?.[0] ?? offset
      node = item
    } else {
      return offset
    }
  }
  return offset
}
