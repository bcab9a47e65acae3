// The handout (handout.html: the participants' slides as thumbnails, 3 a page
// beside ruled lines or 6 a page), and the guide's slides: numbered as in the
// deck, each beside its picture, exercises at the slide where they happen.
// Their PDFs: tests/slow/handout-pdf.test.ts.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, formatDiagnostic } from '../src/index.js'
import { minimalProject } from './helpers/project.js'
import { hiddenSentences, visibleText } from './helpers/text.js'

/** A lesson of five slides: notes, an exercise on slide 4 with its solution, facilitator text. */
const lesson = `---
title: Lección de apuntes
duration: 30
---

# Portada de la lección

<!-- NOTE_ONE una nota del ponente. -->

---

## Segunda idea

- Punto uno
- Punto dos

<!-- NOTE_TWO otra nota. -->

---

## Tercera idea

Texto.

---

## Ejercicio en grupo

:::exercise{title="Mapa de clientes" minutes=5}
¿Quién compra en {{client.name}}?

::answer{lines=3}

:::solution
SECRET_SOLUTION una respuesta modelo.
:::
:::

---

## Cierre de la lección

:::facilitator
SECRET_FACILITATOR solo para quien forma.
:::
`

const project = (files: Record<string, string> = {}) =>
  minimalProject({
    'content/workshop.yml': 'title: Taller de prueba\nlessons:\n  - intro\nhandout:\n  layout: 6\n',
    'content/lessons/intro.md': lesson,
    'content/clients/acme.yml': 'name: Acme\n',
    'content/clients/beta.yml': 'name: Beta\nhandout:\n  layout: 3\n',
    ...files,
  })

const slidesOf = (html: string) => (html.match(/<svg data-marpit-svg/g) ?? []).length
/** The sheets of a handout: how many slides each holds. */
const sheets = (html: string) =>
  html
    .split('<section class="sheet"')
    .slice(1)
    .map((sheet) => slidesOf(sheet))

describe('the handout', () => {
  let root: string
  const read = (file: string) => readFileSync(path.join(root, 'dist', file), 'utf8')

  beforeAll(async () => {
    root = project()
    const result = await build({ root, formats: ['html'] })
    expect(result.diagnostics).toEqual([])
  })

  it('is written for every client, with every slide of the deck as a thumbnail', () => {
    for (const client of ['acme', 'beta']) {
      const deck = read(`${client}/deck.html`)
      const handout = read(`${client}/handout.html`)
      expect(slidesOf(handout)).toBe(slidesOf(deck))
      expect(slidesOf(deck)).toBeGreaterThanOrEqual(8)
    }
  })

  it('takes its layout from workshop.yml (6 a page), and a client file overrides it (3 a page)', () => {
    const acme = read('acme/handout.html')
    const beta = read('beta/handout.html')
    const count = slidesOf(acme)
    const per = (n: number) => Array.from({ length: Math.ceil(count / n) }, (_, i) => Math.min(n, count - i * n))
    expect(sheets(acme)).toEqual(per(6))
    expect(sheets(beta)).toEqual(per(3))
    // Ruled lines for notes with every slide: 9 beside it (3 a page), 3 below it (6 a page).
    expect((beta.match(/class="handout-lines"/g) ?? []).length).toBe(count)
    expect((beta.match(/class="rule"/g) ?? []).length).toBe(count * 9)
    expect((acme.match(/class="rule"/g) ?? []).length).toBe(count * 3)
    // Numbered pages "n / N", the client's name and the workshop's title on each.
    const pages = per(3).length
    const text = visibleText(beta)
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Beta ${page} / ${pages}`)
    expect(text.split('Taller de prueba').length - 1).toBeGreaterThanOrEqual(pages)
  })

  it('holds no speaker notes, solutions or facilitator text', () => {
    for (const client of ['acme', 'beta']) {
      const handout = read(`${client}/handout.html`)
      for (const secret of ['NOTE_ONE', 'NOTE_TWO', 'SECRET_SOLUTION', 'SECRET_FACILITATOR']) expect(handout, `${client}: ${secret}`).not.toContain(secret)
      // The slides are there: their text is.
      expect(visibleText(handout)).toContain('Segunda idea')
      expect(visibleText(handout)).toContain(`¿Quién compra en ${client === 'acme' ? 'Acme' : 'Beta'}?`)
    }
  })

  it('shows inert thumbnails: no scripts, no ids repeated from the slides', () => {
    const handout = read('acme/handout.html')
    expect(handout).not.toMatch(/<script/i)
    const ids = [...handout.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1])
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.every((id) => id.startsWith('handout-slide-'))).toBe(true)
    // The deck's print rules (slide-sized pages) are not the handout's: A4.
    expect(handout).not.toContain('@page {size:1280px 720px')
    expect(handout).toContain('@page { size: A4; margin: 0; }')
  })

  it('has the logo small in each sheet header, and the closing slide shows it too', () => {
    const logo = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#c00"/></svg>'
    const withLogo = project({ 'content/clients/acme.yml': 'name: Acme\nbrand:\n  logo: logo.svg\n', 'content/clients/logo.svg': logo })
    return build({ root: withLogo, formats: ['html'] }).then((result) => {
      expect(result.diagnostics).toEqual([])
      const handout = readFileSync(path.join(withLogo, 'dist/acme/handout.html'), 'utf8')
      const sheetCount = sheets(handout).length
      expect((handout.match(/<img class="sheet-logo" src="data:image\/svg\+xml;base64,/g) ?? []).length).toBe(sheetCount)
      const deck = readFileSync(path.join(withLogo, 'dist/acme/deck.html'), 'utf8')
      const slides = deck.split('<svg data-marpit-svg').slice(1)
      const closing = slides[slides.length - 1]
      expect(closing).toContain('class="wk-closing"')
      expect(closing).toMatch(/<img class="wk-logo" src="data:image\/svg\+xml;base64,[^"]+" alt="Acme"/)
    })
  })

  it('refuses a layout other than 3 or 6, at its place in the client file', async () => {
    const bad = project({ 'content/clients/beta.yml': 'name: Beta\nhandout:\n  layout: 4\n' })
    const result = await build({ root: bad, formats: ['html'] })
    expect(result.ok).toBe(false)
    const report = result.diagnostics.map((d) => formatDiagnostic(d, (file) => path.relative(bad, file) || file))
    const errors = report.filter((line) => /^\S+:\d+:\d+: (?!warning)/.test(line))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^content\/clients\/beta\.yml:3:11: error: handout\.layout/)
    expect(errors[0]).toContain('3')
    expect(errors[0]).toContain('6')
    const workshop = project({ 'content/workshop.yml': 'title: Taller de prueba\nlessons:\n  - intro\nhandout:\n  layout: two\n' })
    const second = await build({ root: workshop, formats: ['html'] })
    expect(second.ok).toBe(false)
    expect(second.diagnostics.filter((d) => d.severity === 'error').map((d) => `${path.relative(workshop, d.file ?? '')}:${d.line}:${d.column}`)).toEqual(['content/workshop.yml:5:11'])
  })
})

describe("the guide's slides", () => {
  let root: string
  let guide: string
  let deck: string

  beforeAll(async () => {
    root = project()
    const result = await build({ root, formats: ['html'] })
    expect(result.diagnostics).toEqual([])
    guide = readFileSync(path.join(root, 'dist/acme/guide.html'), 'utf8')
    deck = readFileSync(path.join(root, 'dist/acme/deck.html'), 'utf8')
  })

  /** The number deck.html shows on the slide whose heading is `title`. */
  const deckNumber = (title: string) => {
    const slides = deck.split('<svg data-marpit-svg').slice(1)
    const index = slides.findIndex((slide) => visibleText(slide).startsWith(title) || new RegExp(`<h[12][^>]*>${title}</h[12]>`).test(slide))
    expect(index, title).toBeGreaterThanOrEqual(0)
    const shown = /data-marpit-pagination="(\d+)"/.exec(slides[index])
    // The page number Marp prints on the slide, where it paginates it, is its place in the deck.
    if (shown) expect(Number(shown[1])).toBe(index + 1)
    return index + 1
  }

  /** The guide's entries, slide by slide: number, title, and the entry's HTML. */
  const guideSlides = () =>
    guide
      .split('<article class="guide-slide"')
      .slice(1)
      .map((entry) => {
        const heading = /<h4><span class="slide-number">Diapositiva (\d+)<\/span>(?:: ([^<]*))?<\/h4>/.exec(entry)
        return { number: Number(heading?.[1]), title: heading?.[2] ?? '', html: entry }
      })

  it("numbers each slide as the deck does (after the opening slides), not from 1 in each lesson", () => {
    const entries = guideSlides()
    expect(entries.map((e) => e.title)).toEqual(['Portada de la lección', 'Segunda idea', 'Tercera idea', 'Ejercicio en grupo', 'Cierre de la lección'])
    for (const entry of entries) expect(entry.number, entry.title).toBe(deckNumber(entry.title))
    // The title and agenda slides come first.
    expect(entries[0].number).toBe(3)
  })

  it("puts each slide's notes beside its picture", () => {
    const entries = guideSlides()
    for (const entry of entries) {
      expect(entry.html, entry.title).toMatch(/<div class="wk-thumb" role="img" aria-label="Diapositiva \d+[^"]*"><div class="marpit" inert><svg data-marpit-svg/)
    }
    expect(visibleText(entries[0].html)).toContain('NOTE_ONE una nota del ponente.')
    expect(visibleText(entries[1].html)).toContain('NOTE_TWO otra nota.')
    // The picture is of its own slide.
    expect(entries[1].html).toMatch(/<h2>Segunda idea<\/h2>/)
    // The guide's own ids are not repeated by the pictures.
    const ids = [...guide.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1])
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('shows each exercise and its solution at the slide where it happens', () => {
    const entries = guideSlides()
    const at = entries.filter((e) => e.html.includes('Mapa de clientes'))
    expect(at.map((e) => e.title)).toEqual(['Ejercicio en grupo'])
    const text = visibleText(at[0].html)
    expect(text).toContain('Ejercicio 1.1: Mapa de clientes (5 min)')
    expect(text).toContain('SECRET_SOLUTION una respuesta modelo.')
    expect(text.indexOf('Mapa de clientes')).toBeLessThan(text.indexOf('SECRET_SOLUTION'))
  })
})

describe('the default workshop', () => {
  it("the guide's slide numbers are the deck's, and the handout holds none of the lessons' hidden text", async () => {
    const root = path.resolve(import.meta.dirname, '..')
    const out = path.join(minimalProject(), 'out')
    const result = await build({ root, out, formats: ['html'], clients: ['banco-meridiano'] })
    expect(result.ok).toBe(true)
    const deck = readFileSync(path.join(out, 'banco-meridiano/deck.html'), 'utf8')
    const guide = readFileSync(path.join(out, 'banco-meridiano/guide.html'), 'utf8')
    const handout = readFileSync(path.join(out, 'banco-meridiano/handout.html'), 'utf8')
    const slides = deck.split('<svg data-marpit-svg').slice(1)
    // Every slide the guide names is, at that number in the deck, the slide of that title.
    const titleOf = (slide: string) => visibleText(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/.exec(slide)?.[1] ?? '')
    let checked = 0
    for (const entry of guide.matchAll(/<span class="slide-number">Diapositiva (\d+)<\/span>(?:: ([^<]*))?<\/h4>/g)) {
      const number = Number(entry[1])
      expect(titleOf(slides[number - 1]), `guide's slide ${number}`).toBe(visibleText(entry[2] ?? ''))
      checked++
    }
    // Every slide but the kit's own (title, agenda, closing) is in the guide.
    const kitSlides = slides.filter((slide) => /class="wk-(title|agenda|closing)"/.test(slide)).length
    expect(kitSlides).toBeGreaterThanOrEqual(3)
    expect(checked).toBe(slides.length - kitSlides)
    // The first exercise of the workshop is at its deck slide in the guide.
    const first = slides.findIndex((slide) => titleOf(slide).startsWith('Ejercicio: ')) + 1
    expect(first).toBeGreaterThan(0)
    const exercise = titleOf(slides[first - 1]).slice('Ejercicio: '.length).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    expect(visibleText(guide)).toMatch(new RegExp(`Diapositiva ${first} ?: Ejercicio: ${exercise} [\\s\\S]*Ejercicio 1\\.1: ${exercise}`))
    expect(slidesOf(handout)).toBe(slides.length)
    const text = visibleText(handout)
    for (const [lesson, sentences] of hiddenSentences(path.join(root, 'content', 'lessons'))) {
      for (const sentence of sentences) expect(text, `${lesson}: ${sentence}`).not.toContain(sentence)
    }
  })
})
