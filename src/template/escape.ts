// Client data is text. Values are escaped where they are written, so that
// neither markdown nor HTML nor a later pass of the kit can read them as
// anything else.
import Handlebars from 'handlebars'
import { ANY_SENTINEL, VALUE_COLON_REFERENCE } from './sentinels.js'

/**
 * Escapes a value for markdown and HTML alike: ASCII punctuation that either
 * language could read as syntax becomes a numeric character reference, which
 * both read as the literal character and neither treats as syntax (so
 * "*Mar*", "<script>", ":smile:", "$x$" and "{{x}}" all stay text); so do the
 * kit's own private-use characters (sentinels.ts). Newlines become spaces: a
 * value cannot start a heading or a new slide.
 *
 * A `writeValue` of the caller's may write a value its own way first
 * (lesson/client-lessons.ts writes plain values as slots); when it gives
 * undefined, the value is escaped.
 */
export function escapeText(value: unknown, writeValue?: ValueWriter): string {
  const written = writeValue?.(value)
  if (written !== undefined) return written
  if (value && typeof (value as { toHTML?: unknown }).toHTML === 'function') {
    return (value as { toHTML(): string }).toHTML()
  }
  if (value === null || value === undefined) return ''
  if (!value) return String(value)
  return String(value)
    .replace(/\r\n?|\n|\u2028|\u2029/g, ' ')
    .replace(AS_REFERENCE, (c) => (c === ':' ? VALUE_COLON_REFERENCE : `&#${c.charCodeAt(0)};`))
}

/** ASCII punctuation markdown or HTML could read as syntax, and the kit's sentinels. */
const AS_REFERENCE = new RegExp(`[!-+\\-.:<-@[-\`{-~]|${ANY_SENTINEL.source}`, 'g')

/** Writes a value in a form of the caller's, or gives undefined to have it escaped. */
export type ValueWriter = (value: unknown) => string | undefined

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;', '=': '&#61;' }

/** Plain HTML escaping, for text the kit places in HTML itself. */
export const escapeHtml = (text: string) => text.replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c])

/**
 * A copy of a view model with every string HTML-escaped (SafeStrings, the
 * kit's own markup, stay as they are). Page templates then print values raw.
 * `escaped` remembers the objects done so far: the same objects (the client,
 * the agenda, a lesson's view) reach many pages of a kit and are escaped once.
 * View models are never changed after they are made, so a copy stays right.
 */
export function escapeHtmlDeep(value: unknown, escaped: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return escapeHtml(value)
  if (value instanceof Handlebars.SafeString) return value.toHTML()
  if (!value || typeof value !== 'object') return value
  const isArray = Array.isArray(value)
  if (!isArray && Object.getPrototypeOf(value) !== Object.prototype) return value
  let copy = escaped.get(value)
  if (!copy) {
    copy = isArray
      ? (value as unknown[]).map((item) => escapeHtmlDeep(item, escaped))
      : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeHtmlDeep(v, escaped)]))
    escaped.set(value, copy)
  }
  return copy
}

/** Marks kit-made HTML (already escaped where needed) so templates print it as is. */
export const safe = (html: string) => new Handlebars.SafeString(html)

/** JSON that can sit inside a <script> element. */
export function scriptJson(value: unknown): Handlebars.SafeString {
  return safe(JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'))
}
