// One reporter per run (as a vfile collects messages in unified-engine):
// every stage reports what it finds here instead of throwing, so one run
// tells the author everything at once. A problem is reported by its code and
// its facts; the catalogue writes the words.
import { catalogue, type ArgsOf, type CatalogueEntry, type DiagnosticCode, type Severity } from './catalogue.js'

export type { Severity }

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

/** A diagnostic made from the catalogue. */
export function diagnostic<C extends DiagnosticCode>(code: C, args: ArgsOf<C>, at: Place = {}, severity?: Severity): Diagnostic {
  const entry = catalogue[code] as unknown as CatalogueEntry<ArgsOf<C>>
  return {
    severity: severity ?? entry.severity,
    code,
    file: at.file,
    line: at.line ?? 1,
    column: at.column && at.column > 0 ? at.column : 1,
    message: entry.message(args),
    hint: entry.hint(args),
  }
}

/** Two diagnostics with the same key are the same problem (said by two clients sharing a lesson). */
export const diagnosticKey = (d: Diagnostic) => `${d.file}:${d.line}:${d.column}:${d.severity}:${d.message}`

export class Reporter {
  private readonly items: Diagnostic[] = []
  private readonly seen = new Set<string>()

  /** Reports a problem of the catalogue at a place in the author's files. */
  report<C extends DiagnosticCode>(code: C, args: ArgsOf<C>, at: Place = {}, severity?: Severity): void {
    this.add(diagnostic(code, args, at, severity))
  }

  /** Takes a diagnostic made elsewhere (a worker thread, the record of an earlier build); the same one twice is kept once. */
  add(d: Diagnostic): void {
    const key = diagnosticKey(d)
    if (this.seen.has(key)) return
    this.seen.add(key)
    this.items.push(d)
  }

  addAll(ds: Iterable<Diagnostic>): void {
    for (const d of ds) this.add(d)
  }

  /** --strict: every warning becomes an error. */
  promoteWarnings(): void {
    for (const d of this.items) if (d.severity === 'warning') d.severity = 'error'
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error')
  }

  /** Sorted by file, then position, so reports are stable run to run. */
  list(): Diagnostic[] {
    return [...this.items].sort(
      (a, b) =>
        (a.file ?? '').localeCompare(b.file ?? '') ||
        a.line - b.line ||
        a.column - b.column ||
        a.message.localeCompare(b.message),
    )
  }
}
