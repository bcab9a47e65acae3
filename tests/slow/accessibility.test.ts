// Accessibility of every page type of every example client, checked with
// axe-core in a real Chromium, plus two clients whose brand colours are pale
// (yellow and cyan), the case where white text on the brand colour used to
// fail: no serious or critical violation anywhere. Decks are checked with
// every slide laid out (print media), not only the slide on screen.
import { cpSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import AxeBuilder from '@axe-core/playwright'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { CHROMIUM_HINT, chromiumPath, launchChromium } from '../helpers/chromium.js'
import { repoRoot } from '../helpers/project.js'

const executable = chromiumPath()
const skip = !executable && process.env.WORKSHOP_KIT_SKIP_BROWSER === '1'

const PALE = {
  'pale-yellow': 'name: Limonada Sol\nbrand:\n  primary: "#ffe14d"\n  secondary: "#fff3a0"\n',
  'pale-cyan': 'name: Agua Clara\nbrand:\n  primary: "#7fe7f0"\n  secondary: "#c8f7fa"\n',
}
const EXAMPLES = ['banco-meridiano', 'la-tasca-del-puerto', 'norte-textil', 'suministros-iberica']
/** Every page type a client's kit holds (those a build of this version writes). */
const PAGE_TYPES = ['index.html', 'deck.html', 'slides.html', 'worksheet.html', 'guide.html', 'handout.html']

let root: string
let browser: Browser | undefined

interface Found {
  page: string
  rule: string
  impact: string
  nodes: string[]
}

async function axe(file: string, print: boolean): Promise<Found[]> {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    const page = await context.newPage()
    if (print) await page.emulateMedia({ media: 'print' })
    await page.goto(pathToFileURL(file).href)
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ page: path.relative(root, file), rule: v.id, impact: v.impact!, nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(0, 2).join(' ')}`) }))
  } finally {
    await context.close()
  }
}

describe.skipIf(skip)('accessibility (axe-core)', () => {
  beforeAll(async () => {
    if (!executable) throw new Error(`No Chromium to check pages with. ${CHROMIUM_HINT}`)
    root = mkdtempSync(path.join(tmpdir(), 'wk-axe-'))
    cpSync(path.join(repoRoot, 'content'), path.join(root, 'content'), { recursive: true })
    for (const [id, text] of Object.entries(PALE)) writeFileSync(path.join(root, 'content', 'clients', `${id}.yml`), text)
    const result = await build({ root })
    expect(result.ok, result.diagnostics.map((d) => d.message).join('\n')).toBe(true)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('the project index has no serious violation', async () => {
    expect(await axe(path.join(root, 'dist', 'index.html'), false)).toEqual([])
  })

  for (const client of [...EXAMPLES, ...Object.keys(PALE)]) {
    it(`${client}: every page type has no serious or critical violation`, async () => {
      const found: Found[] = []
      const folder = path.join(root, 'dist', client)
      for (const type of PAGE_TYPES) {
        const file = path.join(folder, type)
        if (!existsSync(file)) continue
        const deck = type === 'deck.html' || type === 'slides.html'
        found.push(...(await axe(file, deck)))
      }
      // One lesson page, which is a deck of its own.
      const lesson = readdirSync(path.join(folder, 'lessons')).filter((f) => f.endsWith('.html')).sort()[0]
      found.push(...(await axe(path.join(folder, 'lessons', lesson), true)))
      expect(found).toEqual([])
    })
  }
})
