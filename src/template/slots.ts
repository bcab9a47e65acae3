// Value slots: most of a client's copy of a lesson is the same text as every
// other client's with the same profile; what differs is a handful of values
// (the client's name, sector, trainer). While a lesson is templated, a plain
// value is written as one private-use character, its slot. Clients with the
// same profile then get the same slotted text, which is parsed and analysed
// once (lesson.ts); each client's model is that one with its values put back.
//
// A slot must read exactly as its value would. Values are escaped so that
// markdown sees letters (escapeText), and a slot is a letter-like character
// to markdown too, so a slot is only used where the two cannot differ: plain
// words (letters, digits, single spaces), away from characters that join
// words into links, e-mail addresses, HTML or directive names. Anything else
// is written as its value, which is always right, just not shared.
import type { Nodes, Root } from 'mdast'
import { FIRST_SLOT, SLOT_COUNT } from './sentinels.js'

const slotRange = `[${String.fromCharCode(FIRST_SLOT)}-${String.fromCharCode(FIRST_SLOT + SLOT_COUNT - 1)}]`
/** Every slot character (FIRST_SLOT to FIRST_SLOT + SLOT_COUNT - 1). */
const SLOTS = new RegExp(slotRange, 'g')
const A_SLOT = new RegExp(slotRange)

/** Plain words, as a sentence uses a name: "Banco Meridiano", "Industrias Atlántico 114". */
const PLAIN_WORDS = /^[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*$/u
/** Words that would mean something else as a YAML value (a directive in a comment) or join a link. */
const LOADED_WORDS = /^(?:true|false|null|yes|no|on|off|y|n)$|www|https?|mailto|xmpp/i

/** Whether a value can be written as a slot (else it is written as itself). */
export function takesSlot(value: unknown): value is string {
  // Numbers ("45", "1e5", "0x1A") are read as numbers in YAML and in directive attributes.
  return typeof value === 'string' && PLAIN_WORDS.test(value) && Number.isNaN(Number(value)) && !LOADED_WORDS.test(value)
}

/** The slot of the index-th value, or undefined when there are too many values. */
export function slotChar(index: number): string | undefined {
  return index < SLOT_COUNT ? String.fromCharCode(FIRST_SLOT + index) : undefined
}

/**
 * A value writer for templating (see escape.ts) that writes plain values as
 * slots, collecting them in `values`, in order. `clashed` turns true when a
 * value written out holds a character of the slots' range: once parsed, it
 * would be taken for a slot, so that text must not be shared.
 */
export function slotWriter(values: string[]): ((value: unknown) => string | undefined) & { clashed: boolean } {
  const write = (value: unknown) => {
    if (!takesSlot(value)) {
      if (typeof value === 'string' && hasSlot(value)) write.clashed = true
      return undefined
    }
    const slot = slotChar(values.length)
    if (slot) values.push(value)
    return slot
  }
  write.clashed = false
  return write
}

/**
 * Whether the slot characters in `text` are exactly the `count` slots the
 * render wrote, in order: a lesson or a value may hold such characters of its
 * own (icon fonts use them), and those must not be taken for slots.
 */
export function slotsAreOnlyValues(text: string, count: number): boolean {
  let next = 0
  for (const match of text.matchAll(SLOTS)) {
    if (match[0].charCodeAt(0) !== FIRST_SLOT + next) return false
    next++
  }
  return next === count
}

/** Characters that may sit right before or after a slot: spacing and sentence punctuation. */
const QUIET_NEIGHBOUR = /[\s\p{L}\p{N},;!?"'«»¿¡()*~[\]]/u

/**
 * Whether every slot in `text` sits where a word of letters would read the
 * same as the slot: not glued to ".", ":", "@", "/", "=", "<", "-", "_" and
 * the like, where it could become part of a link, an address, a tag or a
 * directive name. A "." or ":" that ends a sentence (space or end after) is fine.
 */
export function slotsReadAsWords(text: string): boolean {
  for (const match of text.matchAll(SLOTS)) {
    const at = match.index
    const before = text[at - 1]
    const after = text[at + 1]
    if (before !== undefined && !QUIET_NEIGHBOUR.test(before) && !isSlot(before)) return false
    if (after === undefined || QUIET_NEIGHBOUR.test(after) || isSlot(after)) continue
    const next = text[at + 2]
    if ((after === '.' || after === ':') && (next === undefined || /\s/.test(next))) continue
    return false
  }
  return true
}

const isSlot = (char: string) => {
  const code = char.charCodeAt(0)
  return code >= FIRST_SLOT && code < FIRST_SLOT + SLOT_COUNT
}

/** Whether a parsed tree has slots only in text: none in a link's address, a reference or a directive name. */
export function slotsOnlyInText(tree: Root): boolean {
  const has = (value: unknown) => typeof value === 'string' && hasSlot(value)
  const visit = (node: Nodes): boolean => {
    const fields = node as { url?: unknown; title?: unknown; identifier?: unknown; label?: unknown; name?: unknown }
    if (has(fields.url) || has(fields.identifier) || has(fields.label) || has(fields.name)) return false
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && has(fields.title)) return false
    return !('children' in node) || (node.children as Nodes[]).every(visit)
  }
  return visit(tree)
}

function hasSlot(text: string): boolean {
  return A_SLOT.test(text)
}

/** A copy of `value` (strings, arrays, sets, plain objects) with each slot replaced by its value. */
export function fillSlots<T>(value: T, values: string[]): T {
  if (values.length === 0) return value
  const fill = (v: unknown): unknown => {
    if (typeof v === 'string') return hasSlot(v) ? v.replace(SLOTS, (c) => values[c.charCodeAt(0) - FIRST_SLOT] ?? c) : v
    if (Array.isArray(v)) return v.map(fill)
    if (v instanceof Set) return new Set([...v].map(fill))
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, fill(item)]))
    }
    return v
  }
  return fill(value) as T
}
