// Any valid Marp deck is a valid lesson: every deck of the shared corpus
// builds (its theme CSS registered) and gives marp-core's slides, slide for
// slide, on the lesson page and in the lesson's part of deck.html (compared
// as scripts/marp-compare.mjs says: only what the kit numbers or sets across
// the workshop is normalized). The files a deck or theme names are made in
// the project (the corpus has the markdown only), and marp-core is given
// the markdown naming the kit's copies of them (withKitAssets).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { corpus, decks, marpSlideCount, themeCss, themes } from '../helpers/corpus.js'
import { makeProject } from '../helpers/project.js'
// @ts-expect-error: a plain JavaScript module of the scripts
import { deckPartSlides, marpCoreSlides, normalizedSlides, referenceMarp, withKitAssets } from '../../scripts/marp-compare.mjs'


/** Makes the files the project's themes and lessons name; the lessons' markdown as the kit names them, by lesson file. */
async function kitAssets(root: string): Promise<Map<string, { page: string; deck: string }>> {
  for (const theme of themes) {
    const file = path.join(root, 'templates', 'themes', theme)
    await withKitAssets(root, file, readFileSync(file, 'utf8'), { css: true })
  }
  const named = new Map<string, { page: string; deck: string }>()
  const lessons = path.join(root, 'content', 'lessons')
  for (const lesson of readdirSync(lessons)) named.set(lesson, await withKitAssets(root, path.join(lessons, lesson), readFileSync(path.join(lessons, lesson), 'utf8')))
  return named
}


/**
 * In the workshop deck the kit's theme and size rule (README: a lesson's own
 * theme, size and math apply to its own deck): the slide's box is the deck's,
 * and so is auto-scaling of code, headings and math (a theme's @auto-scaling). The
 * lesson's global directives that rule its own deck only (style, size, math)
 * are not on the deck's slides.
 */
const withoutSize = (slides: string[]) =>
  slides.map((s) =>
    s
      .replace(/ viewBox="[^"]*"/g, '')
      .replace(/<foreignObject width="[^"]*" height="[^"]*"/g, '<foreignObject')
      .replace(/ data-(?:size|style|math)="[^"]*"/g, '')
      .replace(/ style="([^"]*)"/g, (_, style: string) => {
        const kept = style.split(/;(?=--|[a-z-]+:)/).filter((d) => d && !/^--(?:size|style|math):/.test(d))
        return kept.length ? ` style="${kept.join(';').replace(/;?$/, ';')}"` : ''
      })
      .replace(/<pre is="marp-pre" data-auto-scaling="downscale-only">/g, '<pre>')
      .replace(/<(h[1-6]) is="marp-h[1-6]" data-auto-scaling/g, '<$1')
      .replace(/<span is="marp-span" data-auto-scaling="downscale-only"/g, '<span'),
  )

describe('the Marp corpus', () => {
  it('holds decks to test', () => expect(decks.length).toBeGreaterThanOrEqual(20))

  for (const deck of decks) {
    it(`builds ${deck} as a lesson with marp-core's slides`, async () => {
      const id = deck.replace(/\.md$/, '')
      const markdown = readFileSync(path.join(corpus, deck), 'utf8')
      const files: Record<string, string> = {
        'content/workshop.yml': `title: Corpus\nlessons:\n  - ${id}\n`,
        [`content/lessons/${id}.md`]: markdown,
        'content/clients/c.yml': 'name: Cliente\n',
      }
      for (const theme of themes) files[`templates/themes/${theme}`] = readFileSync(path.join(corpus, theme), 'utf8')
      const root = makeProject(files)
      const named = (await kitAssets(root)).get(`${id}.md`)!
      const result = await build({ root, formats: ['html'] })
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
      const expected = marpSlideCount(markdown)
      const lessonDeck = readFileSync(path.join(root, 'dist', 'c', 'lessons', `${id}.html`), 'utf8')
      expect((lessonDeck.match(/<svg data-marpit-svg/g) ?? []).length).toBe(expected)
      // The workshop deck adds its title, agenda and closing slides around the lesson.
      const workshopDeck = readFileSync(path.join(root, 'dist', 'c', 'deck.html'), 'utf8')
      expect((workshopDeck.match(/<svg data-marpit-svg/g) ?? []).length).toBe(expected + 3)
      // Slide for slide, marp-core's markup (and so its text).
      const reference = marpCoreSlides(referenceMarp(themeCss()), named.page)
      const page = normalizedSlides(lessonDeck)
      for (let i = 0; i < reference.length; i++) expect(page[i], `${deck}: lesson page, slide ${i + 1}`).toBe(reference[i])
      const part = withoutSize(deckPartSlides(workshopDeck, 1))
      const referenceInDeck = withoutSize(marpCoreSlides(referenceMarp(themeCss()), named.deck))
      for (let i = 0; i < reference.length; i++) expect(part[i], `${deck}: deck.html, slide ${i + 1}`).toBe(referenceInDeck[i])
    })
  }
})

describe.skipIf(process.env.WORKSHOP_KIT_SKIP_BROWSER === '1')('the Marp corpus in print', () => {
  it('prints every deck as one workshop: a PDF page per slide, overflow reported at real slide lines', async () => {
    const ids = decks.map((deck) => deck.replace(/\.md$/, ''))
    const files: Record<string, string> = {
      'content/workshop.yml': `title: Corpus\nlessons:\n${ids.map((id) => `  - ${id}\n`).join('')}`,
      'content/clients/c.yml': 'name: Cliente\n',
    }
    for (const deck of decks) files[`content/lessons/${deck}`] = readFileSync(path.join(corpus, deck), 'utf8')
    for (const theme of themes) files[`templates/themes/${theme}`] = readFileSync(path.join(corpus, theme), 'utf8')
    const root = makeProject(files)
    await kitAssets(root)
    const result = await build({ root, formats: ['html', 'pdf'] })
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])

    let total = 0
    for (const deck of decks) {
      const expected = marpSlideCount(readFileSync(path.join(corpus, deck), 'utf8'))
      total += expected
      const pdf = await PDFDocument.load(readFileSync(path.join(root, 'dist', 'c', 'lessons', deck.replace(/\.md$/, '.pdf'))))
      expect(pdf.getPageCount(), deck).toBe(expected)
    }
    const workshop = await PDFDocument.load(readFileSync(path.join(root, 'dist', 'c', 'deck.pdf')))
    // Title, agenda on three slides (20 lessons, 8 a slide), the lessons, closing.
    expect(workshop.getPageCount()).toBe(total + 5)

    const overflows = result.diagnostics.filter((d) => d.code === 'slide-overflow')
    expect(overflows.length).toBeGreaterThan(0)
    for (const d of overflows) {
      const lines = readFileSync(d.file!, 'utf8').split('\n')
      expect(d.line, `${d.file}:${d.line}`).toBeLessThanOrEqual(lines.length)
      expect(lines[d.line - 1].trim(), `${d.file}:${d.line} starts a slide`).not.toBe('')
    }
  }, 300_000)
})
