// Every private-use character the kit writes into a lesson's text between
// templating and parsing, in one registry. Each pass that adds them removes
// them again before anything is shown, and client values can never carry
// one in (escape.ts writes a value's own private-use characters as
// character references, which the passes do not read and markdown and HTML
// show as the characters they are).

/** Inside code and math, "{" is swapped for this before templating and back after (compile.ts). */
export const CODE_MASK = '\uE000'
/** Line tags "\uE001<line>\uE002" carry the author's line numbers through templating (line-tags.ts). */
export const LINE_TAG_OPEN = '\uE001'
export const LINE_TAG_CLOSE = '\uE002'
/**
 * Not a character but a mark all the same: a client value's ":" is written
 * as this character reference (escape.ts), a spelling authors do not use,
 * so Marp's emoji shortcodes (":coffee:") can be kept to the author's own
 * text (kit/render-marp.ts).
 */
export const VALUE_COLON_REFERENCE = '&#0058;'
/** Value slots (slots.ts): one character per value, from here... */
export const FIRST_SLOT = 0xe100
/** ...for this many values. */
export const SLOT_COUNT = 0x1000

/** Any character of the registry. */
export const ANY_SENTINEL = /[\uE000-\uE002\uE100-\uF0FF]/g

export const isSentinel = (char: string): boolean => {
  const code = char.charCodeAt(0)
  return (code >= 0xe000 && code <= 0xe002) || (code >= FIRST_SLOT && code < FIRST_SLOT + SLOT_COUNT)
}
