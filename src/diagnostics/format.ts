import type { Diagnostic } from './diagnostic.js'

/** `path:line:column: message` plus an indented hint, the format editors link to; warnings start with "warning: ". */
export function formatDiagnostic(d: Diagnostic, displayPath: (file: string) => string): string {
  const where = d.file ? `${displayPath(d.file)}:${d.line}${d.column > 0 ? `:${d.column}` : ''}` : 'workshop-kit'
  const label = d.severity === 'warning' ? 'warning: ' : ''
  return `${label}${where}: ${d.message}\n    hint: ${d.hint}`
}
