// What a request may name: a path of the kit as a build writes it, and
// nothing else. The dev server serves files from memory only (never from
// disk), so a name that is not a kit path is a 404 whatever it points at;
// this refuses, before any lookup, every spelling that could climb out of
// the kit: "..", encoded or double-encoded dots and slashes, backslashes,
// NUL and other control characters.

/** The kit path ("acme/deck.html", "index.html") a request's raw URL names, or undefined when it names none. */
export function kitPathOf(rawUrl: string): string | undefined {
  const end = rawUrl.search(/[?#]/)
  const raw = end >= 0 ? rawUrl.slice(0, end) : rawUrl
  if (!raw.startsWith('/') || raw.startsWith('//')) return undefined
  // Backslashes and NUL, written or encoded, are no part of a kit path.
  if (/[\\\0]|%5c|%00/i.test(raw)) return undefined
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    return undefined
  }
  // Still encoded after one decoding: a double-encoded name ("%252e%252e"), which no kit file has.
  if (decoded.includes('%')) return undefined
  if (/[\x00-\x1f\x7f\\]/.test(decoded)) return undefined
  const segments = decoded.slice(1).split('/')
  const last = segments.pop()!
  if (segments.some((s) => s === '' || s === '.' || s === '..') || last === '.' || last === '..') return undefined
  return [...segments, last || 'index.html'].join('/')
}

