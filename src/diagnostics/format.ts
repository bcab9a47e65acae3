// How a Diagnostic reads in a terminal or a CI log.
//
// Text: the gcc/tsc line editors and CI link to, the author's line with a caret
// under the column (as Babel and Astro print it), then the hint:
//
//   content/clients/acme.yml:3:12: error: brand.primary is "#12345", which is not ...
//     3 |   primary: "#12345"
//       |            ^
//       hint: Write colours as six hexadecimal digits after "#", for example "#1f6feb".
//
// GitHub: one workflow command per diagnostic, which GitHub Actions shows as
// an annotation on the file and line.
import { readFileSync } from 'node:fs'
import type { Diagnostic } from './reporter.js'

/**
 * The author's files, read from disk once each: a run often reports several
 * problems in one file. Make one per run (files change between runs).
 */
export class SourceFiles {
  private readonly files = new Map<string, string[] | undefined>()

  /** Line `line` (1-based) of `file`, or undefined when the file cannot be read, is not text, or is shorter. */
  line(file: string, line: number): string | undefined {
    if (!this.files.has(file)) this.files.set(file, readLines(file))
    if (!Number.isInteger(line) || line < 1) return undefined
    return this.files.get(file)?.[line - 1]
  }
}

function readLines(file: string): string[] | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
  if (text.includes('\0')) return undefined // an image or another binary file
  // Lines are counted at "\n" (as the pipeline counts them); a final newline ends the last line.
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
  if (text.endsWith('\n')) lines.pop()
  return lines
}

export interface FormatOptions {
  /** Where the code frame's line comes from; pass one per run so each file is read once. Default: read now. */
  sources?: SourceFiles
  /** ANSI colours, for a terminal (the CLI turns them on when stderr is one and NO_COLOR is not set). */
  color?: boolean
}

/**
 * `path:line:column: error: message` (or `warning:`), a code frame of the
 * author's line, and the hint indented below. A problem about a whole line
 * (column 0, e.g. a slide) reads column 1, with the caret at the line's first
 * non-blank character. Without a file: `workshop-kit: error: message`.
 */
export function formatDiagnostic(d: Diagnostic, displayPath: (file: string) => string, options: FormatOptions = {}): string {
  const paint = painter(options.color ?? false)
  const label = d.severity === 'warning' ? paint.warning('warning') : d.severity === 'info' ? paint.hint('info') : paint.error('error')
  const hint = d.hint ? [`    ${paint.hint('hint:')} ${d.hint}`] : []
  if (!d.file) return [`workshop-kit: ${label}: ${d.message}`, ...hint].join('\n')
  // Column 1 is also what a whole-line problem reads: the caret then goes to the first character that is not blank.
  const wholeLine = !(d.column > 1)
  const header = `${paint.bold(`${displayPath(d.file)}:${d.line}:${wholeLine ? 1 : d.column}:`)} ${label}: ${d.message}`
  const source = (options.sources ?? new SourceFiles()).line(d.file, d.line)
  const frame = source === undefined ? [] : codeFrame(source, d.line, wholeLine ? undefined : d.column, paint, d.severity)
  return [header, ...frame, ...hint].join('\n')
}

/** Longest stretch of a source line the frame shows; longer lines are cut around the column. */
const FRAME_WIDTH = 120

/** The line and a caret under `column` (1-based; undefined: the first non-blank character). */
function codeFrame(line: string, lineNumber: number, column: number | undefined, paint: Painter, severity: Diagnostic['severity']): string[] {
  // Control characters would move the terminal's cursor; one stand-in each keeps the caret's place.
  const text = line.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '\ufffd')
  let at = column === undefined ? Math.max(0, text.search(/[^ \t]/)) : Math.min(column - 1, text.length)
  let shown = text
  let before = ''
  let after = ''
  if (text.length > FRAME_WIDTH) {
    const start = Math.max(0, Math.min(at - FRAME_WIDTH / 2, text.length - FRAME_WIDTH))
    shown = text.slice(start, start + FRAME_WIDTH)
    before = start > 0 ? '…' : ''
    after = start + FRAME_WIDTH < text.length ? '…' : ''
    at = at - start + before.length
    shown = before + shown
  }
  const gutter = String(lineNumber)
  const bar = paint.dim(' | ')
  // Tabs stay tabs under the line, so the caret lands where the terminal put the character.
  const padding = shown.slice(0, at).replace(/[^\t]/g, ' ')
  const caret = severity === 'warning' ? paint.warning('^') : severity === 'info' ? paint.hint('^') : paint.error('^')
  const source = `${shown}${after}`.trimEnd()
  return [
    `  ${paint.dim(gutter)}${source ? `${bar}${source}` : paint.dim(' |')}`,
    `  ${' '.repeat(gutter.length)}${bar}${padding}${caret}`,
  ]
}

/**
 * A GitHub Actions workflow command: `::error file=…,line=…,col=…,title=<code>::message (hint: …)`,
 * or `::warning …`; `::error::message` for a problem without a file.
 */
export function formatGithubAnnotation(d: Diagnostic, displayPath: (file: string) => string): string {
  const message = escapeData(d.hint ? `${d.message} (hint: ${d.hint})` : d.message)
  // GitHub calls information a notice.
  const kind = d.severity === 'info' ? 'notice' : d.severity
  if (!d.file) return `::${kind}::${message}`
  const properties = [
    `file=${escapeProperty(displayPath(d.file))}`,
    `line=${d.line}`,
    `col=${d.column >= 1 ? d.column : 1}`,
    `title=${escapeProperty(d.code)}`,
  ]
  return `::${kind} ${properties.join(',')}::${message}`
}

/** GitHub's escaping of a command's message. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** GitHub's escaping of a command's property value (`key=value,key=value`). */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

type Painter = Record<'bold' | 'dim' | 'error' | 'warning' | 'hint', (text: string) => string>

function painter(color: boolean): Painter {
  const sgr = (open: string, close: string) => (color ? (text: string) => `\x1b[${open}m${text}\x1b[${close}m` : (text: string) => text)
  return {
    bold: sgr('1', '22'),
    dim: sgr('2', '22'),
    error: sgr('1;31', '39;22'),
    warning: sgr('1;33', '39;22'),
    hint: sgr('36', '39'),
  }
}
