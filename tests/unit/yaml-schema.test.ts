// YAML with positions and JSON Schema validation: every problem in a client
// file, workshop.yml or a lesson's front matter is a catalogue diagnostic at
// the value's (or the key's) line and column.
import { describe, expect, it } from 'vitest'
import { Reporter } from '../../src/diagnostics/reporter.js'
import { readLesson } from '../../src/project/lesson-source.js'
import { clientSchema, workshopSchema } from '../../src/project/schema.js'
import { validateAgainst, type SchemaName } from '../../src/project/validate.js'
import { parseYaml } from '../../src/project/yaml-source.js'
import * as api from '../../src/index.js'

const CLIENT = '/project/content/clients/acme.yml'
const LESSON = '/project/content/lessons/intro.md'

type Found = Array<[code: string, line: number, column: number, message: string]>

function validate(name: SchemaName, text: string): { valid: boolean; found: Found; hints: string[] } {
  const reporter = new Reporter()
  const source = parseYaml(text, CLIENT, reporter)
  const valid = source ? validateAgainst(name, source, reporter) : false
  const list = reporter.list()
  for (const d of list) expect(d.file).toBe(CLIENT)
  return { valid, found: list.map((d) => [d.code, d.line, d.column, d.message]), hints: list.map((d) => d.hint) }
}

describe('parseYaml', () => {
  it('gives the data and locates values and keys', () => {
    const reporter = new Reporter()
    const source = parseYaml('name: Acme\nbrand:\n  primary: "#1d4e89"\nlessons:\n  - intro\n  - cierre\n', CLIENT, reporter)!
    expect(reporter.list()).toEqual([])
    expect(source.file).toBe(CLIENT)
    expect(source.data).toEqual({ name: 'Acme', brand: { primary: '#1d4e89' }, lessons: ['intro', 'cierre'] })
    expect(source.locate(['brand', 'primary'])).toEqual({ line: 3, column: 12 })
    expect(source.locate(['brand', 'primary'], 'key')).toEqual({ line: 3, column: 3 })
    expect(source.locate(['lessons', 1])).toEqual({ line: 6, column: 5 })
    // A path that is not there falls back to its nearest parent.
    expect(source.locate(['brand', 'logo'])).toEqual({ line: 3, column: 3 })
    expect(source.locate([])).toEqual({ line: 1, column: 1 })
  })

  it('shifts lines by lineOffset (YAML inside another file)', () => {
    const source = parseYaml('title: T\nduration: 5\n', LESSON, new Reporter(), 1)!
    expect(source.locate(['duration'])).toEqual({ line: 3, column: 11 })
  })

  it('an empty document is null data', () => {
    expect(parseYaml('', CLIENT, new Reporter())!.data).toBeNull()
    expect(parseYaml('# only a comment\n', CLIENT, new Reporter())!.data).toBeNull()
  })

  it('a syntax error is reported at its position and gives undefined', () => {
    const reporter = new Reporter()
    expect(parseYaml('name: Acme\nbrand:\n  primary: "#1d4e89" x\n', CLIENT, reporter)).toBeUndefined()
    expect(reporter.list().map((d) => [d.code, d.file, d.line, d.column, d.message])).toEqual([
      ['yaml-syntax', CLIENT, 3, 22, 'invalid YAML: Unexpected scalar at node end'],
    ])
    const other = new Reporter()
    parseYaml('name: Acme\nsector: a: b\n', CLIENT, other)
    expect(other.list().map((d) => [d.line, d.column, d.message])).toEqual([[2, 9, 'invalid YAML: Nested mappings are not allowed in compact mappings']])
    expect(reporter.list()[0].message).toMatch(/^invalid YAML: /)
    expect(reporter.list()[0].message).not.toMatch(/at line \d+, column \d+/)
    expect(reporter.list()[0].hint).toBe('Fix the YAML syntax at this position (check indentation, colons and quotes).')
  })

  it('a duplicate key is a syntax error at the second key', () => {
    const reporter = new Reporter()
    expect(parseYaml('name: Acme\nsector: a\nname: B\n', CLIENT, reporter)).toBeUndefined()
    expect(reporter.list().map((d) => [d.code, d.line, d.column, d.message])).toEqual([['yaml-syntax', 3, 1, 'invalid YAML: Map keys must be unique']])
  })

  it('reports only the first of several syntax errors', () => {
    const reporter = new Reporter()
    parseYaml('a: [1\nb: "x\nc: {', CLIENT, reporter)
    expect(reporter.list()).toHaveLength(1)
  })

  it('stays data: no code-bearing tags', () => {
    const reporter = new Reporter()
    const source = parseYaml('name: !!js/function "function () { return 1 }"\n', CLIENT, reporter)
    expect(typeof (source?.data as { name?: unknown } | undefined)?.name).not.toBe('function')
  })
})

describe('client schema', () => {
  it('a valid client file passes', () => {
    const ok = validate(
      'client',
      'name: Acme\nsector: banca\nsize: grande\nmodel: mixto\nlanguage: en\nbrand:\n  primary: "#1D4E89"\n  secondary: "#f29e4c"\n  logo: logo.svg\n  font: "Source Sans 3, Arial"\nsession:\n  date: 2026-03-14\n  start: "09:30"\n  venue: Madrid\n  trainer: Ana\nlessons: [intro, cierre]\n',
    )
    expect(ok).toEqual({ valid: true, found: [], hints: [] })
  })

  it('a bad colour is reported at the value', () => {
    const { valid, found, hints } = validate('client', 'name: Acme\nbrand:\n  primary: "#12345"\n')
    expect(valid).toBe(false)
    expect(found).toEqual([['bad-colour', 3, 12, 'brand.primary is "#12345", which is not a colour written as "#rrggbb"']])
    expect(hints).toEqual(['Write colours as six hexadecimal digits after "#", for example "#1f6feb".'])
  })

  it('an unquoted "#" colour arrives empty and says why', () => {
    const { found, hints } = validate('client', 'name: Acme\nbrand:\n  secondary: #1d4e89\n')
    expect(found).toEqual([['bad-colour', 3, 14, 'brand.secondary is empty: in YAML an unquoted "#" starts a comment']])
    expect(hints).toEqual(['Quote the colour: primary: "#1d4e89".'])
  })

  it('an unknown field gives did-you-mean, the allowed fields, and the key\'s position', () => {
    const top = validate('client', 'name: Acme\nsecter: banca\n')
    expect(top.found).toEqual([['schema-unknown-field', 2, 1, 'unknown field "secter" (did you mean "sector"?)']])
    expect(top.hints).toEqual(['Allowed fields here: name, sector, size, model, language, brand, session, handout, lessons, breaks, vars.'])
    const nested = validate('client', 'name: Acme\nbrand:\n  primay: "#1d4e89"\n')
    expect(nested.found).toEqual([['schema-unknown-field', 3, 3, 'unknown field "primay" in brand (did you mean "primary"?)']])
    expect(nested.hints).toEqual(['Allowed fields here: primary, secondary, logo, font, fonts.'])
    const unrelated = validate('client', 'name: Acme\nfavourite_colour: blue\n')
    expect(unrelated.found).toEqual([['schema-unknown-field', 2, 1, 'unknown field "favourite_colour"']])
  })

  it('a missing name', () => {
    expect(validate('client', 'sector: banca\n').found).toEqual([['schema-required', 1, 1, 'missing required field "name"']])
  })

  it('values outside an enum list the allowed ones', () => {
    expect(validate('client', 'name: Acme\nmodel: b2b\nsize: 3\n').found).toEqual([
      ['schema-enum', 2, 8, 'model is "b2b", allowed: "B2C", "B2B", "mixto"'],
      ['schema-enum', 3, 7, 'size is 3, allowed: "pyme", "grande"'],
    ])
  })

  it('dates, times, empty names and fonts', () => {
    expect(validate('client', 'name: ""\nsession:\n  date: 14/03/2026\n  start: "9:00"\n').found).toEqual([
      ['bad-value', 1, 7, 'name must not be empty'],
      ['bad-date', 3, 9, 'session.date is "14/03/2026", which is not a date written as YYYY-MM-DD'],
      ['bad-time', 4, 10, 'session.start is "9:00", which is not a time written as HH:MM'],
    ])
    expect(validate('client', 'name: Acme\nbrand:\n  font: "Arial; color: red"\n').found).toEqual([
      ['bad-value', 3, 9, 'brand.font is "Arial; color: red", which is not allowed here (only letters, digits, spaces and - _ . , are accepted)'],
    ])
  })

  it('lesson ids in a list are checked at the item', () => {
    expect(validate('client', 'name: Acme\nlessons: [intro, "../x"]\n').found).toEqual([
      ['bad-value', 2, 18, 'lessons.1 is "../x", which is not allowed here (only letters, digits, spaces and - _ . , are accepted)'],
    ])
  })

  it('a wrong type names what was expected and what was found', () => {
    expect(validate('client', 'name: Acme\nbrand: "x"\n').found).toEqual([['schema-type', 2, 8, 'brand must be an object, not string "x"']])
    expect(validate('client', 'name: [a, b]\n').found).toEqual([['schema-type', 1, 7, 'name must be a string, not a list']])
    expect(validate('client', 'name: Acme\nsession:\n  venue: [a]\n').found).toEqual([['schema-type', 3, 10, 'session.venue must be a string, not a list']])
  })

  it('every problem of a file is reported in one run', () => {
    const { found } = validate('client', 'name: Acme\nsize: huge\nbrand:\n  primary: "red"\n  secondary: "#zzzzzz"\nextra: 1\n')
    expect(found.map(([code, line]) => [code, line])).toEqual([
      ['schema-unknown-field', 6],
      ['schema-enum', 2],
      ['bad-colour', 4],
      ['bad-colour', 5],
    ].sort((a, b) => (a[1] as number) - (b[1] as number)))
  })
})

describe('workshop schema', () => {
  it('positions inside "defaults" are those of workshop.yml', () => {
    expect(validate('workshop', 'title: W\nlessons: [a]\ndefaults:\n  brand:\n    primary: "#zzzzzz"\n  colour: 1\n').found).toEqual([
      ['bad-colour', 5, 14, 'defaults.brand.primary is "#zzzzzz", which is not a colour written as "#rrggbb"'],
      ['schema-unknown-field', 6, 3, 'unknown field "colour" in defaults'],
    ])
  })

  it('title and lessons are required', () => {
    expect(validate('workshop', 'subtitle: S\n').found).toEqual([
      ['schema-required', 1, 1, 'missing required field "lessons"'],
      ['schema-required', 1, 1, 'missing required field "title"'],
    ])
  })

  it('the exported schemas are the ones validation uses', () => {
    expect(api.clientSchema).toBe(clientSchema)
    expect(api.workshopSchema).toBe(workshopSchema)
    expect(clientSchema.required).toEqual(['name'])
  })
})

describe('lesson front matter', () => {
  it('---js front matter is refused', () => {
    const reporter = new Reporter()
    expect(readLesson('intro', LESSON, '---js\nmodule.exports = { title: "x" }\n---\n# Hola\n', reporter)).toBeUndefined()
    expect(reporter.list()).toEqual([
      {
        severity: 'error',
        code: 'front-matter-engine',
        file: LESSON,
        line: 1,
        column: 4,
        message: 'front matter language "js" is not allowed: only YAML front matter is read',
        hint: 'Front matter is data, not code: write it as YAML between two "---" lines.',
      },
    ])
  })

  it('other code engines are refused too; ---yaml is fine', () => {
    for (const language of ['javascript', 'coffee', 'JS']) {
      const reporter = new Reporter()
      expect(readLesson('intro', LESSON, `---${language}\n{}\n---\n# Hola\n`, reporter)).toBeUndefined()
      expect(reporter.list().map((d) => [d.code, d.message])).toEqual([
        ['front-matter-engine', `front matter language "${language}" is not allowed: only YAML front matter is read`],
      ])
    }
    const reporter = new Reporter()
    expect(readLesson('intro', LESSON, '---yaml\ntitle: Hola\n---\n# Hola\n', reporter)?.data).toEqual({ title: 'Hola' })
    expect(reporter.list()).toEqual([])
  })

  it('front matter problems are placed at file lines', () => {
    const reporter = new Reporter()
    const lesson = readLesson('intro', LESSON, '---\ntitle: Hola\nduration: 0\nmodels: [B2B, b2c]\n---\n# Hola\n', reporter)!
    expect(lesson.bodyLineOffset).toBe(5)
    // Reading keeps the YAML with its positions; loading the project checks it against the schema.
    validateAgainst('lesson', lesson.frontMatterSource!, reporter)
    expect(reporter.list().map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ['bad-value', 3, 11, 'duration must be >= 1 (got 0)'],
      ['schema-enum', 4, 15, 'models.1 is "b2c", allowed: "B2C", "B2B", "mixto"'],
    ])
  })

  it('a YAML syntax error in front matter is placed at its file line', () => {
    const reporter = new Reporter()
    readLesson('intro', LESSON, '---\ntitle: Hola\nobjectives: [a\n---\n# Hola\n', reporter)
    expect(reporter.list().map((d) => [d.code, d.line])).toEqual([['yaml-syntax', 3]])
  })

  it('front matter that is not a mapping is ignored, as Marp ignores it, with a warning', () => {
    const reporter = new Reporter()
    const lesson = readLesson('intro', LESSON, '---\n- a\n---\n# Hola\n', reporter)!
    expect(reporter.list().map((d) => [d.code, d.severity, d.line, d.column, d.message])).toEqual([
      ['front-matter-ignored', 'warning', 2, 1, 'front matter that is not "key: value" lines is ignored (as Marp ignores it)'],
    ])
    expect(lesson.data).toEqual({})
    expect(lesson.body).toBe('# Hola\n')
  })

  it('keeps Marp directives and custom keys, the raw text for Marp, and the body', () => {
    const reporter = new Reporter()
    // A custom key the lesson uses ({{lesson.level}}) is the author's own: no warning.
    const lesson = readLesson('intro', LESSON, '\uFEFF---\ntitle: Hola\ntheme: gaia\nlevel: 2\n---\n# Hola {{lesson.level}}\n', reporter)!
    expect(reporter.list()).toEqual([])
    expect(lesson.data).toEqual({ title: 'Hola', theme: 'gaia', level: 2 })
    expect(lesson.frontMatterText).toBe('\ntitle: Hola\ntheme: gaia\nlevel: 2')
    expect(lesson.body).toBe('# Hola {{lesson.level}}\n')
    expect(lesson.bodyLineOffset).toBe(5)
  })

  it('a lesson without front matter', () => {
    const reporter = new Reporter()
    const lesson = readLesson('intro', LESSON, '# Hola\n', reporter)!
    expect([lesson.data, lesson.frontMatterText, lesson.body, lesson.bodyLineOffset]).toEqual([{}, undefined, '# Hola\n', 0])
  })
})

describe("a lesson's theme", () => {
  it('that names no registered theme is a warning at its line, with a did-you-mean', async () => {
    const { makeProject } = await import('../helpers/project.js')
    const { loadProject } = await import('../../src/project/load.js')
    const root = makeProject({
      'content/workshop.yml': 'title: T\nlessons:\n  - a\n  - b\n',
      'content/lessons/a.md': '---\ntitle: A\ntheme: gaya\n---\n\n# A\n',
      'content/lessons/b.md': '---\ntitle: B\ntheme: uncover\n---\n\n# B\n',
      'content/clients/acme.yml': 'name: Acme\n',
    })
    const reporter = new Reporter()
    loadProject(root, reporter)
    expect(reporter.list().map((d) => [d.code, d.severity, d.file?.endsWith('a.md'), d.line, d.column, d.message])).toEqual([
      ['unknown-theme', 'warning', true, 3, 8, 'theme "gaya" is not registered, so Marp uses its default theme (did you mean "gaia"?)'],
    ])
  })
})
