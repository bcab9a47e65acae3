// Faithful to Marp (issue 10, section 5): each lesson's markdown ends where
// the lesson ends, in the workshop deck as on its own page, and a lesson
// shows what marp-core shows for it alone.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../src/index.js'
import { makeProject } from './helpers/project.js'
// @ts-expect-error: a plain JavaScript module of the scripts
import { deckPartSlides, marpCoreSlides, normalizedSlides, referenceMarp } from '../scripts/marp-compare.mjs'

const marp = referenceMarp()

async function buildLessons(lessons: Record<string, string>) {
  const ids = Object.keys(lessons)
  const files: Record<string, string> = {
    'content/workshop.yml': `title: Fidelidad\nlessons:\n${ids.map((id) => `  - ${id}\n`).join('')}`,
    'content/clients/acme.yml': 'name: Acme\n',
  }
  for (const [id, text] of Object.entries(lessons)) files[`content/lessons/${id}.md`] = text
  const root = makeProject(files)
  const result = await build({ root, formats: ['html'] })
  const read = (...p: string[]) => readFileSync(path.join(root, 'dist', 'acme', ...p), 'utf8')
  return { root, result, read, deck: () => read('deck.html'), page: (id: string) => read('lessons', `${id}.html`) }
}

/** Lesson `index` (0-based) of a built workshop: its page and its part of deck.html give marp-core's slides for `markdown`. */
function expectAsMarp(built: Awaited<ReturnType<typeof buildLessons>>, id: string, index: number, markdown: string) {
  const expected = marpCoreSlides(marp, markdown)
  expect(normalizedSlides(built.page(id)), `lessons/${id}.html`).toEqual(expected)
  expect(deckPartSlides(built.deck(), index + 1), `deck.html, lesson ${id}`).toEqual(expected)
}

const b = '# Lección B\n\nTexto de B.\n\n---\n\n## Segunda de B\n'

describe('each lesson ends where it ends', () => {
  for (const [what, a, closer] of [
    ['an unclosed code fence', '# A\n\n```js\nconst x = 1\n', '```'],
    ['an unclosed <style>', '# A\n\n<style>\nh1 { color: red }\n', '</style>'],
    ['an unclosed comment', '# A\n\n<!-- nota sin cerrar\n', '-->'],
  ] as const) {
    it(`${what} does not swallow the next lesson; it is a warning at its line; deck.md closes it`, async () => {
      const built = await buildLessons({ a, b })
      expect(built.result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
      expectAsMarp(built, 'a', 0, a)
      expectAsMarp(built, 'b', 1, b)
      const warning = built.result.diagnostics.find((d) => d.code === 'unclosed-block')
      expect(warning).toMatchObject({ severity: 'warning', line: 3, column: 1 })
      expect(warning!.file).toMatch(/a\.md$/)
      // deck.md, for Marp's own tools: the block is closed before the next lesson.
      const deckMd = built.read('deck.md')
      expect(deckMd).toContain(`${a.trimEnd()}\n${closer}\n\n---\n\n`)
      expect(marp.render(deckMd).comments.length).toBe(normalizedSlides(built.deck()).length)
    })
  }

  it('link reference definitions stay in their lesson', async () => {
    const a = '# A\n\nVer [docs].\n\n[docs]: https://a.example/\n'
    const bRef = '# B\n\nVer [docs].\n'
    const built = await buildLessons({ a, b: bRef })
    expectAsMarp(built, 'b', 1, bRef)
    expect(built.page('b')).not.toContain('https://a.example/')
    expect(deckPartSlides(built.deck(), 2).join('')).not.toContain('https://a.example/')
  })

  it('a lesson body is not trimmed: indented code, "    ***" and ideographic spaces stay', async () => {
    const code = '    const indented = true\n\n# After\n'
    const stars = '    ***\n\nTexto.\n'
    const ideographic = '\u3000全角スペース\n'
    const built = await buildLessons({ code, stars, ideographic })
    expect(built.result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expectAsMarp(built, 'code', 0, code)
    expectAsMarp(built, 'stars', 1, stars)
    expectAsMarp(built, 'ideographic', 2, ideographic)
    const deckMd = built.read('deck.md')
    expect(deckMd).toContain('\n    const indented = true\n')
    expect(deckMd).toContain('\n    ***\n')
    expect(deckMd).toContain('\n\u3000全角スペース')
  })
})

describe('what Marp accepts, the kit accepts', () => {
  it('headingDivider as a list splits the workshop deck as Marp does', async () => {
    const lesson = '---\nheadingDivider: [2, 3]\n---\n\n# Uno\n\n## Dos\n\n### Tres\n\n#### Cuatro\n'
    const built = await buildLessons({ h: lesson })
    expectAsMarp(built, 'h', 0, lesson)
    expect(deckPartSlides(built.deck(), 1)).toHaveLength(3)
    // deck.md writes the breaks out (one file cannot hold a per-lesson headingDivider).
    expect(marp.render(built.read('deck.md')).comments.length).toBe(normalizedSlides(built.deck()).length)
  })

  it("front matter Marp reads loosely is accepted for Marp's keys", async () => {
    const lesson = '---\nstyle: @import url("data:text/css,h1{color:red}");\nbackgroundColor: #fff\nfooter: @acme\n---\n\n# Suelto\n'
    const built = await buildLessons({ loose: lesson })
    expect(built.result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(normalizedSlides(built.page('loose'))).toEqual(marpCoreSlides(marp, lesson))
    const part = deckPartSlides(built.deck(), 1).join('')
    expect(part).toContain('<footer>@acme</footer>')
    expect(part).toContain('background-color:#fff')
    expect(built.deck()).toContain('@import url(')
  })

  it('a lesson page shows its own pagination and heading ids; the deck counts across the workshop', async () => {
    const plain = '# Intro\n\n[arriba](#intro)\n\n---\n\n# Intro\n'
    const paged = '---\npaginate: true\n---\n\n# Intro\n\n---\n\n## Más\n'
    const built = await buildLessons({ plain, paged })
    expectAsMarp(built, 'plain', 0, plain)
    expectAsMarp(built, 'paged', 1, paged)
    expect(built.page('plain')).not.toMatch(/<section[^>]* data-marpit-pagination=/)
    expect([...built.page('paged').matchAll(/<section[^>]* data-marpit-pagination="(\d+)"/g)].map((m) => m[1])).toEqual(['1', '2'])
    // Heading ids per lesson: each lesson's first "Intro" is "intro", on its page and in the deck.
    expect(built.page('paged')).toContain('<h1 id="intro">')
    const deck = built.deck()
    expect(deck.match(/<h1 id="intro">/g)).toHaveLength(2)
    // Title, agenda, 2 + 2 lesson slides, closing (7 pages, as Marp counts them in one file): 2..6 shown.
    const pages = [...deck.matchAll(/<section[^>]* data-marpit-pagination="(\d+)"[^>]*data-marpit-pagination-total="(\d+)"/g)].map((m) => `${m[1]}/${m[2]}`)
    expect(pages).toEqual(['2/7', '3/7', '4/7', '5/7', '6/7'])
    expect([...deck.matchAll(/<section id="(\d+)"/g)].map((m) => m[1])).toEqual(['1', '2', '3', '4', '5', '6', '7'])
  })
})

describe('"{{" that is not a kit expression stays as written', () => {
  const lesson = [
    '<!-- _footer: "Page {{ paginate }}" -->',
    '',
    '# Hola {{client.name}}',
    '',
    '<pre>{{V:trous|trou}}</pre>',
    '',
    'Nota {{! note }} y {{#each workshop.lessons}}[{{this}}]{{/each}}',
    '',
  ].join('\n')

  it('leaves other tools\' mustaches alone and templates the kit\'s', async () => {
    const built = await buildLessons({ m: lesson })
    expect(built.result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const expected = lesson.replace('{{client.name}}', 'Acme').replace('{{#each workshop.lessons}}[{{this}}]{{/each}}', '[m]')
    expectAsMarp(built, 'm', 0, expected)
    expect(built.page('m')).toContain('<footer>Page {{ paginate }}</footer>')
    expect(built.page('m')).toContain('<pre>{{V:trous|trou}}</pre>')
    expect(built.page('m')).toContain('Nota {{! note }} y [m]')
  })

  it('a misspelt kit name is still an error with a suggestion', async () => {
    const built = await buildLessons({ typo: '# Hola {{clinet.name}}\n' })
    const error = built.result.diagnostics.find((d) => d.severity === 'error')
    expect(error).toMatchObject({ code: 'unknown-variable', line: 1 })
    expect(error!.message + error!.hint).toContain('client')
  })
})
