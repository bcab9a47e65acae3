// Stage "template": Handlebars over lesson bodies and the kit's own
// templates, in an environment of the kit's own (Handlebars.create()), so a
// program that uses the library and Handlebars too keeps its Handlebars as
// it was. Client data is text: every {{value}} is escaped (escape.ts).
import Handlebars from 'handlebars'
import type { Place, Reporter } from '../diagnostics/reporter.js'
import { closest } from '../diagnostics/did-you-mean.js'
import { escapeHtmlDeep, escapeText, type ValueWriter } from './escape.js'
import { blockHelpers, builtInHelpers, requiredArguments } from './helpers.js'
import { tagLines } from './line-tags.js'
import { CODE_MASK } from './sentinels.js'

type AstNode = hbs.AST.Node

/** Helpers that give their block a new context ("this"). */
const scopeHelpers = new Set(['each', 'with'])

/** A tree of the names a template may use: `true` is a leaf, `'any'` accepts any deeper path. */
export type Shape = { [name: string]: Shape | true | 'any' }

export interface CompiledTemplate {
  /**
   * Renders for one context; a problem is reported and gives undefined.
   * `writeValue` may write values its own way (see escape.ts).
   */
  render(context: object, reporter: Reporter, writeValue?: ValueWriter): string | undefined
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
  /**
   * "markdown" (lessons, deck templates): values are escaped for markdown and
   * HTML. "html" (page templates): plain HTML escaping, so attributes and
   * text stay readable.
   */
  escape?: 'markdown' | 'html'
  /** Tag plain lines with their line number (see line-tags.ts); the caller untags the output. */
  tagLines?: boolean
  /** "html": view models escaped so far, shared by the templates of one kit (see escapeHtmlDeep). */
  escapedViews?: WeakMap<object, unknown>
}

/** The helper every escaped {{value}} of a markdown template is routed through (see routeThroughEscaper). */
const ESCAPER = 'wk-escape'

/**
 * Parses and checks a template once; rendering then runs per client. Every
 * problem found statically is reported, positioned in `file`; a template
 * with errors gives undefined.
 */
export function compileTemplate(source: TemplateSource, reporter: Reporter): CompiledTemplate | undefined {
  const text = maskLiterals(source.text, source.literalRanges ?? [])
  // Only a template with masked code or math has masks to undo (pages are large: no needless pass).
  const unmask = text === source.text ? (out: string) => out : (out: string) => out.replaceAll(CODE_MASK, '{')
  const at = (line: number, column: number): Place => ({ file: source.file, line: line + source.lineOffset, column: column + 1 })
  const env = Handlebars.create()
  let ast: hbs.AST.Program
  try {
    ast = env.parse(text)
  } catch (error) {
    reportParseError(error, text, source, reporter)
    return undefined
  }
  if (!checkTemplate(ast, source, at, reporter)) return undefined

  env.registerHelper(source.helpers)
  env.unregisterHelper('log')
  const markdown = source.escape !== 'html'
  const escapedViews = source.escapedViews ?? new WeakMap<object, unknown>()
  let compiled: Handlebars.TemplateDelegate
  try {
    // Tags go in only once the author's text has passed every check, so
    // positions and excerpts in diagnostics are the author's own.
    if (source.tagLines) ast = env.parse(tagLines(text))
    if (markdown) routeThroughEscaper(ast, new Set([...builtInHelpers, ...Object.keys(source.helpers)]))
    // Escaping is the kit's: markdown values through the escaper helper, page values escaped beforehand.
    compiled = env.compile(ast, { strict: true, noEscape: true })
  } catch (error) {
    reportRuntimeError(error, source, at, reporter)
    return undefined
  }
  return {
    render(context, renderReporter, writeValue) {
      try {
        if (!markdown) return unmask(compiled(escapeHtmlDeep(context, escapedViews)))
        // The escaper is handed in per render, with what belongs to this render alone.
        const escaper = (value: unknown, options: Handlebars.HelperOptions & { loc?: hbs.AST.SourceLocation }) => {
          if (value !== null && typeof value === 'object' && !(value instanceof Handlebars.SafeString)) throw new NotText(value, options.loc)
          return escapeText(value, writeValue)
        }
        return unmask(compiled(context, { helpers: { [ESCAPER]: escaper } }))
      } catch (error) {
        if (error instanceof NotText && error.loc) {
          const { start, end } = error.loc
          const line = source.text.split('\n')[start.line - 1] ?? ''
          const expression = start.line === end.line ? line.slice(start.column, end.column) : line.slice(start.column)
          renderReporter.report('not-text', { expression, list: Array.isArray(error.value) }, at(start.line, start.column))
          return undefined
        }
        reportRuntimeError(error, source, at, renderReporter, ast, context)
        return undefined
      }
    },
  }
}

/** A {{value}} that is a group of values or a list: it has no text to show. */
class NotText extends Error {
  constructor(
    readonly value: object,
    readonly loc: hbs.AST.SourceLocation | undefined,
  ) {
    super('a value that is not text')
  }
}

/**
 * Rewrites every escaped "{{x}}" into "{{wk-escape x}}" (and "{{h a b}}" into
 * "{{wk-escape (h a b)}}"), so values are escaped by the kit's escaper
 * without touching Handlebars' process-wide one. A plain path keeps strict
 * mode's check that it exists.
 */
function routeThroughEscaper(ast: hbs.AST.Program, helpers: Set<string>): void {
  const visit = (node: AstNode | undefined): void => {
    if (!node) return
    if (node.type === 'Program') (node as hbs.AST.Program).body.forEach(visit)
    else if (node.type === 'BlockStatement') {
      visit((node as hbs.AST.BlockStatement).program)
      visit((node as hbs.AST.BlockStatement).inverse)
    } else if (node.type === 'MustacheStatement' && (node as hbs.AST.MustacheStatement).escaped) {
      const mustache = node as hbs.AST.MustacheStatement
      const path = mustache.path as hbs.AST.PathExpression
      const hasArgs = mustache.params.length > 0 || (mustache.hash?.pairs.length ?? 0) > 0
      const isHelper = path.type === 'PathExpression' && !path.data && path.parts.length === 1 && helpers.has(path.parts[0])
      let value: hbs.AST.Expression
      if (hasArgs || isHelper) {
        value = { type: 'SubExpression', path: mustache.path, params: mustache.params, hash: mustache.hash, loc: mustache.loc } as hbs.AST.SubExpression
      } else {
        value = mustache.path
        if (value.type === 'PathExpression') (value as hbs.AST.PathExpression & { strict?: boolean }).strict = true
      }
      mustache.path = { type: 'PathExpression', data: false, depth: 0, parts: [ESCAPER], original: ESCAPER, loc: mustache.loc } as hbs.AST.PathExpression
      mustache.params = [value]
      mustache.hash = undefined as unknown as hbs.AST.Hash
    }
  }
  visit(ast)
}

// Inside code and math, "{" is masked before templating and unmasked after, so "{{1, 2}}" in a C snippet survives.
function maskLiterals(text: string, ranges: Array<[number, number]>): string {
  if (ranges.length === 0) return text
  let out = ''
  let last = 0
  for (const [start, end] of ranges) {
    out += text.slice(last, start) + text.slice(start, end).replace(/\{/g, CODE_MASK)
    last = end
  }
  return out + text.slice(last)
}

/** A Handlebars error while compiling or rendering, at its place in the author's file. */
function reportRuntimeError(
  error: unknown,
  source: TemplateSource,
  at: (line: number, column: number) => Place,
  reporter: Reporter,
  ast?: hbs.AST.Program,
  context?: object,
): void {
  const e = error as { message?: string; lineNumber?: number; column?: number }
  const message = (e.message ?? String(error)).replace(/ - \d+:\d+$/, '')
  // Strict mode asks a plain value (text, a number) for a field, inside {{#each}} or {{#with}} where the checks before rendering cannot know the value.
  const field = /^Cannot use 'in' operator to search for '([^']*)' in (.*)$/s.exec(message)
  const asking = field && ast ? pathsAsking(ast, field[1])[0] : undefined
  if (field && asking) {
    return reporter.report('field-of-plain-value', { expression: asking.original, field: field[1], value: field[2] }, at(asking.loc.start.line, asking.loc.start.column))
  }
  const position = e.lineNumber ? at(e.lineNumber, e.column ?? 0) : { file: source.file, line: 1 + source.lineOffset, column: 1 }
  const missing = /^"([^"]+)" not defined in/.exec(message)
  if (missing) return reporter.report('unknown-variable', { path: missing[1], ...missingField(missing[1], ast, context) }, position)
  const mismatch = /^(\S+) doesn't match (\S+)$/.exec(message)
  if (mismatch) return reporter.report('template-syntax', { problem: 'mismatched-block', opened: mismatch[1], closed: mismatch[2] }, position)
  reporter.report('template-runtime', { detail: message }, position)
}

/**
 * What a page template's "{{client.vars.prodcut}}" missed, read from the
 * context it was rendered with: the whole path, the fields its parent has and
 * the likely one. Only for a path from the root that reaches a group of
 * values before the missing name (inside {{#each}} the context is the item).
 */
function missingField(name: string, ast: hbs.AST.Program | undefined, context: object | undefined) {
  if (!ast || !context) return {}
  for (const path of pathsAsking(ast, name)) {
    const index = path.parts.indexOf(name)
    if (path.depth > 0 || index < 1) continue
    const parts = path.data && path.parts[0] === 'root' ? path.parts.slice(1) : path.data ? undefined : path.parts
    if (!parts) continue
    let parent: unknown = context
    for (const part of parts.slice(0, parts.indexOf(name))) parent = parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>)[part] : undefined
    if (parent === null || typeof parent !== 'object' || Array.isArray(parent) || Object.hasOwn(parent, name)) continue
    const known = Object.keys(parent).sort()
    const before = parts.slice(0, parts.indexOf(name))
    const guess = closest(name, known)
    return { path: parts.join('.'), missing: [...before, name].join('.'), guess: guess && [...before, guess].join('.'), known, parent: before.join('.') }
  }
  return {}
}

/** Path expressions that ask for `field` of something, in the order they are written (Handlebars' own visitor walks the tree). */
function pathsAsking(ast: hbs.AST.Program, field: string): hbs.AST.PathExpression[] {
  const found: hbs.AST.PathExpression[] = []
  const finder = new Handlebars.Visitor()
  finder.PathExpression = (path) => {
    if (path.parts.includes(field)) found.push(path)
  }
  finder.accept(ast)
  return found
}

/** A Handlebars parse error, at its place in the author's file. */
function reportParseError(error: unknown, text: string, source: TemplateSource, reporter: Reporter): void {
  const message = String((error as Error).message ?? error)
  const lines = message.split('\n')
  const lineMatch = /Parse error on line (\d+)/.exec(lines[0])
  const line = lineMatch ? Number(lineMatch[1]) : 1
  const expectation = lines[lines.length - 1]
  const at = (l: number, c: number): Place => ({ file: source.file, line: l + source.lineOffset, column: c })

  // "{{#if}}...{{/each}}": Handlebars places it at the block that opens.
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(lines[0])
  const e = error as { lineNumber?: number; column?: number }
  if (mismatch && e.lineNumber) {
    // Handlebars points at the block's name: the author reads the block from its "{{".
    const lineText = text.split('\n')[e.lineNumber - 1] ?? ''
    const open = lineText.lastIndexOf('{{', e.column ?? 0)
    const column = (open >= 0 ? open : (e.column ?? 0)) + 1
    return reporter.report('template-syntax', { problem: 'mismatched-block', opened: mismatch[1], closed: mismatch[2] }, at(e.lineNumber, column))
  }
  // An unclosed block shows up as "got 'EOF'": point at the block that is open.
  if (/got 'EOF'/.test(expectation)) {
    const open = lastUnclosedBlock(text)
    if (open) return reporter.report('template-syntax', { problem: 'unclosed-block', block: open.name }, at(open.line, open.column))
  }
  const column = parseErrorColumn(lines[1] ?? '', lines[2] ?? '', text.split('\n')[line - 1] ?? '')
  if (/\{\{[^}]*$/.test(text.split('\n')[line - 1] ?? '')) return reporter.report('template-syntax', { problem: 'unclosed-mustache' }, at(line, column))
  reporter.report('template-syntax', { problem: 'parse', expected: expectation.replace(/^Expecting /, 'expected ') }, at(line, column))
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
function checkTemplate(ast: hbs.AST.Program, source: TemplateSource, at: (line: number, column: number) => Place, reporter: Reporter): boolean {
  let ok = true
  const report: Reporter['report'] = (code, args, place) => {
    ok = false
    reporter.report(code, args, place)
  }
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
      const helper = callee.parts[0]
      if (node.type !== 'BlockStatement' && blockHelpers.has(helper)) report('template-syntax', { problem: 'block-helper', helper }, where(node))
      else if (node.params.length < (requiredArguments[helper] ?? 0)) report('template-syntax', { problem: 'missing-arguments', helper, needs: requiredArguments[helper] }, where(node))
    } else if (isCall) {
      const name = callee.original ?? String((callee as unknown as { value?: unknown }).value)
      report('unknown-helper', { name, guess: closest(name, [...helperNames]), available: [...helperNames].sort() }, where(node))
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
      const known: string[] = shape === true ? [] : Object.keys(shape)
      const next: Shape | true | 'any' | undefined = shape !== true && Object.prototype.hasOwnProperty.call(shape, name) ? shape[name] : undefined
      if (next === undefined) {
        report(
          'unknown-variable',
          {
            path: parts.join('.'),
            missing: parts.slice(0, i + 1).join('.'),
            guess: shape === true ? undefined : ((guess) => guess && [...parts.slice(0, i), guess].join('.'))(closest(name, known)),
            known: known.sort(),
            parent: parts.slice(0, i).join('.'),
          },
          where(node),
        )
        return
      }
      shape = next
    }
  }

  const visit = (node: AstNode, scoped: boolean) => {
    switch (node.type) {
      case 'Program':
        for (const child of (node as hbs.AST.Program).body) visit(child, scoped)
        break
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement
        if (!m.escaped && !source.allowRaw) report('template-syntax', { problem: 'raw-output' }, where(node))
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
        report('template-syntax', { problem: 'partial', partial: name }, where(node))
        break
      }
      case 'DecoratorBlock':
      case 'Decorator':
        report('template-syntax', { problem: 'decorator' }, where(node))
        break
    }
  }
  visit(ast, false)
  return ok
}
