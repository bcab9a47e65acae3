// Every problem the build finds becomes a Diagnostic: a position in the
// author's own file, a message that says what happened and a hint that says
// what to do. Stages collect them instead of throwing, so one run reports
// everything at once (the unified-engine / vfile habit).

export type Severity = 'error' | 'warning'

export interface Position {
  line: number
  column: number
}

export interface Diagnostic {
  severity: Severity
  /** Stable name from the catalogue below, e.g. "unknown-variable". */
  code: DiagnosticCode
  /** Absolute path of the author's file; undefined for project-wide problems. */
  file?: string
  line: number
  column: number
  message: string
  hint: string
}

/**
 * The catalogue: one entry per kind of problem, with the hint shown to the
 * author. Messages are built where the problem is found, since they name the
 * field, the value or the variable.
 */
export const catalogue = {
  'yaml-syntax': 'Fix the YAML syntax at this position (check indentation, colons and quotes).',
  'front-matter-engine':
    'Front matter is data, not code: write it as YAML between two "---" lines.',
  'schema-required': 'Add the missing field.',
  'schema-type': 'Change the value to the expected type.',
  'schema-unknown-field': 'Remove the field or fix its spelling; the README lists every client field.',
  'schema-enum': 'Use one of the allowed values.',
  'bad-colour': 'Write colours as six hexadecimal digits after "#", for example "#1f6feb".',
  'bad-date': 'Write the date as YYYY-MM-DD, for example 2026-03-14.',
  'bad-time': 'Write the time as HH:MM on a 24-hour clock, for example 09:30.',
  'bad-value': 'Change the value to one the field accepts.',
  'bad-client-id': 'Rename the file: client ids use lowercase letters, digits, "-" and "_".',
  'missing-logo': 'Check the path: it is relative to the client file.',
  'logo-outside-project': 'Copy the logo into the project folder and point to that copy.',
  'bad-logo': 'Use an SVG, PNG, JPEG, GIF or WebP image.',
  'unknown-lesson': 'Use the file name of a lesson in content/lessons/ without ".md".',
  'duplicate-lesson': 'List each lesson once.',
  'no-lessons': 'List at least one lesson in content/workshop.yml or in the client file.',
  'no-clients': 'Add a client file such as content/clients/acme.yml with at least "name: ...".',
  'unknown-variable': 'Check the spelling; the README lists every variable of client, workshop and lesson.',
  'unknown-helper': 'Check the spelling; the README lists the available helpers.',
  'template-syntax': 'Fix the Handlebars expression: every "{{" needs a matching "}}" and every block "{{#x}}" a "{{/x}}".',
  'template-runtime': 'Check the expression and the values it uses.',
  'unclosed-directive': 'Close the block with a line holding only ":::" (one per open block).',
  'misplaced-directive': 'Move the directive to where it is allowed (see the README, "Directives").',
  'unknown-directive': 'Use one of the directives the README lists, or escape the colons.',
  'bad-directive-attribute': 'Fix the attribute value (see the README, "Directives").',
  'directive-across-slides': 'Keep a directive block inside one slide: close it before the "---".',
  'missing-content': 'Create the folder or pass --root pointing at a project that has content/.',
  'read-error': 'Check that the file exists and is readable.',
  'unknown-theme': 'Add the theme CSS to templates/themes/ or use a built-in theme (default, gaia, uncover).',
  'theme-error': 'Check the theme CSS; it needs a "/* @theme name */" comment.',
  'template-missing': 'Restore the template or remove the override.',
  'render-error': 'Check the slide markup near this position.',
  'write-error': 'Check that the output folder is writable.',
  'slide-overflow': 'Shorten the slide or split it with "---".',
  'answer-split': 'Give the answer box fewer lines (::answer{lines=N}) or split the exercise.',
  'refused-request': 'PDFs are printed offline: embed the image as a data: URI or remove the reference.',
  'page-script-error': 'Check the HTML and scripts of the slide or template.',
  'print-timeout': 'Look for a script that never ends or a very large image in this file; --timeout gives pages longer.',
  'print-error': 'Run again; if it persists, report it with the command you ran.',
  'no-browser': 'Install Chromium (Debian/Ubuntu: "apt-get install -y chromium") or set CHROME_PATH to a Chromium or Chrome executable.',
} as const

export type DiagnosticCode = keyof typeof catalogue

export function diagnostic(
  code: DiagnosticCode,
  message: string,
  at: { file?: string; line?: number; column?: number } = {},
  severity: Severity = 'error',
  hint: string = catalogue[code],
): Diagnostic {
  return {
    severity,
    code,
    file: at.file,
    line: at.line ?? 1,
    column: at.column ?? 1,
    message,
    hint,
  }
}

/** Collects diagnostics from every stage; duplicates (same place, same text) are kept once. */
export class DiagnosticBag {
  private readonly items: Diagnostic[] = []
  private readonly seen = new Set<string>()

  add(d: Diagnostic): void {
    const key = `${d.file}:${d.line}:${d.column}:${d.severity}:${d.message}`
    if (this.seen.has(key)) return
    this.seen.add(key)
    this.items.push(d)
  }

  addAll(ds: Iterable<Diagnostic>): void {
    for (const d of ds) this.add(d)
  }

  /** --strict: every warning becomes an error. */
  promoteWarnings(): void {
    for (const d of this.items) d.severity = 'error'
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
