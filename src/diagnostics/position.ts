// Positions in the author's text, as editors count them.
import type { Position } from './reporter.js'

/** Line/column (1-based) of a character offset in a text. */
export function positionAt(text: string, offset: number): Position {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

/**
 * positionAt for many offsets in one text: the line starts are found once,
 * and each offset is looked up by bisection (asking positionAt for every
 * slide of a long lesson would read the text from its start each time).
 */
export function positionsIn(text: string): (offset: number) => Position {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return (offset) => {
    const at = Math.max(0, Math.min(offset, text.length))
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (starts[mid] <= at) low = mid
      else high = mid - 1
    }
    return { line: low + 1, column: offset - starts[low] + 1 }
  }
}
