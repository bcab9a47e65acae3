// The client's brand (colours, font, font files) as CSS custom properties the kit theme
// and pages read: the same values, set where each output needs them.
import path from 'node:path'
import { dataUri } from '../output/media-types.js'
import type { ClientData } from '../project/cascade.js'
import type { FontFile } from '../project/fonts.js'
import { brandColours } from './contrast.js'

/**
 * The brand as CSS custom properties the kit theme reads: the client's two
 * colours as given (fills, rules), and what contrast.ts derives from them for
 * text (black or white on each, and shades dark enough to be text on white).
 */
export function brandCss(client: ClientData): string {
  const families = client.brand.font
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => (/^(serif|sans-serif|monospace|cursive|fantasy|system-ui)$/.test(f) ? f : `"${f}"`))
    .join(', ')
  const c = brandColours(client.brand.primary, client.brand.secondary)
  const colours = [
    `--wk-primary: ${c.primary};`,
    `--wk-secondary: ${c.secondary};`,
    `--wk-on-primary: ${c.onPrimary};`,
    `--wk-on-secondary: ${c.onSecondary};`,
    `--wk-primary-text: ${c.primaryText};`,
    `--wk-secondary-text: ${c.secondaryText};`,
    `--wk-secondary-mark: ${c.secondaryMark};`,
  ].join(' ')
  return `section { ${colours} --wk-font: ${families}; }`
}

/**
 * The brand for slides shown in a kit page. It comes before Marp's CSS, so a
 * lesson's own "style" still overrides it, as it does in deck.md.
 */
export function brandSlideCss(client: ClientData): string {
  return brandCss(client).replace(/^section/, 'div.marpit > svg > foreignObject > section')
}

/** Brand colours and font for the HTML pages (worksheet, guide, indexes). */
export function brandPageCss(client: ClientData): string {
  return brandCss(client).replace(/^section/, ':root')
}

/** The format() names of @font-face, by file extension. */
const FONT_FORMATS: Record<string, string> = { woff2: 'woff2', woff: 'woff', ttf: 'truetype', otf: 'opentype' }

/**
 * The brand's font files as @font-face rules, each file embedded as a data:
 * URI: pages, decks and PDFs show the font without it being installed, and
 * the kit stays one folder that works offline.
 */
export function fontFaceCss(fonts: readonly FontFile[]): string {
  return fonts
    .map((font) => {
      const format = FONT_FORMATS[path.extname(font.file).slice(1).toLowerCase()]
      return `@font-face { font-family: "${font.family}"; src: url("${dataUri(font.file)}") format("${format}"); font-weight: ${font.weight}; font-style: ${font.style}; font-display: block; }`
    })
    .join('\n')
}
