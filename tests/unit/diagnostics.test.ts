// Diagnostics: one catalogue of codes with their words, one reporter that
// collects them, and the gcc-style text (with a code frame) and GitHub
// annotations they are printed as.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { catalogue, type ArgsOf, type DiagnosticCode } from '../../src/diagnostics/catalogue.js'
import { positionAt, positionsIn } from '../../src/diagnostics/position.js'
import type { Diagnostic } from '../../src/diagnostics/reporter.js'
import { closest } from '../../src/diagnostics/did-you-mean.js'
import { formatDiagnostic, formatGithubAnnotation, SourceFiles } from '../../src/diagnostics/format.js'
import { diagnostic, Reporter } from '../../src/diagnostics/reporter.js'
import * as api from '../../src/index.js'

const SRC = fileURLToPath(new URL('../../src/', import.meta.url))

/** Facts for every code, in each of the shapes its message is written from. */
const samples: { [C in DiagnosticCode]: Array<ArgsOf<C>> } = {
  'unclosed-block': [{ kind: 'code', closer: '```' }, { kind: 'html', closer: '</style>' }, { kind: 'math', closer: '$$' }],
  'yaml-syntax': [{ detail: 'Map keys must be unique' }],
  'read-error': [{ name: 'workshop.yml' }],
  'front-matter-engine': [{ language: 'js' }, {}],
  'schema-required': [{ field: 'name' }, { field: 'title', within: 'defaults' }],
  'schema-type': [{ field: 'brand', expected: 'an object', actual: 'string "x"' }, { mapping: 'file' }],
  'schema-unknown-field': [
    { field: 'secter', guess: 'sector', known: ['name', 'sector'] },
    { field: 'zzz', within: 'brand', known: ['primary'] },
  ],
  'schema-enum': [{ field: 'model', value: 'b2b', allowed: ['B2C', 'B2B', 'mixto'] }],
  'bad-colour': [{ field: 'brand.primary', value: '#12345' }, { field: 'brand.primary', value: null }],
  'bad-date': [{ field: 'session.date', value: '14/03/2026' }, { field: 'session.date', value: '2026-02-30', notADay: true }],
  'bad-time': [{ field: 'session.start', value: '9:00' }],
  'bad-value': [
    { field: 'brand.font', rule: 'pattern', value: 'a;b' },
    { field: 'name', rule: 'empty' },
    { field: 'duration', rule: 'range', detail: 'must be >= 1', value: 0 },
    { field: 'x', rule: 'other' },
    { field: 'x', rule: 'other', detail: 'is odd' },
  ],
  'bad-client-id': [{ id: 'Acme Corp' }],
  'missing-logo': [{ logo: 'logo.svg', lookedFor: 'content/clients/logo.svg' }],
  'logo-outside-project': [{ logo: '../x.svg' }, { logo: 'link.svg', throughLink: true }],
  'bad-logo': [{ logo: 'logo.bmp' }],
  'unknown-lesson': [{ id: 'intor', known: ['intro'] }, { id: 'intro', known: [] }],
  'duplicate-lesson': [{ id: 'intro' }],
  'no-lessons': [{}],
  'no-clients': [{ folder: 'content/clients' }],
  'theme-error': [{ theme: 'bad name.css' }, { theme: 'gaia', error: 'no @theme' }],
  'template-missing': [{ name: 'deck.md.hbs' }],
  'unknown-variable': [
    { path: 'client.nmae', missing: 'client.nmae', guess: 'client.name', known: ['name'], parent: 'client' },
    { path: 'x' },
    { path: 'client.name.first', missing: 'client.name.first', known: [], parent: 'client.name' },
    { path: 'client.vars.prodcut', missing: 'client.vars.prodcut', guess: 'client.vars.product', known: ['product'], parent: 'client.vars' },
    { path: 'client.vars.product', missing: 'client.vars.product', known: [], parent: 'client.vars' },
  ],
  'unknown-helper': [{ name: 'uper', guess: 'upper', available: ['upper'] }],
  'template-syntax': [
    { problem: 'parse', expected: "expected 'ID'" },
    { problem: 'unclosed-mustache' },
    { problem: 'unclosed-block', block: 'if' },
    { problem: 'mismatched-block', opened: 'if', closed: 'each' },
    { problem: 'raw-output' },
    { problem: 'partial', partial: 'footer' },
    { problem: 'decorator' },
    { problem: 'block-helper', helper: 'b2b' },
    { problem: 'missing-arguments', helper: 'upper', needs: 1 },
    { problem: 'missing-arguments', helper: 'eq', needs: 2 },
  ],
  'template-runtime': [{ detail: 'boom' }],
  'unclosed-directive': [{ name: 'key' }],
  'stray-directive-closer': [{ fence: ':::' }],
  'misplaced-directive': [{ name: 'answer' }, { name: 'key', parent: 'exercise' }],
  'unknown-directive': [
    { name: 'answer', written: 'container', is: 'leaf', known: ['answer'] },
    { name: 'key', written: 'leaf', is: 'container', known: ['key'] },
    { name: 'weird', written: 'container', known: ['key'] },
  ],
  'bad-directive-attribute': [
    { directive: 'answer', attribute: 'lines', value: '99', min: 1, max: 40 },
    { directive: 'solution', attribute: 'title', allowed: [] },
  ],
  'directive-across-slides': [{ name: 'key' }],
  'slide-overflow': [{ slide: 3, sides: ['bottom'] }, { slide: 3, sides: ['bottom', 'right'], seenIn: 'deck.html' }],
  'answer-split': [{ exercise: '1', title: 'Plan', from: 2, to: 3, page: 'worksheet.pdf' }],
  'handout-split': [
    { slide: 4, from: 2, to: 3, sheet: 2, page: 'handout.pdf' },
    { slide: 4, from: 3, to: 3, sheet: 2, page: 'handout.pdf' },
  ],
  'refused-request': [{ url: 'https://x.test/a.png' }, { url: 'file:///etc/passwd', local: true, seenIn: 'deck.html' }],
  'page-script-error': [{ error: 'ReferenceError: x' }, { error: 'boom', seenIn: 'guide.html' }],
  'refused-connection': [
    { kind: 'websocket', url: 'ws://127.0.0.1:8080/live' },
    { kind: 'webrtc', url: 'stun:127.0.0.1:3478', seenIn: 'acme/deck.html' },
    { kind: 'webrtc', url: '' },
    { kind: 'webtransport', url: 'https://127.0.0.1:4433/wt' },
  ],
  'large-logo': [{ logo: 'logos/acme.png', megabytes: 50, limit: 2 }],
  'light-brand-colour': [{ field: 'brand.primary', colour: '#ffe14d', ratio: 1.27, needed: 4.5, shade: '#7a6a00' }],
  // Client variables, brand fonts, lesson front matter keys and filters
  'bad-var-declaration': [{ name: 'on-site', problem: 'name' }, { name: 'onsite', problem: 'values', type: 'boolean' }, { name: 'contact', problem: 'required-default' }],
  'var-type': [
    { field: 'vars.seats', name: 'seats', type: 'number', expected: 'a number', actual: 'the text "doce"' },
    { field: 'vars.tier', name: 'tier', type: 'text', expected: 'text', actual: 'the text "gold"', allowed: ['basic', 'pro'] },
    { field: 'vars.kickoff', name: 'kickoff', type: 'date', expected: 'a day of the calendar written as YYYY-MM-DD', actual: 'the text "2026-02-30"' },
  ],
  'unknown-var': [
    { name: 'prodcut', where: 'client', guess: 'product', known: ['product'] },
    { name: 'x', where: 'lesson', known: [] },
  ],
  'missing-var': [{ name: 'contact', description: 'Who to call' }, { name: 'contact' }],
  'missing-font': [{ font: 'fonts/acme.woff2', lookedFor: 'content/fonts/acme.woff2' }],
  'font-outside-project': [{ font: '../../acme.woff2' }, { font: 'fonts/acme.woff2', throughLink: true }],
  'bad-font': [{ font: 'fonts/acme.png' }],
  'large-font': [{ font: 'fonts/acme.ttf', megabytes: 9.5, limit: 2 }],
  'unknown-front-matter-key': [{ key: 'duraton', guess: 'duration' }, { key: 'level' }],
  // The dev server
  'port-in-use': [{ host: '127.0.0.1', port: 4173 }],
  'cannot-listen': [{ host: '10.9.9.9', port: 4173, reason: 'address not available' }],
  'print-timeout': [{ page: 'deck.html', step: 'loading', seconds: 60 }],
  'print-error': [{ page: 'deck.html', error: 'crashed' }],
  'no-browser': [{ reason: 'no Chromium found', skipped: 'pdf' }, { reason: 'no Chromium found', skipped: 'overflow' }],
  'pptx-picture': [{ slide: 4, reasons: ['HTML <svg>', 'math'], output: 'deck.pptx' }],
  'project-not-found': [{ root: '/tmp/nowhere' }],
  'unknown-theme': [{ theme: 'gaya', guess: 'gaia', known: ['default', 'gaia', 'uncover'] }, { theme: 'x', known: ['default'] }],
  'duplicate-client': [{ id: 'acme', other: 'content/clients/acme.yaml' }],
  'reserved-client-id': [{ id: 'assets' }],
  'output-collision': [{ path: '/tmp/out/acme' }],
  'front-matter-ignored': [{}],
  'not-unicode-text': [{ byte: 0xe9 }],
  'nul-byte': [{}],
  'yaml-alias': [
    { alias: 'es', reason: 'unresolved' },
    { alias: 'a', reason: 'too-many' },
  ],
  'not-text': [
    { expression: '{{client}}', list: false },
    { expression: '{{lesson.objectives}}', list: true },
  ],
  'field-of-plain-value': [{ expression: 'this.length', field: 'length', value: 'Hola' }],
  'nested-too-deeply': [{ depth: 101, limit: 100 }],
  'output-locked': [{ path: '/tmp/out', pid: 4242, lock: '/tmp/out/.workshop-kit.lock' }],
  'write-error': [
    { path: '/tmp/out', code: 'EACCES', reason: 'permission denied' },
    { path: '/tmp/out', code: 'ENOSPC', reason: 'no space left on device' },
    { path: '/tmp/out', code: 'ENOTDIR', reason: 'not a directory' },
    { path: '/tmp/out', code: 'EIO', reason: 'i/o error' },
  ],
  'unsafe-out': [
    { out: '/p', reason: 'root', folder: 'content/ and templates/' },
    { out: '/p/content', reason: 'inside', folder: 'content/' },
    { out: '/', reason: 'contains', folder: 'folder (p/)' },
  ],
  'no-content-folder': [{ root: '/tmp/empty' }],
  'pdf-needs-browser': [{ reason: 'no Chromium found (looked for /usr/bin/chromium)' }, { reason: 'no Chromium found', format: 'pptx' }],
  'unknown-client': [{ ids: ['acme'], known: ['beta'] }, { ids: ['a', 'b'], known: [] }],
  'init-folder-not-empty': [{ path: '/tmp/w', entries: ['a'] }, { path: '/tmp/w', entries: ['a', 'b', 'c', 'd', 'e'] }],
  'init-not-a-folder': [{ path: '/tmp/w' }],
  'init-write-error': [{ path: '/tmp/w/.vscode', reason: 'not a directory' }],
  // Languages: language tags, lesson versions, label files
  'bad-language': [{ field: 'language', value: 'xx_YY!' }],
  'lesson-version-without-base': [{ name: '03-plan.en.md', id: '03-plan', tag: 'en' }],
  'lesson-language-missing': [
    { ids: ['03-plan'], tag: 'en', language: 'en (English)', used: 'es (Spanish)' },
    { ids: ['01-a', '02-b'], tag: 'fr', language: 'fr (French)', used: 'es (Spanish)' },
  ],
  'lesson-version-is-base': [{ name: '03-plan.es.md', id: '03-plan', language: 'es (Spanish)' }],
  'label-file-name': [{ name: 'english.yml' }],
  'labels-language-missing': [{ language: 'fr (French)', file: 'templates/labels/fr.yml' }],
  'labels-missing': [
    { language: 'fr (French)', labels: ['guide'] },
    { language: 'fr (French)', labels: ['guide', 'deck'] },
    { language: 'fr (French)', labels: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] },
  ],
  'unknown-label': [{ label: 'exercice', guess: 'exercise', known: ['exercise'] }, { label: 'zzz', known: ['exercise'] }],
  'label-type': [{ label: 'deck', actual: 'a list' }],
  // Lesson assets
  'asset-not-found': [
    { what: 'image', url: 'img/embudo.png', lookedFor: 'content/lessons/img/embudo.png', guess: 'img/embudos.png' },
    { what: 'file', url: 'media/clip.mp4', lookedFor: 'content/lessons/media/clip.mp4' },
    { what: 'image', url: 'img', lookedFor: 'content/lessons/img', folder: true },
  ],
  'asset-outside-project': [
    { what: 'image', url: '../../../etc/passwd' },
    { what: 'image', url: 'img/link.png', throughLink: true },
  ],
  'absolute-asset-path': [
    { what: 'image', url: '/img/x.png' },
    { what: 'file', url: 'file:///tmp/x.mp4', fileUrl: true },
  ],
  'asset-unreadable': [{ what: 'image', url: 'img/x.png', reason: 'EACCES' }],
  'remote-asset': [{ what: 'image', url: 'https://example.com/x.png' }],
  // Participant outputs
  'participant-leak': [
    { kind: 'note', output: 'slides.html', excerpt: 'presentamos el mapa completo' },
    { kind: 'solution', output: 'worksheet.html', excerpt: 'una respuesta modelo' },
    { kind: 'facilitator', output: 'handout.html', excerpt: 'texto solo para el facilitador' },
  ],
  // Schedule: breaks
  'break-place': [{ index: 0, both: true }, { index: 1, both: false }],
  'unknown-break-lesson': [{ id: 'tress', guess: 'tres', known: ['uno', 'tres'] }, { id: 'x', known: [] }],
  'break-lesson-not-taught': [{ id: 'b2b', client: 'La Tasca' }],
  'break-after-day': [{ at: '15:30', client: 'Acme', lastBoundary: '15:05' }, { at: '10:00', client: 'Acme', lastBoundary: null }],
  'no-break': [{ client: 'Acme', start: '09:00', end: '15:50', hours: '6 h 50 min' }],
}

const codes = Object.keys(catalogue) as DiagnosticCode[]

describe('catalogue', () => {
  it('is the one the public API exports', () => {
    expect(api.catalogue).toBe(catalogue)
    expect(api.formatDiagnostic).toBe(formatDiagnostic)
  })

  it('has sample facts for every code (a new code needs a line in this test)', () => {
    expect(Object.keys(samples).sort()).toEqual([...codes].sort())
  })

  it('codes are stable kebab-case names and severities are error, warning or info', () => {
    for (const code of codes) {
      expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(['error', 'warning', 'info']).toContain(catalogue[code].severity)
    }
  })

  it.each(codes)('%s: message and hint are non-empty sentences for every shape of its facts', (code) => {
    const entry = catalogue[code] as { message(a: unknown): string; hint(a: unknown): string }
    for (const args of samples[code] as unknown[]) {
      const message = entry.message(args)
      const hint = entry.hint(args)
      expect(typeof message).toBe('string')
      expect(message.trim().length, JSON.stringify(args)).toBeGreaterThan(5)
      expect(message, JSON.stringify(args)).not.toMatch(/undefined|\[object Object\]|NaN/)
      expect(typeof hint).toBe('string')
      expect(hint.trim().length, JSON.stringify(args)).toBeGreaterThan(5)
      expect(hint, JSON.stringify(args)).not.toMatch(/undefined|\[object Object\]|NaN/)
      // Messages are lower-case clauses after "error:"; hints are sentences.
      expect(hint, JSON.stringify(args)).toMatch(/[.)]$/)
    }
  })

  it('writes the facts into the words', () => {
    expect(catalogue['bad-colour'].message({ field: 'brand.primary', value: '#12345' })).toBe('brand.primary is "#12345", which is not a colour written as "#rrggbb"')
    expect(catalogue['bad-colour'].hint({ field: 'brand.primary', value: null })).toBe('Quote the colour: primary: "#1d4e89".')
    expect(catalogue['schema-unknown-field'].message({ field: 'secter', guess: 'sector', known: [] })).toBe('unknown field "secter" (did you mean "sector"?)')
    expect(catalogue['schema-unknown-field'].hint({ field: 'secter', known: ['name', 'sector'] })).toBe('Allowed fields here: name, sector.')
    expect(catalogue['unknown-lesson'].hint({ id: 'x', known: [] })).toBe('content/lessons/ holds no lessons yet.')
    expect(catalogue['template-syntax'].message({ problem: 'mismatched-block', opened: 'if', closed: 'each' })).toBe('"{{#if}}" is closed by "{{/each}}"')
    expect(catalogue['slide-overflow'].hint({ slide: 1, sides: ['bottom'], seenIn: 'deck.html' })).toBe('Shorten the slide or split it with "---" (seen in deck.html).')
  })

  it('every code is emitted somewhere in src/', () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name)
        if (statSync(full).isDirectory()) walk(full)
        else if (/\.ts$/.test(name)) files.push(full)
      }
    }
    walk(SRC)
    const cataloguePath = path.join(SRC, 'diagnostics', 'catalogue.ts')
    expect(files).toContain(cataloguePath)
    // Code as the compiler sees it: comments removed, so a code named only in a comment does not count.
    const text = files
      .filter((file) => file !== cataloguePath)
      .map((file) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, ''))
      .join('\n')
    const silent = codes.filter((code) => !text.includes(`'${code}'`) && !text.includes(`"${code}"`))
    expect(silent, `codes nothing in src/ emits: ${silent.join(', ')}`).toEqual([])
  })
})

describe('diagnostic()', () => {
  it('writes the message and hint from the catalogue, with the entry\'s severity', () => {
    expect(diagnostic('stray-directive-closer', { fence: ':::' }, { file: '/l.md', line: 4, column: 2 })).toEqual({
      severity: 'warning',
      code: 'stray-directive-closer',
      file: '/l.md',
      line: 4,
      column: 2,
      message: '":::" closes no open directive block',
      hint: 'Remove the extra ":::" line, or open a block such as ":::key" before it.',
    })
  })

  it('a whole-line place (no column) gets column 1; no place at all gets line 1, column 1', () => {
    expect(diagnostic('slide-overflow', { slide: 2, sides: ['bottom'] }, { file: '/l.md', line: 7 })).toMatchObject({ line: 7, column: 1 })
    expect(diagnostic('slide-overflow', { slide: 2, sides: ['bottom'] }, { file: '/l.md', line: 7, column: 0 })).toMatchObject({ line: 7, column: 1 })
    expect(diagnostic('no-lessons', {})).toMatchObject({ file: undefined, line: 1, column: 1, severity: 'error' })
  })

  it('a severity can be given', () => {
    expect(diagnostic('slide-overflow', { slide: 1, sides: ['right'] }, {}, 'error').severity).toBe('error')
  })
})

describe('Reporter', () => {
  const overflow = { slide: 1, sides: ['bottom'] }

  it('keeps the same diagnostic once', () => {
    const reporter = new Reporter()
    reporter.report('slide-overflow', overflow, { file: '/a.md', line: 3 })
    reporter.report('slide-overflow', overflow, { file: '/a.md', line: 3, column: 1 })
    reporter.add(diagnostic('slide-overflow', overflow, { file: '/a.md', line: 3 }))
    reporter.addAll([diagnostic('slide-overflow', overflow, { file: '/a.md', line: 3 })])
    expect(reporter.list()).toHaveLength(1)
    // Another place, or another file, is another diagnostic.
    reporter.report('slide-overflow', overflow, { file: '/a.md', line: 4 })
    reporter.report('slide-overflow', overflow, { file: '/b.md', line: 3 })
    expect(reporter.list()).toHaveLength(3)
  })

  it('lists by file, then line, then column, then message', () => {
    const reporter = new Reporter()
    reporter.report('unclosed-directive', { name: 'z' }, { file: '/b.md', line: 1, column: 1 })
    reporter.report('unclosed-directive', { name: 'b' }, { file: '/a.md', line: 10, column: 1 })
    reporter.report('unclosed-directive', { name: 'c' }, { file: '/a.md', line: 2, column: 5 })
    reporter.report('unclosed-directive', { name: 'y' }, { file: '/a.md', line: 2, column: 3 })
    reporter.report('unclosed-directive', { name: 'x' }, { file: '/a.md', line: 2, column: 3 })
    reporter.report('no-lessons', {})
    expect(reporter.list().map((d) => `${d.file ?? '-'}:${d.line}:${d.column} ${d.message}`)).toEqual([
      '-:1:1 the lesson list is empty',
      '/a.md:2:3 ":::x" is never closed',
      '/a.md:2:3 ":::y" is never closed',
      '/a.md:2:5 ":::c" is never closed',
      '/a.md:10:1 ":::b" is never closed',
      '/b.md:1:1 ":::z" is never closed',
    ])
  })

  it('hasErrors only for errors; promoteWarnings turns every warning into an error', () => {
    const reporter = new Reporter()
    expect(reporter.hasErrors).toBe(false)
    reporter.report('stray-directive-closer', { fence: ':::' }, { file: '/a.md', line: 1 })
    reporter.report('slide-overflow', overflow, { file: '/a.md', line: 2 })
    expect(reporter.hasErrors).toBe(false)
    expect(reporter.list().map((d) => d.severity)).toEqual(['warning', 'warning'])
    reporter.promoteWarnings()
    expect(reporter.hasErrors).toBe(true)
    expect(reporter.list().map((d) => d.severity)).toEqual(['error', 'error'])
  })

  it('list() is a copy: callers cannot remove diagnostics', () => {
    const reporter = new Reporter()
    reporter.report('no-lessons', {})
    reporter.list().length = 0
    expect(reporter.list()).toHaveLength(1)
  })
})

describe('positionAt and closest', () => {
  it('positionAt gives 1-based line and column of an offset', () => {
    const text = 'ab\ncde\n\nf'
    expect(positionAt(text, 0)).toEqual({ line: 1, column: 1 })
    expect(positionAt(text, 4)).toEqual({ line: 2, column: 2 })
    expect(positionAt(text, 7)).toEqual({ line: 3, column: 1 })
    expect(positionAt(text, 8)).toEqual({ line: 4, column: 1 })
  })

  it('positionsIn gives what positionAt gives, for every offset of a text', () => {
    for (const text of ['', 'ab\ncde\n\nf', '\n\nx\r\ny\n', 'no newline at all']) {
      const at = positionsIn(text)
      for (let offset = 0; offset <= text.length + 2; offset++) expect(at(offset), `${JSON.stringify(text)} at ${offset}`).toEqual(positionAt(text, offset))
    }
  })

  it('closest suggests a likely typo and nothing for an unrelated word', () => {
    expect(closest('secter', ['name', 'sector', 'size'])).toBe('sector')
    expect(closest('PRIMAY', ['primary', 'secondary'])).toBe('primary')
    expect(closest('logo', ['primary', 'secondary'])).toBeUndefined()
    expect(closest('x', [])).toBeUndefined()
  })
})

describe('formatDiagnostic', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wk-unit-format-'))
  const file = path.join(dir, 'acme.yml')
  writeFileSync(file, 'name: Acme\nbrand:\n  primary: "#12345"\n\tfont: x\n')
  const display = (p: string) => path.relative(dir, p)

  it('prints path:line:col: error: message, the line with a caret under the column, then the hint', () => {
    const d = diagnostic('bad-colour', { field: 'brand.primary', value: '#12345' }, { file, line: 3, column: 12 })
    expect(formatDiagnostic(d, display)).toBe(
      [
        'acme.yml:3:12: error: brand.primary is "#12345", which is not a colour written as "#rrggbb"',
        '  3 |   primary: "#12345"',
        '    |            ^',
        '    hint: Write colours as six hexadecimal digits after "#", for example "#1f6feb".',
      ].join('\n'),
    )
  })

  it('a warning reads "warning:"; a tab before the column stays a tab under the line', () => {
    const d = diagnostic('stray-directive-closer', { fence: ':::' }, { file, line: 4, column: 2 })
    expect(formatDiagnostic(d, display).split('\n')).toEqual([
      'acme.yml:4:2: warning: ":::" closes no open directive block',
      '  4 | \tfont: x',
      '    | \t^',
      '    hint: Remove the extra ":::" line, or open a block such as ":::key" before it.',
    ])
  })

  it('a whole-line diagnostic from the reporter reads column 1, caret under the first non-blank character', () => {
    const d = diagnostic('slide-overflow', { slide: 2, sides: ['bottom'] }, { file, line: 3 })
    expect(formatDiagnostic(d, display).split('\n').slice(0, 3)).toEqual([
      'acme.yml:3:1: warning: slide 2 overflows by bottom',
      '  3 |   primary: "#12345"',
      '    |   ^',
    ])
  })

  it('a diagnostic with column 0 (made elsewhere) reads column 1, caret under the first non-blank character', () => {
    const d: Diagnostic = { ...diagnostic('slide-overflow', { slide: 2, sides: ['bottom'] }, { file, line: 3 }), column: 0 }
    expect(formatDiagnostic(d, display).split('\n').slice(0, 3)).toEqual([
      'acme.yml:3:1: warning: slide 2 overflows by bottom',
      '  3 |   primary: "#12345"',
      '    |   ^',
    ])
  })

  it('without a file: "workshop-kit: error: message" and the hint', () => {
    expect(formatDiagnostic(diagnostic('no-lessons', {}), display)).toBe(
      'workshop-kit: error: the lesson list is empty\n    hint: List at least one lesson in content/workshop.yml or in the client file.',
    )
  })

  it('no frame when the line is past the end of the file or the file is missing', () => {
    const past = diagnostic('bad-colour', { field: 'f', value: 'x' }, { file, line: 99, column: 2 })
    expect(formatDiagnostic(past, display).split('\n')).toHaveLength(2)
    const missing = diagnostic('bad-colour', { field: 'f', value: 'x' }, { file: path.join(dir, 'gone.yml'), line: 1, column: 1 })
    expect(formatDiagnostic(missing, display).split('\n')).toEqual([
      'gone.yml:1:1: error: f is "x", which is not a colour written as "#rrggbb"',
      '    hint: Write colours as six hexadecimal digits after "#", for example "#1f6feb".',
    ])
  })

  it('reads each file once through SourceFiles', () => {
    const sources = new SourceFiles()
    const d = diagnostic('bad-colour', { field: 'f', value: 'x' }, { file, line: 1, column: 1 })
    expect(formatDiagnostic(d, display, { sources })).toContain('  1 | name: Acme')
    writeFileSync(file, 'changed\n')
    expect(formatDiagnostic(d, display, { sources })).toContain('  1 | name: Acme')
    expect(formatDiagnostic(d, display)).toContain('  1 | changed')
    writeFileSync(file, 'name: Acme\nbrand:\n  primary: "#12345"\n\tfont: x\n')
  })

  it('colours only when asked', () => {
    const d = diagnostic('bad-colour', { field: 'f', value: 'x' }, { file, line: 1, column: 1 })
    expect(formatDiagnostic(d, display)).not.toContain('\x1b[')
    expect(formatDiagnostic(d, display, { color: true })).toContain('\x1b[1;31merror\x1b[39;22m')
  })

  it('formatGithubAnnotation gives one workflow command with the code as title', () => {
    const d = diagnostic('bad-colour', { field: 'brand.primary', value: '#12345' }, { file, line: 3, column: 12 })
    expect(formatGithubAnnotation(d, () => 'content/clients/acme.yml')).toBe(
      '::error file=content/clients/acme.yml,line=3,col=12,title=bad-colour::brand.primary is "#12345", which is not a colour written as "#rrggbb" (hint: Write colours as six hexadecimal digits after "#", for example "#1f6feb".)',
    )
    expect(formatGithubAnnotation(diagnostic('no-lessons', {}), display)).toBe(
      '::error::the lesson list is empty (hint: List at least one lesson in content/workshop.yml or in the client file.)',
    )
    const odd = diagnostic('template-runtime', { detail: '50%\nnext' }, { file, line: 1 }, 'warning')
    expect(formatGithubAnnotation(odd, () => 'a,b:c.md')).toBe(
      '::warning file=a%2Cb%3Ac.md,line=1,col=1,title=template-runtime::template error: 50%25%0Anext (hint: Check the expression and the values it uses.)',
    )
  })
})
