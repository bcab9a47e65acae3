// The kit's own words come from label files: templates/labels/<language>.yml,
// the kit's (es, en) and a project's own, which adds a language or overrides
// single labels. A label no file of the client's language gives is English,
// said once.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../lib/index.js'
import { LABEL_KEYS, labelsFor } from '../src/lesson/labels.js'
import { repoRoot, minimalProject } from './helpers/project.js'
import { visibleText } from './helpers/text.js'
import { parse } from 'yaml'

const read = (root: string, file: string) => readFileSync(path.join(root, 'dist', file), 'utf8')
const where = (root: string, d: { file?: string; line: number; column: number; code: string }) => `${path.relative(root, d.file ?? '')}:${d.line}:${d.column} ${d.code}`

describe('label files', () => {
  it('the kit ships every label in Spanish and English', () => {
    for (const language of ['es', 'en']) {
      const file = parse(readFileSync(path.join(repoRoot, 'templates', 'labels', `${language}.yml`), 'utf8'))
      expect(Object.keys(file).sort(), language).toEqual([...LABEL_KEYS].sort())
    }
    expect(labelsFor('es').worksheet).toBe('Cuaderno de trabajo')
    expect(labelsFor('en-GB').worksheet).toBe('Worksheet')
  })

  it('a project file overrides single labels; the others stay the kit\'s', async () => {
    const root = minimalProject({ 'templates/labels/es.yml': '# Our words\nworksheet: Cuaderno del alumno\n' })
    const result = await build({ root, formats: ['html'] })
    expect(result.diagnostics).toEqual([])
    const worksheet = visibleText(read(root, 'acme/worksheet.html'))
    expect(worksheet).toContain('Cuaderno del alumno')
    expect(worksheet).not.toContain('Cuaderno de trabajo')
    expect(worksheet).toContain('Ejercicio 1.1')
    expect(visibleText(read(root, 'acme/guide.html'))).toContain('Guía del facilitador')
  })

  it('a new language with a partial file: its words where given, English for the rest, one warning at the file', async () => {
    const root = minimalProject({
      'content/clients/acme.yml': 'name: Acme\nlanguage: fr\nsession:\n  date: 2026-03-14\n',
      'content/clients/beta.yml': 'name: Beta\nlanguage: fr\n',
      'templates/labels/fr.yml': 'worksheet: Cahier d\'exercices\nexercise: Exercice\n',
    })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(true)
    const worksheet = read(root, 'acme/worksheet.html')
    expect(worksheet).toMatch(/<html lang="fr">/)
    const text = visibleText(worksheet)
    expect(text).toContain("Cahier d'exercices")
    expect(text).toContain('Exercice 1.1')
    // Not given in French: English, never Spanish.
    expect(text).toContain('Name: Date:')
    expect(text).not.toContain('Nombre')
    // The date as French writes it.
    expect(text).toContain('14 mars 2026')
    const labels = result.diagnostics.filter((d) => d.code === 'labels-missing')
    expect(labels.map((d) => where(root, d))).toEqual(['templates/labels/fr.yml:1:1 labels-missing'])
    expect(labels[0].message).toMatch(/^labels "solution", "facilitator", "answerHint", "agenda", "objectives" and \d+ more are not given in fr \(French\): English is used$/)
    // The lessons themselves are Spanish: said once for both French clients.
    expect(result.diagnostics.filter((d) => d.code === 'lesson-language-missing').map((d) => where(root, d))).toEqual(['content/clients/acme.yml:2:11 lesson-language-missing'])
  })

  it('a language with no label file: English labels, one warning at the first client asking for it', async () => {
    const root = minimalProject({
      'content/clients/acme.yml': 'name: Acme\nlanguage: de\n',
      'content/clients/beta.yml': 'name: Beta\nlanguage: de\n',
      'content/lessons/intro.de.md': '# Hallo\n',
    })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(true)
    expect(result.diagnostics.map((d) => where(root, d))).toEqual(['content/clients/acme.yml:2:11 labels-language-missing'])
    expect(result.diagnostics[0].message).toBe('the kit has no labels in de (German): its headings and labels are in English')
    expect(result.diagnostics[0].hint).toContain('templates/labels/de.yml')
    expect(visibleText(read(root, 'beta/worksheet.html'))).toContain('Worksheet')
  })

  it('en-GB reads en-GB.yml over en.yml, with no warning', async () => {
    const root = minimalProject({
      'content/clients/acme.yml': 'name: Acme\nlanguage: en-gb\n',
      'content/lessons/intro.en.md': '# Hello\n',
      'templates/labels/en-GB.yml': 'exercise: Activity\n',
    })
    const result = await build({ root, formats: ['html'] })
    expect(result.diagnostics).toEqual([])
    const worksheet = read(root, 'acme/worksheet.html')
    expect(worksheet).toMatch(/<html lang="en-GB">/)
    expect(visibleText(read(root, 'acme/guide.html'))).toContain('Facilitator guide')
  })

  it('checks label files: an unknown label is a warning with a likely spelling, at its key; labels are text', async () => {
    const root = minimalProject({ 'templates/labels/es.yml': 'worksheet: "<b>Cuaderno</b> {{client.name}}"\nexercice: Actividad\n' })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(true)
    expect(result.diagnostics.map((d) => where(root, d))).toEqual(['templates/labels/es.yml:2:1 unknown-label'])
    expect(result.diagnostics[0].message).toContain('(did you mean "exercise"?)')
    const worksheet = read(root, 'acme/worksheet.html')
    expect(worksheet).toContain('&lt;b&gt;Cuaderno&lt;/b&gt;')
    expect(worksheet).not.toContain('<b>Cuaderno</b>')
    expect(visibleText(worksheet)).toContain('{{client.name}}')
  })
})
