// Slide thumbnails without screenshots. A Marp slide is an
// <svg data-marpit-svg viewBox=...> inside <div class="marpit">, and the
// deck's CSS is scoped to div.marpit > svg > foreignObject > section: a
// thumbnail is the slide's own HTML in a div.marpit of its own, sized by
// CSS (the SVG scales to its box), on a page that carries the deck's CSS.
// The guide (beside each slide's notes) and the handout show them.

const SLIDE_OPEN = '<svg data-marpit-svg'
const CONTAINER_CLOSE = '</div>'

/**
 * The slides of a rendered deck (RenderedDeck.html), one inert SVG string
 * each, in order: no scripts (Marp's fitting script is not needed, an
 * author's must not run twice), no ids (a slide shown twice in one page, or
 * beside the page's own headings, would repeat them), nothing that plays.
 */
export function slideThumbnails(html: string): string[] {
  const starts: number[] = []
  for (let at = html.indexOf(SLIDE_OPEN); at !== -1; at = html.indexOf(SLIDE_OPEN, at + SLIDE_OPEN.length)) starts.push(at)
  const end = html.lastIndexOf(CONTAINER_CLOSE)
  return starts.map((start, i) => inert(html.slice(start, i + 1 < starts.length ? starts[i + 1] : end)))
}

/** Attributes that name, focus or start something: a thumbnail is a picture. */
const LIVE_ATTRIBUTE = /\s(?:id|name|for|autofocus|autoplay|tabindex|accesskey|aria-labelledby|aria-describedby|aria-controls|popover|popovertarget)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?(?=[\s/>])/gi

function inert(slide: string): string {
  return slide
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<(?:iframe|object|embed)\b[\s\S]*?(?:<\/(?:iframe|object|embed)\s*>|\/>)/gi, '')
    .replace(/<[A-Za-z][^<>]*>/g, (tag) => tag.replace(LIVE_ATTRIBUTE, ''))
}

/**
 * The deck's Marp CSS for a page of thumbnails: without the rules Marp adds
 * for printing a deck (its @page size, one slide per page, each slide the
 * size of the page), which would make an A4 page a slide-sized one.
 */
export function thumbnailCss(css: string): string {
  let out = ''
  let cursor = 0
  const rule = /@page\b|@media\s+print\b/g
  for (let match = rule.exec(css); match; match = rule.exec(css)) {
    const open = css.indexOf('{', match.index)
    if (open === -1) break
    let depth = 0
    let close = open
    for (; close < css.length; close++) {
      if (css[close] === '{') depth++
      else if (css[close] === '}' && --depth === 0) break
    }
    out += css.slice(cursor, match.index)
    cursor = close + 1
    rule.lastIndex = cursor
  }
  return out + css.slice(cursor)
}

/** The slide a line of a lesson file is on: the last slide starting at or before it (0-based, within `count`), or null when unknown. */
export function slideAtLine(slideLines: number[], line: number, count: number): number | null {
  let found: number | null = null
  for (let i = 0; i < slideLines.length && i < count; i++) {
    if (slideLines[i] <= line) found = i
    else break
  }
  return found
}
