// The worksheet as a participant meets it in a real Chromium: answers typed
// on screen stay after a reload and print over the ruled lines; every ruled
// line is in the PDF at 60, 150 and 300 dpi; no lesson heading is left alone
// at the bottom of a page of the default workshop's worksheets.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../lib/index.js'
import { findChromium } from '../../lib/print/browser.js'
import { launchChromium } from '../helpers/chromium.js'
import { makeProject, repoRoot } from '../helpers/project.js'

const skip = process.env.WORKSHOP_KIT_SKIP_BROWSER === '1'
if (!findChromium().path && !skip) throw new Error('These tests need Chromium (apt-get install -y chromium) or WORKSHOP_KIT_SKIP_BROWSER=1.')
const describeBrowser = skip ? describe.skip : describe

const LESSON = `---
title: Preguntas
duration: 30
---

# Preguntas

:::exercise{title="Tu enfoque"}
¿Qué publicas hoy en tus redes?

::answer{lines=5}
:::
`

/** A rendered PDF page in grey: one byte a pixel. */
function renderPage(pdf: string, page: number, dpi: number) {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), pdf], { maxBuffer: 256 * 1024 * 1024 })
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!
  return { width: Number(header[1]), height: Number(header[2]), pixels: pgm.subarray(header[0].length) }
}

/**
 * The ruled lines of the one answer space on the page: rows holding a dark
 * run across half the page, grouped, and the longest chain of them a line
 * apart (9 mm), as printed.
 */
function ruledLines(pdf: string, dpi: number): number {
  const { width, height, pixels } = renderPage(pdf, 1, dpi)
  const dark: number[] = []
  for (let y = 0; y < height; y++) {
    let run = 0
    let longest = 0
    for (let x = 0; x < width; x++) {
      run = pixels[y * width + x] < 225 ? run + 1 : 0
      longest = Math.max(longest, run)
    }
    if (longest > width * 0.5) dark.push(y)
  }
  const centres: number[] = []
  let group: number[] = []
  for (const y of dark) {
    if (group.length && y !== group[group.length - 1] + 1) {
      centres.push(group.reduce((a, b) => a + b, 0) / group.length)
      group = []
    }
    group.push(y)
  }
  if (group.length) centres.push(group.reduce((a, b) => a + b, 0) / group.length)
  const step = (9 / 25.4) * dpi
  let best = 0
  for (let i = 0; i < centres.length; i++) {
    let chain = 1
    let last = centres[i]
    for (let j = i + 1; j < centres.length; j++) {
      if (Math.abs(centres[j] - last - step) <= 1.5) {
        chain++
        last = centres[j]
      }
    }
    best = Math.max(best, chain)
  }
  return best
}

describeBrowser('the worksheet in a browser', () => {
  let browser: Browser
  let context: BrowserContext
  let root: string
  let work: string

  beforeAll(async () => {
    root = makeProject({
      'content/workshop.yml': 'title: Taller\nlessons: [preguntas]\n',
      'content/lessons/preguntas.md': LESSON,
      'content/clients/acme.yml': 'name: Acme\n',
      'content/clients/beta.yml': 'name: Beta\n',
    })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(true)
    work = mkdtempSync(path.join(tmpdir(), 'wk-worksheet-'))
    browser = await launchChromium()
    context = await browser.newContext()
  })

  afterAll(async () => {
    await context?.close()
    await browser?.close()
  })

  const url = (client: string) => pathToFileURL(path.join(root, 'dist', client, 'worksheet.html')).href

  it('keeps what was typed after a reload, for that client only, and prints it over the lines', async () => {
    const page = await context.newPage()
    await page.goto(url('acme'))
    const field = page.getByLabel('Respuesta a Ejercicio 1.1: Tu enfoque')
    await field.fill('Publicamos ofertas cada viernes')
    await page.reload()
    await expect.poll(() => page.getByLabel('Respuesta a Ejercicio 1.1: Tu enfoque').inputValue()).toBe('Publicamos ofertas cada viernes')
    // Another client's worksheet (same answer ids) does not show it.
    const other = await context.newPage()
    await other.goto(url('beta'))
    expect(await other.getByLabel('Respuesta a Ejercicio 1.1: Tu enfoque').inputValue()).toBe('')
    await other.close()

    await page.emulateMedia({ media: 'print' })
    const pdf = path.join(work, 'typed.pdf')
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true })
    await page.close()
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    expect(text).toContain('Publicamos ofertas cada viernes')
    // The lines are still there under the text.
    expect(ruledLines(pdf, 150)).toBe(5)
  })

  it('prints every ruled line of an empty answer space at 60, 150 and 300 dpi', async () => {
    const page = await context.newPage()
    await page.goto(url('beta'))
    await page.emulateMedia({ media: 'print' })
    const pdf = path.join(work, 'empty.pdf')
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true })
    await page.close()
    for (const dpi of [60, 150, 300]) expect(ruledLines(pdf, dpi), `${dpi} dpi`).toBe(5)
  })
})

describeBrowser('the default workshop\'s worksheets on paper', () => {
  it('never leaves a lesson heading alone at the bottom of a page', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'wk-worksheets-'))
    const result = await build({ root: repoRoot, out, formats: ['html'] })
    expect(result.ok).toBe(true)
    const browser = await launchChromium()
    try {
      const clients = readdirSync(out, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'assets').map((d) => d.name)
      expect(clients.length).toBeGreaterThan(0)
      for (const client of clients) {
        const file = path.join(out, client, 'worksheet.html')
        const headings = [...readFileSync(file, 'utf8').matchAll(/<h2>(\d+\. [^<]+?) <span class="lesson-time">/g)].map((m) => m[1].replace(/&#x27;/g, "'").replace(/&amp;/g, '&'))
        expect(headings.length, client).toBeGreaterThan(0)
        const page = await browser.newPage()
        await page.goto(pathToFileURL(file).href)
        await page.emulateMedia({ media: 'print' })
        const pdf = path.join(out, `${client}.pdf`)
        await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true })
        await page.close()
        const pages = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim())
        const squash = (t: string) => t.replace(/\s+/g, ' ')
        pages.forEach((text, i) => {
          // The page's last line of text, before its number.
          const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !/^\d+$/.test(l))
          const last = lines[lines.length - 1] ?? ''
          for (const heading of headings) expect(last.startsWith(heading), `${client} page ${i + 1} ends with "${last}"`).toBe(false)
        })
        // Nor with only its objectives: the heading of its first exercise is on the heading's page.
        const pageOf = (needle: string) => pages.findIndex((p) => squash(p).includes(needle))
        for (const heading of headings) {
          const number = heading.split('.')[0]
          const exercise = pageOf(` ${number}.1: `)
          if (exercise === -1) continue
          expect(exercise, `${client}: "${heading}" and its first exercise`).toBe(pageOf(heading))
        }
      }
    } finally {
      await browser.close()
    }
  })
})
