// workshop-kit dev in a real Chromium: a save reloads the open deck by
// itself, on the slide it was on; a broken file shows its problems over the
// page (escaped), and fixing it takes them away.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { startDevServer, type DevServer } from '../../lib/index.js'
import { chromiumPath, CHROMIUM_HINT } from '../helpers/chromium.js'
import { minimalProject } from '../helpers/project.js'

let server: DevServer | undefined
let browser: Browser | undefined
afterEach(async () => {
  await browser?.close()
  await server?.close()
  browser = server = undefined
})

async function open(root: string, page: string): Promise<Page> {
  const started = await startDevServer({ root, port: 0 })
  if (!started.ok) throw new Error(started.diagnostics[0].message)
  server = started.server
  // Not the kit's print browser (it has no network at all): a plain one that reaches the dev server.
  const executablePath = chromiumPath()
  if (!executablePath) throw new Error(CHROMIUM_HINT)
  browser = await chromium.launch({ executablePath, headless: true, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, args: ['--no-sandbox', '--disable-gpu'] })
  const tab = await browser.newPage()
  await tab.goto(server.url + page, { waitUntil: 'load' })
  return tab
}

/** The text of the slide the deck shows. */
const shown = (page: Page) => page.evaluate(() => document.querySelector('#wk-stage svg.wk-active')?.textContent ?? '').catch(() => '')

describe.skipIf(process.env.WORKSHOP_KIT_SKIP_BROWSER === '1')('workshop-kit dev in a browser', () => {
  it('a saved lesson reloads the open deck by itself, on the same slide', async () => {
    const root = minimalProject()
    const page = await open(root, 'acme/deck.html')
    const slide = await page.evaluate(() =>
      [...document.querySelectorAll('#wk-stage svg[data-marpit-svg]')].findIndex((s) => s.querySelector('h2')?.textContent?.includes('Ejercicio')),
    )
    expect(slide).toBeGreaterThan(0)
    await page.evaluate((n) => (location.hash = `#${n + 1}`), slide)
    await expect.poll(() => shown(page)).toContain('Piensa')
    // Gone once the page has reloaded (the test never reloads it).
    await page.evaluate(() => ((window as any).beforeTheSave = true))

    const lesson = path.join(root, 'content', 'lessons', 'intro.md')
    writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('## Ejercicio', '## Ejercicio RECARGADO'))
    await expect.poll(() => shown(page), { timeout: 30_000 }).toContain('RECARGADO')
    expect(await page.evaluate(() => (window as any).beforeTheSave)).toBeUndefined()
    expect(await page.evaluate(() => [location.hash, (window as any).workshopKitDeck.current])).toEqual([`#${slide + 1}`, slide])
    expect(await page.locator('#workshop-kit-dev-overlay').count()).toBe(0)
  })

  it('a broken client file shows every problem over the last good page, escaped; fixing it removes them', async () => {
    const root = minimalProject()
    const page = await open(root, 'acme/deck.html')
    const before = await page.locator('#wk-stage svg[data-marpit-svg]').count()
    const client = path.join(root, 'content', 'clients', 'acme.yml')
    writeFileSync(client, 'name: Acme\nsize: : <img src=x onerror="document.title=1">\n')
    const overlay = page.locator('#workshop-kit-dev-overlay')
    await expect.poll(() => overlay.count(), { timeout: 30_000 }).toBe(1)
    const text = await overlay.innerText()
    expect(text).toContain('content/clients/acme.yml:2:7: error: invalid YAML')
    expect(text).toContain('hint: Fix the YAML syntax')
    // The author's line, with a caret under the column, as text.
    expect(text).toContain('2 | size: : <img src=x onerror="document.title=1">')
    expect(text).toMatch(/\|\s{7}\^/)
    expect(await overlay.locator('img').count()).toBe(0)
    expect(await page.title()).not.toBe('1')
    // The last good deck is still there, under the overlay.
    expect(await page.locator('#wk-stage svg[data-marpit-svg]').count()).toBe(before)

    writeFileSync(client, 'name: Acme Fixed\n')
    await expect.poll(() => overlay.count(), { timeout: 30_000 }).toBe(0)
    await expect.poll(() => page.evaluate(() => document.body.textContent?.includes('Acme Fixed')), { timeout: 30_000 }).toBe(true)
  })
})
