// Lesson images in print and offline: the PDFs hold the image a lesson
// shows (served to the printing browser from the staged kit with its media
// type), deck.html opened from disk with no network shows it loaded, and a
// copy of the client's folder elsewhere (as unzipped) works on its own, in
// Marp's own CLI too.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../lib/index.js'
import { chromiumPath, launchChromium } from '../helpers/chromium.js'
import { png } from '../helpers/png.js'
import { makeProject, repoRoot } from '../helpers/project.js'

const skip = !chromiumPath() && process.env.WORKSHOP_KIT_SKIP_BROWSER === '1'
/** An image of a size nothing else in the kit has, to find it in the PDFs. */
const SIZE = 37

const lesson = `---
title: Con imagen
---

# Embudo

![w:300px](img/embudo.png)

---

## Fondo

![bg right](../assets/fondo.png)

:::exercise{title="Mira"}
![grafico](img/embudo.png)

::answer{lines=2}
:::
`

describe.skipIf(skip)('lesson images printed and offline', () => {
  let root: string
  let out: string
  let browser: Browser

  beforeAll(async () => {
    root = makeProject({
      'content/workshop.yml': 'title: Taller\nlessons:\n  - intro\n',
      'content/clients/acme.yml': 'name: Acme\n',
      'content/lessons/intro.md': lesson,
    })
    mkdirSync(path.join(root, 'content/lessons/img'), { recursive: true })
    mkdirSync(path.join(root, 'content/assets'), { recursive: true })
    writeFileSync(path.join(root, 'content/lessons/img/embudo.png'), png([200, 30, 30], SIZE))
    writeFileSync(path.join(root, 'content/assets/fondo.png'), png([30, 30, 200], SIZE + 2))
    out = mkdtempSync(path.join(tmpdir(), 'wk-assets-print-'))
    const result = await build({ root, out })
    expect(result.diagnostics.filter((d) => d.severity === 'error' || d.code === 'refused-request')).toEqual([])
    browser = await launchChromium()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
  })

  /** The images of a PDF as pdfimages lists them: width x height. */
  const imagesIn = (pdf: string) =>
    execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((line) => line.trim().split(/\s+/))
      .map((cols) => ({ width: Number(cols[3]), height: Number(cols[4]) }))

  it('the PDFs hold the images: the deck, the lesson and the worksheet', () => {
    const kit = path.join(out, 'acme')
    expect(readdirSync(path.join(kit, 'assets')).length).toBe(2)
    // The inline image whole; the background as Chromium embeds it (cropped to the slide's half, its height kept).
    const both = (pdf: string) => {
      const images = imagesIn(pdf)
      expect(images, pdf).toContainEqual({ width: SIZE, height: SIZE })
      expect(images.some((image) => image.height === SIZE + 2), pdf).toBe(true)
    }
    both(path.join(kit, 'deck.pdf'))
    both(path.join(kit, 'lessons', 'intro.pdf'))
    expect(imagesIn(path.join(kit, 'worksheet.pdf'))).toContainEqual({ width: SIZE, height: SIZE })
  })

  it('deck.html and the lesson page, opened from disk with the network off, show the images loaded', async () => {
    const context = await browser.newContext({ offline: true })
    const requests: string[] = []
    context.on('request', (request) => requests.push(request.url()))
    await context.route(/^(?!file:)/, (route) => route.abort())
    try {
      for (const page of ['deck.html', 'lessons/intro.html', 'worksheet.html']) {
        const tab = await context.newPage()
        await tab.goto(pathToFileURL(path.join(out, 'acme', page)).href, { waitUntil: 'load' })
        const images = await tab.evaluate(() => [...document.images].map((img) => ({ src: img.getAttribute('src'), complete: img.complete, width: img.naturalWidth })))
        const shown = images.filter((img) => img.src?.includes('assets/'))
        expect(shown.length, page).toBeGreaterThan(0)
        for (const img of shown) expect(img, page).toMatchObject({ complete: true, width: SIZE })
        if (page !== 'worksheet.html') {
          // The background ("![bg right]") is a CSS background: the browser fetched it from the kit.
          expect(requests.some((url) => url.startsWith('file:') && url.endsWith('.png') && url.includes('/acme/assets/')), page).toBe(true)
        }
        await tab.close()
      }
      expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual([])
    } finally {
      await context.close()
    }
  }, 120_000)

  it("a copy of the client's folder elsewhere shows its images; Marp's CLI renders deck.md with them", async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'wk-assets-copy-'))
    cpSync(path.join(out, 'acme'), copy, { recursive: true })
    const marp = spawnSync(
      path.join(repoRoot, 'node_modules', '.bin', 'marp'),
      ['deck.md', '--html', '--theme-set', path.join(repoRoot, 'templates', 'themes'), '-o', 'marp.html'],
      { cwd: copy, encoding: 'utf8', timeout: 120_000 },
    )
    expect(marp.status, marp.stderr).toBe(0)
    const context = await browser.newContext({ offline: true })
    await context.route(/^(?!file:)/, (route) => route.abort())
    try {
      for (const page of ['deck.html', 'lessons/intro.html', 'marp.html']) {
        const tab = await context.newPage()
        await tab.goto(pathToFileURL(path.join(copy, page)).href, { waitUntil: 'load' })
        const widths = await tab.evaluate(() => [...document.images].filter((img) => img.getAttribute('src')?.includes('assets/')).map((img) => img.naturalWidth))
        expect(widths.length, page).toBeGreaterThan(0)
        expect(widths.every((w) => w === SIZE), page).toBe(true)
        await tab.close()
      }
    } finally {
      await context.close()
    }
  }, 180_000)
})
