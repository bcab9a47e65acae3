// Every deck of the shared Marp corpus, as a lesson, comes out as PowerPoint:
// the build is ok, deck.pptx and slides.pptx are zips PowerPoint can open
// (the parts they name are there), with a slide per slide of the client's
// deck and a section per lesson holding that lesson's slides; the
// participants' copy has none of the speaker notes. All decks are lessons of
// ONE workshop (one Chromium, one deck page); which slides had to be
// pictures is printed as a table, not asserted.
//
// The deck's slide count is the number of <svg data-marpit-svg> of the
// client's deck.html (built with 'html' next to 'pptx'): the very elements
// the exporter reads back, one a slide, including the kit's title, agenda
// and closing slides. A lesson's own count is marp-core's (as in corpus.test.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import type { BuildResult } from '../../src/index.js'
import { corpus, decks, marpSlideCount, themes } from '../helpers/corpus.js'
import { makeProject } from '../helpers/project.js'
// @ts-expect-error: a plain JavaScript module of the scripts
import { withKitAssets } from '../../scripts/marp-compare.mjs'

const ids = decks.map((deck) => deck.replace(/\.md$/, ''))
const skip = process.env.WORKSHOP_KIT_SKIP_BROWSER === '1'


/** Makes the files the project's themes and lessons name (the corpus has the markdown only). */
async function kitAssets(root: string): Promise<void> {
  for (const theme of themes) {
    const file = path.join(root, 'templates', 'themes', theme)
    await withKitAssets(root, file, readFileSync(file, 'utf8'), { css: true })
  }
  const lessons = path.join(root, 'content', 'lessons')
  for (const lesson of readdirSync(lessons)) await withKitAssets(root, path.join(lessons, lesson), readFileSync(path.join(lessons, lesson), 'utf8'))
}

const unescape = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&')

/** The text of a part's runs (<a:t>), fields (the slide number) left out. */
const partText = (xml: string) =>
  [...xml.replace(/<a:fld\b[\s\S]*?<\/a:fld>/g, '').matchAll(/<a:t>([^<]*)<\/a:t>/g)]
    .map((m) => unescape(m[1]))
    .join('\n')
    .trim()

/** ppt/slides/slide1.xml, slide2.xml... in slide order. */
const numbered = (zip: JSZip, folder: string, stem: string) =>
  Object.keys(zip.files)
    .filter((name) => new RegExp(`^ppt/${folder}/${stem}\\d+\\.xml$`).test(name))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]))

/** The notes of each notes page, by its file name. */
async function notesOf(zip: JSZip): Promise<Map<string, string>> {
  const notes = new Map<string, string>()
  for (const name of numbered(zip, 'notesSlides', 'notesSlide')) notes.set(name, partText(await zip.file(name)!.async('string')))
  return notes
}

/** The sections of ppt/presentation.xml: name and how many slides. */
async function sectionsOf(zip: JSZip): Promise<Array<{ name: string; slides: number }>> {
  const xml = await zip.file('ppt/presentation.xml')!.async('string')
  return [...xml.matchAll(/<p14:section\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/p14:section>/g)].map((m) => ({
    name: unescape(m[1]),
    slides: (m[2].match(/<p14:sldId\b/g) ?? []).length,
  }))
}

/** The package's parts it names (content types and relationships) that are not in the zip. */
async function missingParts(zip: JSZip): Promise<string[]> {
  const missing: string[] = []
  const types = await zip.file('[Content_Types].xml')!.async('string')
  for (const m of types.matchAll(/<Override\b[^>]*PartName="\/([^"]+)"/g)) {
    // pptxgenjs lists a slideMasterN.xml a slide (it writes slideMaster1.xml only); PowerPoint and LibreOffice ignore a type for an absent part.
    if (/^ppt\/slideMasters\/slideMaster\d+\.xml$/.test(m[1]) && zip.file('ppt/slideMasters/slideMaster1.xml')) continue
    if (!zip.file(m[1])) missing.push(`[Content_Types].xml: ${m[1]}`)
  }
  for (const rels of Object.keys(zip.files).filter((name) => name.endsWith('.rels'))) {
    const xml = await zip.file(rels)!.async('string')
    // word/_rels/document.xml.rels names files from word/; _rels/.rels from the root.
    const base = path.posix.dirname(path.posix.dirname(rels))
    for (const m of xml.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
      if (/TargetMode="External"/.test(m[1])) continue
      const target = /Target="([^"]+)"/.exec(m[1])?.[1]
      if (!target) continue
      const part = target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(base === '.' ? '' : base, target))
      if (!zip.file(part)) missing.push(`${rels}: ${target}`)
    }
  }
  return missing
}

describe.skipIf(skip)('the Marp corpus as PowerPoint', () => {
  let root: string
  let result: BuildResult
  let deck: JSZip
  let slides: JSZip
  let deckSlideCount: number
  let sections: Array<{ name: string; slides: number }>
  const expected = new Map<string, number>()

  beforeAll(async () => {
    const files: Record<string, string> = {
      'content/workshop.yml': `title: Corpus\nlessons:\n${ids.map((id) => `  - ${id}\n`).join('')}`,
      'content/clients/c.yml': 'name: Cliente\n',
    }
    for (const deckFile of decks) {
      const markdown = readFileSync(path.join(corpus, deckFile), 'utf8')
      files[`content/lessons/${deckFile}`] = markdown
      expected.set(deckFile, marpSlideCount(markdown))
    }
    for (const theme of themes) files[`templates/themes/${theme}`] = readFileSync(path.join(corpus, theme), 'utf8')
    root = makeProject(files)
    await kitAssets(root)
    const started = Date.now()
    result = await build({ root, formats: ['html', 'pptx'], noCache: true })
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    const client = path.join(root, 'dist', 'c')
    if (existsSync(path.join(client, 'deck.html'))) {
      deckSlideCount = (readFileSync(path.join(client, 'deck.html'), 'utf8').match(/<svg data-marpit-svg/g) ?? []).length
    }
    if (existsSync(path.join(client, 'deck.pptx'))) deck = await JSZip.loadAsync(readFileSync(path.join(client, 'deck.pptx')))
    if (existsSync(path.join(client, 'slides.pptx'))) slides = await JSZip.loadAsync(readFileSync(path.join(client, 'slides.pptx')))
    if (deck) sections = await sectionsOf(deck)

    // Which slides are pictures, and why, by deck (information only).
    const pictures = result.diagnostics.filter((d) => d.code === 'pptx-picture')
    const table = decks.map((deckFile) => {
      const own = pictures.filter((d) => d.file && path.basename(d.file) === deckFile)
      const reasons = new Map<string, number>()
      for (const d of own) {
        const listed = /PowerPoint has nothing for (.*)$/.exec(d.message)?.[1] ?? d.message
        for (const reason of listed.split(/, (?![^(]*\))/)) reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
      }
      const slideCount = expected.get(deckFile)!
      return {
        deck: deckFile.replace(/\.md$/, '').slice(0, 48),
        slides: slideCount,
        pictures: own.length,
        editable: `${Math.round((100 * (slideCount - own.length)) / slideCount)}%`,
        reasons: [...reasons].map(([r, n]) => `${r} ×${n}`).join('; ').slice(0, 140),
      }
    })
    const others = pictures.filter((d) => !d.file || !decks.includes(path.basename(d.file)))
    console.log(`pptx corpus: ${decks.length} decks, ${deckSlideCount} slides in deck.pptx, ${pictures.length} pictures, build ${seconds} s`)
    console.table(table)
    if (others.length) console.log('pictures outside the corpus lessons:', others.map((d) => `${d.file}:${d.line} ${d.message}`))
  }, 400_000)

  it('holds decks to test', () => expect(decks.length).toBeGreaterThanOrEqual(20))

  it('builds without errors and writes deck.pptx and slides.pptx', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.outputs).toContain('c/deck.pptx')
    expect(result.outputs).toContain('c/slides.pptx')
    expect(deck, 'deck.pptx is a zip').toBeDefined()
    expect(slides, 'slides.pptx is a zip').toBeDefined()
  })

  it('both files are whole packages: every part they name is in the zip', async () => {
    for (const [name, zip] of [['deck.pptx', deck], ['slides.pptx', slides]] as const) {
      expect(zip.file('[Content_Types].xml'), name).not.toBeNull()
      expect(zip.file('ppt/presentation.xml'), name).not.toBeNull()
      expect(await missingParts(zip), name).toEqual([])
    }
  })

  it('each paragraph has its properties first and once (<a:pPr> before its runs, as the schema says)', async () => {
    // A second <a:pPr> after a run is not DrawingML: LibreOffice applies it to the
    // paragraph (a bullet item starting with `code` or *emphasis* loses its bullet).
    const misplaced: string[] = []
    for (const name of numbered(deck, 'slides', 'slide')) {
      const xml = await deck.file(name)!.async('string')
      const count = (xml.match(/<\/a:r>(?:<a:br\/>)?<a:pPr\b/g) ?? []).length
      if (count) misplaced.push(`${name}: ${count}`)
    }
    expect(misplaced.length, `slides with an <a:pPr> after a run: ${misplaced.slice(0, 10).join(', ')}${misplaced.length > 10 ? '...' : ''}`).toBe(0)
  })

  it("has a slide for each of the deck's slides, in both files", () => {
    expect(deckSlideCount).toBeGreaterThan(0)
    expect(numbered(deck, 'slides', 'slide').length).toBe(deckSlideCount)
    expect(numbered(slides, 'slides', 'slide').length).toBe(deckSlideCount)
    // Title and agenda before the lessons, closing after them.
    const lessonSlides = [...expected.values()].reduce((a, b) => a + b, 0)
    expect(deckSlideCount).toBeGreaterThan(lessonSlides)
  })

  it('the participants\' copy has none of the speaker notes', async () => {
    const trainer = await notesOf(deck)
    const participants = await notesOf(slides)
    const noted = [...trainer.values()].filter((text) => text)
    // The corpus decks have speaker notes (HTML comments): deck.pptx carries them.
    expect(noted.length).toBeGreaterThan(0)
    for (const [name, text] of participants) {
      expect(text, `slides.pptx ${name}`).toBe('')
      for (const note of noted) expect(text.includes(note), `slides.pptx ${name}`).toBe(false)
    }
  })

  it('has a section per lesson, in order', () => {
    expect(sections.map((s) => s.name)).toEqual(ids.map((_, i) => expect.stringMatching(new RegExp(`^${i + 1}\\. `))))
  })

  for (const [index, deckFile] of decks.entries()) {
    it(`${deckFile}: its section holds its slides`, () => {
      const section = sections[index]
      expect(section, `section ${index + 1}`).toBeDefined()
      // The last lesson's section runs on to the closing slide.
      if (index < decks.length - 1) expect(section.slides).toBe(expected.get(deckFile))
      else expect(section.slides).toBeGreaterThanOrEqual(expected.get(deckFile)!)
    })
  }
})
