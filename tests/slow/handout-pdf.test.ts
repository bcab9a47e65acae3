// handout.pdf through a real Chromium: one A4 page per sheet of 3 or 6
// slides, the slides drawn (their own HTML, scaled), numbered pages, and the
// print check that finds a slide cut across pages or pushed off its sheet.
// The handout's HTML: tests/handout.test.ts.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { findChromium } from '../../lib/print/browser.js'
import { build, type BuildResult } from '../../lib/index.js'
import { inkCoverage, openPdf, pdfText } from '../helpers/pdf.js'
import { minimalLesson, minimalProject } from '../helpers/project.js'

const chromium = findChromium()
const skip = process.env.WORKSHOP_KIT_SKIP_BROWSER === '1'
if (!chromium.path && !skip) {
  throw new Error(`These tests need Chromium: ${chromium.reason}. Install it (apt-get install -y chromium) or set WORKSHOP_KIT_SKIP_BROWSER=1.`)
}
const describeBrowser = skip ? describe.skip : describe

const A4 = { width: 595.28, height: 841.89 }
const slidesIn = (html: string) => (html.match(/<svg data-marpit-svg/g) ?? []).length

/** Two lessons of several slides each, so both layouts fill more than one page. */
const lessons = {
  'content/lessons/intro.md': minimalLesson,
  'content/lessons/segunda.md': `---\ntitle: Segunda lección\nduration: 20\n---\n\n${Array.from({ length: 8 }, (_, i) => `## Idea ${i + 1}\n\nTexto de la idea ${i + 1} para {{client.name}}.\n\n<!-- HIDDEN_NOTE_${i + 1} -->\n`).join('\n---\n\n')}`,
}

describeBrowser('handout.pdf', () => {
  let root: string
  let result: BuildResult
  const out = (file: string) => path.join(root, 'dist', file)

  beforeAll(async () => {
    root = minimalProject({
      ...lessons,
      'content/workshop.yml': 'title: Taller de prueba\nlessons:\n  - intro\n  - segunda\n',
      'content/clients/acme.yml': 'name: Acme\nbrand:\n  primary: "#7a1f5c"\n',
      'content/clients/seis.yml': 'name: Seis\nhandout:\n  layout: 6\n',
    })
    result = await build({ root, formats: ['html', 'pdf'] })
  }, 300_000)

  it('is printed for every client, in both layouts: one A4 page per sheet of 3 or 6 slides', async () => {
    expect(result.diagnostics).toEqual([])
    for (const [client, layout] of [['acme', 3], ['seis', 6]] as const) {
      const slides = slidesIn(readFileSync(out(`${client}/deck.html`), 'utf8'))
      expect(slides).toBeGreaterThan(12)
      const pdf = await openPdf(out(`${client}/handout.pdf`))
      expect(pdf.getPageCount(), client).toBe(Math.ceil(slides / layout))
      for (const page of pdf.getPages()) {
        expect(page.getWidth()).toBeCloseTo(A4.width, 0)
        expect(page.getHeight()).toBeCloseTo(A4.height, 0)
      }
      // The slides are the deck's printed pages, drawn in (one embedded page each), not printed a second time.
      const forms = (readFileSync(out(`${client}/handout.pdf`)).toString('latin1').match(/\/Subtype\s*\/Form/g) ?? []).length
      expect(forms, client).toBeGreaterThanOrEqual(slides)
      expect(pdf.getTitle()).toBe(`Apuntes · Taller de prueba · ${client === 'acme' ? 'Acme' : 'Seis'}`)
    }
  })

  it('shows the slides, numbered pages, and no notes or solutions', () => {
    const text = pdfText(out('acme/handout.pdf'))
    const pages = Math.ceil(slidesIn(readFileSync(out('acme/deck.html'), 'utf8')) / 3)
    for (let page = 1; page <= pages; page++) expect(text).toMatch(new RegExp(`\\b${page} ?/ ?${pages}\\b`))
    expect(text).toContain('Texto de la idea 3 para Acme.')
    expect(text).toContain('Diapositiva 7')
    for (const secret of ['SECRET_SOLUTION', 'SECRET_FACILITATOR', 'HIDDEN_NOTE', 'Nota del ponente']) expect(text).not.toContain(secret)
    // Each page is drawn: slides and lines, not a blank sheet.
    for (let page = 1; page <= pages; page++) expect(inkCoverage(out('acme/handout.pdf'), page), `page ${page}`).toBeGreaterThan(0.02)
  })

  it('reports a slide pushed off its sheet when a project makes the sheets taller than A4', async () => {
    const tall = minimalProject({
      ...lessons,
      'content/workshop.yml': 'title: Taller de prueba\nlessons:\n  - intro\n  - segunda\n',
      'templates/assets/handout.css': readFileSync(path.join(import.meta.dirname, '../../templates/assets/handout.css'), 'utf8') + '\n.sheet { height: 380mm; }\n',
    })
    const built = await build({ root: tall, formats: ['html', 'pdf'] })
    const found = built.diagnostics.filter((d) => d.code === 'handout-split')
    expect(found.length).toBeGreaterThan(0)
    expect(found[0].severity).toBe('warning')
    // At the slide's place in the author's file.
    expect(found.every((d) => d.file?.endsWith('.md') || d.file?.endsWith('.md.hbs'))).toBe(true)
    expect(found.some((d) => d.file?.endsWith('segunda.md') && (d.line ?? 0) > 1)).toBe(true)
  }, 300_000)
})
