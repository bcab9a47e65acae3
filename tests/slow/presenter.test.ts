// The deck in a real Chromium the way a trainer uses it in a room: P opens
// the presenter window (a second window), either window moves the other, the
// audience window never holds a note; Marp fragments step one by one in both;
// the overview grid (O), the on-screen buttons, the progress bar and touch
// swipes; printing from either window prints the slides.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { PDFDocument } from 'pdf-lib'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_HINT, chromiumPath, launchChromium } from '../helpers/chromium.js'
import { runCli } from '../helpers/cli.js'
import { makeProject, minimalLesson } from '../helpers/project.js'
import { Reporter } from '../../lib/diagnostics/reporter.js'
import { dayFor } from '../../lib/kit/agenda.js'
import { clientView, deckView } from '../../lib/kit/page-views.js'
import { DeckRenderer } from '../../lib/kit/render-marp.js'
import { Views } from '../../lib/kit/views.js'
import { loadProject } from '../../lib/project/load.js'

const TIMEOUT = 60_000
const VIEWPORT = { width: 1280, height: 720 }
const SLIDES = '#wk-stage > div.marpit > svg[data-marpit-svg]'

const executable = chromiumPath()
const skip = !executable && process.env.WORKSHOP_KIT_SKIP_BROWSER === '1'

const stepsLesson = `---
title: Pasos
duration: 60
---

# Empezamos en {{client.name}}

Texto de la primera diapositiva.

<!-- NOTE_ALPHA: what the trainer says on the first slide of the lesson. -->

---

## Tres pasos

* PASO_UNO
* PASO_DOS
* PASO_TRES

<!-- NOTE_BETA: say each step before showing the next one. -->

---

## Después

Texto final.

<!-- NOTE_GAMMA: the last slide of this lesson. -->
`

let root: string
let out: string
let browser: Browser | undefined
const contexts: BrowserContext[] = []
let deckFile: string
let notes: string[][]
let parts: number[]

/** Every piece of note text a page could leak, a line at a time. */
function noteLines(): string[] {
  return notes
    .flat()
    .flatMap((note) => note.split('\n'))
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length >= 8)
}

/** The audience window's whole document (markup and text) holds no note text. */
async function expectNoNotes(page: Page) {
  const html = await page.evaluate(() => document.documentElement.outerHTML)
  const text = await page.evaluate(() => document.documentElement.textContent ?? '')
  for (const line of noteLines()) {
    expect(html, `audience window holds a note: ${line}`).not.toContain(line)
    expect(text, `audience window shows a note: ${line}`).not.toContain(line)
  }
  expect(html).not.toMatch(/NOTE_(ALPHA|BETA|GAMMA)|SECRET_(SOLUTION|FACILITATOR)/)
}

async function openDeck(options: { hash?: string; query?: string; touch?: boolean } = {}) {
  const context = await browser!.newContext({ viewport: VIEWPORT, timezoneId: 'UTC', hasTouch: options.touch ?? false })
  contexts.push(context)
  const errors: string[] = []
  context.on('page', (page) => {
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`)
    })
  })
  const page = await context.newPage()
  page.setDefaultTimeout(TIMEOUT)
  await page.goto(pathToFileURL(deckFile).href + (options.query ?? '') + (options.hash ?? ''), { waitUntil: 'load' })
  return { context, page, errors }
}

const currentOf = (page: Page) => page.evaluate(() => (window as any).workshopKitDeck.current as number)
const stepOf = (page: Page) => page.evaluate(() => (window as any).workshopKitDeck.fragment as number)
/** The fragments of the slide a window shows as the room sees them: visible or not, in order. */
const visibleSteps = (page: Page, container: string) =>
  page.$$eval(`${container} [data-marpit-fragment]`, (items) => items.map((item) => getComputedStyle(item).visibility === 'visible'))

async function openPresenter(context: BrowserContext, page: Page): Promise<Page> {
  const popup = context.waitForEvent('page')
  await page.keyboard.press('P')
  const presenter = await popup
  presenter.setDefaultTimeout(TIMEOUT)
  await presenter.waitForLoadState('load')
  await presenter.setViewportSize({ width: 1200, height: 760 })
  return presenter
}

/** What the presenter window shows for slide i: that slide, the next one, its notes. */
async function expectPresenterOn(presenter: Page, audience: Page, i: number) {
  await expect.poll(() => currentOf(presenter), { timeout: 10_000 }).toBe(i)
  const current = presenter.locator('#wk-presenter-current svg[data-marpit-svg]')
  expect(await current.isVisible()).toBe(true)
  expect((await current.boundingBox())!.width).toBeGreaterThan(400)
  const slideText = (page: Page, n: number) => page.locator(SLIDES).nth(n).evaluate((svg) => svg.textContent)
  expect(await current.evaluate((svg) => svg.textContent)).toBe(await slideText(audience, i))
  const count = notes.length
  const next = presenter.locator('#wk-presenter-next svg[data-marpit-svg]')
  if (i + 1 < count) expect(await next.isVisible()).toBe(true)
  const paragraphs = presenter.locator('#wk-presenter-notes p')
  expect(await paragraphs.allInnerTexts()).toEqual(notes[i])
  expect(await presenter.locator('#wk-presenter-count').innerText()).toBe(`${i + 1} / ${count}`)
  // The room's window shows no presenter part and no notes.
  expect(await audience.locator('#wk-presenter').count()).toBe(0)
  await expectNoNotes(audience)
}

describe.skipIf(skip)('the deck viewer and the presenter window', () => {
  beforeAll(async () => {
    if (!executable) throw new Error(`These tests need a Chromium and none was found. ${CHROMIUM_HINT}`)
    root = makeProject({
      'content/workshop.yml': 'title: Taller de prueba\nlessons:\n  - pasos\n  - intro\n',
      'content/lessons/pasos.md': stepsLesson,
      'content/lessons/intro.md': minimalLesson,
      'content/clients/acme.yml': 'name: Acme\nsession:\n  date: 2026-03-12\n  start: "10:00"\n',
    })
    out = mkdtempSync(path.join(tmpdir(), 'wk-presenter-'))
    const run = runCli(['build', '--root', root, '--out', out, '--format', 'html'])
    expect(run.code, run.stderr).toBe(0)
    deckFile = path.join(out, 'acme', 'deck.html')
    const html = readFileSync(deckFile, 'utf8')
    notes = JSON.parse(/<script type="application\/json" id="wk-notes">([\s\S]*?)<\/script>/.exec(html)![1])
    parts = JSON.parse(/<script type="application\/json" id="wk-parts">([\s\S]*?)<\/script>/.exec(html)![1])
    expect(noteLines().join('\n')).toMatch(/NOTE_ALPHA[\s\S]*NOTE_BETA[\s\S]*SECRET_SOLUTION[\s\S]*SECRET_FACILITATOR/)
    browser = await launchChromium()
  }, TIMEOUT)

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()))
  }, TIMEOUT)

  afterAll(async () => {
    await browser?.close()
    for (const dir of [out, root]) if (dir) rmSync(dir, { recursive: true, force: true })
  }, TIMEOUT)

  /** The slide (0-based) whose notes mention `marker`. */
  const slideWith = (marker: string) => notes.findIndex((n) => n.join('\n').includes(marker))

  it(
    'P opens the presenter window; each window follows the other; the audience window never holds a note',
    async () => {
      const { context, page, errors } = await openDeck()
      await expectNoNotes(page)
      expect(await page.locator('#wk-presenter').count()).toBe(0)

      const presenter = await openPresenter(context, page)
      expect(new URL(presenter.url()).searchParams.get('view')).toBe('presenter')
      await expectPresenterOn(presenter, page, 0)
      // The presenter's clocks: time elapsed and the time of day.
      expect(await presenter.locator('#wk-presenter-clock').innerText()).toMatch(/^\d{2,}:\d{2}$/)
      expect(await presenter.locator('#wk-presenter-time').innerText()).toMatch(/^\d{2}:\d{2}$/)

      // The audience moves: the presenter follows.
      const alpha = slideWith('NOTE_ALPHA')
      expect(alpha).toBeGreaterThan(0)
      await page.evaluate((n) => (window as any).workshopKitDeck.go(n), alpha - 1)
      await expectPresenterOn(presenter, page, alpha - 1)
      await page.keyboard.press('ArrowRight')
      await expectPresenterOn(presenter, page, alpha)
      expect(await presenter.locator('#wk-presenter-notes').innerText()).toContain('NOTE_ALPHA')

      // The presenter moves: the audience follows.
      await presenter.keyboard.press('ArrowRight')
      await expect.poll(() => currentOf(page)).toBe(alpha + 1)
      await expectPresenterOn(presenter, page, alpha + 1)
      await presenter.keyboard.press('End')
      await expect.poll(() => currentOf(page)).toBe(notes.length - 1)
      await presenter.keyboard.press('Home')
      await expect.poll(() => currentOf(page)).toBe(0)
      expect(new URL(page.url()).hash).toBe('#1')

      // The solution and facilitator text are the presenter's, on the exercise's slide.
      const solution = slideWith('SECRET_SOLUTION')
      await presenter.evaluate((n) => (window as any).workshopKitDeck.go(n), solution)
      await expect.poll(() => currentOf(page)).toBe(solution)
      expect(await presenter.locator('#wk-presenter-notes').innerText()).toContain('SECRET_SOLUTION')
      await expectNoNotes(page)
      expect(await page.locator('body').innerText()).not.toContain('SECRET')

      // P again in the audience window brings the same presenter window forward (no second one).
      let opened = 0
      context.on('page', () => opened++)
      await page.keyboard.press('P')
      await page.waitForTimeout(300)
      expect(opened).toBe(0)

      // Esc closes the presenter window; the audience window stays as it was.
      await Promise.all([presenter.waitForEvent('close'), presenter.keyboard.press('Escape').catch(() => undefined)])
      expect(presenter.isClosed()).toBe(true)
      expect(await currentOf(page)).toBe(solution)
      await expectNoNotes(page)
      expect(errors).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'a presenter window opened by hand (a second tab) keeps in step through the channel alone',
    async () => {
      const { context, page, errors } = await openDeck({ hash: '#3' })
      const presenter = await context.newPage()
      await presenter.goto(pathToFileURL(deckFile).href + '?view=presenter', { waitUntil: 'load' })
      // It asks where the room is and goes there.
      await expect.poll(() => currentOf(presenter)).toBe(2)
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => currentOf(presenter)).toBe(3)
      await presenter.keyboard.press('ArrowLeft')
      await expect.poll(() => currentOf(page)).toBe(2)
      expect(errors).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'without BroadcastChannel, the two windows keep in step through storage events',
    async () => {
      const { context, page, errors } = await openDeck({ hash: '#2' })
      await context.addInitScript(() => {
        delete (window as any).BroadcastChannel
      })
      await page.reload({ waitUntil: 'load' })
      expect(await page.evaluate(() => typeof (window as any).BroadcastChannel)).toBe('undefined')
      const presenter = await context.newPage()
      await presenter.goto(pathToFileURL(deckFile).href + '?view=presenter#5', { waitUntil: 'load' })
      await expect.poll(() => currentOf(presenter)).toBe(1)
      await presenter.keyboard.press('ArrowRight')
      await expect.poll(() => currentOf(page)).toBe(2)
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => currentOf(presenter)).toBe(3)
      await expectNoNotes(page)
      expect(errors).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'Marp fragments step one at a time, forwards and backwards, in both windows',
    async () => {
      const { context, page, errors } = await openDeck()
      const steps = notes.findIndex((n) => n.join('\n').includes('NOTE_BETA'))
      expect(steps).toBeGreaterThan(0)
      await page.evaluate((n) => (window as any).workshopKitDeck.go(n), steps - 1)
      const presenter = await openPresenter(context, page)
      await expect.poll(() => currentOf(presenter)).toBe(steps - 1)

      const stage = `${SLIDES}.wk-active`
      const inPresenter = '#wk-presenter-current'
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => currentOf(page)).toBe(steps)
      expect(await visibleSteps(page, stage)).toEqual([false, false, false])
      await expect.poll(() => visibleSteps(presenter, inPresenter)).toEqual([false, false, false])
      // The presenter's "next" is the next step: this slide with one more item.
      expect(await visibleSteps(presenter, '#wk-presenter-next')).toEqual([true, false, false])

      for (const shown of [1, 2, 3]) {
        await page.keyboard.press('ArrowRight')
        await expect.poll(() => stepOf(page)).toBe(shown)
        expect(await currentOf(page)).toBe(steps)
        const expected = [0, 1, 2].map((k) => k < shown)
        expect(await visibleSteps(page, stage)).toEqual(expected)
        await expect.poll(() => visibleSteps(presenter, inPresenter)).toEqual(expected)
      }
      // Every item shown: the next press goes to the next slide.
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => currentOf(page)).toBe(steps + 1)
      // Back into the slide: all its items are shown; back again hides the last one (from the presenter window).
      await presenter.keyboard.press('ArrowLeft')
      await expect.poll(() => currentOf(page)).toBe(steps)
      expect(await stepOf(page)).toBe(3)
      await presenter.keyboard.press('ArrowLeft')
      await expect.poll(() => visibleSteps(page, stage)).toEqual([true, true, false])
      expect(await page.evaluate(() => (window as any).workshopKitDeck.fragments)).toBe(3)

      // Printing shows every item of every slide, one slide a page.
      await page.emulateMedia({ media: 'print' })
      expect(await visibleSteps(page, stage)).toEqual([true, true, true])
      await page.emulateMedia({ media: 'screen' })
      expect(errors).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'the presenter says how far ahead or behind the agenda’s clock the room is',
    async () => {
      const { context, page } = await openDeck()
      // The "Pasos" lesson runs 10:00 to 11:00 over three slides: its second slide is planned for 10:20.
      await context.clock.setFixedTime(new Date('2026-03-12T10:27:00Z'))
      const lesson = parts[1]
      await page.evaluate((n) => (window as any).workshopKitDeck.go(n), lesson + 1)
      const presenter = await openPresenter(context, page)
      await expect.poll(() => currentOf(presenter)).toBe(lesson + 1)
      await expect.poll(() => presenter.locator('#wk-presenter-planned').innerText()).toBe('10:20')
      expect(await presenter.locator('#wk-presenter-time').innerText()).toBe('10:27')
      expect(await presenter.locator('#wk-presenter-drift').innerText()).toBe('+7 min retrasado')
      // At the lesson's first slide at 09:58: two minutes ahead.
      await context.clock.setFixedTime(new Date('2026-03-12T09:58:00Z'))
      await presenter.keyboard.press('ArrowLeft')
      await expect.poll(() => presenter.locator('#wk-presenter-drift').innerText()).toBe('\u22122 min adelantado')
      expect(await presenter.locator('#wk-presenter-planned').innerText()).toBe('10:00')
    },
    TIMEOUT,
  )

  it(
    'O shows every slide in a grid: arrows and Enter or a click go to one, Esc closes it',
    async () => {
      const { page, errors } = await openDeck({ hash: '#2' })
      await page.keyboard.press('O')
      const grid = page.getByRole('dialog', { name: 'Todas las diapositivas' })
      expect(await grid.isVisible()).toBe(true)
      const buttons = grid.getByRole('listitem').getByRole('button')
      expect(await buttons.count()).toBe(notes.length)
      // The current slide has the focus, and each thumbnail is named by number and title.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Diapositiva 2\b/)
      expect(await buttons.first().getAttribute('aria-label')).toBe('Diapositiva 1: Taller de prueba')
      await page.keyboard.press('ArrowRight')
      await page.keyboard.press('ArrowRight')
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Diapositiva 4\b/)
      await page.keyboard.press('Enter')
      expect(await grid.isVisible()).toBe(false)
      await expect.poll(() => currentOf(page)).toBe(3)
      expect(new URL(page.url()).hash).toBe('#4')

      await page.keyboard.press('o')
      await buttons.nth(notes.length - 1).click()
      await expect.poll(() => currentOf(page)).toBe(notes.length - 1)
      await page.keyboard.press('o')
      await page.keyboard.press('Escape')
      expect(await grid.isVisible()).toBe(false)
      // A close button for mouse and touch.
      await page.keyboard.press('o')
      await grid.getByRole('button', { name: 'Cerrar la vista de todas las diapositivas' }).click()
      expect(await grid.isVisible()).toBe(false)
      expect(await currentOf(page)).toBe(notes.length - 1)
      await expectNoNotes(page)
      expect(errors).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'the on-screen previous and next buttons are real buttons with names, for the mouse, the keyboard and screen readers',
    async () => {
      const { page, errors } = await openDeck({ hash: '#2' })
      const controls = page.getByRole('navigation', { name: 'Controles de las diapositivas' })
      const next = controls.getByRole('button', { name: 'Diapositiva siguiente' })
      const previous = controls.getByRole('button', { name: 'Diapositiva anterior' })
      expect(await controls.getByRole('button', { name: 'Todas las diapositivas' }).count()).toBe(1)
      expect(await controls.getByRole('button', { name: 'Abrir la ventana del ponente' }).count()).toBe(1)
      // Reached with Tab; Enter and Space press the focused button (they do not also move forward).
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Diapositiva anterior')
      expect(await previous.isVisible()).toBe(true)
      await page.keyboard.press('Enter')
      await expect.poll(() => currentOf(page)).toBe(0)
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Diapositiva siguiente')
      await page.keyboard.press('Space')
      await expect.poll(() => currentOf(page)).toBe(1)
      // And the mouse.
      await next.click()
      await expect.poll(() => currentOf(page)).toBe(2)
      await previous.click()
      await previous.click()
      await expect.poll(() => currentOf(page)).toBe(0)
      // At the first slide "previous" says it does nothing; at the last, "next" does.
      expect(await previous.getAttribute('aria-disabled')).toBe('true')
      expect(await next.getAttribute('aria-disabled')).toBe('false')
      await page.keyboard.press('End')
      await expect.poll(() => next.getAttribute('aria-disabled')).toBe('true')
      await next.dispatchEvent('click')
      expect(await currentOf(page)).toBe(notes.length - 1)
      expect(errors).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'a swipe moves on a touch screen, and ?progress shows how far the deck has gone',
    async () => {
      const { page, context, errors } = await openDeck({ query: '?progress', hash: '#2', touch: true })
      const cdp = await context.newCDPSession(page)
      const swipe = async (from: number, to: number) => {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from, y: 360 }] })
        for (const x of [from + (to - from) / 2, to]) {
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: 365 }] })
        }
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
      }
      await swipe(900, 300)
      await expect.poll(() => currentOf(page)).toBe(2)
      await swipe(300, 900)
      await expect.poll(() => currentOf(page)).toBe(1)

      const bar = page.locator('#wk-progress-bar')
      expect(await page.locator('#wk-progress').isVisible()).toBe(true)
      const width = async () => (await bar.boundingBox())?.width ?? 0
      await expect.poll(width).toBeCloseTo(VIEWPORT.width / (notes.length - 1), 0)
      await page.keyboard.press('End')
      await expect.poll(width).toBeCloseTo(VIEWPORT.width, 0)
      // Without ?progress there is no bar.
      const plain = await openDeck()
      expect(await plain.page.locator('#wk-progress').isVisible()).toBe(false)
      expect(errors).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'printing from either window prints the slides, one a page, without notes',
    async () => {
      const { context, page } = await openDeck()
      const presenter = await openPresenter(context, page)
      for (const window of [page, presenter]) {
        const pdf = await window.pdf({ preferCSSPageSize: true, printBackground: true })
        const document = await PDFDocument.load(pdf)
        expect(document.getPageCount()).toBe(notes.length)
        const { width, height } = document.getPage(0).getSize()
        expect(Math.round((width / height) * 100) / 100).toBe(1.78)
      }
      await presenter.emulateMedia({ media: 'print' })
      expect(await presenter.locator('#wk-presenter-notes').isVisible()).toBe(false)
      expect(await presenter.locator(SLIDES).nth(1).isVisible()).toBe(true)
    },
    TIMEOUT,
  )

  it(
    'the participants’ variant of the page: no notes, P opens nothing and says so, the rest works',
    async () => {
      // Rendered the way the build renders slides.html: deckView(..., { participant: true }).
      const reporter = new Reporter()
      const project = loadProject(root, reporter)!
      const entry = project.clients[0]
      const views = new Views(root, reporter)
      const common = clientView(entry, project.workshop, dayFor(entry.data, []), views, project.labels.for(entry.data.language))
      const rendered = new DeckRenderer(project.themes, reporter).render(readFileSync(path.join(out, 'acme', 'deck.md'), 'utf8'))
      const file = path.join(out, 'acme', 'participant-slides.html')
      writeFileSync(file, views.render('deck', deckView(common, rendered, 'Diapositivas', views, undefined, { participant: true }), reporter)!)
      expect(readFileSync(file, 'utf8')).not.toMatch(/NOTE_(ALPHA|BETA)|SECRET_/)

      for (const query of ['', '?view=presenter']) {
        const context = await browser!.newContext({ viewport: VIEWPORT })
        contexts.push(context)
        const page = await context.newPage()
        const errors: string[] = []
        page.on('pageerror', (error) => errors.push(error.message))
        await page.goto(pathToFileURL(file).href + query + '#2', { waitUntil: 'load' })
        expect(await page.evaluate(() => (window as any).workshopKitDeck.view)).toBe('participant')
        expect(await page.locator('#wk-presenter').count()).toBe(0)
        let opened = 0
        context.on('page', () => opened++)
        await page.keyboard.press('P')
        const message = page.getByRole('status')
        await expect.poll(() => message.innerText()).toBe('Esta copia de las diapositivas no tiene vista del ponente.')
        expect(await message.isVisible()).toBe(true)
        await page.waitForTimeout(300)
        expect(opened).toBe(0)
        await page.keyboard.press('ArrowRight')
        await expect.poll(() => currentOf(page)).toBe(2)
        await page.keyboard.press('O')
        expect(await page.getByRole('dialog').getByRole('listitem').count()).toBe(notes.length)
        await expectNoNotes(page)
        expect(errors).toEqual([])
      }
    },
    TIMEOUT,
  )
})
