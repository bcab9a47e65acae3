// What a reported problem is: a code from the catalogue, a place in the
// author's own file, a message that says what happened and a hint that says
// what to do.
import type { DiagnosticCode } from './catalogue.js'

export type Severity = 'error' | 'warning'

export interface Position {
  line: number
  column: number
}

/** Where a problem is: the author's file (absolute path) and a 1-based position in it. */
export interface Place {
  file?: string
  line?: number
  /** 1-based; a problem about a whole line (a slide that starts there) leaves it out and gets 1. */
  column?: number
}

export interface Diagnostic {
  severity: Severity
  /** Stable name from the catalogue, e.g. "unknown-variable". */
  code: DiagnosticCode
  /** Absolute path of the author's file; undefined for project-wide problems. */
  file?: string
  line: number
  /** 1-based (1 for a problem about a whole line: editors and CI read column 0 as no position). */
  column: number
  message: string
  hint: string
}

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
