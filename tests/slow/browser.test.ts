// The kit as a browser shows it: the deck driven from the keyboard like a
// trainer would, the presenter view with the notes of the slide on screen,
// and the worksheet printed on A4 without solutions. Pages are opened from
// disk (file://), as a user opens the kit, in a real Chromium.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { PDFDocument } from 'pdf-lib'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_HINT, chromiumPath, launchChromium } from '../helpers/chromium.js'
import { runCli } from '../helpers/cli.js'
import { repoRoot } from '../helpers/project.js'

const CLIENTS = ['la-tasca-del-puerto', 'banco-meridiano']
const TIMEOUT = 60_000
const VIEWPORT = { width: 1280, height: 720 }
const SLIDES = '#wk-stage > div.marpit > svg[data-marpit-svg]'
// A4 in PDF points (1/72 in): 210 mm x 297 mm.
const A4 = { width: 595.28, height: 841.89 }

const executable = chromiumPath()
const skip = !executable && process.env.WORKSHOP_KIT_SKIP_BROWSER === '1'

const clientName = (id: string) =>
  /^name: (.+)$/m.exec(readFileSync(path.join(repoRoot, 'content', 'clients', `${id}.yml`), 'utf8'))![1].trim()
const normalize = (text: string) => text.replace(/\s+/g, ' ').trim()

/** Everything a page did besides showing itself: requests, console errors, uncaught errors. */
interface PageLog {
  requests: string[]
  errors: string[]
}

let out: string
let browser: Browser | undefined
const contexts: BrowserContext[] = []

async function open(client: string, file: string, hash = ''): Promise<{ page: Page; log: PageLog; url: string }> {
  const context = await browser!.newContext({ viewport: VIEWPORT })
  contexts.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(TIMEOUT)
  const log: PageLog = { requests: [], errors: [] }
  page.on('request', (request) => log.requests.push(request.url()))
  page.on('requestfailed', (request) => log.errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`))
  page.on('console', (message) => {
    if (message.type() === 'error') log.errors.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => log.errors.push(`page error: ${error.message}`))
  const url = pathToFileURL(path.join(out, client, file)).href
  await page.goto(url + hash, { waitUntil: 'load' })
  return { page, log, url }
}

/** No errors, and nothing loaded but the document itself and data: URIs. */
function expectQuiet(log: PageLog, url: string) {
  expect(log.errors).toEqual([])
  const strip = (u: string) => u.replace(/#.*$/, '')
  const others = log.requests.filter((u) => strip(u) !== strip(url) && !u.startsWith('data:'))
  expect(others, `requests besides ${url}`).toEqual([])
  expect(log.requests.filter((u) => strip(u) === strip(url))).toHaveLength(1)
}

/** Indices of the stage's slides a user can see: displayed and with a size. */
function shownSlides(page: Page): Promise<number[]> {
  return page.$$eval(SLIDES, (svgs) =>
    svgs.flatMap((svg, i) => {
      const rect = svg.getBoundingClientRect()
      const style = getComputedStyle(svg)
      return style.display !== 'none' && style.visibility !== 'hidden' && rect.width > 0 && rect.height > 0 ? [i] : []
    }),
  )
}

const hashOf = (page: Page) => new URL(page.url()).hash

/** Slide n (1-based) is the one on screen, filling the window, and the address says #n. */
async function expectSlide(page: Page, n: number, options: { hash?: boolean } = {}) {
  await expect.poll(() => shownSlides(page), { timeout: 10_000 }).toEqual([n - 1])
  const slide = page.locator(SLIDES).nth(n - 1)
  expect(await slide.isVisible()).toBe(true)
  const box = (await slide.boundingBox())!
  expect(box).not.toBeNull()
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.y).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width + 1)
  expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORT.height + 1)
  expect(box.width * box.height).toBeGreaterThan((VIEWPORT.width * VIEWPORT.height) / 2)
  // Its neighbours are hidden (shownSlides already says so; this is Playwright's own view).
  if (n > 1) expect(await page.locator(SLIDES).nth(n - 2).isVisible()).toBe(false)
  if (options.hash !== false) expect(hashOf(page)).toBe(`#${n}`)
}

async function press(page: Page, key: string, n: number) {
  await page.keyboard.press(key)
  await expectSlide(page, n)
}

/** The deck's notes, from its file: the audience window drops them from its document. */
async function notesOf(page: Page): Promise<string[][]> {
  const html = readFileSync(fileURLToPath(page.url().replace(/[?#].*$/, '')), 'utf8')
  return JSON.parse(/<script type="application\/json" id="wk-notes">([\s\S]*?)<\/script>/.exec(html)![1]) as string[][]
}

describe.skipIf(skip)('the kit in a browser', () => {
  beforeAll(async () => {
    if (!executable) {
      throw new Error(`These tests need a Chromium and none was found. ${CHROMIUM_HINT}`)
    }
    out = mkdtempSync(path.join(tmpdir(), 'wk-browser-'))
    const run = runCli(['build', '--root', repoRoot, '--out', out, '--format', 'html', '--client', CLIENTS.join(','), '--json'])
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout).ok).toBe(true)
    browser = await launchChromium()
  }, TIMEOUT)

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()))
  }, TIMEOUT)

  afterAll(async () => {
    await browser?.close()
    if (out) rmSync(out, { recursive: true, force: true })
  }, TIMEOUT)

  describe.each(CLIENTS)('%s', (client) => {
    it(
      'deck.html opens on the title slide and moves one slide at a time with the keyboard',
      async () => {
        const { page, log, url } = await open(client, 'deck.html')
        const count = await page.locator(SLIDES).count()
        expect(count).toBeGreaterThan(10)
        expect(await notesOf(page)).toHaveLength(count)

        // The title slide, with the client's name, and nothing else.
        await expectSlide(page, 1, { hash: false })
        expect(['', '#1']).toContain(hashOf(page))
        expect(normalize((await page.locator(SLIDES).first().textContent()) ?? '')).toContain(clientName(client))

        await press(page, 'ArrowRight', 2)
        await press(page, 'ArrowRight', 3)
        await press(page, 'PageDown', 4)
        await press(page, 'ArrowDown', 5)
        await press(page, 'Space', 6)
        await press(page, 'Enter', 7)
        await press(page, 'ArrowLeft', 6)
        await press(page, 'PageUp', 5)
        await press(page, 'ArrowUp', 4)
        await press(page, 'Backspace', 3)
        await press(page, 'End', count)
        await press(page, 'ArrowRight', count) // past the end: stays on the last slide
        await press(page, 'PageDown', count)
        await press(page, 'ArrowLeft', count - 1)
        await press(page, 'Home', 1)
        await press(page, 'ArrowLeft', 1) // before the start: stays on the first slide
        await press(page, 'PageUp', 1)
        await press(page, 'PageDown', 2)

        expectQuiet(log, url)
      },
      TIMEOUT,
    )

    it(
      'deck.html#5 opens on slide 5, and a new #N in the address moves there',
      async () => {
        const { page, log, url } = await open(client, 'deck.html', '#5')
        await expectSlide(page, 5)
        await press(page, 'ArrowRight', 6)
        await page.evaluate(() => {
          location.hash = '#3'
        })
        await expectSlide(page, 3)
        await press(page, 'ArrowLeft', 2)
        // Past the end: the last slide, and the address says so.
        const count = (await notesOf(page)).length
        await page.evaluate(() => {
          location.hash = '#999'
        })
        await expectSlide(page, count)
        expectQuiet(log, url)
      },
      TIMEOUT,
    )

    it(
      'the presenter window (P) shows the current slide, the next one and the notes of the current one, and follows the audience window',
      async () => {
        const { page, log, url } = await open(client, 'deck.html')
        const notes = await notesOf(page)
        const count = notes.length
        // A slide with notes in several paragraphs (a solution or facilitator text follows the notes).
        const start = notes.findIndex((n, i) => n.length >= 2 && i + 2 < count)
        expect(start, 'a slide with two or more notes').toBeGreaterThan(0)
        expect(notes.slice(start + 1).some((n) => n.length > 0)).toBe(true)
        await page.evaluate(() => {
          location.hash = '#1'
        })
        await expectSlide(page, 1)

        // P opens the presenter window: a second window, the audience window stays as it is.
        const popup = page.context().waitForEvent('page')
        await page.keyboard.press('P')
        const view = await popup
        await view.waitForLoadState('load')
        view.on('pageerror', (error) => log.errors.push(`presenter page error: ${error.message}`))
        const presenter = view.locator('#wk-presenter')
        const stage = view.locator('#wk-stage')
        const box = view.locator('#wk-presenter-notes')

        /** What the presenter sees for slide i (0-based). */
        const expectPresenterOn = async (i: number) => {
          await expect.poll(() => view.evaluate(() => (window as any).workshopKitDeck.current)).toBe(i)
          expect(await presenter.isVisible()).toBe(true)
          expect(await stage.isVisible()).toBe(false)
          expect(hashOf(view)).toBe(`#${i + 1}`)
          // The audience window shows slide i, with no presenter part.
          await expectSlide(page, i + 1)
          expect(await page.locator('#wk-presenter, #wk-notes').count()).toBe(0)

          // The current slide: visible, large, and the very slide of the deck.
          const current = view.locator('#wk-presenter-current svg[data-marpit-svg]')
          await expect.poll(() => current.count()).toBe(1)
          expect(await current.isVisible()).toBe(true)
          const currentBox = (await current.boundingBox())!
          expect(currentBox.width).toBeGreaterThan(VIEWPORT.width / 3)
          expect(currentBox.height).toBeGreaterThan(VIEWPORT.height / 4)
          const slideMarkup = (n: number) => page.locator(SLIDES).nth(n).evaluate((svg) => svg.innerHTML)
          expect(await current.evaluate((svg) => svg.innerHTML)).toBe(await slideMarkup(i))
          // Marp's styling is kept on the copy: same size, colours and type as on the stage.
          const styleOf = (s: string) =>
            view.locator(s).first().evaluate((section) => {
              const css = getComputedStyle(section)
              return [css.width, css.height, css.backgroundColor, css.color, css.fontFamily, css.fontSize]
            })
          expect(await styleOf('#wk-presenter-current section')).toEqual(
            await styleOf(`${SLIDES} >> nth=${i} >> section`),
          )

          // The next slide, or nothing after the last one.
          const next = view.locator('#wk-presenter-next svg[data-marpit-svg]')
          if (i + 1 < count) {
            expect(await next.count()).toBe(1)
            expect(await next.isVisible()).toBe(true)
            expect((await next.boundingBox())!.width).toBeGreaterThan(100)
            expect(await next.evaluate((svg) => svg.innerHTML)).toBe(await slideMarkup(i + 1))
          } else {
            expect(await next.count()).toBe(0)
          }

          expect(normalize((await view.locator('#wk-presenter-count').innerText()) ?? '')).toBe(`${i + 1} / ${count}`)
          expect(await view.locator('#wk-presenter-clock').innerText()).toMatch(/^\d{2,}:\d{2}$/)

          // The notes of this slide, paragraph by paragraph, as written.
          const paragraphs = box.locator('p')
          expect(await paragraphs.allInnerTexts()).toEqual(notes[i])
          if (notes[i].length > 0) {
            expect(await box.isVisible()).toBe(true)
            for (let p = 0; p < notes[i].length; p++) expect(await paragraphs.nth(p).isVisible()).toBe(true)
            expect(normalize(await box.innerText())).toBe(normalize(notes[i].join('\n')))
          } else {
            expect(normalize(await box.innerText())).toBe('')
          }
        }

        await expectPresenterOn(0)

        await page.evaluate((n) => {
          location.hash = `#${n}`
        }, start + 1)
        await expectPresenterOn(start)
        expect(notes[start].join('\n')).toMatch(/\S{3}/)

        await page.keyboard.press('ArrowRight')
        await expectPresenterOn(start + 1)
        await page.keyboard.press('PageUp')
        await expectPresenterOn(start)
        await page.keyboard.press('End')
        await expectPresenterOn(count - 1)

        // Moves in the presenter window move the room's.
        await view.keyboard.press('Home')
        await expectPresenterOn(0)
        await view.keyboard.press('ArrowRight')
        await expectPresenterOn(1)

        // Esc closes the presenter window; the audience window stays on its slide.
        await Promise.all([view.waitForEvent('close'), view.keyboard.press('Escape').catch(() => undefined)])
        await expectSlide(page, 2)

        expectQuiet(log, url)
      },
      TIMEOUT,
    )

    it(
      'worksheet.html prints on A4, over several pages, with the client name and no solutions',
      async () => {
        const { page, log, url } = await open(client, 'worksheet.html')
        const text = normalize(await page.innerText('body'))
        expect(text).toContain(clientName(client))

        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
        const document = await PDFDocument.load(pdf)
        const sizes = document.getPages().map((p) => p.getSize())
        expect(sizes.length).toBeGreaterThan(1)
        for (const [i, size] of sizes.entries()) {
          expect(Math.abs(size.width - A4.width), `page ${i + 1} width ${size.width}`).toBeLessThanOrEqual(1)
          expect(Math.abs(size.height - A4.height), `page ${i + 1} height ${size.height}`).toBeLessThanOrEqual(1)
        }
        expectQuiet(log, url)

        // The guide shows each exercise with its solution under a "Solución" label.
        const guide = await open(client, 'guide.html')
        const exercises = await guide.page.$$eval('.exercise', (articles) =>
          articles.map((article) => {
            const solution = article.querySelector('.solution')
            const label = solution?.querySelector('.label')?.textContent?.trim() ?? ''
            const body = solution
              ? Array.from(solution.children)
                  .filter((child) => !child.classList.contains('label'))
                  .map((child) => (child as HTMLElement).innerText)
                  .join('\n')
              : ''
            return { title: (article.querySelector('h3, h4') as HTMLElement).innerText, label, solution: body }
          }),
        )
        expectQuiet(guide.log, guide.url)
        expect(exercises.length).toBeGreaterThanOrEqual(3)
        const solutionLines: string[] = []
        for (const exercise of exercises) {
          expect(exercise.label).toBe('Solución')
          // The worksheet has the same exercise...
          expect(text).toContain(normalize(exercise.title))
          // ...and none of its solution.
          const lines = exercise.solution
            .split('\n')
            .map(normalize)
            .filter((line) => line.length >= 25)
          expect(lines.length, `solution of ${exercise.title}`).toBeGreaterThan(0)
          solutionLines.push(...lines)
        }
        for (const line of solutionLines) expect(text, `worksheet shows solution text: ${line}`).not.toContain(line)
        expect(await page.locator('.solution, .facilitator').count()).toBe(0)
        expect(text).not.toMatch(/\bSoluci[oó]n\b/i)

        // Nor the speaker notes the presenter sees.
        const deck = await open(client, 'deck.html')
        const noteLines = (await notesOf(deck.page))
          .flat()
          .flatMap((note) => note.split('\n'))
          .map(normalize)
          .filter((line) => line.length >= 40)
        expect(noteLines.length).toBeGreaterThan(10)
        for (const line of noteLines) expect(text, `worksheet shows a speaker note: ${line}`).not.toContain(line)
      },
      TIMEOUT,
    )
  })
})
