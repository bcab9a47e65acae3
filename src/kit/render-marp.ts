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
  /** For a deck rendered in parts (the workshop deck), the index of each part's first slide. */
  partStarts?: number[]
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
      .use(workshopParts)
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

  /**
   * The workshop deck, rendered part by part (opening, each lesson, closing):
   * each part is a Marp deck of its own, so nothing in one lesson's markdown
   * (an unclosed code fence or <style>, a link reference definition) can
   * reach the next. The slides are then put together as one deck: slide ids,
   * scope keys and page numbers count across the whole workshop, the notes
   * follow the slides, and the CSS is compiled once with every part's styles
   * after `style` (the deck's global style), as Marp does for one file.
   */
  renderParts(parts: DeckPart[], style: string): { deck: RenderedDeck; counts: number[] } {
    const state: PartState = { firstSlide: 0, pagesBefore: 0, last: false, pageTotal: TOTAL_PLACEHOLDER, ownFrontMatter: false }
    const htmls: string[] = []
    const notes: string[][] = []
    const styles: string[] = style ? [style] : []
    const counts: number[] = []
    const partStarts: number[] = []
    for (let i = 0; i < parts.length; i++) {
      partStarts.push(state.firstSlide)
      state.last = i === parts.length - 1
      state.ownFrontMatter = parts[i].ownFrontMatter
      const { html, comments } = this.renderQuietly(parts[i].markdown, state)
      const marp = this.marp as unknown as { lastStyles?: string[] }
      styles.push(...(marp.lastStyles ?? []))
      notes.push(...(comments as string[][]).map((slide) => slide.map((note) => decodeHTML(note))))
      counts.push((comments as string[][]).length)
      state.firstSlide += (comments as string[][]).length
      state.pagesBefore = state.pagesAfter ?? state.pagesBefore
      htmls.push(html.slice(CONTAINER_OPEN.length, html.length - CONTAINER_CLOSE.length))
    }
    const total = ` data-marpit-pagination-total="${state.pagesBefore}"`
    const html = `${CONTAINER_OPEN}${htmls.join('').replaceAll(` data-marpit-pagination-total="${TOTAL_PLACEHOLDER}"`, total)}${CONTAINER_CLOSE}`
    ;(this.marp as unknown as { lastStyles?: string[] }).lastStyles = styles
    const css = (this.marp as unknown as { renderStyle(theme: string): string }).renderStyle(KIT_THEME)
    return {
      deck: { html, css: this.embedKatexFonts(css), notes, titles: slideTitles(html), size: slideSize(html), partStarts },
      counts,
    }
  }

  /** Renders one part of the workshop deck; its CSS is not compiled (renderParts does it once for all). */
  private renderQuietly(markdown: string, part: PartState): { html: string; comments: unknown } {
    const marp = this.marp as ThemeKeepingMarp
    marp.skipStyle = true
    try {
      const { html, comments } = marp.render(markdown, { [PART]: part })
      if (!html.startsWith(CONTAINER_OPEN) || !html.endsWith(CONTAINER_CLOSE)) throw new Error('unexpected Marp container')
      return { html, comments }
    } finally {
      marp.skipStyle = false
    }
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
  /** Set while a part of the workshop deck renders: its CSS is compiled with the others'. */
  skipStyle = false

  protected override renderStyle(theme?: string): string {
    if (this.skipStyle) return ''
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
type SlideToken = { type: string; meta?: Record<string, unknown> | null; attrSet(name: string, value: string): void; attrGet(name: string): string | null }

/**
 * Marpit names each slide's `<style scoped>` with a random key, so the same
 * deck rendered twice differs. This markdown-it rule runs just before
 * Marpit's own and gives each such slide a key made from its position in
 * the deck, which Marpit then keeps: same input, same bytes out.
 */
function stableScopeKeys(md: MarkdownIt): void {
  md.core.ruler.before('marpit_style_assign', 'workshop_kit_scope_keys', (state: { inlineMode: boolean; tokens: SlideToken[]; env?: PartEnv }) => {
    if (state.inlineMode) return
    let slide: SlideToken | undefined
    let index = state.env?.[PART]?.firstSlide ?? 0
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

/** A part of the workshop deck: Marp markdown with the part's front matter, and whether the lesson had front matter of its own. */
export interface DeckPart {
  markdown: string
  ownFrontMatter: boolean
}

const CONTAINER_OPEN = '<div class="marpit">'
const CONTAINER_CLOSE = '</div>'
const PART = 'workshopKitPart'
/** Stands for the workshop's page count until every part is rendered (digits only could be an author's). */
const TOTAL_PLACEHOLDER = 'wk-total'

/** Where a part of the workshop deck sits in it, handed to the rules below through markdown-it's env. */
interface PartState {
  /** Slides before this part. */
  firstSlide: number
  /** Page number reached before this part (Marpit's count: "skip" and "hold" slides do not count). */
  pagesBefore: number
  /** Set by the rule: the page number reached at the end of this part. */
  pagesAfter?: number
  pageTotal: string
  /** The last part keeps Marp's inline script (after the deck's last slide, as in one file). */
  last: boolean
  /**
   * Whether the lesson had front matter of its own. When it had none, the
   * front matter the part is given leaves no trace: its (hidden) token goes,
   * as it would change the markup around the first slide's first block.
   */
  ownFrontMatter: boolean
}
type PartEnv = { [PART]?: PartState }
type DirectiveToken = SlideToken & { meta?: { marpitSlide?: number; marpitDirectives?: Record<string, unknown>; marpCoreScriptTokens?: unknown } | null }

/**
 * For a part of the workshop deck: slide ids and page numbers as in the whole
 * deck. It runs right after Marpit applies the directives (Marpit's own
 * count, continued from the parts before), before anything copies a slide's
 * attributes (advanced backgrounds); the total is filled in when every part
 * is rendered. Marp's inline script is kept in the last part only.
 */
function workshopParts(md: MarkdownIt): void {
  md.core.ruler.after('block', 'workshop_kit_part_front_matter', (state: { inlineMode: boolean; tokens: DirectiveToken[]; env?: PartEnv }) => {
    const part = state.env?.[PART]
    if (state.inlineMode || !part || part.ownFrontMatter) return
    if (state.tokens[0]?.type === 'front_matter') state.tokens.splice(0, 1)
  })
  md.core.ruler.after('marpit_directives_apply', 'workshop_kit_part_pages', (state: { inlineMode: boolean; tokens: DirectiveToken[]; env?: PartEnv }) => {
    const part = state.env?.[PART]
    if (state.inlineMode || !part) return
    let page = part.pagesBefore
    for (const token of state.tokens) {
      if (token.type !== 'marpit_slide_open') continue
      const slide = token.meta?.marpitSlide ?? 0
      const paginate = token.meta?.marpitDirectives?.paginate
      if (token.attrGet('id') !== null) token.attrSet('id', String(part.firstSlide + slide + 1))
      if (!(paginate === 'skip' || paginate === 'hold')) page += 1
      if (paginate && paginate !== 'skip') {
        if (page <= 0) page = 1
        token.attrSet('data-marpit-pagination', String(page))
        token.attrSet('data-marpit-pagination-total', part.pageTotal)
      }
    }
    part.pagesAfter = page
  })
  md.core.ruler.after('marp_core_script', 'workshop_kit_part_script', (state: { inlineMode: boolean; tokens: DirectiveToken[]; env?: PartEnv }) => {
    const part = state.env?.[PART]
    if (state.inlineMode || !part || part.last) return
    for (const token of state.tokens) if (token.meta?.marpCoreScriptTokens) delete token.meta.marpCoreScriptTokens
  })
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
