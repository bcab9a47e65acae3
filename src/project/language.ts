// Language tags (BCP 47): the client's `language`, the workshop's, the
// language of a lesson version (03-plan.en.md) and of a label file
// (templates/labels/en-GB.yml). Tags are compared in their canonical form
// (Intl.getCanonicalLocales: "en-gb" is "en-GB") and looked up from the most
// specific to the least (RFC 4647 "lookup": en-GB, then en).

/** The canonical form of a well-formed BCP 47 tag; undefined for anything else. */
export function canonicalTag(tag: unknown): string | undefined {
  // Spaces around a value are a slip of the keyboard (the data cascade drops them too).
  if (typeof tag !== 'string' || tag.trim() === '') return undefined
  try {
    return Intl.getCanonicalLocales(tag.trim())[0]
  } catch {
    return undefined
  }
}

/**
 * A tag as a lesson file name ends with it ("03-plan.en-GB.md"): a language
 * of two or three letters (ISO 639), then subtags. Longer first words stay
 * part of a lesson id ("intro.final.md" is lesson "intro.final").
 */
export function versionTag(suffix: string): string | undefined {
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(suffix)) return undefined
  return canonicalTag(suffix)
}

/** The tags to try for `tag`, most specific first: "zh-Hant-TW" → zh-Hant-TW, zh-Hant, zh. */
export function lookupChain(tag: string): string[] {
  const chain: string[] = []
  const parts = tag.split('-')
  while (parts.length) {
    chain.push(parts.join('-'))
    parts.pop()
    // A single-letter subtag (an extension's singleton) never ends a tag.
    while (parts.length && parts[parts.length - 1].length === 1) parts.pop()
  }
  return chain
}

/**
 * Which of the `available` languages (canonical tags) best serves a reader of
 * `wanted`: the most specific match in lookup order (en-GB, then en); else one
 * sharing its language (an en-GB text for an en-US reader, es for es-MX),
 * the first listed winning; else undefined.
 */
export function pickLanguage(wanted: string, available: readonly string[]): string | undefined {
  const chain = lookupChain(wanted)
  const exact = chain.find((tag) => available.includes(tag))
  if (exact) return exact
  return available.find((tag) => lookupChain(tag).some((part) => chain.includes(part)))
}

/** The language's English name for messages ("en-GB (British English)"), or the tag alone. */
export function describeTag(tag: string): string {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(tag)
    return name ? `${tag} (${name})` : tag
  } catch {
    return tag
  }
}
