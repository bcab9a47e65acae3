// Stage "render": Marp markdown to slide HTML and CSS with marp-core. One
// Marp instance serves a whole build; themes are registered once and the
// client's brand is set per client. Everything works offline: emoji are
// Unicode characters, KaTeX fonts are embedded when a deck uses math.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Marp } from '@marp-team/marp-core'
import katexPlugin from '@marp-team/marp-core/plugins/katex'
import { decodeHTML } from 'entities'
import type { Reporter } from '../diagnostics/reporter.js'
import type { ThemeFile } from '../project/load.js'
import { VALUE_COLON_REFERENCE } from '../template/sentinels.js'

export interface RenderedDeck {
  /** The slides: Marp's <div class="marpit"> with one <svg> per slide. */
  html: string
  css: string
  /** Presenter notes per slide, as plain text. */
  notes: string[][]
  /** First heading of each slide, as plain text ('' when none). */
  titles: string[]
  /** Slide size in CSS pixels (the theme's, or the deck's "size" directive). */
  size: { width: number; height: number }
}

const KATEX_FONT_BASE = 'workshop-kit-katex-fonts/'
const KIT_THEME = 'workshop-kit'

export class DeckRenderer {
  private readonly marp: Marp
  private fontCss = new Map<string, string>()

  constructor(themes: ThemeFile[], reporter: Reporter) {
    this.marp = new ThemeKeepingMarp({
      html: true,
      // Unicode emoji instead of images fetched from a CDN.
      emoji: { shortcode: true, unicode: false },
      // Marp's small inline script (fitting headings) stays; it is not fetched.
      script: { source: 'inline' },
    })
      .use(katexPlugin({ fontPath: KATEX_FONT_BASE, options: { strict: 'ignore', throwOnError: false } }))
      .use(stableScopeKeys)
      .use(valueColonsStayText)
    let kitCss = ''
    for (const theme of themes) {
      try {
        this.marp.themeSet.add(theme.css)
        if (theme.name === KIT_THEME) kitCss = theme.css
      } catch (error) {
        reporter.report('theme-error', { theme: path.basename(theme.file), error: (error as Error).message }, { file: theme.file })
      }
    }
    // Lessons without a theme of their own get the kit's. The client's brand
    // is not part of any theme: pages set it (brandSlideCss), so one compiled
    // theme serves every client.
    if (kitCss) this.marp.themeSet.default = this.marp.themeSet.get(KIT_THEME)
  }

  render(markdown: string): RenderedDeck {
    const { html, css, comments } = this.marp.render(markdown)
    return {
      html,
      css: this.embedKatexFonts(css),
      notes: (comments as string[][]).map((slide) => slide.map((note) => decodeHTML(note))),
      titles: slideTitles(html),
      size: slideSize(html),
    }
  }

  /** How many slides a piece of Marp markdown makes, without rendering it. */
  countSlides(markdown: string): number {
    return this.marp.markdown.parse(markdown, {}).filter((token: { type: string }) => token.type === 'marpit_slide_open').length
  }

  private embedKatexFonts(css: string): string {
    if (!css.includes(KATEX_FONT_BASE)) return css
    return css.replace(/url\((['"]?)workshop-kit-katex-fonts\/([\w-]+)\.(woff2|woff|ttf)\1\)/g, (_, _q, name: string) => {
      return `url(${this.katexFont(name)})`
    })
  }

  private katexFont(name: string): string {
    let uri = this.fontCss.get(name)
    if (!uri) {
      const fonts = path.join(path.dirname(requireFrom.resolve('katex/package.json')), 'dist', 'fonts')
      uri = `data:font/woff2;base64,${readFileSync(path.join(fonts, `${name}.woff2`)).toString('base64')}`
      this.fontCss.set(name, uri)
    }
    return uri
  }
}

const requireFrom = createRequire(import.meta.url)

/**
 * Marp compiles the theme CSS (PostCSS) on every render, and that is most of
 * a render's time. The result depends only on the theme and the deck's
 * options (inline style, size...), so this Marp keeps it per theme object
 * and options, through renderStyle, the method Marpit leaves to subclasses.
 */
class ThemeKeepingMarp extends Marp {
  private readonly packed = new WeakMap<object, Map<string, string>>()

  protected override renderStyle(theme?: string): string {
    const options = this.themeSetPackOptions()
    const themeObject = this.themeSet.get(theme ?? '', true) as unknown as object
    const key = JSON.stringify(options)
    let byOptions = this.packed.get(themeObject)
    if (!byOptions) this.packed.set(themeObject, (byOptions = new Map()))
    let css = byOptions.get(key)
    if (css === undefined) byOptions.set(key, (css = this.themeSet.pack(theme as string, options)))
    return css
  }
}

type MarkdownIt = Marp['markdown']
type SlideToken = { type: string; meta?: Record<string, unknown> | null; attrSet(name: string, value: string): void }

/**
 * Marpit names each slide's `<style scoped>` with a random key, so the same
 * deck rendered twice differs. This markdown-it rule runs just before
 * Marpit's own and gives each such slide a key made from its position in
 * the deck, which Marpit then keeps: same input, same bytes out.
 */
function stableScopeKeys(md: MarkdownIt): void {
  md.core.ruler.before('marpit_style_assign', 'workshop_kit_scope_keys', (state: { inlineMode: boolean; tokens: SlideToken[] }) => {
    if (state.inlineMode) return
    let slide: SlideToken | undefined
    let index = 0
    for (const token of state.tokens) {
      if (token.meta?.marpitSlideElement === 1) {
        slide = token
        index++
      } else if (token.meta?.marpitSlideElement === -1) {
        slide = undefined
      } else if (slide && token.type === 'marpit_style' && token.meta?.marpitStyleScoped && !slide.meta?.marpitStyleScoped) {
        const key = `wk${String(index).padStart(6, '0')}`
        slide.meta = { ...slide.meta, marpitStyleScoped: { key } }
        slide.attrSet(`data-marpit-scope-${key}`, '')
      }
    }
  })
}

type InlineToken = { type: string; markup: string; content: string; children: InlineToken[] | null }

/**
 * Client values are text: "Café :coffee: Bar" keeps its ":coffee:". Their
 * colons arrive as the kit's own character reference (sentinels.ts); before
 * markdown-it joins the text, each becomes a token of its own that is not
 * text (a plain ":" written as is), so Marp's emoji rule, which reads text
 * tokens, never sees a shortcode across a value.
 */
function valueColonsStayText(md: MarkdownIt): void {
  const each = (tokens: InlineToken[] | null, visit: (token: InlineToken) => void) => {
    for (const token of tokens ?? []) {
      visit(token)
      each(token.children, visit)
    }
  }
  md.core.ruler.before('text_join', 'workshop_kit_value_colons', (state: { tokens: InlineToken[] }) => {
    each(state.tokens, (token) => {
      if (token.type === 'text_special' && token.markup === VALUE_COLON_REFERENCE) token.type = 'html_inline'
    })
  })
}

/**
 * Cuts a rendered deck into decks of their own: slices(first, count) gives
 * slides `first`..`first + count - 1` with the same markup, styles and notes
 * (and slide numbers, as in the deck). Where each slide starts is found once
 * for all the slices. Marp's inline script sits in the deck's last slide; it
 * goes after the slides, where it works the same.
 */
export function deckSlicer(deck: RenderedDeck): (first: number, count: number) => RenderedDeck {
  const starts = [...deck.html.matchAll(/<svg data-marpit-svg/g)].map((m) => m.index)
  const end = deck.html.lastIndexOf('</div>')
  const last = starts.length ? deck.html.slice(starts[starts.length - 1], end) : ''
  const at = last.lastIndexOf('<script>')
  const close = at < 0 ? -1 : last.indexOf('</script>', at)
  const script = close < 0 ? '' : last.slice(at, close + '</script>'.length)
  const slideHtml = (i: number) => deck.html.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : end)
  return (first, count) => {
    const slides = Array.from({ length: count }, (_, i) => slideHtml(first + i)).join('')
    return {
      html: `${deck.html.slice(0, starts[0] ?? end)}${slides}</div>${slides.includes(script) ? '' : script}`,
      css: deck.css,
      notes: deck.notes.slice(first, first + count),
      titles: deck.titles.slice(first, first + count),
      size: deck.size,
    }
  }
}

function slideSize(html: string): { width: number; height: number } {
  const match = /<svg data-marpit-svg[^>]*viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(html)
  return match ? { width: Number(match[1]), height: Number(match[2]) } : { width: 1280, height: 720 }
}

function slideTitles(html: string): string[] {
  return html
    .split(/<svg data-marpit-svg[^>]*>/)
    .slice(1)
    .map((slide) => {
      const heading = /<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/.exec(slide)
      return heading ? decodeHTML(heading[1].replace(/<[^>]+>/g, '')).trim() : ''
    })
}
