// slides.pdf, the participants' slides, is deck.pdf's pages (one print, not
// two), with its own title and bookmarks, no note text; the client index links
// every PDF the build wrote. One small project, printed once.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { findChromium } from '../../lib/print/browser.js'
import { build, type BuildResult } from '../../lib/index.js'
import { openPdf, pdfOutline, pdfText } from '../helpers/pdf.js'
import { minimalProject } from '../helpers/project.js'

const chromium = findChromium()
const skip = process.env.WORKSHOP_KIT_SKIP_BROWSER === '1'
if (!chromium.path && !skip) throw new Error(`These tests need Chromium: ${chromium.reason}. Set WORKSHOP_KIT_SKIP_BROWSER=1 to skip them.`)
const describeBrowser = skip ? describe.skip : describe

describeBrowser('slides.pdf', () => {
  let out: string
  let result: BuildResult
  const kit = (name: string) => path.join(out, 'acme', name)

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'wk-participant-pdf-'))
    result = await build({ root: minimalProject(), out, formats: ['html', 'pdf'] })
  })

  it('has deck.pdf\'s pages, its own title and the same bookmarks, and no note', async () => {
    expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true)
    const deck = await openPdf(kit('deck.pdf'))
    const slides = await openPdf(kit('slides.pdf'))
    expect(slides.getPageCount()).toBe(deck.getPageCount())
    expect(slides.getPageCount()).toBeGreaterThan(2)
    expect(slides.getTitle()).toBe('Diapositivas · Taller de prueba · Acme')
    expect(pdfOutline(slides)).toEqual(pdfOutline(deck))
    expect(pdfText(kit('slides.pdf'))).toBe(pdfText(kit('deck.pdf')))
    for (const secret of ['Nota del ponente', 'SECRET_SOLUTION', 'SECRET_FACILITATOR']) expect(pdfText(kit('slides.pdf'))).not.toContain(secret)
  })

  it('the client index links each PDF written, and every link leads to a file', () => {
    const index = readFileSync(kit('index.html'), 'utf8')
    const links = [...index.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).filter((href) => !href.startsWith('..'))
    for (const pdf of ['slides.pdf', 'worksheet.pdf', 'deck.pdf', 'guide.pdf', 'lessons/intro.pdf']) expect(links).toContain(pdf)
    for (const href of links) expect(existsSync(kit(href)), href).toBe(true)
  })
})
