// Fixture projects built end to end and compared with the expected files kept
// next to them, in tests/fixtures/<name>/expected/.
//
// A difference fails with a line diff. To accept a change on purpose:
//   UPDATE=1 npm test          (or UPDATE=1 npx vitest run tests/fixtures.test.ts)
// rewrites the expected files; review them with git diff before committing.
//
// The kit's own CSS (templates/assets/*.css, templates/themes/*.css) is not
// kept in the expected pages: each <style> holding one of those files is
// compared as a marker such as <style>/* kit CSS: assets/page.css */</style>,
// so a change to the kit's CSS touches no expected file.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../src/index.js'
import { expectGolden, kitStylesheets, largeStyles, withoutKitCss } from './helpers/golden.js'
import { copyFixture, repoRoot } from './helpers/project.js'
import { visibleText } from './helpers/text.js'

describe('fixture: basic', () => {
  let root: string
  let result: BuildResult
  const read = (file: string) => readFileSync(path.join(root, 'dist', file), 'utf8')

  beforeAll(async () => {
    root = copyFixture('basic')
    result = await build({ root, formats: ['html'] })
  })

  it('builds the expected deck.md, worksheet and guide', () => {
    expect(result.diagnostics).toEqual([])
    const sheets = kitStylesheets(root)
    for (const file of ['acme/deck.md', 'acme/worksheet.html', 'acme/guide.html', 'bar-pepe/deck.md']) {
      // The deck's compiled Marp CSS, which pages with slide pictures carry, is the deck's (deck.md is compared).
      const page = withoutKitCss(read(file), sheets).replace(/<style data-wk-deck-css>[\s\S]*?<\/style>/g, '<style data-wk-deck-css>/* the deck\'s CSS */</style>')
      expect(largeStyles(page), `${file} holds CSS that is not the kit's own files`).toEqual([])
      expectGolden(page, path.join(repoRoot, 'tests', 'fixtures', 'basic', 'expected', file))
    }
  })

  it('never templates code, inline code or math', () => {
    const deck = read('acme/lessons/codigo.html')
    expect(visibleText(deck)).toContain('const int matrix[2][3] = {{1, 2, 3}, {4, 5, 6}};')
    expect(visibleText(deck)).toContain('{{client.name}}')
    expect(visibleText(deck)).toContain('Código para Acme Industrial')
  })

  it('adapts to the profile and follows the client lesson list', () => {
    expect(result.outputs.filter((f) => f.startsWith('bar-pepe/lessons/'))).toEqual(['bar-pepe/lessons/perfil.html'])
    const acme = visibleText(read('acme/lessons/perfil.html'))
    const pepe = visibleText(read('bar-pepe/lessons/perfil.html'))
    expect(acme).toContain('Ejemplo B2B')
    expect(acme).toContain('Consejo para grandes empresas')
    expect(pepe).toContain('Ejemplo B2C')
    expect(pepe).toContain('Consejo para pymes')
    // Two answer boxes in the order the author put them.
    const worksheet = read('bar-pepe/worksheet.html')
    expect(worksheet).toMatch(/Vendéis[\s\S]*--lines: 3[\s\S]*Qué red[\s\S]*--lines: 2/)
    // The guide's clock starts at the workshop default.
    expect(visibleText(read('acme/guide.html'))).toMatch(/10:15 10:40 1\. Código y fórmulas/)
  })
})
