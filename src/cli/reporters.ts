// How the command line prints the diagnostics of a run: `text` for people
// and editors, `github` for GitHub Actions annotations.
import path from 'node:path'
import type { Diagnostic } from '../diagnostics/reporter.js'
import { formatDiagnostic, formatGithubAnnotation, SourceFiles } from '../diagnostics/format.js'
import type { ReporterName } from './args.js'
import type { Output } from './exit.js'

export interface ReportOptions {
  /** How a file is named: relative to the current folder. */
  display: (file: string) => string
  /** stdout holds the --json summary: nothing else may go there. */
  json: boolean
  /** ANSI colours in the text form. */
  color: boolean
}

export function reportDiagnostics(diagnostics: Diagnostic[], reporter: ReporterName, options: ReportOptions, out: Output): void {
  if (reporter === 'github') {
    // Workflow commands go where GitHub documents them, stdout, unless --json has it.
    const write = options.json ? out.stderr : out.stdout
    const display = (file: string) => options.display(file).split(path.sep).join('/')
    for (const d of diagnostics) write(formatGithubAnnotation(d, display) + '\n')
    return
  }
  const sources = new SourceFiles()
  for (const d of diagnostics) out.stderr(formatDiagnostic(d, options.display, { sources, color: options.color }) + '\n')
}
