// The project's own client variables: declared in content/workshop.yml
// under "vars:" (a type, maybe a default, a description, allowed values or
// required: true), set by client files under "vars:", read by lessons and
// templates as {{client.vars.<name>}}, and tested by a lesson's "when:".
// The JSON Schema checks the shape of each; the checks here need the
// declarations, and report at the author's line and column.
import { closest } from '../diagnostics/did-you-mean.js'
import type { Reporter } from '../diagnostics/reporter.js'
import type { VarDeclaration, VarValue, WorkshopData } from './cascade.js'
import { VAR_NAME } from './schema.js'
import type { DataPath, YamlSource } from './yaml-source.js'

type Declarations = WorkshopData['vars']

/**
 * Checks workshop.yml's declarations beyond their schema: names usable in a
 * template, defaults and allowed values of the declared type. True when all
 * are usable.
 */
export function checkVarDeclarations(vars: Declarations, source: YamlSource, reporter: Reporter): boolean {
  let ok = true
  const at = (path: DataPath, what: 'value' | 'key' = 'value') => ({ file: source.file, ...source.locate(['vars', ...path], what) })
  for (const [name, declared] of Object.entries(vars)) {
    if (!VAR_NAME.test(name)) {
      reporter.report('bad-var-declaration', { name, problem: 'name' }, at([name], 'key'))
      ok = false
      continue
    }
    if (declared.values && !['text', 'number', 'list'].includes(declared.type)) {
      reporter.report('bad-var-declaration', { name, problem: 'values', type: declared.type }, at([name, 'values'], 'key'))
      ok = false
      continue
    }
    if (declared.required && declared.default !== undefined) {
      reporter.report('bad-var-declaration', { name, problem: 'required-default' }, at([name, 'required'], 'key'))
      ok = false
    }
    // Allowed values are of the variable's type (a list's are its items').
    const itemType = declared.type === 'list' ? 'text' : declared.type
    declared.values?.forEach((value, index) => {
      const problem = misfit({ type: itemType }, value)
      if (problem) {
        reporter.report('var-type', { field: `vars.${name}.values[${index}]`, name, ...problem }, at([name, 'values', index]))
        ok = false
      }
    })
    if (declared.default !== undefined && declared.default !== null) {
      ok = reportMisfit(declared, name, declared.default, `vars.${name}.default`, (path) => at([name, 'default', ...path]), reporter) && ok
    }
  }
  return ok
}

/** Checks a client file's "vars:" against the declarations; true when every value fits. */
export function checkClientVars(vars: Declarations, source: YamlSource, reporter: Reporter): boolean {
  const raw = (source.data as { vars?: unknown }).vars
  const set = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}
  const known = Object.keys(vars)
  let ok = true
  for (const [name, value] of Object.entries(set)) {
    const declared = Object.hasOwn(vars, name) ? vars[name] : undefined
    if (!declared) {
      reporter.report('unknown-var', { name, where: 'client', guess: closest(name, known), known }, { file: source.file, ...source.locate(['vars', name], 'key') })
      ok = false
      continue
    }
    ok = reportMisfit(declared, name, value, `vars.${name}`, (path) => ({ file: source.file, ...source.locate(['vars', name, ...path]) }), reporter) && ok
  }
  for (const [name, declared] of Object.entries(vars)) {
    if (declared.required && !Object.hasOwn(set, name)) {
      // At "vars:" when the client has one, else at the top of the file.
      reporter.report('missing-var', { name, description: declared.description }, { file: source.file, ...source.locate(raw === undefined ? [] : ['vars'], 'key') })
      ok = false
    }
  }
  return ok
}

/**
 * Checks a lesson's "when:" conditions: each names a declared variable and
 * asks for values it can take. True when the lesson's conditions are usable.
 */
export function checkLessonConditions(vars: Declarations, when: unknown, source: YamlSource, reporter: Reporter): boolean {
  if (when === null || typeof when !== 'object' || Array.isArray(when)) return true
  const known = Object.keys(vars)
  let ok = true
  for (const [name, wanted] of Object.entries(when)) {
    const declared = Object.hasOwn(vars, name) ? vars[name] : undefined
    if (!declared) {
      reporter.report('unknown-var', { name, where: 'lesson', guess: closest(name, known), known }, { file: source.file, ...source.locate(['when', name], 'key') })
      ok = false
      continue
    }
    // A list variable matches when it holds one of the values: those are its items.
    const one = declared.type === 'list' ? { ...declared, type: 'text' as const } : declared
    const values: unknown[] = Array.isArray(wanted) ? wanted : [wanted]
    values.forEach((value, index) => {
      const path = Array.isArray(wanted) ? ['when', name, index] : ['when', name]
      const problem = misfit(one, value)
      if (problem) {
        reporter.report('var-type', { field: path.join('.'), name, ...problem }, { file: source.file, ...source.locate(path) })
        ok = false
      }
    })
  }
  return ok
}

/** Whether the client's variables meet a lesson's "when:": every variable named has one of the values asked for. */
export function meetsConditions(when: Record<string, unknown> | undefined, vars: Record<string, VarValue>): boolean {
  if (!when) return true
  return Object.entries(when).every(([name, wanted]) => {
    const values: unknown[] = Array.isArray(wanted) ? wanted : [wanted]
    const value = vars[name]
    const same = (a: unknown) => values.some((b) => (typeof a === 'string' && typeof b === 'string' ? a.trim() === b.trim() : a === b))
    return Array.isArray(value) ? value.some(same) : value !== null && value !== undefined && same(value)
  })
}

function reportMisfit(
  declared: Pick<VarDeclaration, 'type' | 'values'>,
  name: string,
  value: unknown,
  field: string,
  at: (path: DataPath) => { file: string; line: number; column: number },
  reporter: Reporter,
): boolean {
  // A list's items are checked one by one, each at its place.
  if (declared.type === 'list' && Array.isArray(value)) {
    let ok = true
    value.forEach((item, index) => {
      const problem = misfit({ type: 'text', values: declared.values }, item)
      if (problem) {
        reporter.report('var-type', { field: `${field}[${index}]`, name, ...problem }, at([index]))
        ok = false
      }
    })
    return ok
  }
  const problem = misfit(declared, value)
  if (problem) reporter.report('var-type', { field, name, ...problem }, at([]))
  return !problem
}

/** What is wrong with a value for a declaration, in words; undefined when it fits. */
function misfit(
  declared: Pick<VarDeclaration, 'type' | 'values'>,
  value: unknown,
): { type: VarDeclaration['type']; expected: string; actual: string; allowed?: unknown[] } | undefined {
  const wrong = { type: declared.type, expected: EXPECTED[declared.type], actual: describe(value) }
  switch (declared.type) {
    case 'text':
      if (typeof value !== 'string') return wrong
      break
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrong
      break
    case 'boolean':
      return typeof value === 'boolean' ? undefined : wrong
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) && isRealDate(value.trim()) ? undefined : wrong
    case 'list':
      return Array.isArray(value) ? undefined : wrong
  }
  const allowed = declared.values
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v)
  if (allowed && !allowed.some((v) => text(v) === text(value))) return { ...wrong, allowed }
  return undefined
}

const EXPECTED: Record<VarDeclaration['type'], string> = {
  text: 'text',
  number: 'a number',
  boolean: 'true or false',
  date: 'a day of the calendar written as YYYY-MM-DD',
  list: 'a list of texts',
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`
  return `${typeof value} ${JSON.stringify(value)}`
}

/** Whether YYYY-MM-DD is a day of the calendar (2026-02-30 is not). */
export function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}
