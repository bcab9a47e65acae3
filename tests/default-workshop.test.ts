// The shipped workshop, built end to end for every example client, checked
// the way a trainer, a student and a consultant would look at it. Built once
// (HTML only); a second build giving the same bytes, worker threads, shards and
// rebuilds: tests/slow/parallel.test.ts. Its PDFs: tests/slow/print.test.ts.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../src/index.js'
import { repoRoot } from './helpers/project.js'
import { hiddenSentences, visibleText } from './helpers/text.js'

const clients = readdirSync(path.join(repoRoot, 'content', 'clients'))
  .filter((f) => f.endsWith('.yml'))
  .map((f) => f.replace(/\.yml$/, ''))
const hidden = hiddenSentences(path.join(repoRoot, 'content', 'lessons'))

let out: string
let result: BuildResult
const read = (...parts: string[]) => readFileSync(path.join(out, ...parts), 'utf8')
const slideCount = (html: string) => (html.match(/<svg data-marpit-svg/g) ?? []).length

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'wk-default-'))
  result = await build({ root: repoRoot, out, formats: ['html'] })
})

/** The deck's agenda slides (Marp renders each section of a slide once per layer: counted by their ids). */
const agendaSlides = (html: string) => new Set([...html.matchAll(/<section id="([^"]+)"[^>]* class="wk-agenda"/g)].map((m) => m[1])).size

describe('the default workshop', () => {
  it('builds without errors or warnings for every example client (the English one reads English lessons)', () => {
    expect(result.diagnostics.map((d) => `${path.relative(repoRoot, d.file ?? '')}:${d.line} ${d.severity} ${d.code}`)).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.clients.sort()).toEqual(clients.sort())
    expect(clients.length).toBeGreaterThanOrEqual(3)
  })

  it('ships at least 7 lessons, each with front matter, notes, an exercise with answer space and a solution', () => {
    const lessons = readdirSync(path.join(repoRoot, 'content', 'lessons')).filter((f) => f.endsWith('.md'))
    expect(lessons.length).toBeGreaterThanOrEqual(7)
    for (const file of lessons) {
      const text = readFileSync(path.join(repoRoot, 'content', 'lessons', file), 'utf8')
      expect(text, file).toMatch(/^---\ntitle: .+\nduration: \d+\nobjectives:\n {2}- /)
      expect(text, file).toMatch(/:::exercise\{title="[^"]+" minutes=\d+(?: canvas="[^"]+")?\}/)
      expect(text, file).toMatch(/::answer\{lines=\d+\}/)
      expect(text, file).toMatch(/:::solution/)
      expect(text, file).toMatch(/<!--\n[^_]/)
    }
  })

  it('writes every output of the contract for each client, and a top index listing them', () => {
    const top = visibleText(read('index.html'))
    for (const id of clients) {
      const files = readdirSync(path.join(out, id)).sort()
      expect(files).toEqual(['deck.html', 'deck.md', 'guide.html', 'handout.html', 'index.html', 'lessons', 'slides.html', 'worksheet.html'])
      const name = /^name: (.+)$/m.exec(readFileSync(path.join(repoRoot, 'content', 'clients', `${id}.yml`), 'utf8'))![1]
      expect(top).toContain(name)
      expect(read('index.html')).toContain(`href="${id}/index.html"`)
    }
  })

  it('gives each lesson deck exactly its own slides, and the workshop deck all of them plus opening and closing', () => {
    for (const id of clients) {
      const lessonFiles = readdirSync(path.join(out, id, 'lessons'))
      const lessonSlides = lessonFiles.map((f) => slideCount(read(id, 'lessons', f)))
      for (const [i, f] of lessonFiles.entries()) {
        const source = readFileSync(path.join(repoRoot, 'content', 'lessons', f.replace('.html', '.md')), 'utf8')
        // Slide breaks outside code: the lessons use "---" on its own line.
        const breaks = source.split(/^---$/m).length - 3
        expect(lessonSlides[i], f).toBe(breaks + 1)
      }
      const total = lessonSlides.reduce((a, b) => a + b, 0)
      // Title slide, agenda (one slide, or two with the breaks' rows), lessons, closing.
      const agenda = agendaSlides(read(id, 'deck.html'))
      expect(agenda).toBeGreaterThanOrEqual(1)
      expect(slideCount(read(id, 'deck.html'))).toBe(total + 2 + agenda)
    }
  })

  it("shows on each lesson page the very slides the deck shows for that lesson, in order, with the Marp script", () => {
    const slidesOf = (html: string) =>
      [...html.matchAll(/<foreignObject[^>]*><section[^>]*>([\s\S]*?)<\/section>/g)].map((m) => m[1].replace(/ id="[^"]*"/g, '').replace(/<script>[\s\S]*?<\/script>/g, ''))
    for (const id of clients) {
      const deck = slidesOf(read(id, 'deck.html'))
      let covered = 0
      for (const f of readdirSync(path.join(out, id, 'lessons'))) {
        const page = read(id, 'lessons', f)
        const lesson = slidesOf(page)
        const from = deck.findIndex((_, i) => lesson.every((slide, k) => deck[i + k] === slide))
        expect(from, `${id}/lessons/${f}`).toBeGreaterThanOrEqual(1 + agendaSlides(read(id, 'deck.html'))) // after the title slide and the agenda
        // Marp's inline script, once (the page is the lesson as Marp renders it alone).
        expect(page.match(/<script>\(function\(\)\{let e=\{h1/g) ?? [], f).toHaveLength(1)
        covered += lesson.length
      }
      expect(covered, id).toBe(deck.length - 2 - agendaSlides(read(id, 'deck.html')))
    }
  })

  it('adapts content to the client profile', () => {
    // The B2B lesson is for B2B and mixed clients only.
    expect(readdirSync(path.join(out, 'suministros-iberica', 'lessons'))).toContain('b2b.html')
    expect(readdirSync(path.join(out, 'banco-meridiano', 'lessons'))).not.toContain('b2b.html')
    // A client's own lesson list chooses and orders lessons.
    const tasca = readdirSync(path.join(out, 'la-tasca-del-puerto', 'lessons'))
    expect(tasca).toHaveLength(5)
    const agenda = visibleText(read('la-tasca-del-puerto', 'guide.html'))
    expect(agenda.indexOf('Sin recetas mágicas')).toBeLessThan(agenda.indexOf('Tres formas de estar'))
    // B2B wording reaches the B2B client and not the consumer bank.
    const b2b = read('suministros-iberica', 'deck.md')
    const b2c = read('banco-meridiano', 'deck.md')
    expect(b2b).toMatch(/LinkedIn/)
    expect(b2b).not.toEqual(b2c)
    expect(b2b).toContain('Suministros Industriales Ibérica')
  })

  it('computes the agenda clock from session.start and the lesson durations', () => {
    const guide = visibleText(read('la-tasca-del-puerto', 'guide.html'))
    // 09:00 start; lessons of 45, 50, 45, 45 and 50 minutes in the client's order, a 20-minute break after the second.
    expect(guide).toMatch(/09:00 09:45 1\. Sin recetas mágicas/)
    expect(guide).toMatch(/09:45 10:35 2\. ¿Debemos estar en redes sociales\?/)
    expect(guide).toMatch(/10:35 10:55 Café/)
    expect(guide).toMatch(/10:55 11:40 3\. /)
    expect(guide).toContain('13:15')
  })

  it('keeps solutions, facilitator text and speaker notes out of every worksheet', () => {
    for (const id of clients) {
      const worksheet = visibleText(read(id, 'worksheet.html'))
      const guide = visibleText(read(id, 'guide.html'))
      let inGuide = 0
      let total = 0
      // A client reads its language's version of each lesson.
      const english = /^language: en/m.test(readFileSync(path.join(repoRoot, 'content', 'clients', `${id}.yml`), 'utf8'))
      for (const lesson of readdirSync(path.join(out, id, 'lessons')).map((f) => f.replace('.html', ''))) {
        for (const sentence of hidden.get(english ? `${lesson}.en` : lesson) ?? []) {
          expect(worksheet, `${id} worksheet leaks: ${sentence}`).not.toContain(sentence)
          total++
          if (guide.includes(sentence)) inGuide++
        }
      }
      // Many of the same sentences are in the guide (those of the client's
      // sector among them): the check looks at real text.
      expect(inGuide, id).toBeGreaterThan(40)
      expect(inGuide / total, id).toBeGreaterThan(0.3)
      expect(read(id, 'worksheet.html')).not.toContain('<!--')
    }
  })

  it('gives the worksheet answer space and key ideas, and prints it on A4', () => {
    const html = read('banco-meridiano', 'worksheet.html')
    expect((html.match(/class="answer"/g) ?? []).length).toBeGreaterThanOrEqual(7)
    expect(html).toContain('Ideas clave')
    expect(html).toMatch(/@page \{ size: A4/)
    expect(html).toContain('data:image/svg+xml;base64,')
  })

  it('makes decks self-contained: no remote scripts, styles, images or fonts', () => {
    for (const id of clients) {
      for (const file of ['deck.html', 'worksheet.html', 'guide.html', 'index.html']) {
        const html = read(id, file)
        expect(html, `${id}/${file}`).not.toMatch(/(?:src|href)=["']?https?:/)
        expect(html, `${id}/${file}`).not.toMatch(/url\(["']?https?:/)
        expect(html, `${id}/${file}`).not.toMatch(/@import\s+(?:url\()?["']?https?:/)
      }
    }
  })

  it('puts speaker notes and solutions in the deck for the presenter', () => {
    const html = read('banco-meridiano', 'deck.html')
    const notes = JSON.parse(/<script type="application\/json" id="wk-notes">([\s\S]*?)<\/script>/.exec(html)![1]) as string[][]
    expect(notes.length).toBe(slideCount(html))
    const all = notes.flat().join('\n')
    expect(all).toMatch(/Solución \(/)
    expect(all).toMatch(/Facilitador:/)
  })

  it('writes deck.md as Marp markdown with the client brand', () => {
    const md = read('norte-textil', 'deck.md')
    expect(md).toMatch(/^---\nmarp: true\ntheme: workshop-kit\n/)
    expect(md).toContain('--wk-primary: #5b2a86')
    expect(md).toContain('lang: en')
    // The kit's labels follow the client language.
    expect(read('norte-textil', 'worksheet.html')).toContain('Worksheet')
  })
})
