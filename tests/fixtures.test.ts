// Fixture projects built end to end and compared with expected files kept
// next to them (regenerate on purpose with: npx vitest run -u).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../src/index.js'
import { copyFixture } from './helpers/project.js'
import { visibleText } from './helpers/text.js'

describe('fixture: basic', () => {
  it('builds the expected deck.md, worksheet and guide', async () => {
    const root = copyFixture('basic')
    const result = await build({ root, formats: ['html'] })
    expect(result.diagnostics).toEqual([])
    const read = (file: string) => readFileSync(path.join(root, 'dist', file), 'utf8')
    for (const file of ['acme/deck.md', 'acme/worksheet.html', 'acme/guide.html', 'bar-pepe/deck.md']) {
      await expect(read(file)).toMatchFileSnapshot(path.join('fixtures', 'basic', 'expected', file))
    }
  })

  it('never templates code, inline code or math', async () => {
    const root = copyFixture('basic')
    await build({ root, formats: ['html'] })
    const deck = readFileSync(path.join(root, 'dist', 'acme', 'lessons', 'codigo.html'), 'utf8')
    expect(visibleText(deck)).toContain('const int matrix[2][3] = {{1, 2, 3}, {4, 5, 6}};')
    expect(visibleText(deck)).toContain('{{client.name}}')
    expect(visibleText(deck)).toContain('Código para Acme Industrial')
  })

  it('adapts to the profile and follows the client lesson list', async () => {
    const root = copyFixture('basic')
    const result = await build({ root, formats: ['html'] })
    expect(result.outputs.filter((f) => f.startsWith('bar-pepe/lessons/'))).toEqual(['bar-pepe/lessons/perfil.html'])
    const acme = visibleText(readFileSync(path.join(root, 'dist', 'acme', 'lessons', 'perfil.html'), 'utf8'))
    const pepe = visibleText(readFileSync(path.join(root, 'dist', 'bar-pepe', 'lessons', 'perfil.html'), 'utf8'))
    expect(acme).toContain('Ejemplo B2B')
    expect(acme).toContain('Consejo para grandes empresas')
    expect(pepe).toContain('Ejemplo B2C')
    expect(pepe).toContain('Consejo para pymes')
    // Two answer boxes in the order the author put them.
    const worksheet = readFileSync(path.join(root, 'dist', 'bar-pepe', 'worksheet.html'), 'utf8')
    expect(worksheet).toMatch(/Vendéis[\s\S]*--lines: 3[\s\S]*Qué red[\s\S]*--lines: 2/)
    // The guide's clock starts at the workshop default.
    expect(visibleText(readFileSync(path.join(root, 'dist', 'acme', 'guide.html'), 'utf8'))).toMatch(/10:15 10:40 1\. Código y fórmulas/)
  })
})
