// Functions that run inside the browser, on pages of the build. They are
// serialized by the browser driver, so each one is self-contained.

export interface SlideOverflow {
  /** 0-based slide index in the page. */
  slide: number
  /** Pixels of content beyond the slide's content box, per side (slide units). */
  top: number
  right: number
  bottom: number
  left: number
}

/**
 * Measures every slide of a Marp page laid out for print. A slide overflows
 * when visible content reaches past its content box (the section minus the
 * theme's padding, where headers, footers and page numbers live). Header,
 * footer and absolutely placed elements are the author's deliberate layout
 * and are not counted; nor is anything a clipping parent hides.
 */
export function measureSlideOverflow(tolerance: number): SlideOverflow[] {
  const results: SlideOverflow[] = []
  const slides = Array.from(document.querySelectorAll('svg[data-marpit-svg]'))
  slides.forEach((svg, index) => {
    const viewBox = (svg as SVGSVGElement).viewBox.baseVal
    const svgRect = svg.getBoundingClientRect()
    const scale = viewBox && viewBox.width ? svgRect.width / viewBox.width : 1
    // Advanced backgrounds add layers; the content layer holds what the author wrote.
    const sections = Array.from(svg.querySelectorAll(':scope > foreignObject > section')).filter((s) => {
      const layer = s.getAttribute('data-marpit-advanced-background')
      return !layer || layer === 'content'
    })
    const worst = { top: 0, right: 0, bottom: 0, left: 0 }
    for (const section of sections) {
      const box = section.getBoundingClientRect()
      const style = getComputedStyle(section)
      const inner = {
        top: box.top + parseFloat(style.paddingTop) * scale,
        right: box.right - parseFloat(style.paddingRight) * scale,
        bottom: box.bottom - parseFloat(style.paddingBottom) * scale,
        left: box.left + parseFloat(style.paddingLeft) * scale,
      }
      const visit = (element: Element) => {
        for (const child of Array.from(element.children)) {
          const tag = child.tagName.toLowerCase()
          if (element === section && (tag === 'header' || tag === 'footer')) continue
          if (tag === 'script' || tag === 'style' || tag === 'template') continue
          const childStyle = getComputedStyle(child)
          if (childStyle.display === 'none' || childStyle.visibility === 'hidden') continue
          if (childStyle.position === 'absolute' || childStyle.position === 'fixed') continue
          const rect = child.getBoundingClientRect()
          if (rect.width > 0 && rect.height > 0) {
            worst.top = Math.max(worst.top, (inner.top - rect.top) / scale)
            worst.bottom = Math.max(worst.bottom, (rect.bottom - inner.bottom) / scale)
            worst.left = Math.max(worst.left, (inner.left - rect.left) / scale)
            worst.right = Math.max(worst.right, (rect.right - inner.right) / scale)
          }
          // Text wider than its own box (a long word, a wide table cell) spills too.
          if (childStyle.overflowX === 'visible' && child.scrollWidth > child.clientWidth + 1 && child.clientWidth > 0) {
            worst.right = Math.max(worst.right, (rect.left + child.scrollWidth * scale - inner.right) / scale)
          }
          const clips = childStyle.overflow !== 'visible' || tag === 'svg' || tag === 'math' || tag.includes('-')
          if (!clips) visit(child)
        }
      }
      visit(section)
    }
    const round = (n: number) => (n > tolerance ? Math.round(n) : 0)
    const found = { slide: index, top: round(worst.top), right: round(worst.right), bottom: round(worst.bottom), left: round(worst.left) }
    if (found.top || found.right || found.bottom || found.left) results.push(found)
  })
  return results
}

/**
 * Puts two probe anchors in every answer box (top and bottom edge) and links
 * to them, so the printed PDF records on which page each edge landed.
 * Returns the ids of the boxes probed.
 */
export function addAnswerProbes({ prefix, ids: wanted }: { prefix: string; ids: string[] }): string[] {
  const ids: string[] = []
  const links = document.createElement('div')
  links.setAttribute('aria-hidden', 'true')
  links.style.cssText = 'position:absolute;top:0;left:0;width:1px;height:1px;overflow:hidden'
  const probe = (name: string) => {
    const link = document.createElement('a')
    link.href = `#${name}`
    link.style.cssText = 'display:inline-block;width:1px;height:1px'
    links.appendChild(link)
  }
  for (const id of wanted) {
    const box = document.getElementById(id)
    if (!box) continue
    ids.push(id)
    if (getComputedStyle(box).position === 'static') (box as HTMLElement).style.position = 'relative'
    for (const edge of ['top', 'bottom'] as const) {
      const anchor = document.createElement('span')
      anchor.id = `${prefix}${edge}-${id}`
      anchor.style.cssText = `position:absolute;left:0;${edge}:0;width:1px;height:1px`
      box.appendChild(anchor)
      probe(anchor.id)
    }
  }
  document.body.appendChild(links)
  return ids
}

/**
 * The boxes of the handout's slide pictures as printed, in points from the
 * top left of their sheet (one sheet is one A4 page). The print stage hides
 * the pictures themselves before the page is laid out (their boxes keep
 * their size) and draws the deck's own printed pages there.
 * `ids`: the handout's items, by element id, and the slide (0-based) each shows.
 */
export function slideBoxes(ids: Array<[string, number]>): Array<{ slide: number; page: number; x: number; y: number; width: number; height: number }> {
  const PX_TO_PT = 0.75
  const boxes: Array<{ slide: number; page: number; x: number; y: number; width: number; height: number }> = []
  const sheets = Array.from(document.querySelectorAll('.sheet'))
  for (const [id, slide] of ids) {
    const item = document.getElementById(id)
    const thumb = item?.querySelector('.wk-thumb')
    const sheet = item?.closest('.sheet')
    if (!thumb || !sheet) continue
    const page = sheets.indexOf(sheet)
    const at = thumb.getBoundingClientRect()
    const origin = sheet.getBoundingClientRect()
    boxes.push({
      slide,
      page,
      x: (at.left - origin.left + thumb.clientLeft) * PX_TO_PT,
      y: (at.top - origin.top + thumb.clientTop) * PX_TO_PT,
      width: thumb.clientWidth * PX_TO_PT,
      height: thumb.clientHeight * PX_TO_PT,
    })
  }
  return boxes
}

/**
 * Runs in every page before its own scripts: RTCPeerConnection and
 * WebTransport tell the kit, through `binding`, what they were asked to
 * connect to, then go on as they would (the browser itself has no network,
 * so they connect nowhere; this only lets the kit say where they were asked).
 */
export function watchConnections(binding: string): void {
  type Reporter = (kind: string, url: string) => void
  const scope = globalThis as unknown as Record<string, unknown>
  const tell = (kind: string, url: unknown) => {
    try {
      ;(scope[binding] as Reporter)(kind, String(url))
    } catch {
      // The page removed the binding: the browser still blocks the connection.
    }
  }
  const watch = (name: string, kind: string, urlsOf: (args: unknown[]) => unknown[]) => {
    const Original = scope[name] as (new (...args: unknown[]) => object) | undefined
    if (typeof Original !== 'function') return
    const Watched = function (this: unknown, ...args: unknown[]) {
      for (const url of urlsOf(args)) tell(kind, url)
      return Reflect.construct(Original, args, new.target ?? Watched)
    } as unknown as new (...args: unknown[]) => object
    Watched.prototype = Original.prototype
    Object.setPrototypeOf(Watched, Original)
    Object.defineProperty(scope, name, { value: Watched, writable: true, configurable: true, enumerable: false })
  }
  const iceServers = (args: unknown[]) => {
    const servers = ((args[0] as { iceServers?: Array<{ urls?: unknown; url?: unknown }> } | undefined)?.iceServers ?? []).flatMap((server) => {
      const urls = server?.urls ?? server?.url ?? []
      return Array.isArray(urls) ? urls : [urls]
    })
    return servers.length ? servers : ['']
  }
  watch('RTCPeerConnection', 'webrtc', iceServers)
  watch('webkitRTCPeerConnection', 'webrtc', iceServers)
  watch('WebTransport', 'webtransport', (args) => [args[0]])
}
