// Readable brand colours: text on a brand colour is black or white by WCAG
// contrast, a brand colour too light to be text is drawn as text in a darker
// shade of itself, and the client file that chose it hears so, at the line.
import path from 'node:path'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { build, formatDiagnostic } from '../src/index.js'
import { brandColours, contrastRatio, textOn } from '../src/kit/contrast.js'
import { makeProject, minimalLesson } from './helpers/project.js'

const SOFT = '#f4f6f8'

describe('brand colours', () => {
  it('puts black or white on a brand colour, whichever reads at 4.5:1 or better', () => {
    for (const colour of ['#ffe14d', '#7fe7f0', '#f29e4c', '#1d4e89', '#777777', '#808080', '#000000', '#ffffff']) {
      const text = textOn(colour)
      expect(contrastRatio(text, colour), colour).toBeGreaterThanOrEqual(4.5)
    }
    expect(textOn('#ffe14d')).toBe('#000000')
    expect(textOn('#1d4e89')).toBe('#ffffff')
  })

  it('keeps a dark brand colour as text and darkens a pale one, keeping its hue', () => {
    expect(brandColours('#1d4e89', '#f29e4c').primaryText).toBe('#1d4e89')
    for (const colour of ['#ffe14d', '#7fe7f0', '#f2c14e', '#2ec4b6']) {
      const { primaryText, secondaryMark } = brandColours(colour, colour)
      expect(contrastRatio(primaryText, SOFT), colour).toBeGreaterThanOrEqual(4.5)
      expect(contrastRatio(secondaryMark, '#ffffff'), colour).toBeGreaterThanOrEqual(3)
      expect(primaryText).not.toBe(colour)
      // Same hue family: the largest channel stays the largest.
      const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
      const top = (hex: string) => channels(hex).indexOf(Math.max(...channels(hex)))
      expect(top(primaryText), colour).toBe(top(colour))
    }
  })

  it('writes the derived colours into every page and deck.md, and warns at the line that set a pale primary', async () => {
    const root = makeProject({
      'content/workshop.yml': 'title: Taller\nlessons: [intro]\n',
      'content/lessons/intro.md': minimalLesson,
      'content/clients/sol.yml': 'name: Sol\nbrand:\n  primary: "#ffe14d"\n  secondary: "#7fe7f0"\n',
      'content/clients/mar.yml': 'name: Mar\nbrand:\n  primary: "#0b3d91"\n',
    })
    const result = await build({ root })
    const said = result.diagnostics.map((d) => formatDiagnostic(d, (f) => path.relative(root, f)))
    expect(said.filter((d) => d.includes('light-brand-colour') || d.includes('too light'))).toHaveLength(1)
    const warning = said.find((d) => d.includes('too light'))!
    expect(warning).toContain('content/clients/sol.yml:3')
    expect(warning).toContain('brand.primary "#ffe14d"')
    const deck = readFileSync(path.join(root, 'dist', 'sol', 'deck.html'), 'utf8')
    expect(deck).toContain('--wk-on-primary: #000000;')
    expect(deck).toMatch(/--wk-primary-text: #[0-9a-f]{6};/)
    expect(readFileSync(path.join(root, 'dist', 'sol', 'deck.md'), 'utf8')).toContain('--wk-on-primary: #000000;')
    expect(readFileSync(path.join(root, 'dist', 'sol', 'worksheet.html'), 'utf8')).toContain('--wk-primary-text:')
    expect(readFileSync(path.join(root, 'dist', 'mar', 'deck.html'), 'utf8')).toContain('--wk-on-primary: #ffffff;')
  })
})
