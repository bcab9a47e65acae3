// Marp reads front matter loosely: a value of one of its own keys that is
// not valid YAML ("style: @import url(...)", "footer: *Draft*") is read as
// the text it is. The kit reads front matter as strict YAML, and falls back
// to Marp's reading for those keys only, so any front matter Marp accepts is
// accepted (as Marpit's looseYAML does it: top-level lines of Marp's keys,
// with a value that does not start a YAML structure, are quoted).

/** Marp's directives (Marpit's and marp-core's), with the metadata keys Marp's tools read. */
export const MARP_KEYS = [
  'headingDivider', 'style', 'theme', 'lang', 'size', 'math', 'marp',
  'title', 'description', 'author', 'image', 'url', 'keywords',
  'backgroundColor', 'backgroundImage', 'backgroundPosition', 'backgroundRepeat', 'backgroundSize',
  'class', 'color', 'footer', 'header', 'paginate',
]
const SPECIAL = `["'{|>~&*`
const KEY = `(?:${MARP_KEYS.flatMap((k) => [`_?${k}`, `"_?${k}"`, `'_?${k}'`]).join('|')})`
const LOOSE_LINE = new RegExp(`^(${KEY}\\s*:)(.+)$`)

/** The text with each loose value of a Marp key quoted, line for line (positions stay on their lines). */
export function looseMarpYaml(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line.replace(LOOSE_LINE, (original, key: string, value: string) => {
        const cr = value.endsWith('\r') ? '\r' : ''
        const body = cr ? value.slice(0, -1) : value
        const trimmed = body.trim()
        if (trimmed.length === 0 || SPECIAL.includes(trimmed[0])) return original
        const spaces = body.slice(0, body.length - body.trimStart().length)
        return `${key}${spaces}"${trimmed.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"${cr}`
      }),
    )
    .join('\n')
}

/**
 * Marp's keys as Marp reads them where strict YAML reads nothing: Marp always
 * reads its own keys loosely, so "backgroundColor: #fff" is "#fff" to Marp
 * (strict YAML sees a comment). `data` is the strict reading; `loose` the
 * reading of looseMarpYaml's text. Spot forms ("_class") included.
 */
export function withMarpValues(data: Record<string, unknown>, loose: unknown): Record<string, unknown> {
  if (!loose || typeof loose !== 'object' || Array.isArray(loose)) return data
  let merged = data
  for (const [key, value] of Object.entries(loose as Record<string, unknown>)) {
    if (!MARP_KEYS.includes(key.replace(/^_/, '')) || value === null || value === undefined) continue
    if (data[key] === null || data[key] === undefined) merged = { ...merged, [key]: value }
  }
  return merged
}
