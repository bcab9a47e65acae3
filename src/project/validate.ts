// Validation of the author's data files against the schemas (schema.ts),
// each violation reported at its place in the file.
import { Ajv, type ErrorObject } from 'ajv'
import { closest } from '../diagnostics/did-you-mean.js'
import type { Reporter } from '../diagnostics/reporter.js'
import { clientSchema, lessonFrontMatterSchema, workshopSchema } from './schema.js'
import type { YamlSource } from './yaml-source.js'

// verbose: errors carry their schema, which names the allowed fields.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true, verbose: true })
const validators = {
  client: ajv.compile(clientSchema),
  workshop: ajv.compile(workshopSchema),
  lesson: ajv.compile(lessonFrontMatterSchema),
}

export type SchemaName = keyof typeof validators

/** Validates parsed YAML, reporting each schema violation at its place; true when valid. */
export function validateAgainst(name: SchemaName, source: YamlSource, reporter: Reporter): boolean {
  const validate = validators[name]
  if (validate(source.data)) return true
  for (const error of validate.errors ?? []) {
    if (error.keyword !== 'if' && error.keyword !== 'anyOf') reportViolation(error, source, reporter)
  }
  return false
}

function reportViolation(error: ErrorObject, source: YamlSource, reporter: Reporter): void {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')))
  const field = path.join('.') || '(top level)'
  const within = path.length ? field : undefined
  const at = (p = path, what: 'value' | 'key' = 'value') => ({ file: source.file, ...source.locate(p, what) })
  const value = lookup(source.data, path)

  switch (error.keyword) {
    case 'required':
      return reporter.report('schema-required', { field: (error.params as { missingProperty: string }).missingProperty, within }, at())
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {})
      return reporter.report('schema-unknown-field', { field: extra, within, guess: closest(extra, known), known }, at([...path, extra], 'key'))
    }
    case 'enum':
      return reporter.report('schema-enum', { field, value, allowed: (error.params as { allowedValues: unknown[] }).allowedValues }, at())
    case 'pattern': {
      const last = path[path.length - 1]
      if (isColourPath(path)) return reporter.report('bad-colour', { field, value }, at())
      if (last === 'date') return reporter.report('bad-date', { field, value }, at())
      if (last === 'start' || (last === 'at' && path[0] === 'breaks')) return reporter.report('bad-time', { field, value }, at())
      return reporter.report('bad-value', { field, rule: 'pattern', value }, at())
    }
    case 'type': {
      // An unquoted "#rrggbb" is a YAML comment: the colour arrives empty.
      if (value === null && isColourPath(path)) return reporter.report('bad-colour', { field, value: null }, at())
      const expected = (error.params as { type: string | string[] }).type
      const wanted = Array.isArray(expected) ? expected.filter((t) => t !== 'null').join(' or ') : expected
      return reporter.report('schema-type', { field, expected: article(wanted), actual: describe(value) }, at())
    }
    case 'minLength':
      return reporter.report('bad-value', { field, rule: 'empty' }, at())
    case 'minimum':
    case 'maximum':
      return reporter.report('bad-value', { field, rule: 'range', detail: error.message ?? 'is out of range', value }, at())
    default:
      return reporter.report('bad-value', { field, rule: 'other', detail: error.message }, at())
  }
}

const isColourPath = (path: Array<string | number>) => path[path.length - 1] === 'primary' || path[path.length - 1] === 'secondary'

function lookup(data: unknown, path: Array<string | number>): unknown {
  let value = data
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string | number, unknown>)[segment]
  }
  return value
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return `${typeof value} ${JSON.stringify(value)}`
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`)
