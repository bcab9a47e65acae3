// JSON Schemas for the author's data files and their validation into
// positioned diagnostics. The schemas are exported as JSON (schemas/*.json)
// so editors can autocomplete client files.
import { Ajv, type ErrorObject } from 'ajv'
import type { Reporter } from '../diagnostics/reporter.js'
import type { YamlSource } from './yaml-source.js'
import { closest } from '../diagnostics/did-you-mean.js'

const colour = {
  type: 'string',
  pattern: '^#[0-9a-fA-F]{6}$',
  description: 'A colour as "#rrggbb". Quote it in YAML: an unquoted # starts a comment.',
} as const

const brand = {
  type: 'object',
  description: 'How the kit looks for this client.',
  additionalProperties: false,
  properties: {
    primary: { ...colour, default: '#1d4e89', description: 'Main colour (headings, title slide). ' + colour.description },
    secondary: { ...colour, default: '#f29e4c', description: 'Accent colour (rules, highlights). ' + colour.description },
    logo: {
      type: ['string', 'null'],
      default: null,
      description: 'Logo image (SVG, PNG, JPEG, GIF or WebP), relative to the client file; must stay inside the project folder. Default: no logo.',
    },
    font: {
      type: 'string',
      pattern: "^[\\p{L}\\p{N} ,._-]+$",
      default: 'Source Sans 3, Segoe UI, Helvetica Neue, Arial, sans-serif',
      description: 'CSS font families, comma separated (letters, digits, spaces, "-", "_" and "." only). Fonts must be installed where the kit is shown.',
    },
  },
} as const

const session = {
  type: 'object',
  description: 'When and where the workshop takes place.',
  additionalProperties: false,
  properties: {
    date: { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$', default: null, description: 'Date as YYYY-MM-DD. Default: none.' },
    start: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', default: '09:00', description: 'Start time as HH:MM (24 h).' },
    venue: { type: ['string', 'null'], default: null, description: 'Where the session takes place. Default: none.' },
    trainer: { type: ['string', 'null'], default: null, description: 'Who runs the session. Default: none.' },
  },
} as const

const profile = {
  sector: { type: 'string', default: 'general', description: 'The client\'s sector, free text (e.g. "restauración").' },
  size: { enum: ['pyme', 'grande'], default: 'pyme', description: 'Company size: "pyme" (small or medium) or "grande" (large).' },
  model: { enum: ['B2C', 'B2B', 'mixto'], default: 'B2C', description: 'Who the client sells to: consumers (B2C), companies (B2B) or both (mixto).' },
  language: { enum: ['es', 'en'], default: 'es', description: 'Language of the kit\'s own labels (agenda, worksheet headings).' },
  brand,
  session,
} as const

const lessonList = {
  type: 'array',
  items: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
  description: 'Lesson ids (file names in content/lessons/ without .md), in the order they are taught.',
} as const

export const clientSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://workshop-kit.dev/schemas/client.schema.json',
  title: 'workshop-kit client',
  description: 'One client of a workshop: content/clients/<id>.yml. Only "name" is required.',
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, description: 'The client\'s name, shown on every output. Plain text.' },
    ...profile,
    lessons: { ...lessonList, description: lessonList.description + ' Overrides the workshop\'s list.' },
  },
} as const

export const workshopSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://workshop-kit.dev/schemas/workshop.schema.json',
  title: 'workshop-kit workshop',
  description: 'The workshop: content/workshop.yml.',
  type: 'object',
  additionalProperties: false,
  required: ['title', 'lessons'],
  properties: {
    title: { type: 'string', minLength: 1, description: 'Title of the workshop.' },
    subtitle: { type: ['string', 'null'], default: null, description: 'Optional subtitle for the title slide.' },
    lessons: lessonList,
    defaults: {
      type: 'object',
      additionalProperties: false,
      description: 'Defaults for every client; a client file overrides them field by field.',
      properties: profile,
    },
  },
} as const

export const lessonFrontMatterSchema = {
  type: 'object',
  // Any Marp global directive or custom key may appear too.
  additionalProperties: true,
  properties: {
    title: { type: 'string', minLength: 1 },
    duration: { type: 'integer', minimum: 1, maximum: 600 },
    objectives: { type: 'array', items: { type: 'string' } },
    models: { type: 'array', items: { enum: ['B2C', 'B2B', 'mixto'] } },
    sizes: { type: 'array', items: { enum: ['pyme', 'grande'] } },
  },
} as const

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
      if (last === 'start') return reporter.report('bad-time', { field, value }, at())
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
