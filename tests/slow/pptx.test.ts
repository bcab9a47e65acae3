// deck.pptx, slides.pptx and slides/NNN.png, read back as a user's tools
// would: the pptx is a zip of XML, so each slide's title and list text is
// looked for as text, notes in the trainer's file and not in the
// participants', images inside; the same build gives the same bytes. The
// default workshop for one client, and a small project with what PowerPoint
// cannot hold (raw SVG, math), a table, nested lists and code.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../../lib/index.js'
import { findChromium } from '../../lib/print/browser.js'
import { copyProject, makeProject, repoRoot } from '../helpers/project.js'

const chromium = findChromium()
const skip = process.env.WORKSHOP_KIT_SKIP_BROWSER === '1'
if (!chromium.path && !skip) throw new Error(`These tests need Chromium: ${chromium.reason}. Set WORKSHOP_KIT_SKIP_BROWSER=1 to skip them.`)
const describeBrowser = skip ? describe.skip : describe

interface Pptx {
  zip: JSZip
  /** Each slide's XML, in order. */
  slides: string[]
  /** Each slide's notes text ('' when none). */
  notes: string[]
}

async function readPptx(file: string): Promise<Pptx> {
  const zip = await JSZip.loadAsync(readFileSync(file))
  const order = [...(await zip.file('ppt/presentation.xml')!.async('string')).matchAll(/<p:sldId [^>]*r:id="(rId\d+)"/g)].map((m) => m[1])
  const rels = await zip.file('ppt/_rels/presentation.xml.rels')!.async('string')
  const target = (id: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1]
  const slides: string[] = []
  const notes: string[] = []
  for (const id of order) {
    const name = `ppt/${target(id).replace(/^\/?ppt\//, '')}`
    slides.push(await zip.file(name)!.async('string'))
    const slideRels = await zip.file(name.replace('slides/', 'slides/_rels/') + '.rels')?.async('string')
    const notesTarget = slideRels && /Target="\.\.\/notesSlides\/([^"]+)"/.exec(slideRels)?.[1]
    notes.push(notesTarget ? textOf(await zip.file(`ppt/notesSlides/${notesTarget}`)!.async('string')) : '')
  }
  return { zip, slides, notes }
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&')
/** The text of an XML part: its <a:t> runs, paragraphs as spaces. */
const textOf = (xml: string) =>
  decode(
    xml
      .replace(/<\/a:p>|<a:br\/>/g, '<a:t> </a:t>')
      .match(/<a:t>[^<]*<\/a:t>/g)
      ?.map((t) => t.replace(/<\/?a:t>/g, ''))
      .join('') ?? '',
  )
    .replace(/\s+/g, ' ')
    .trim()
const squash = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase()

/** Each slide of a kit deck page: its headings and list items as text, and its notes. */
function deckSlides(html: string): Array<{ headings: string[]; items: string[] }> {
  const stage = html.slice(html.indexOf('<main id="wk-stage"'), html.indexOf('</main>'))
  // A paragraph inside an item (an answer hint) is a paragraph of its own: a space between.
  const plain = (fragment: string) =>
    decode(fragment.replace(/<(ul|ol)[\s\S]*$/, '').replace(/<\/?(?:p|div|br)\b[^>]*>/g, ' ').replace(/<[^>]+>/g, ''))
      .replace(/\s+/g, ' ')
      .trim()
  return stage
    .split(/<svg data-marpit-svg/)
    .slice(1)
    .map((slide) => ({
      headings: [...slide.matchAll(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/g)].map((m) => plain(m[1])).filter(Boolean),
      items: [...slide.matchAll(/<li[^>]*>([\s\S]*?)(?=<\/li>|<li)/g)].map((m) => plain(m[1])).filter(Boolean),
    }))
}

const notesJson = (html: string) => JSON.parse(decode(/<script type="application\/json" id="wk-notes">([\s\S]*?)<\/script>/.exec(html)![1])) as string[][]
const isPicture = (slide: string) => /<p:pic>/.test(slide) && !/<a:t>/.test(slide)

describeBrowser('PowerPoint and PNG from the default workshop', () => {
  const client = 'banco-meridiano'
  let out: string
  let result: BuildResult
  const kit = (name: string) => path.join(out, client, name)

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'wk-pptx-'))
    result = await build({ root: copyProject(repoRoot), out, clients: [client], formats: ['html', 'pptx', 'png'], noCache: true })
  }, 240_000)

  it('has a slide per deck slide, each heading and list item as text, the first heading as the title', async () => {
    expect(result.ok, JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error'))).toBe(true)
    const html = readFileSync(kit('deck.html'), 'utf8')
    const expected = deckSlides(html)
    const pptx = await readPptx(kit('deck.pptx'))
    expect(pptx.slides.length).toBe(expected.length)
    expect(expected.length).toBeGreaterThan(40)
    let editable = 0
    pptx.slides.forEach((xml, i) => {
      if (isPicture(xml)) return
      editable++
      const text = squash(textOf(xml))
      for (const heading of expected[i].headings) expect(text, `slide ${i + 1}`).toContain(squash(heading))
      for (const item of expected[i].items) expect(text, `slide ${i + 1}`).toContain(squash(item))
      if (expected[i].headings.length) {
        const title = /<p:sp>(?:(?!<\/p:sp>)[\s\S])*?<p:ph[^>]*type="title"[\s\S]*?<\/p:sp>/.exec(xml)
        expect(title, `slide ${i + 1} has a title placeholder`).not.toBeNull()
        expect(squash(textOf(title![0]))).toBe(squash(expected[i].headings[0]))
      }
    })
    // The goal: at least 95% of the slides come out editable.
    expect(editable / pptx.slides.length).toBeGreaterThanOrEqual(0.95)
    const pictures = result.diagnostics.filter((d) => d.code === 'pptx-picture')
    expect(pictures.length).toBe(pptx.slides.length - editable)
  })

  it("holds the notes in deck.pptx and none in slides.pptx; the logo is inside; the document says its title, trainer and language", async () => {
    const html = readFileSync(kit('deck.html'), 'utf8')
    const notes = notesJson(html)
    const deck = await readPptx(kit('deck.pptx'))
    const slides = await readPptx(kit('slides.pptx'))
    const withNotes = notes.map((n, i) => [n.join(' ').trim(), i] as const).filter(([n]) => n.length > 20)
    expect(withNotes.length).toBeGreaterThan(10)
    for (const [note, i] of withNotes) {
      const first = squash(note).slice(0, 40)
      expect(squash(deck.notes[i]), `notes of slide ${i + 1}`).toContain(first)
    }
    const allParticipant = squash(slides.notes.join(' ') + slides.slides.map(textOf).join(' '))
    for (const [note] of withNotes) expect(allParticipant).not.toContain(squash(note).slice(0, 40))
    expect(slides.slides.length).toBe(deck.slides.length)
    const media = Object.keys(deck.zip.files).filter((f) => f.startsWith('ppt/media/'))
    expect(media.length).toBeGreaterThan(0)
    expect(deck.slides[0]).toMatch(/<p:pic>/)
    const core = await deck.zip.file('docProps/core.xml')!.async('string')
    expect(core).toContain('<dc:title>Redes sociales para empresas · Banco Meridiano</dc:title>')
    expect(core).toContain('<dc:creator>Carlos Ibáñez</dc:creator>')
    expect(core).toContain('<dc:language>es</dc:language>')
    // One section per lesson, named as in the PDF's outline.
    const presentation = await deck.zip.file('ppt/presentation.xml')!.async('string')
    const lessons = readdirSync(kit('lessons')).filter((f) => f.endsWith('.html'))
    expect([...presentation.matchAll(/<p14:section name="([^"]+)"/g)].length).toBe(lessons.length)
  })

  it('writes slides/001.png... at the deck size, and the client index links both PowerPoint files', () => {
    const html = readFileSync(kit('deck.html'), 'utf8')
    const count = deckSlides(html).length
    const pictures = readdirSync(kit('slides')).sort()
    expect(pictures.length).toBe(count)
    expect(pictures[0]).toBe('001.png')
    const first = readFileSync(path.join(kit('slides'), pictures[0]))
    expect(first.readUInt32BE(16)).toBe(1280)
    expect(first.readUInt32BE(20)).toBe(720)
    const index = readFileSync(kit('index.html'), 'utf8')
    expect(index).toContain('href="deck.pptx"')
    expect(index).toContain('href="slides.pptx"')
  })

  it('gives the same bytes on a second build', async () => {
    const again = mkdtempSync(path.join(tmpdir(), 'wk-pptx-again-'))
    const second = await build({ root: copyProject(repoRoot), out: again, clients: [client], formats: ['pptx', 'png'], noCache: true })
    expect(second.ok).toBe(true)
    for (const name of ['deck.pptx', 'slides.pptx', 'slides/001.png', 'slides/011.png']) {
      expect(readFileSync(path.join(again, client, name)).equals(readFileSync(kit(name))), name).toBe(true)
    }
  }, 240_000)
})

describeBrowser('PowerPoint from slides the converter can and cannot express', () => {
  const lesson = `---
title: Formas
duration: 20
math: katex
---

# Tabla y listas

| Canal | Uso |
| --- | --- |
| Instagram | Moda |
| LinkedIn | Industria |

---

## Listas

- Primer nivel
  - Segundo nivel
    - Tercer nivel
- Otra vez arriba

1. Uno
2. Dos

---

## Código

\`\`\`js
const canal = 'social'
console.log(canal)
\`\`\`

---

## Dibujo

<svg width="200" height="100"><rect width="200" height="100" fill="red"/></svg>

<!-- Nota del dibujo -->

---

## Fórmula

$$E = mc^2$$
`
  let out: string
  let result: BuildResult
  let root: string

  beforeAll(async () => {
    root = makeProject({
      'content/workshop.yml': 'title: Taller\nlanguage: es\nlessons:\n  - formas\n',
      'content/clients/acme.yml': 'name: Acme\n',
      'content/lessons/formas.md': lesson,
    })
    out = mkdtempSync(path.join(tmpdir(), 'wk-pptx-shapes-'))
    result = await build({ root, out, formats: ['html', 'pptx'], noCache: true })
  }, 120_000)

  it('writes tables as tables, list levels, code in a monospace font', async () => {
    expect(result.ok, JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error'))).toBe(true)
    const deck = await readPptx(path.join(out, 'acme', 'deck.pptx'))
    const slide = (title: string) => deck.slides.find((xml) => textOf(xml).includes(title))!
    expect(slide('Tabla y listas')).toMatch(/<a:tbl>/)
    expect(textOf(slide('Tabla y listas'))).toContain('LinkedIn')
    const lists = slide('Segundo nivel')
    expect(lists).toMatch(/<a:pPr[^>]*lvl="1"[\s\S]*?Segundo nivel/)
    expect(lists).toMatch(/<a:pPr[^>]*lvl="2"[\s\S]*?Tercer nivel/)
    expect(lists).toMatch(/buAutoNum[\s\S]*?Uno/)
    expect(slide("const canal = 'social'")).toMatch(/typeface="(?:DejaVu Sans Mono|Liberation Mono|Courier New|[^"]*Mono[^"]*)"/)
  })

  it('draws raw SVG and math as pictures, keeps their notes, and says so at the lesson line', async () => {
    const deck = await readPptx(path.join(out, 'acme', 'deck.pptx'))
    const html = readFileSync(path.join(out, 'acme', 'deck.html'), 'utf8')
    const titles = deckSlides(html).map((s) => s.headings[0])
    const drawing = titles.indexOf('Dibujo')
    const formula = titles.indexOf('Fórmula')
    expect(isPicture(deck.slides[drawing])).toBe(true)
    expect(isPicture(deck.slides[formula])).toBe(true)
    expect(deck.notes[drawing]).toContain('Nota del dibujo')
    const infos = result.diagnostics.filter((d) => d.code === 'pptx-picture')
    expect(infos.map((d) => d.severity)).toEqual(['info', 'info'])
    const file = path.join(root, 'content', 'lessons', 'formas.md')
    const lines = lesson.split('\n')
    // At the slide's first line of content (as overflow warnings are).
    expect(infos.map((d) => [d.file, d.line])).toEqual([
      [file, lines.indexOf('## Dibujo') + 1],
      [file, lines.indexOf('## Fórmula') + 1],
    ])
    expect(infos[0].message).toMatch(/slide \d+ is a picture in deck\.pptx.*<svg>/)
    expect(infos[1].message).toMatch(/math/)
  })
})
