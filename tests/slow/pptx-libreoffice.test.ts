// A second reader of the kit's PowerPoint: LibreOffice opens the default
// workshop's deck.pptx and prints it to PDF, a page per slide, with the
// slides' titles as text. Runs where `soffice` is on PATH (not in CI).
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { repoRoot } from '../helpers/project.js'

const found = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0
const soffice = found('soffice')
const skip = process.env.WORKSHOP_KIT_SKIP_BROWSER === '1'

const unescape = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&')
const words = (text: string) => text.replace(/\s+/g, ' ').trim()

/** The text of the slide's title placeholder, or undefined when it has none (a picture slide). */
function titleOf(slideXml: string): string | undefined {
  for (const shape of slideXml.match(/<p:sp>[\s\S]*?<\/p:sp>/g) ?? []) {
    if (!/<p:ph\b[^>]*type="title"/.test(shape)) continue
    return words([...shape.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => unescape(m[1])).join(' '))
  }
  return undefined
}

describe('deck.pptx in LibreOffice', () => {
  it.skipIf(!soffice || skip)(
    soffice ? 'prints the default workshop\'s deck.pptx to PDF: a page per slide, slide 6\'s title on page 6' : 'skipped: LibreOffice (soffice) not installed',
    async () => {
      const client = readdirSync(path.join(repoRoot, 'content', 'clients')).filter((f) => f.endsWith('.yml')).sort()[0].replace(/\.yml$/, '')
      const out = mkdtempSync(path.join(tmpdir(), 'wk-pptx-lo-'))
      const profile = mkdtempSync(path.join(tmpdir(), 'wk-lo-profile-'))
      try {
        // The repository's own project, written outside it (as print.test.ts does).
        const result = await build({ root: repoRoot, out, clients: [client], formats: ['html', 'pptx'], noCache: true })
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
        const deckHtml = readFileSync(path.join(out, client, 'deck.html'), 'utf8')
        const slideCount = (deckHtml.match(/<svg data-marpit-svg/g) ?? []).length
        expect(slideCount).toBeGreaterThan(6)

        const pptxFile = path.join(out, client, 'deck.pptx')
        const zip = await JSZip.loadAsync(readFileSync(pptxFile))
        const slideXml = async (n: number) => (await zip.file(`ppt/slides/slide${n}.xml`)?.async('string')) ?? ''
        expect(Object.keys(zip.files).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name)).length).toBe(slideCount)

        execFileSync('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--convert-to', 'pdf', '--outdir', out, pptxFile], { stdio: 'pipe', timeout: 100_000 })
        const pdf = path.join(out, 'deck.pdf')
        const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1])
        expect(pages).toBe(slideCount)

        // Slide 6's title (or, if slide 6 is a picture, the next slide's with one) is the text of its page.
        let page = 6
        let title = titleOf(await slideXml(page))
        while (!title && page < slideCount) title = titleOf(await slideXml(++page))
        expect(title, 'a titled slide from slide 6 on').toBeTruthy()
        const text = words(execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }))
        expect(text, `page ${page}`).toContain(title!)
      } finally {
        rmSync(out, { recursive: true, force: true })
        rmSync(profile, { recursive: true, force: true })
      }
    },
    120_000,
  )
})
