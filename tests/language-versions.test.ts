// Lessons in several languages: content/lessons/<id>.<language>.md beside
// <id>.md. Each client reads the version in its language (en-GB, else en,
// else the base file with one warning), every page and slide says which
// language its text is in, and editing a version rebuilds only the clients
// that read it.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../lib/index.js'
import { visibleText } from './helpers/text.js'
import { minimalLesson, minimalProject } from './helpers/project.js'

const englishLesson = minimalLesson
  .replace('title: Lección mínima', 'title: Minimal lesson')
  .replace('Texto de la primera diapositiva.', 'ENGLISH_TEXT of the first slide.')

/** A second lesson, in Spanish only. */
const onlySpanish = '---\ntitle: Solo en español\n---\n\n# Segunda\n\nTEXTO_SOLO_ES de la segunda lección.\n'

const project = (extra: Record<string, string> = {}) =>
  minimalProject({
    'content/workshop.yml': 'title: Taller de prueba\nlanguage: es\nlessons:\n  - intro\n  - segunda\n',
    'content/lessons/intro.en.md': englishLesson,
    'content/lessons/segunda.md': onlySpanish,
    'content/clients/acme.yml': 'name: Acme\n',
    'content/clients/globex.yml': 'name: Globex\nlanguage: en\n',
    'content/clients/initech.yml': 'name: Initech\nlanguage: en\n',
    ...extra,
  })

const read = (root: string, file: string) => readFileSync(path.join(root, 'dist', file), 'utf8')

/** The `lang` of each slide <section> of a deck page, in order. */
const slideLangs = (html: string) => [...html.matchAll(/<section\b[^>]*?\bid="\d+"[^>]*>/g)].map((m) => /\blang="([^"]*)"/.exec(m[0])?.[1] ?? null)

describe('language versions of lessons', () => {
  let root: string
  let result: BuildResult

  it('builds: an English client reads <id>.en.md, a Spanish one <id>.md', async () => {
    root = project()
    result = await build({ root, formats: ['html'] })
    expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true)
    const globex = visibleText(read(root, 'globex/lessons/intro.html'))
    expect(globex).toContain('ENGLISH_TEXT of the first slide.')
    expect(globex).not.toContain('Texto de la primera diapositiva.')
    expect(visibleText(read(root, 'globex/worksheet.html'))).toContain('Minimal lesson')
    const acme = visibleText(read(root, 'acme/lessons/intro.html'))
    expect(acme).toContain('Texto de la primera diapositiva.')
    expect(acme).not.toContain('ENGLISH_TEXT')
    // The lesson id stays "intro": the same page names for every language.
    expect(result.outputs).toContain('globex/lessons/intro.html')
    expect(result.outputs.some((f) => f.includes('intro.en'))).toBe(false)
  })

  it('a lesson without a version in the client language: its base text, and one warning for every client and lesson', () => {
    expect(visibleText(read(root, 'globex/lessons/segunda.html'))).toContain('TEXTO_SOLO_ES')
    const missing = result.diagnostics.filter((d) => d.code === 'lesson-language-missing')
    expect(missing).toHaveLength(1)
    expect(missing[0]).toMatchObject({ severity: 'warning', file: path.join(root, 'content', 'clients', 'globex.yml'), line: 2, column: 11 })
    expect(missing[0].message).toBe('lesson "segunda" has no version in en (English): its es (Spanish) text is used')
    expect(missing[0].hint).toContain('content/lessons/segunda.en.md')
  })

  it('lang: the page is the client language, the slides and sections of a fallback lesson are Spanish', () => {
    const deck = read(root, 'globex/deck.html')
    expect(deck).toMatch(/^<!DOCTYPE html>\n<html lang="en">/)
    const langs = slideLangs(deck)
    // Title and agenda (en), intro in English (2 slides), segunda in Spanish (1 slide), closing (en).
    const intro = langs.indexOf('en', 2)
    expect(langs.filter((l) => l === 'es')).toHaveLength(1)
    expect(langs).toEqual([...langs.slice(0, langs.length - 2).map(() => 'en'), 'es', 'en'])
    expect(intro).toBeGreaterThan(0)
    // Each slide of the Spanish lesson is the one that holds its text.
    const sections = deck.split(/(?=<section\b)/).filter((s) => /^<section\b[^>]*\bid="\d+"/.test(s))
    for (const section of sections) expect(/^<section\b[^>]*\blang="es"/.test(section)).toBe(section.includes('TEXTO_SOLO_ES'))

    // Spanish text on the client's slides is marked too: the workshop's title, a Spanish lesson's title in the agenda.
    expect(deck).toContain('<h1 lang="es">Taller de prueba</h1>')
    expect(deck).toMatch(/<td><span lang="es">Solo en español<\/span><\/td>/)
    expect(deck).toMatch(/<td>Minimal lesson<\/td>/)

    // A lesson's own page has its lesson's language.
    const spanishPage = read(root, 'globex/lessons/segunda.html')
    expect(spanishPage).toMatch(/<html lang="es">/)
    // ...where the kit's own (English) words say they are English.
    expect(spanishPage).toContain('<div id="wk-help" role="note" lang="en">Arrows or PageDown')
    expect(read(root, 'globex/lessons/intro.html')).toMatch(/<html lang="en">/)
    // Worksheet and guide: the client's language; the Spanish lesson's section says it is Spanish.
    for (const page of ['globex/worksheet.html', 'globex/guide.html']) {
      const html = read(root, page)
      expect(html).toMatch(/<html lang="en">/)
      expect(html).toContain('<section class="lesson" id="segunda" lang="es">')
      expect(html).toContain('<section class="lesson" id="intro">')
      expect(html).toContain('<h1 lang="es">Taller de prueba</h1>')
    }
    // The Spanish client: nothing to say, every page and slide is Spanish.
    const acme = read(root, 'acme/deck.html')
    expect(new Set(slideLangs(acme))).toEqual(new Set(['es']))
    expect(read(root, 'acme/worksheet.html')).not.toMatch(/<section class="lesson"[^>]*lang=/)
  })

  it('matches BCP 47 tags: en-GB reads <id>.en-GB.md, else <id>.en.md; "en-gb" is canonicalised', async () => {
    const r = project({
      'content/lessons/segunda.en-GB.md': onlySpanish.replace('TEXTO_SOLO_ES', 'BRITISH_TEXT'),
      'content/clients/acme.yml': 'name: Acme\nlanguage: en-gb\n',
      'content/clients/globex.yml': 'name: Globex\nlanguage: en-US\n',
      'content/clients/initech.yml': 'name: Initech\nlanguage: es-MX\n',
    })
    const built = await build({ root: r, formats: ['html'] })
    expect(built.ok, JSON.stringify(built.diagnostics)).toBe(true)
    expect(read(r, 'acme/deck.html')).toMatch(/<html lang="en-GB">/)
    expect(visibleText(read(r, 'acme/lessons/segunda.html'))).toContain('BRITISH_TEXT')
    expect(visibleText(read(r, 'acme/lessons/intro.html'))).toContain('ENGLISH_TEXT')
    // en-US: no en-US or en file for "segunda", but British English serves better than Spanish.
    expect(visibleText(read(r, 'globex/lessons/intro.html'))).toContain('ENGLISH_TEXT')
    expect(visibleText(read(r, 'globex/lessons/segunda.html'))).toContain('BRITISH_TEXT')
    // es-MX reads the Spanish base files, with no warning.
    expect(visibleText(read(r, 'initech/lessons/intro.html'))).toContain('Texto de la primera diapositiva.')
    expect(built.diagnostics).toEqual([])
  })

  it('a version is checked as a lesson: its problems are positioned in its own file', async () => {
    const r = project({ 'content/lessons/intro.en.md': '---\ntitle: T\n---\n# Hi {{client.nmae}}\n' })
    const built = await build({ root: r, formats: ['html'] })
    expect(built.ok).toBe(false)
    const errors = built.diagnostics.filter((d) => d.severity === 'error')
    expect(errors.map((d) => [path.relative(r, d.file!), d.line, d.code])).toEqual([['content/lessons/intro.en.md', 4, 'unknown-variable']])
  })

  it('editing an .en.md file rebuilds only the English clients; editing the base file only the Spanish one', async () => {
    const r = project()
    expect((await build({ root: r, formats: ['html'] })).ok).toBe(true)
    const english = path.join(r, 'content', 'lessons', 'intro.en.md')
    writeFileSync(english, readFileSync(english, 'utf8').replace('ENGLISH_TEXT', 'EDITED_TEXT'))
    const again = await build({ root: r, formats: ['html'] })
    expect(again.upToDate).toEqual(['acme'])
    expect(visibleText(read(r, 'initech/lessons/intro.html'))).toContain('EDITED_TEXT')

    const base = path.join(r, 'content', 'lessons', 'intro.md')
    writeFileSync(base, readFileSync(base, 'utf8').replace('Texto de la primera', 'Texto editado de la primera'))
    const third = await build({ root: r, formats: ['html'] })
    expect(third.upToDate.sort()).toEqual(['globex', 'initech'])
    expect(visibleText(read(r, 'acme/lessons/intro.html'))).toContain('Texto editado de la primera')
  })

  it('a version in the workshop\'s own language is never read, and says so', async () => {
    const r = project({ 'content/lessons/segunda.es.md': '# Otra\n' })
    const built = await build({ root: r, formats: ['html'] })
    expect(built.ok).toBe(true)
    expect(built.diagnostics.filter((d) => d.code === 'lesson-version-is-base').map((d) => [path.relative(r, d.file!), d.line])).toEqual([['content/lessons/segunda.es.md', 1]])
    expect(visibleText(read(r, 'acme/lessons/segunda.html'))).toContain('TEXTO_SOLO_ES')
  })

  it('a workshop written in English: its clients are English unless they say otherwise', async () => {
    const r = minimalProject({
      'content/workshop.yml': 'title: Test workshop\nlanguage: en\nlessons:\n  - intro\n',
      'content/lessons/intro.md': englishLesson,
      'content/lessons/intro.es.md': minimalLesson,
      'content/clients/beta.yml': 'name: Beta\nlanguage: es\n',
    })
    const built = await build({ root: r, formats: ['html'] })
    expect(built.diagnostics).toEqual([])
    expect(read(r, 'acme/worksheet.html')).toMatch(/<html lang="en">/)
    expect(visibleText(read(r, 'acme/worksheet.html'))).toContain('Exercise 1.1')
    expect(visibleText(read(r, 'acme/lessons/intro.html'))).toContain('ENGLISH_TEXT')
    expect(visibleText(read(r, 'beta/lessons/intro.html'))).toContain('Texto de la primera diapositiva.')
    expect(visibleText(read(r, 'beta/worksheet.html'))).toContain('Ejercicio 1.1')
  })

  it('a malformed language tag is a positioned error with a hint', async () => {
    const r = project({ 'content/workshop.yml': 'title: T\nlanguage: xx_YY!\nlessons:\n  - intro\n' })
    const built = await build({ root: r, formats: ['html'] })
    expect(built.ok).toBe(false)
    expect(built.diagnostics.map((d) => [path.relative(r, d.file!), d.line, d.column, d.code])).toEqual([['content/workshop.yml', 2, 11, 'bad-language']])
    expect(built.diagnostics[0].hint).toMatch(/BCP 47/)
  })
})
