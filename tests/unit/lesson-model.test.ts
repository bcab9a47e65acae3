// Stage "parse": a templated lesson becomes a LessonModel, the hand-off every
// view reads. Solutions and facilitator text go to the presenter's notes and
// the guide, never to what participants see in the worksheet.
import { describe, expect, it } from 'vitest'
import { Reporter } from '../../src/diagnostics/reporter.js'
import { labelsFor } from '../../src/lesson/labels.js'
import { buildLessonModel, type LessonModel } from '../../src/lesson/model.js'
import { lessonContext } from '../../src/project/cascade.js'
import { readLesson, type LessonSource } from '../../src/project/lesson-source.js'
import { compileTemplate } from '../../src/template/compile.js'
import { lessonHelpers } from '../../src/template/helpers.js'
import { untagLines } from '../../src/template/line-tags.js'

const FILE = '/project/content/lessons/ventas.md'

function read(text: string, id = 'ventas'): LessonSource {
  const reporter = new Reporter()
  const source = readLesson(id, FILE, text, reporter)
  expect(reporter.list()).toEqual([])
  return source!
}

/** A lesson read and modelled without templating (its body has no mustaches). */
function model(text: string, language: 'es' | 'en' = 'es'): LessonModel {
  const source = read(text)
  return buildLessonModel(source, source.body, labelsFor(language))!
}

const ventas = [
  '---', // 1
  'title: Ventas', // 2
  'duration: 30', // 3
  'objectives: [Escuchar, Preguntar]', // 4
  '---', // 5
  '# Ventas consultivas', // 6
  '', // 7
  'Intro text.', // 8
  '', // 9
  ':::key', // 10
  'Escuchar **antes** de hablar.', // 11
  ':::', // 12
  '', // 13
  '---', // 14
  '', // 15
  '## Ejercicio', // 16
  '', // 17
  ':::exercise{title="Plan" minutes=10}', // 18
  'Piensa en un cliente.', // 19
  '', // 20
  '::answer{lines=3}', // 21
  '', // 22
  'Y ahora *otro*.', // 23
  '', // 24
  '::answer', // 25
  '', // 26
  ':::solution', // 27
  'SECRET SOLUTION text.', // 28
  ':::', // 29
  '', // 30
  ':::facilitator', // 31
  'INNER FACILITATOR note.', // 32
  ':::', // 33
  ':::', // 34
  '', // 35
  ':::facilitator', // 36
  'TOP FACILITATOR -- note.', // 37
  ':::', // 38
  '', // 39
  '<!-- An author note -->', // 40
  '', // 41
].join('\n')

describe('exercises', () => {
  const m = model(ventas)

  it('become parts: text, and answer boxes with their lines and the author\'s line numbers', () => {
    expect(m.exercises).toEqual([
      {
        title: 'Plan',
        line: 18,
        minutes: 10,
        canvas: null,
        parts: [
          { kind: 'text', html: '<p>Piensa en un cliente.</p>' },
          { kind: 'answer', lines: 3, line: 21, question: null },
          { kind: 'text', html: '<p>Y ahora <em>otro</em>.</p>' },
          { kind: 'answer', lines: 4, line: 25, question: null },
        ],
        solutionHtml: '<p>SECRET SOLUTION text.</p>',
      },
    ])
  })

  it('list every note, solution and facilitator block, at any depth, at the author\'s line (for the build\'s leak check)', () => {
    expect(m.privateBlocks.map((b) => [b.kind, b.line, b.column, b.text])).toEqual([
      ['solution', 27, 1, 'SECRET SOLUTION text.'],
      ['facilitator', 31, 1, 'INNER FACILITATOR note.'],
      ['facilitator', 36, 1, 'TOP FACILITATOR -- note.'],
      ['note', 40, 1, 'An author note'],
    ])
    // What the lesson shows on purpose holds none of them.
    expect(m.shownText).toContain('Escuchar antes de hablar.')
    expect(m.shownText).toContain('Piensa en un cliente.')
    expect(m.shownText).not.toMatch(/SECRET|FACILITATOR|author note/)
  })

  it('show participants only what an allow-list lets in: no raw HTML, no unknown directive, no private block at any depth', () => {
    const body = [
      ':::exercise{title="Q"}',
      '1. Primera *pregunta* <span class="x">en línea</span> y :ruido',
      '',
      '   ::answer{lines=2}',
      '',
      '   <!-- NOTE_IN_ITEM -->',
      '',
      '   - sub :::facilitator',
      '',
      '<details>DETAILS</details>',
      ':::',
      '',
      ':::key',
      'Clave.',
      '',
      ':::facilitator',
      'FAC_IN_KEY',
      ':::',
      ':::',
      '',
    ].join('\n')
    const lesson = model(body)
    const html = JSON.stringify([lesson.exercises, lesson.keyIdeasHtml])
    // Inline tags go, the words between them stay.
    for (const hidden of ['NOTE_IN_ITEM', 'DETAILS', 'FAC_IN_KEY', '<span', 'class=', '<!--']) expect(html, hidden).not.toContain(hidden)
    expect(lesson.exercises[0].parts[0]).toEqual({ kind: 'text', html: expect.stringContaining('Primera <em>pregunta</em>') })
    expect(lesson.exercises[0].parts[0]).toEqual({ kind: 'text', html: expect.stringContaining('</em> en línea y :ruido') })
    expect(lesson.exercises[0].parts[1]).toEqual({ kind: 'answer', lines: 2, line: 4, question: 'Primera pregunta en línea y :ruido' })
    expect(lesson.keyIdeasHtml).toEqual(['<p>Clave.</p>'])
  })

  it('without a title an exercise is called by the label of its language; minutes are optional', () => {
    const body = ':::exercise\nQ\n\n::answer{lines=2}\n:::\n'
    expect(model(body, 'en').exercises[0]).toMatchObject({ title: 'Exercise', minutes: null, solutionHtml: null })
    expect(model(body, 'es').exercises[0].title).toBe('Ejercicio')
  })

  it('solutions and facilitator text never appear in what the worksheet shows', () => {
    const worksheet = JSON.stringify([m.exercises.map((e) => e.parts), m.keyIdeasHtml, m.title, m.objectives])
    for (const secret of ['SECRET', 'FACILITATOR']) expect(worksheet).not.toContain(secret)
  })

  it('the slides show the exercise without its solution; solutions and facilitator text are presenter notes', () => {
    const visible = m.deckBody.replace(/<!--[\s\S]*?-->/g, '')
    expect(visible).not.toContain('SECRET')
    expect(visible).not.toContain('FACILITATOR')
    expect(visible).toContain('<p class="wk-exercise-title">Ejercicio: Plan <span class="wk-minutes">10 min</span></p>')
    expect(visible).toContain('<p class="wk-answer-hint">Responde en tu cuaderno de trabajo.</p>')
    expect(visible).not.toMatch(/^:::|::answer/m)
    expect([...m.kitNotes]).toEqual([
      'Facilitador:\nINNER FACILITATOR note.',
      'Solución (Plan):\nSECRET SOLUTION text.',
      // A note is an HTML comment: "--" cannot stay in it.
      'Facilitador:\nTOP FACILITATOR — note.',
    ])
    for (const note of m.kitNotes) expect(m.deckBody).toContain(`<!--\n${note}\n-->`)
    // The author's own comment is a note too, but not one the kit added.
    expect(m.deckBody).toContain('<!-- An author note -->')
    expect([...m.kitNotes].some((n) => n.includes('An author note'))).toBe(false)
  })

  it('facilitator text is collected for the guide; key ideas are collected', () => {
    expect(m.facilitatorHtml).toEqual(['<p>INNER FACILITATOR note.</p>', '<p>TOP FACILITATOR -- note.</p>'])
    expect(m.keyIdeasHtml).toEqual(['<p>Escuchar <strong>antes</strong> de hablar.</p>'])
    expect(m.deckBody).toContain('<div class="wk-key">\n\nEscuchar **antes** de hablar.\n\n</div>')
  })

  it('labels follow the client\'s language', () => {
    const en = model(ventas, 'en')
    expect([...en.kitNotes]).toEqual(['Facilitator:\nINNER FACILITATOR note.', 'Solution (Plan):\nSECRET SOLUTION text.', 'Facilitator:\nTOP FACILITATOR — note.'])
    expect(en.deckBody).toContain('<p class="wk-exercise-title">Exercise: Plan')
    expect(en.deckBody).toContain('<p class="wk-answer-hint">Answer in your worksheet.</p>')
  })

  it('exercise titles are HTML-escaped on the slide', () => {
    const m2 = model(':::exercise{title="<b>A & B</b>"}\nQ\n:::\n')
    expect(m2.exercises[0].title).toBe('<b>A & B</b>')
    expect(m2.deckBody).toContain('Ejercicio: &lt;b&gt;A &amp; B&lt;/b&gt;</p>')
  })
})

describe('lesson facts', () => {
  it('title, duration and objectives come from the front matter', () => {
    const m = model(ventas)
    expect([m.id, m.file, m.title, m.duration, m.durationEstimated, m.objectives]).toEqual(['ventas', FILE, 'Ventas', 30, false, ['Escuchar', 'Preguntar']])
    expect(m.frontMatter).toEqual({ title: 'Ventas', duration: 30, objectives: ['Escuchar', 'Preguntar'] })
    expect(m.frontMatterText).toBe('\ntitle: Ventas\nduration: 30\nobjectives: [Escuchar, Preguntar]')
  })

  it('the title falls back to the first heading, then to the id', () => {
    expect(model('Some text\n\n## First *heading*\n\n# Second\n').title).toBe('First heading')
    expect(model('Only text.\n').title).toBe('ventas')
  })

  it('without a duration, 2 minutes per slide plus the exercises\' minutes, at least 5', () => {
    const estimated = model('# A\n\n---\n\n# B\n\n---\n\n:::exercise{minutes=7}\nQ\n:::\n')
    expect([estimated.duration, estimated.durationEstimated]).toEqual([3 * 2 + 7, true])
    expect(model('# One slide\n').duration).toBe(5)
  })
})

describe('slides', () => {
  it('slideLines point at the author\'s line of each slide\'s first block', () => {
    expect(model(ventas).slideLines).toEqual([6, 16])
    // Hidden comments do not start a slide; an empty slide points after its break.
    expect(model('# A\n\n---\n\n<!-- note -->\n\n## B\n\n---\n').slideLines).toEqual([1, 7, 9])
  })

  it('headingDivider in the front matter is written out as "---" in workshopBody only', () => {
    const m = model('---\nheadingDivider: 2\n---\n# A\n\ntext\n\n## B\n\nmore\n\n### c\n\n## C\n')
    expect(m.deckBody).toBe('# A\n\ntext\n\n## B\n\nmore\n\n### c\n\n## C\n')
    expect(m.workshopBody).toBe('# A\n\ntext\n\n---\n\n## B\n\nmore\n\n### c\n\n---\n\n## C\n')
    expect(m.slideLines).toEqual([4, 8, 14])
  })

  it('a headingDivider set in a comment is taken out of the workshop deck and written out as breaks', () => {
    const m = model('<!-- headingDivider: 2 -->\n<!-- paginate: true -->\n\n# A\n\n## B\n')
    expect(m.commentGlobals).toEqual({ headingDivider: 2 })
    expect(m.commentPageDirectives).toEqual(['paginate'])
    expect(m.deckBody).toBe('<!-- headingDivider: 2 -->\n<!-- paginate: true -->\n\n# A\n\n## B\n')
    expect(m.workshopBody).toBe('\n<!-- paginate: true -->\n\n# A\n\n---\n\n## B\n')
    expect(m.slideLines).toEqual([4, 6])
  })

  it('without headingDivider the workshop body is the deck body', () => {
    const m = model(ventas)
    expect(m.workshopBody).toBe(m.deckBody)
  })
})

describe('after templating', () => {
  it('answer lines and slide lines follow the author\'s file through an {{#if}} that drops lines', () => {
    const text = [
      '---', // 1
      'title: Perfil', // 2
      '---', // 3
      '# Para todos', // 4
      '', // 5
      '{{#b2c}}', // 6
      'Solo consumidores.', // 7
      '', // 8
      '---', // 9
      '', // 10
      'Otra diapositiva solo B2C.', // 11
      '{{/b2c}}', // 12
      '', // 13
      '---', // 14
      '', // 15
      '## Ejercicio', // 16
      '', // 17
      ':::exercise', // 18
      'Pregunta.', // 19
      '', // 20
      '::answer{lines=2}', // 21
      ':::', // 22
      '',
    ].join('\n')
    const source = read(text, 'perfil')
    const reporter = new Reporter()
    const template = compileTemplate(
      {
        text: source.body,
        file: FILE,
        lineOffset: source.bodyLineOffset,
        literalRanges: source.literalRanges,
        shape: { client: 'any', workshop: 'any', lesson: 'any' },
        helpers: lessonHelpers,
        allowRaw: false,
        tagLines: true,
      },
      reporter,
    )!
    const context = (model: string) => ({ client: { model, size: 'pyme', language: 'es' }, workshop: {}, lesson: lessonContext(source) })
    const b2b = untagLines(template.render(context('B2B'), reporter)!)
    const b2c = untagLines(template.render(context('B2C'), reporter)!)
    expect(reporter.list()).toEqual([])

    const forB2B = buildLessonModel(source, b2b.text, labelsFor('es'), { sourceLines: b2b.sourceLines })!
    expect(forB2B.deckBody).not.toContain('Solo consumidores')
    expect(forB2B.slideLines).toEqual([4, 16])
    expect(forB2B.exercises[0].parts).toEqual([
      { kind: 'text', html: '<p>Pregunta.</p>' },
      { kind: 'answer', lines: 2, line: 21, question: null },
    ])

    const forB2C = buildLessonModel(source, b2c.text, labelsFor('es'), { sourceLines: b2c.sourceLines })!
    expect(forB2C.slideLines).toEqual([4, 11, 16])
    expect(forB2C.exercises[0].parts[1]).toEqual({ kind: 'answer', lines: 2, line: 21, question: null })

    // Without the map, lines would be those of the templated text.
    const unmapped = buildLessonModel(source, b2b.text, labelsFor('es'))!
    expect(unmapped.exercises[0].parts[1]).not.toEqual({ kind: 'answer', lines: 2, line: 21, question: null })
  })

  it('acceptTree can refuse a tree: no model', () => {
    const source = read('# A\n')
    expect(buildLessonModel(source, source.body, labelsFor('es'), { acceptTree: () => false })).toBeUndefined()
  })
})
