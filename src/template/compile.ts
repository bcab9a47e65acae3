// Stage "template": Handlebars over lesson bodies and the kit's own
// templates. Client data is text: every {{value}} is escaped so that neither
// markdown nor HTML nor a later template pass can read it as markup.
import { tagLines } from './line-tags.js'
import Handlebars from 'handlebars'
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostics.js'
import { closest } from '../diagnostics/did-you-mean.js'
import { slotChar, takesSlot } from './slots.js'

type HelperOptions = Handlebars.HelperOptions
type AstNode = hbs.AST.Node

/**
 * Escapes a value for markdown and HTML alike: ASCII punctuation that either
 * language could read as syntax becomes a numeric character reference, which both read as the literal character and
 * neither treats as syntax (so "*Mar*", "<script>", ":smile:", "$x$" and
 * "{{x}}" all stay text). Newlines become spaces: a value cannot start a
 * heading or a new slide.
 */
export function escapeText(value: unknown): string {
  if (activeSlots && takesSlot(value)) {
    const slot = slotChar(activeSlots.length)
    if (slot) {
      activeSlots.push(value)
      return slot
    }
  }
  if (value && typeof (value as { toHTML?: unknown }).toHTML === 'function') {
    return (value as { toHTML(): string }).toHTML()
  }
  if (value === null || value === undefined) return ''
  if (!value) return String(value)
  return String(value)
    .replace(/\r\n?|\n|\u2028|\u2029/g, ' ')
    .replace(MASK_RE, '\uFFFD')
    .replace(/[!-+\-.:<-@[-`{-~]/g, (c) => `&#${c.charCodeAt(0)};`)
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;', '=': '&#61;' }

/** Plain HTML escaping, for text the kit places in HTML itself. */
export const escapeHtml = (text: string) => text.replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c])

/**
 * A copy of a view model with every string HTML-escaped (SafeStrings, the
 * kit's own markup, stay as they are). Page templates then print values raw.
 */
function escapeHtmlDeep(value: unknown): unknown {
  if (typeof value === 'string') return escapeHtml(value)
  if (value instanceof Handlebars.SafeString) return value.toHTML()
  if (!value || typeof value !== 'object') return value
  const isArray = Array.isArray(value)
  if (!isArray && Object.getPrototypeOf(value) !== Object.prototype) return value
  // The same objects (the client, the agenda, a lesson's view) reach many
  // pages of a kit: each is escaped once. View models are never changed after
  // they are made, so a copy stays right.
  let escaped = escapedObjects.get(value)
  if (!escaped) {
    escaped = isArray
      ? (value as unknown[]).map(escapeHtmlDeep)
      : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeHtmlDeep(v)]))
    escapedObjects.set(value, escaped)
  }
  return escaped
}

const escapedObjects = new WeakMap<object, unknown>()

/** Values written as slots by the render under way (see slots.ts); null when values are written out. */
let activeSlots: string[] | null = null

// Handlebars' compiled templates read the escaper from this shared object.
// The kit's escaper is a strict superset of the HTML one, so any template
// rendered in this process stays safe.
Handlebars.Utils.escapeExpression = escapeText as typeof Handlebars.Utils.escapeExpression

// Inside code and math, "{" is swapped for a private-use character before
// templating and swapped back after, so "{{1, 2}}" in a C snippet survives.
const MASK = '\uE000'
const MASK_RE = /\uE000/g

function maskLiterals(text: string, ranges: Array<[number, number]>): string {
  if (ranges.length === 0) return text
  let out = ''
  let last = 0
  for (const [start, end] of ranges) {
    out += text.slice(last, start) + text.slice(start, end).replace(/\{/g, MASK)
    last = end
  }
  return out + text.slice(last)
}

/** The helpers lessons may call. Each is documented in the README. */
export const lessonHelpers: Record<string, Handlebars.HelperDelegate> = {
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  not: (value: unknown) => !value,
  includes: (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value),
  upper: (value: unknown) => (value == null ? '' : String(value).toUpperCase()),
  lower: (value: unknown) => (value == null ? '' : String(value).toLowerCase()),
  default: (value: unknown, fallback: unknown) => (value === null || value === undefined || value === '' ? fallback : value),
  join: (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : '',
  date: (value: unknown, options: HelperOptions) => formatDate(value, rootClient(options)?.language),
  b2b: profileBlock((c) => c.model === 'B2B' || c.model === 'mixto'),
  b2c: profileBlock((c) => c.model === 'B2C' || c.model === 'mixto'),
  pyme: profileBlock((c) => c.size === 'pyme'),
  grande: profileBlock((c) => c.size === 'grande'),
}

const builtInHelpers = ['if', 'unless', 'each', 'with', 'lookup', 'log']
/** Helpers that give their block a new context ("this"). */
const scopeHelpers = new Set(['each', 'with'])

interface ProfileFields {
  model?: string
  size?: string
  language?: string
}

function rootClient(options: HelperOptions): ProfileFields | undefined {
  return (options?.data?.root as { client?: ProfileFields } | undefined)?.client
}

function profileBlock(test: (client: ProfileFields) => boolean): Handlebars.HelperDelegate {
  return function (this: unknown, options: HelperOptions) {
    const client = rootClient(options)
    return client && test(client) ? options.fn(this) : options.inverse(this)
  }
}

/** "2026-03-14" as "14 de marzo de 2026" (es) or "14 March 2026" (en). */
export function formatDate(value: unknown, language = 'es'): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return value == null ? '' : String(value)
  const [y, m, d] = value.split('-').map(Number)
  const locale = language === 'en' ? 'en-GB' : 'es-ES'
  let format = dateFormats.get(locale)
  if (!format) dateFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })))
  return format.format(new Date(Date.UTC(y, m - 1, d)))
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()

/** A tree of the names a template may use: `true` is a leaf, `'any'` accepts any deeper path. */
export type Shape = { [name: string]: Shape | true | 'any' }

export interface CompiledTemplate {
  /**
   * With `slots`, plain values are written as slot characters and collected
   * there, in order (see slots.ts); without, every value is written out.
   */
  render(context: object, onError: (d: Diagnostic) => void, slots?: string[]): string | undefined
}

export interface TemplateSource {
  text: string
  file: string
  /** Added to template lines to get file lines. */
  lineOffset: number
  /** Ranges of `text` never templated (code, math). */
  literalRanges?: Array<[number, number]>
  /** What the root context holds, for static checks of variable names. */
  shape: Shape
  /** Off for the kit's page templates, whose view models strict mode checks at run time. */
  checkVariables?: boolean
  helpers: Record<string, Handlebars.HelperDelegate>
  /** Lesson bodies refuse {{{raw}}} output: client values must stay text. */
  allowRaw: boolean
  /** Partials the template may include. */
  partials?: Record<string, string>
  /**
   * "markdown" (lessons, deck templates): values are escaped for markdown and
   * HTML. "html" (page templates): plain HTML escaping, so attributes and
   * text stay readable.
   */
  escape?: 'markdown' | 'html'
  /** Tag plain lines with their line number (see line-map.ts); the caller untags the output. */
  tagLines?: boolean
}

/**
 * Parses and checks a template once; rendering then runs per client. All
 * problems found statically are returned together, positioned in `file`.
 */
export function compileTemplate(source: TemplateSource): { template?: CompiledTemplate; diagnostics: Diagnostic[] } {
  const text = maskLiterals(source.text, source.literalRanges ?? [])
  // Only a template with masked code or math has masks to undo (pages are large: no needless pass).
  const unmask = text === source.text ? (out: string) => out : (out: string) => out.replace(MASK_RE, '{')
  const at = (line: number, column: number) => ({ file: source.file, line: line + source.lineOffset, column: column + 1 })
  let ast: hbs.AST.Program
  try {
    ast = Handlebars.parse(text)
  } catch (error) {
    return { diagnostics: [parseErrorDiagnostic(error, text, source)] }
  }
  const diagnostics = checkTemplate(ast, source, at)
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics }

  const env = Handlebars.create()
  env.registerHelper(source.helpers)
  if (source.partials) env.registerPartial(source.partials)
  let compiled: Handlebars.TemplateDelegate
  try {
    // Tags go in only once the author's text has passed every check, so
    // positions and excerpts in diagnostics are the author's own.
    if (source.tagLines) ast = Handlebars.parse(tagLines(text))
    compiled = env.compile(ast, { strict: true, noEscape: source.escape === 'html' })
  } catch (error) {
    return { diagnostics: [runtimeDiagnostic(error, source, at)] }
  }
  return {
    diagnostics,
    template: {
      render(context, onError, slots) {
        try {
          const data = source.escape === 'html' ? escapeHtmlDeep(context) : context
          activeSlots = slots ?? null
          return unmask(compiled(data))
        } catch (error) {
          onError(runtimeDiagnostic(error, source, at))
          return undefined
        } finally {
          activeSlots = null
        }
      },
    },
  }
}

function runtimeDiagnostic(
  error: unknown,
  source: TemplateSource,
  at: (line: number, column: number) => { file: string; line: number; column: number },
): Diagnostic {
  const e = error as { message?: string; lineNumber?: number; column?: number }
  const message = (e.message ?? String(error)).replace(/ - \d+:\d+$/, '')
  const position = e.lineNumber ? at(e.lineNumber, e.column ?? 0) : { file: source.file, line: 1 + source.lineOffset, column: 1 }
  const missing = /^"([^"]+)" not defined in/.exec(message)
  if (missing) return diagnostic('unknown-variable', `unknown variable "${missing[1]}"`, position)
  const mismatch = /^(\S+) doesn't match (\S+)$/.exec(message)
  if (mismatch) {
    return diagnostic('template-syntax', `"{{#${mismatch[1]}}}" is closed by "{{/${mismatch[2]}}}"`, position)
  }
  return diagnostic('template-runtime', `template error: ${message}`, position)
}

/** Turns a Handlebars parse error into a position in the author's file. */
function parseErrorDiagnostic(error: unknown, text: string, source: TemplateSource): Diagnostic {
  const message = String((error as Error).message ?? error)
  const lines = message.split('\n')
  const lineMatch = /Parse error on line (\d+)/.exec(lines[0])
  const line = lineMatch ? Number(lineMatch[1]) : 1
  const expectation = lines[lines.length - 1]
  const at = (l: number, c: number) => ({ file: source.file, line: l + source.lineOffset, column: c })

  // An unclosed block shows up as "got 'EOF'": point at the block that is open.
  if (/got 'EOF'/.test(expectation)) {
    const open = lastUnclosedBlock(text)
    if (open) {
      return diagnostic('template-syntax', `"{{#${open.name}}}" is never closed (add "{{/${open.name}}}")`, at(open.line, open.column))
    }
  }
  const column = parseErrorColumn(lines[1] ?? '', lines[2] ?? '', text.split('\n')[line - 1] ?? '')
  const unclosed = /\{\{[^}]*$/.test(text.split('\n')[line - 1] ?? '')
  return diagnostic(
    'template-syntax',
    unclosed ? 'a "{{" is never closed with "}}"' : `Handlebars syntax error (${expectation.replace(/^Expecting /, 'expected ')})`,
    at(line, column),
  )
}

/** Jison shows the error as an excerpt and a caret; find that spot in the real line. */
function parseErrorColumn(excerpt: string, caret: string, sourceLine: string): number {
  const caretAt = caret.indexOf('^')
  if (caretAt < 0) return 1
  const past = excerpt.slice(0, caretAt).replace(/^\.\.\./, '')
  for (let k = sourceLine.length; k >= 0; k--) {
    const segment = sourceLine.slice(Math.max(0, k - past.length), k)
    if (past.endsWith(segment) && (segment.length === past.length || k - segment.length === 0)) {
      // Point at the "{{" that starts the broken expression, if there is one.
      const open = sourceLine.lastIndexOf('{{', Math.max(0, k - 1))
      return (open >= 0 ? open : k) + 1
    }
  }
  return 1
}

function lastUnclosedBlock(text: string): { name: string; line: number; column: number } | undefined {
  const stack: Array<{ name: string; line: number; column: number }> = []
  text.split('\n').forEach((lineText, index) => {
    for (const m of lineText.matchAll(/\{\{~?\s*([#/^])\s*([^\s}~]+)/g)) {
      if (m[1] === '/') {
        const i = stack.map((s) => s.name).lastIndexOf(m[2])
        if (i >= 0) stack.splice(i)
      } else if (m[1] === '#' || (m[1] === '^' && m[2] !== '}}')) {
        stack.push({ name: m[2], line: index + 1, column: (m.index ?? 0) + 1 })
      }
    }
  })
  return stack[stack.length - 1]
}

/**
 * Static checks over the template tree: unknown helpers, unknown variables
 * (where the context is known), raw output and partials where not allowed.
 */
function checkTemplate(
  ast: hbs.AST.Program,
  source: TemplateSource,
  at: (line: number, column: number) => { file: string; line: number; column: number },
): Diagnostic[] {
  const out: Diagnostic[] = []
  const helperNames = new Set([...builtInHelpers, ...Object.keys(source.helpers)])
  const where = (node: AstNode) => at(node.loc.start.line, node.loc.start.column)

  const isHelperName = (path: hbs.AST.Expression) =>
    path.type === 'PathExpression' &&
    !(path as hbs.AST.PathExpression).data &&
    (path as hbs.AST.PathExpression).parts.length === 1 &&
    helperNames.has((path as hbs.AST.PathExpression).parts[0])

  const checkCall = (node: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression, scoped: boolean) => {
    const callee = node.path as hbs.AST.PathExpression
    const hasArgs = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0
    const isCall = hasArgs || node.type !== 'MustacheStatement'
    if (isHelperName(callee)) {
      // A bare {{b2b}} would print nothing useful: the profile helpers are blocks.
    } else if (isCall) {
      const name = callee.original ?? String((callee as unknown as { value?: unknown }).value)
      const guess = closest(name, [...helperNames])
      out.push(
        diagnostic(
          'unknown-helper',
          `unknown helper "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
          where(node),
          'error',
          `Helpers available here: ${[...helperNames].sort().join(', ')}.`,
        ),
      )
    } else {
      checkValue(callee, scoped)
    }
    for (const param of node.params) checkExpression(param, scoped)
    for (const pair of node.hash?.pairs ?? []) checkExpression(pair.value, scoped)
  }

  const checkExpression = (expr: hbs.AST.Expression, scoped: boolean) => {
    if (expr.type === 'SubExpression') checkCall(expr as hbs.AST.SubExpression, scoped)
    else if (expr.type === 'PathExpression') checkValue(expr as hbs.AST.PathExpression, scoped)
  }

  const checkValue = (path: hbs.AST.PathExpression, scoped: boolean) => {
    if (source.checkVariables === false) return
    if (path.data) {
      // @root.client.name is checked like client.name; @index and friends are Handlebars' own.
      if (path.parts[0] === 'root') checkPath(path.parts.slice(1), path)
      return
    }
    // Inside #each / #with the context is the item: runtime strict mode checks those.
    if (scoped || path.depth > 0) return
    if (path.parts.length === 0) return // {{this}}
    checkPath(path.parts, path)
  }

  const checkPath = (parts: string[], node: AstNode) => {
    let shape: Shape | true | 'any' = source.shape
    for (let i = 0; i < parts.length; i++) {
      if (shape === 'any') return
      const name = parts[i]
      if (shape === true) {
        out.push(unknownVariable(parts, i, [], node))
        return
      }
      const next: Shape | true | 'any' | undefined = Object.prototype.hasOwnProperty.call(shape, name)
        ? shape[name]
        : undefined
      if (next === undefined) {
        out.push(unknownVariable(parts, i, Object.keys(shape), node))
        return
      }
      shape = next
    }
  }

  const unknownVariable = (parts: string[], index: number, known: string[], node: AstNode) => {
    const name = parts.slice(0, index + 1).join('.')
    const parent = parts.slice(0, index).join('.')
    const guess = closest(parts[index], known)
    return diagnostic(
      'unknown-variable',
      `unknown variable "${parts.join('.')}"` +
        (name !== parts.join('.') ? ` ("${name}" does not exist)` : '') +
        (guess ? ` (did you mean "${[...parts.slice(0, index), guess].join('.')}"?)` : ''),
      where(node),
      'error',
      known.length
        ? `${parent ? `"${parent}" has` : 'Available here'}: ${known.sort().join(', ')}.`
        : `"${parent}" is a plain value with no fields.`,
    )
  }

  const visit = (node: AstNode, scoped: boolean) => {
    switch (node.type) {
      case 'Program':
        for (const child of (node as hbs.AST.Program).body) visit(child, scoped)
        break
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement
        if (!m.escaped && !source.allowRaw) {
          out.push(
            diagnostic(
              'template-syntax',
              'raw output "{{{ }}}" is not allowed in lessons',
              where(node),
              'error',
              'Use "{{ }}": values are escaped so client data always shows as text.',
            ),
          )
        }
        checkCall(m, scoped)
        break
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement
        checkCall(b, scoped)
        const name = (b.path as hbs.AST.PathExpression).original
        const inner = scoped || scopeHelpers.has(name) || (b.program?.blockParams?.length ?? 0) > 0
        if (b.program) visit(b.program, inner)
        if (b.inverse) visit(b.inverse, scoped)
        break
      }
      case 'PartialStatement':
      case 'PartialBlockStatement': {
        const name = ((node as hbs.AST.PartialStatement).name as hbs.AST.PathExpression).original
        if (!source.partials || !(name in source.partials)) {
          out.push(
            diagnostic(
              'template-syntax',
              `unknown partial "${name}"`,
              where(node),
              'error',
              source.partials ? `Partials available: ${Object.keys(source.partials).join(', ') || 'none'}.` : 'Lessons cannot include partials.',
            ),
          )
        }
        break
      }
      case 'DecoratorBlock':
      case 'Decorator':
        out.push(diagnostic('template-syntax', 'decorators are not supported', where(node)))
        break
    }
  }
  visit(ast, false)
  return out
}
