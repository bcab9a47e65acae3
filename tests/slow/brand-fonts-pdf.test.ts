// Brand fonts reach the PDFs: a font that is not installed on the machine,
// given as a client's brand.fonts file, is the font the deck and the
// worksheet are printed with (embedded in the PDF), in a real Chromium.
import { copyFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { findChromium } from '../../lib/print/browser.js'
import { build } from '../../lib/index.js'
import { openPdf, pdfFontNames } from '../helpers/pdf.js'
import { makeProject, repoRoot } from '../helpers/project.js'

const skip = process.env.WORKSHOP_KIT_SKIP_BROWSER === '1'
if (!findChromium().path && !skip) throw new Error('These tests need Chromium (apt-get install -y chromium) or WORKSHOP_KIT_SKIP_BROWSER=1.')
const describeBrowser = skip ? describe.skip : describe

describeBrowser('brand fonts in PDFs', () => {
  it('prints the deck and the worksheet with the brand\'s font file', async () => {
    const root = makeProject({
      'content/workshop.yml': 'title: Taller\nlessons: [intro]\n',
      'content/lessons/intro.md': '# Hola mundo\n\nTexto con la fuente de la marca.\n\n:::exercise{title="Piensa" minutes=5}\n¿Qué harías?\n\n::answer{lines=2}\n:::\n',
      'content/clients/acme.yml': 'name: Acme\nbrand:\n  font: Acme Sans\n  fonts:\n    - file: ../fonts/acme.woff2\n',
    })
    mkdirSync(path.join(root, 'content', 'fonts'))
    // A font no system has installed under the name "Acme Sans".
    copyFileSync(path.join(repoRoot, 'node_modules', 'katex', 'dist', 'fonts', 'KaTeX_Main-Regular.woff2'), path.join(root, 'content', 'fonts', 'acme.woff2'))
    const result = await build({ root, formats: ['pdf'] })
    expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true)
    for (const pdf of ['deck.pdf', 'worksheet.pdf']) {
      const fonts = pdfFontNames(await openPdf(path.join(root, 'dist', 'acme', pdf)))
      expect(fonts.some((name) => /\+KaTeX_Main-Regular$/.test(name)), `${pdf}: ${fonts.join(', ')}`).toBe(true)
    }
  })
})
