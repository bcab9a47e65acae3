// The data cascade: built-in defaults, then workshop.yml "defaults", then the
// client file, field by field. Every value remembers the file and line that
// set it.
import { describe, expect, it } from 'vitest'
import { Reporter } from '../../src/diagnostics/reporter.js'
import { cascade, clientDefaults, lessonContext, resolveClient, resolveWorkshop } from '../../src/project/cascade.js'
import type { LessonSource } from '../../src/project/lesson-source.js'
import { parseYaml, type YamlSource } from '../../src/project/yaml-source.js'

const WORKSHOP = '/project/content/workshop.yml'
const CLIENT = '/project/content/clients/acme.yml'

function yaml(text: string, file: string): YamlSource {
  const reporter = new Reporter()
  const source = parseYaml(text, file, reporter)
  expect(reporter.list()).toEqual([])
  return source!
}

const workshopText = [
  'title: Ventas', // 1
  'lessons: [intro, cierre]', // 2
  'defaults:', // 3
  '  sector: retail', // 4
  '  language: en', // 5
  '  brand:', // 6
  '    primary: "#111111"', // 7
  '    logo: assets/logo.svg', // 8
  '  session:', // 9
  '    trainer: Ana', // 10
  '    start: "10:00"', // 11
].join('\n')

const clientText = [
  'name: Acme', // 1
  'brand:', // 2
  '  secondary: "#222222"', // 3
  '  primary: "#333333"', // 4
  'session:', // 5
  '  venue: Madrid', // 6
  'lessons: [cierre]', // 7
].join('\n')

describe('cascade', () => {
  it('later layers win field by field; objects merge; arrays and scalars replace', () => {
    const merged = cascade<Record<string, unknown>>([
      { data: { list: [1, 2, 3], object: { x: 1, y: 2, deep: { a: 1, b: 2 } }, text: 'base', kept: true } },
      { data: { list: [9], object: { y: 3, z: 4, deep: { b: 3 } } } },
      { data: { text: null, object: { x: 'top' } } },
    ])
    expect(merged.data).toEqual({
      list: [9],
      object: { x: 'top', y: 3, z: 4, deep: { a: 1, b: 3 } },
      text: null,
      kept: true,
    })
  })

  it('an object replaces a scalar and a scalar replaces an object', () => {
    expect(cascade([{ data: { a: 1, b: { c: 1 } } }, { data: { a: { x: 1 }, b: 'flat' } }]).data).toEqual({ a: { x: 1 }, b: 'flat' })
  })

  it('does not change the layers it merges', () => {
    const base = { brand: { primary: '#000000', font: 'Arial' } }
    const over = { brand: { primary: '#ffffff' } }
    cascade([{ data: base }, { data: over }])
    expect(base).toEqual({ brand: { primary: '#000000', font: 'Arial' } })
    expect(over).toEqual({ brand: { primary: '#ffffff' } })
  })

  it('origin names the layer that set a value, at the value\'s position in its file', () => {
    const first = yaml('a: 1\nnested:\n  b: 2\n', '/first.yml')
    const second = yaml('# comment\nnested:\n  c: 3\n', '/second.yml')
    const merged = cascade([{ data: { a: 0, d: 'default' } }, { data: first.data, source: first }, { data: second.data, source: second }])
    expect(merged.origin(['a'])).toEqual({ file: '/first.yml', line: 1, column: 4 })
    expect(merged.origin(['nested', 'b'])).toEqual({ file: '/first.yml', line: 3, column: 6 })
    expect(merged.origin(['nested', 'c'])).toEqual({ file: '/second.yml', line: 3, column: 6 })
    // "nested" as a whole: the last layer that has it.
    expect(merged.origin(['nested'])).toEqual({ file: '/second.yml', line: 3, column: 3 })
    expect(merged.origin(['d'])).toBeUndefined()
    expect(merged.origin(['nowhere'])).toBeUndefined()
  })

  it('origin reads a layer\'s data where it sits in its file ("at")', () => {
    const ws = yaml(workshopText, WORKSHOP)
    const merged = cascade([{ data: (ws.data as { defaults: unknown }).defaults, source: ws, at: ['defaults'] }])
    expect(merged.origin(['session', 'trainer'])).toEqual({ file: WORKSHOP, line: 10, column: 14 })
  })
})

describe('resolveClient', () => {
  const workshopSource = yaml(workshopText, WORKSHOP)
  const clientSource = yaml(clientText, CLIENT)
  const workshop = resolveWorkshop(workshopSource.data as Record<string, unknown>)
  const client = resolveClient('acme', workshop, workshopSource, clientSource)

  it('merges built-in defaults, workshop defaults and the client file', () => {
    expect(client.data).toEqual({
      id: 'acme',
      name: 'Acme',
      sector: 'retail',
      size: 'pyme',
      model: 'B2C',
      language: 'en',
      brand: {
        primary: '#333333',
        secondary: '#222222',
        logo: 'assets/logo.svg',
        font: 'Source Sans 3, Segoe UI, Helvetica Neue, Arial, sans-serif',
        fonts: [],
      },
      session: { date: null, start: '10:00', venue: 'Madrid', trainer: 'Ana' },
      handout: { layout: 3 },
      lessons: ['cierre'],
      breaks: [],
      vars: {},
    })
  })

  it('origin points at the client file, the workshop defaults, or nowhere for a built-in default', () => {
    expect(client.origin(['brand', 'primary'])).toEqual({ file: CLIENT, line: 4, column: 12 })
    expect(client.origin(['brand', 'secondary'])).toEqual({ file: CLIENT, line: 3, column: 14 })
    expect(client.origin(['session', 'venue'])).toEqual({ file: CLIENT, line: 6, column: 10 })
    expect(client.origin(['name'])).toEqual({ file: CLIENT, line: 1, column: 7 })
    expect(client.origin(['lessons'])).toEqual({ file: CLIENT, line: 7, column: 10 })
    // The logo is placed relative to the file that set it: here workshop.yml.
    expect(client.origin(['brand', 'logo'])).toEqual({ file: WORKSHOP, line: 8, column: 11 })
    expect(client.origin(['sector'])).toEqual({ file: WORKSHOP, line: 4, column: 11 })
    expect(client.origin(['session', 'start'])).toEqual({ file: WORKSHOP, line: 11, column: 12 })
    expect(client.origin(['brand', 'font'])).toBeUndefined()
    expect(client.origin(['size'])).toBeUndefined()
    expect(client.origin(['session', 'date'])).toBeUndefined()
  })

  it('fills every field for a client file with only a name and a workshop without defaults', () => {
    const bare = resolveClient('solo', resolveWorkshop({ title: 'W', lessons: ['a'] }), undefined, yaml('name: Solo\n', CLIENT))
    expect(bare.data).toEqual({ ...clientDefaults, id: 'solo', name: 'Solo' })
    expect(bare.data).toEqual({
      id: 'solo',
      name: 'Solo',
      sector: 'general',
      size: 'pyme',
      model: 'B2C',
      language: 'es',
      brand: { primary: '#1d4e89', secondary: '#f29e4c', logo: null, font: 'Source Sans 3, Segoe UI, Helvetica Neue, Arial, sans-serif', fonts: [] },
      session: { date: null, start: '09:00', venue: null, trainer: null },
      handout: { layout: 3 },
      lessons: null,
      breaks: [],
      vars: {},
    })
    expect(bare.origin(['brand', 'primary'])).toBeUndefined()
    expect(bare.origin(['name'])).toEqual({ file: CLIENT, line: 1, column: 7 })
  })

  it('a client setting a value to null overrides the workshop default and is located in the client file', () => {
    const c = resolveClient('acme', workshop, workshopSource, yaml('name: Acme\nbrand:\n  logo: null\n', CLIENT))
    expect(c.data.brand.logo).toBeNull()
    expect(c.origin(['brand', 'logo'])).toEqual({ file: CLIENT, line: 3, column: 9 })
  })
})

describe('resolveWorkshop and lessonContext', () => {
  it('resolveWorkshop fills the optional fields', () => {
    expect(resolveWorkshop({ title: 'W', lessons: ['a'] })).toEqual({ title: 'W', subtitle: null, language: 'es', lessons: ['a'], handout: null, breaks: [], defaults: {}, vars: {} })
    expect(resolveWorkshop({ title: 'W', subtitle: 'S', language: 'en', lessons: [], defaults: { size: 'grande' } })).toEqual({
      title: 'W',
      subtitle: 'S',
      language: 'en',
      lessons: [],
      handout: null,
      breaks: [],
      defaults: { size: 'grande' },
      vars: {},
    })
  })

  it('lessonContext always has id, title, duration and objectives, and keeps custom front matter', () => {
    const source = (data: LessonSource['data']): LessonSource => ({
      id: 'intro',
      file: '/l.md',
      data,
      frontMatterText: undefined,
      body: '',
      bodyLineOffset: 0,
      literalRanges: [],
    })
    expect(lessonContext(source({}))).toEqual({ id: 'intro', title: 'intro', duration: null, objectives: [] })
    expect(lessonContext(source({ title: 'Intro', duration: 20, objectives: ['a'], level: 2 }))).toEqual({
      id: 'intro',
      title: 'Intro',
      duration: 20,
      objectives: ['a'],
      level: 2,
    })
  })
})

describe('a loaded client', () => {
  it('keeps where each of its values was set, for problems found later', async () => {
    const { makeProject, minimalLesson } = await import('../helpers/project.js')
    const { loadProject } = await import('../../src/project/load.js')
    const root = makeProject({
      'content/workshop.yml': 'title: T\nlessons:\n  - intro\ndefaults:\n  brand:\n    primary: "#112233"\n',
      'content/lessons/intro.md': minimalLesson,
      'content/clients/acme.yml': 'name: Acme\nbrand:\n  secondary: "#445566"\n',
    })
    const reporter = new Reporter()
    const entry = loadProject(root, reporter)!.clients[0]
    expect(reporter.list()).toEqual([])
    expect(entry.origin(['brand', 'primary'])).toMatchObject({ file: expect.stringMatching(/workshop\.yml$/), line: 6, column: 14 })
    expect(entry.origin(['brand', 'secondary'])).toMatchObject({ file: expect.stringMatching(/acme\.yml$/), line: 3, column: 14 })
    expect(entry.origin(['sector'])).toBeUndefined()
  })
})
