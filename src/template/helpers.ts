// The helpers lessons and the kit's templates may call. Each is documented
// in the README ("Templating").
import type Handlebars from 'handlebars'

type HelperOptions = Handlebars.HelperOptions

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

/** Helpers that only work as blocks: "{{#b2b}}...{{/b2b}}", never "{{b2b}}". */
export const blockHelpers = new Set(['b2b', 'b2c', 'pyme', 'grande', 'if', 'unless', 'each', 'with'])

/**
 * Handlebars' own helpers that templates may use. Its "log" is not among them:
 * it writes to the console, where --json prints the build's result.
 */
export const builtInHelpers = ['if', 'unless', 'each', 'with', 'lookup']

/** Helpers and the fewest arguments each needs: "{{upper}}" alone would print nothing, or "false". */
export const requiredArguments: Record<string, number> = {
  eq: 2,
  ne: 2,
  and: 1,
  or: 1,
  not: 1,
  includes: 2,
  upper: 1,
  lower: 1,
  default: 2,
  join: 1,
  date: 1,
  lookup: 2,
  if: 1,
  unless: 1,
  each: 1,
  with: 1,
}

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

/** "2026-03-14" as the client's language writes a date (Intl): "14 de marzo de 2026" (es), "March 14, 2026" (en), "14 March 2026" (en-GB). */
export function formatDate(value: unknown, language = 'es'): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return value == null ? '' : String(value)
  const [y, m, d] = value.split('-').map(Number)
  // A language Intl has no data for is written in English (not in the machine's own language: same input, same bytes).
  const locale = Intl.DateTimeFormat.supportedLocalesOf([language])[0] ?? 'en'
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
  return format.format(new Date(Date.UTC(y, m - 1, d)))
}
