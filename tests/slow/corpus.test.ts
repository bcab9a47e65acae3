// Any valid Marp deck is a valid lesson: every deck of the shared corpus
// builds (its theme CSS registered) with the slide count marp-core gives.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Marp } from '@marp-team/marp-core'
import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { makeProject, repoRoot } from '../helpers/project.js'

// A copy of ../shared/corpus/marp-decks with its licences; the shared folder wins when present.
const shared = path.resolve(repoRoot, '..', 'shared', 'corpus', 'marp-decks')
const corpus = existsSync(shared) ? shared : path.join(repoRoot, 'tests', 'fixtures', 'marp-corpus')
const decks = existsSync(corpus) ? readdirSync(corpus).filter((f) => f.endsWith('.md') && f !== 'README.md') : []
const themes = existsSync(corpus) ? readdirSync(corpus).filter((f) => f.endsWith('.css')) : []

function marpSlideCount(markdown: string): number {
  const marp = new Marp({ html: true })
  for (const file of themes) {
    let css = readFileSync(path.join(corpus, file), 'utf8')
    if (!/@theme/.test(css)) css = `/* @theme ${file.replace(/\.css$/, '')} */\n${css}`
    marp.themeSet.add(css)
  }
  return marp.render(markdown).comments.length
}

describe('the Marp corpus', () => {
  it('holds decks to test', () => expect(decks.length).toBeGreaterThanOrEqual(20))

  for (const deck of decks) {
    it(`builds ${deck} as a lesson with marp-core's slide count`, async () => {
      const id = deck.replace(/\.md$/, '')
      const markdown = readFileSync(path.join(corpus, deck), 'utf8')
      const files: Record<string, string> = {
        'content/workshop.yml': `title: Corpus\nlessons:\n  - ${id}\n`,
        [`content/lessons/${id}.md`]: markdown,
        'content/clients/c.yml': 'name: Cliente\n',
      }
      for (const theme of themes) files[`templates/themes/${theme}`] = readFileSync(path.join(corpus, theme), 'utf8')
      const root = makeProject(files)
      const result = await build({ root, formats: ['html'] })
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
      const expected = marpSlideCount(markdown)
      const lessonDeck = readFileSync(path.join(root, 'dist', 'c', 'lessons', `${id}.html`), 'utf8')
      expect((lessonDeck.match(/<svg data-marpit-svg/g) ?? []).length).toBe(expected)
      // The workshop deck adds its title, agenda and closing slides around the lesson.
      const workshopDeck = readFileSync(path.join(root, 'dist', 'c', 'deck.html'), 'utf8')
      expect((workshopDeck.match(/<svg data-marpit-svg/g) ?? []).length).toBe(expected + 3)
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
