// The client's brand (colours, font) as CSS custom properties the kit theme
// and pages read: the same values, set where each output needs them.
import type { ClientData } from '../project/cascade.js'

/** The brand as CSS custom properties the kit theme reads. */
export function brandCss(client: ClientData): string {
  const families = client.brand.font
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => (/^(serif|sans-serif|monospace|cursive|fantasy|system-ui)$/.test(f) ? f : `"${f}"`))
    .join(', ')
  return `section { --wk-primary: ${client.brand.primary}; --wk-secondary: ${client.brand.secondary}; --wk-font: ${families}; }`
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
