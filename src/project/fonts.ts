// A client's brand fonts (brand.fonts): each file checked, as the logo is,
// to exist inside the project and be a font the kit can embed; reported at
// the place that sets it (the client file, or workshop.yml's defaults).
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import type { Place, Reporter } from '../diagnostics/reporter.js'
import type { ClientData } from './cascade.js'
import { projectFileAt } from './project-file.js'
import type { DataPath } from './yaml-source.js'

/** A brand font ready to embed: its file (absolute), the family it provides, its weight and style. */
export interface FontFile {
  file: string
  family: string
  weight: number
  style: 'normal' | 'italic'
}

const FONT_TYPES = /\.(woff2|woff|ttf|otf)$/i

/** Above this size a font file is a warning: every page of the client's kit embeds a copy. */
export const FONT_LIMIT_BYTES = 2 * 1024 * 1024
const megabytes = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10

/**
 * The brand's font files, checked; false when one is unusable (reported).
 * `origin` says where a value was set: a path is relative to that file.
 */
/** The first family of a CSS font list (brand.font): the brand's own font. */
export const firstFontFamily = (font: string) => font.split(',')[0].trim()

export function checkFonts(root: string, client: ClientData, origin: (path: DataPath) => Place | undefined, reporter: Reporter): FontFile[] | false {
  const fonts: FontFile[] = []
  let ok = true
  // The family a file provides unless it says: the first of brand.font.
  const family = firstFontFamily(client.brand.font)
  client.brand.fonts.forEach((font, index) => {
    const at = origin(['brand', 'fonts', index, 'file'])
    const file = checkFontFile(root, font.file, at, reporter)
    if (!file) {
      ok = false
      return
    }
    const bytes = statSync(file).size
    if (bytes > FONT_LIMIT_BYTES) reporter.report('large-font', { font: font.file, megabytes: megabytes(bytes), limit: megabytes(FONT_LIMIT_BYTES) }, at)
    fonts.push({ file, family: font.family?.trim() || family, weight: font.weight ?? 400, style: font.style ?? 'normal' })
  })
  return ok && fonts
}

function checkFontFile(root: string, font: string, at: Place | undefined, reporter: Reporter): string | false {
  if (!at?.file) return false
  const found = projectFileAt(root, font, at.file)
  if (found.kind === 'outside') {
    reporter.report('font-outside-project', { font, ...(found.throughLink ? { throughLink: true } : {}) }, at)
    return false
  }
  if (found.kind === 'missing') {
    reporter.report('missing-font', { font, lookedFor: found.lookedFor }, at)
    return false
  }
  const resolved = found.file
  if (!FONT_TYPES.test(resolved) || !looksLikeFont(resolved)) {
    reporter.report('bad-font', { font }, at)
    return false
  }
  return resolved
}

/** The first bytes of a font file: woff2, woff, OpenType with CFF, TrueType ("\0\1\0\0" or "true"). */
const FONT_SIGNATURES = ['wOF2', 'wOFF', 'OTTO', '\x00\x01\x00\x00', 'true']

/** A page or a text file renamed .woff2 is no font: the browser would drop it without a word. */
function looksLikeFont(file: string): boolean {
  const head = Buffer.alloc(4)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, head, 0, 4, 0)
  } finally {
    closeSync(fd)
  }
  return FONT_SIGNATURES.includes(head.toString('latin1'))
}
