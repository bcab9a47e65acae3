// A client's brand fonts (brand.fonts): font files of the project embedded
// as @font-face rules in that client's pages and slides, so the kit looks
// right without the font installed; a missing, outside or non-font file is
// an error at the line that names it; a changed font file rebuilds the kit.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build, formatDiagnostic, type BuildResult } from '../src/index.js'
import { makeProject, minimalLesson, repoRoot } from './helpers/project.js'

const KATEX_FONTS = path.join(repoRoot, 'node_modules', 'katex', 'dist', 'fonts')
const REGULAR = path.join(KATEX_FONTS, 'KaTeX_Main-Regular.woff2')
const BOLD = path.join(KATEX_FONTS, 'KaTeX_Main-BoldItalic.ttf')

const ACME = `name: Acme
brand:
  font: Acme Sans, sans-serif
  fonts:
    - file: ../fonts/acme.woff2
    - file: ../fonts/acme-bold.ttf
      weight: 700
      style: italic
`

function project(files: Record<string, string> = {}): string {
  const root = makeProject({
    'content/workshop.yml': 'title: Taller\nlessons: [intro]\n',
    'content/lessons/intro.md': minimalLesson,
    'content/clients/acme.yml': ACME,
    'content/clients/beta.yml': 'name: Beta\n',
    ...files,
  })
  mkdirSync(path.join(root, 'content', 'fonts'), { recursive: true })
  copyFileSync(REGULAR, path.join(root, 'content', 'fonts', 'acme.woff2'))
  copyFileSync(BOLD, path.join(root, 'content', 'fonts', 'acme-bold.ttf'))
  return root
}

const report = (root: string, result: BuildResult) => result.diagnostics.map((d) => formatDiagnostic(d, (file) => path.relative(root, file))).join('\n')
const read = (root: string, file: string) => readFileSync(path.join(root, 'dist', file), 'utf8')
const fontFace = (file: string, mime: string, format: string, weight: number, style: string) =>
  `@font-face { font-family: "Acme Sans"; src: url("data:${mime};base64,${readFileSync(file).toString('base64')}") format("${format}"); font-weight: ${weight}; font-style: ${style}; font-display: block; }`

describe('brand fonts', () => {
  it('embeds the font files in every page and slide deck of that client, and in deck.md', async () => {
    const root = project()
    const result = await build({ root, formats: ['html'] })
    expect(result.ok, report(root, result)).toBe(true)
    const regular = fontFace(REGULAR, 'font/woff2', 'woff2', 400, 'normal')
    const bold = fontFace(BOLD, 'font/ttf', 'truetype', 700, 'italic')
    for (const page of ['deck.html', 'lessons/intro.html', 'worksheet.html', 'guide.html', 'index.html']) {
      const html = read(root, `acme/${page}`)
      expect(html, page).toContain(regular)
      expect(html, page).toContain(bold)
      expect(html, page).toContain('--wk-font: "Acme Sans", sans-serif;')
    }
    expect(read(root, 'acme/deck.md')).toContain(regular)
    // Only that client's kit carries them.
    expect(read(root, 'beta/deck.html')).not.toContain('@font-face { font-family: "Acme Sans"')
  })

  it('a font set in workshop.yml defaults is relative to workshop.yml; family says which family a file provides', async () => {
    const root = project({
      'content/workshop.yml': 'title: Taller\nlessons: [intro]\ndefaults:\n  brand:\n    fonts:\n      - file: fonts/acme.woff2\n        family: House Serif\n',
    })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok, report(root, result)).toBe(true)
    expect(read(root, 'beta/worksheet.html')).toContain('@font-face { font-family: "House Serif"; src: url("data:font/woff2;base64,')
  })

  it('a missing font file, one outside the project, or a file that is no font: an error at the line naming it', async () => {
    const cases: Array<[string, string, string]> = [
      ['../fonts/nope.woff2', 'missing-font', 'content/clients/acme.yml:5:13: error: font file "../fonts/nope.woff2" not found (looked for content/fonts/nope.woff2)'],
      ['../../../outside.woff2', 'font-outside-project', 'content/clients/acme.yml:5:13: error: font file "../../../outside.woff2" is outside the project folder'],
      ['../fonts/logo.png', 'bad-font', 'content/clients/acme.yml:5:13: error: font file "../fonts/logo.png" is not a font the kit can embed'],
      ['../fonts/page.woff2', 'bad-font', 'content/clients/acme.yml:5:13: error: font file "../fonts/page.woff2" is not a font the kit can embed'],
    ]
    for (const [file, code, expected] of cases) {
      const root = project({ 'content/clients/acme.yml': `name: Acme\nbrand:\n  font: Acme Sans\n  fonts:\n    - file: ${file}\n` })
      writeFileSync(path.join(root, 'content', 'fonts', 'logo.png'), '\x89PNG\r\n')
      writeFileSync(path.join(root, 'content', 'fonts', 'page.woff2'), '<!doctype html>')
      const result = await build({ root, formats: ['html'] })
      expect(result.ok, file).toBe(false)
      expect(result.diagnostics.map((d) => d.code), file).toEqual([code])
      expect(report(root, result), file).toContain(expected)
    }
  })

  it('a font file over 2 MB is a warning at the line naming it (every page embeds a copy)', async () => {
    const root = project({ 'content/clients/acme.yml': 'name: Acme\nbrand:\n  fonts:\n    - file: ../fonts/huge.ttf\n' })
    writeFileSync(path.join(root, 'content', 'fonts', 'huge.ttf'), Buffer.concat([Buffer.from([0, 1, 0, 0]), Buffer.alloc(3 * 1024 * 1024)]))
    const result = await build({ root, formats: ['html'] })
    expect(result.ok, report(root, result)).toBe(true)
    expect(report(root, result)).toContain('content/clients/acme.yml:4:13: warning: font file "../fonts/huge.ttf" is 3 MB, over the 2 MB a font may have')
  })

  it('checks the fields of a font entry', async () => {
    const root = project({ 'content/clients/acme.yml': 'name: Acme\nbrand:\n  fonts:\n    - file: ../fonts/acme.woff2\n      style: oblique\n      wieght: 700\n' })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(false)
    const text = report(root, result)
    expect(text).toContain('content/clients/acme.yml:5:14: error: brand.fonts.0.style is "oblique", allowed: "normal", "italic"')
    expect(text).toContain('content/clients/acme.yml:6:7: error: unknown field "wieght" in brand.fonts.0 (did you mean "weight"?)')
  })

  it('a changed font file builds that client again', async () => {
    const root = project()
    expect((await build({ root, formats: ['html'] })).ok).toBe(true)
    expect((await build({ root, formats: ['html'] })).upToDate.sort()).toEqual(['acme', 'beta'])
    copyFileSync(path.join(KATEX_FONTS, 'KaTeX_Math-Italic.woff2'), path.join(root, 'content', 'fonts', 'acme.woff2'))
    const again = await build({ root, formats: ['html'] })
    expect(again.upToDate).toEqual(['beta'])
    expect(read(root, 'acme/deck.html')).toContain(readFileSync(path.join(KATEX_FONTS, 'KaTeX_Math-Italic.woff2')).toString('base64'))
  })
})
