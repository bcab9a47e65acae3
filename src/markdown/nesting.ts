// How deeply a lesson nests block quotes and lists, worked out line by line
// before any parser sees the text: the parsers recurse once per level, so a
// file nested thousands of levels deep would overflow the stack (or take
// minutes) instead of getting an error. The count follows CommonMark's
// container rules closely enough to never count more levels than there are;
// code (fenced or indented) is skipped.

/** Levels of block quotes and lists a lesson may nest (Marp itself shows about 9 list levels and 19 quote levels). */
export const MAX_NESTING = 100

export interface Nesting {
  depth: number
  /** 1-based line and column of the marker that opens the deepest level. */
  line: number
  column: number
}

const QUOTE = /^ {0,3}>[ \t]?/
const LIST_ITEM = /^([ \t]*)([-+*]|\d{1,9}[.)])([ \t]+|$)/
const THEMATIC_BREAK = /^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/
/** A fence, after the indentation (which the lines above have already weighed against the items open). */
const FENCE = /^[ \t]*(`{3,}|~{3,})/

/** The first place where nesting goes beyond `limit` levels, if any. */
export function nestingBeyond(text: string, limit = MAX_NESTING): Nesting | undefined {
  // Content columns of the list items open at this point.
  const items: number[] = []
  let fence: string | undefined
  let line = 0
  for (const raw of text.split('\n')) {
    line++
    let rest = raw
    let column = 1
    let quotes = 0
    for (let m = QUOTE.exec(rest); m; m = QUOTE.exec(rest)) {
      quotes++
      if (quotes + items.length > limit) return { depth: quotes + items.length, line, column: column + m[0].indexOf('>') }
      rest = rest.slice(m[0].length)
      column += m[0].length
    }
    if (fence) {
      if (rest.trimStart().startsWith(fence)) fence = undefined
      continue
    }
    if (rest.trim() === '') continue
    const indent = widthOf(/^[ \t]*/.exec(rest)![0])
    // A line less indented than an item's content closes that item (a lazy continuation line may not; then this counts fewer, never more).
    while (items.length && indent < items[items.length - 1]) items.pop()
    if (indent >= (items[items.length - 1] ?? 0) + 4) continue // indented code
    const opened = FENCE.exec(rest)
    if (opened) {
      fence = opened[1]
      continue
    }
    // Markers at the start of the line, one after another ("- - 1. text" opens three items).
    let at = 0 // width consumed so far, in columns
    while (!THEMATIC_BREAK.test(rest)) {
      const m = LIST_ITEM.exec(rest)
      if (!m) break
      const marker = at + widthOf(m[1])
      items.push(marker + m[2].length + Math.max(1, widthOf(m[3])))
      if (quotes + items.length > limit) return { depth: quotes + items.length, line, column: column + m[1].length }
      column += m[0].length
      at = items[items.length - 1]
      rest = rest.slice(m[0].length)
    }
  }
  return undefined
}

function widthOf(space: string): number {
  let width = 0
  for (const c of space) width = c === '\t' ? width + 4 - (width % 4) : width + 1
  return width
}
