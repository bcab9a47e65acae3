// Readable brand colours. A client picks two colours for its identity; the
// kit draws text on them (the title slide, table headings, minute badges) and
// draws them as text (headings, links, emphasis). Both must pass WCAG 2's
// contrast: text on a brand colour is black or white, whichever reads better,
// and a brand colour too light to be text on the kit's backgrounds is
// replaced, as text only, by a darker shade of itself (same hue and
// saturation), so fills, rules and borders keep the client's exact colour.
import type { Reporter } from '../diagnostics/reporter.js'
import type { ClientEntry } from '../project/load.js'

/** WCAG 2 contrast for normal text (AA); large text needs 3:1, markers and rules 3:1. */
export const TEXT_CONTRAST = 4.5
export const MARK_CONTRAST = 3

/** The lightest background the kit puts brand-coloured text on (its soft panel grey, #f4f6f8). */
const LIGHTEST_BACKGROUND = '#f4f6f8'

type Rgb = [number, number, number]

const parse = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb
const toHex = (rgb: Rgb) => '#' + rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')

/** WCAG 2 relative luminance of an sRGB colour. */
export function luminance(hex: string): number {
  const [r, g, b] = parse(hex).map((c) => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG 2 contrast ratio of two colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

/** Black or white: the text colour that reads better on `background` (always at least 4.58:1). */
export function textOn(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff'
}

/**
 * `colour` if it reaches `ratio` against the kit's light backgrounds, else the
 * lightest darker shade of it that does (lightness lowered in HSL, hue and
 * saturation kept). Black always reaches it, so there is always an answer.
 */
export function readableOnLight(colour: string, ratio: number): string {
  // A little above the bar: browsers blend text edges, and checkers round.
  const goal = ratio * 1.02
  if (contrastRatio(colour, LIGHTEST_BACKGROUND) >= goal) return colour
  const [h, s, l] = toHsl(parse(colour))
  // Lightness is searched in steps of 1/1000: the answer is the lightest that passes.
  let low = 0
  let high = Math.round(l * 1000)
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2)
    if (contrastRatio(toHex(fromHsl(h, s, mid / 1000)), LIGHTEST_BACKGROUND) >= goal) low = mid
    else high = mid
  }
  return toHex(fromHsl(h, s, low / 1000))
}

/** The colours the kit derives from a client's two brand colours. */
export interface BrandColours {
  primary: string
  secondary: string
  /** Text drawn on the brand colour. */
  onPrimary: string
  onSecondary: string
  /** The brand colour as text on white or the kit's soft grey. */
  primaryText: string
  secondaryText: string
  /** The accent as a bullet or a thin mark on white (3:1, as for non-text contrast). */
  secondaryMark: string
}

export function brandColours(primary: string, secondary: string): BrandColours {
  const p = primary.toLowerCase()
  const s = secondary.toLowerCase()
  return {
    primary: p,
    secondary: s,
    onPrimary: textOn(p),
    onSecondary: textOn(s),
    primaryText: readableOnLight(p, TEXT_CONTRAST),
    secondaryText: readableOnLight(s, TEXT_CONTRAST),
    secondaryMark: readableOnLight(s, MARK_CONTRAST),
  }
}

function toHsl([r, g, b]: Rgb): [number, number, number] {
  const [rn, gn, bn] = [r / 255, g / 255, b / 255]
  const max = Math.max(rn, gn, bn)
  const min = Math.min(rn, gn, bn)
  const l = (max + min) / 2
  if (max === min) return [0, 0, l]
  const d = max - min
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min)
  const h = max === rn ? (gn - bn) / d + (gn < bn ? 6 : 0) : max === gn ? (bn - rn) / d + 2 : (rn - gn) / d + 4
  return [h / 6, s, l]
}

function fromHsl(h: number, s: number, l: number): Rgb {
  if (s === 0) return [l * 255, l * 255, l * 255]
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s
  const p = 2 * l - q
  const channel = (t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t
    if (u < 1 / 6) return p + (q - p) * 6 * u
    if (u < 1 / 2) return q
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6
    return p
  }
  return [channel(h + 1 / 3) * 255, channel(h) * 255, channel(h - 1 / 3) * 255]
}

/**
 * Says where a client's main colour is too light to be text: the kit then
 * draws headings, links and emphasis in a darker shade the client did not
 * choose. Said at the place that sets brand.primary (the client file, or
 * workshop.yml's defaults).
 */
export function reportLightBrand(entry: ClientEntry, reporter: Reporter): void {
  const { primary } = entry.data.brand
  const shade = readableOnLight(primary.toLowerCase(), TEXT_CONTRAST)
  if (shade === primary.toLowerCase()) return
  const ratio = Math.floor(contrastRatio(primary, '#ffffff') * 100) / 100
  reporter.report('light-brand-colour', { field: 'brand.primary', colour: primary, ratio, needed: TEXT_CONTRAST, shade }, entry.origin(['brand', 'primary']) ?? { file: entry.file })
}
