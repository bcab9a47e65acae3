// Clients of the same profile share one parse of each lesson: plain values
// are templated as slots and filled in afterwards (src/slots.ts). Whatever
// the values and wherever a lesson puts them, the result must be the model
// the lesson gives with the values written out.
import { describe, expect, it } from 'vitest'
import { Reporter } from '../src/diagnostics/reporter.js'
import { ClientLessons } from '../src/lesson/client-lessons.js'
import { lessonContext } from '../src/project/cascade.js'
import { loadProject } from '../src/project/load.js'
import { compileTemplate } from '../src/template/compile.js'
import { lessonHelpers } from '../src/template/helpers.js'
import { untagLines } from '../src/template/line-tags.js'
import { slotsAreOnlyValues, slotsReadAsWords, slotWriter } from '../src/template/slots.js'
import { makeProject } from './helpers/project.js'

// One lesson per place a value can sit: most read as words and take slots;
// the others must be noticed and written out.
const places: Record<string, string> = {
  heading: '# {{client.name}}\n\nTexto.',
  prose: 'Para *{{client.name}}* y **{{client.sector}}**, en {{client.session.venue}}: {{upper client.name}}.',
  lists: '- {{client.sector}}\n1. {{client.name}}\n\n{{client.sector}}. Empieza como una lista',
  underscores: 'Para _{{client.name}}_ y __{{client.sector}}__.',
  icons: 'Síguenos \uF099 y \uE100 en {{client.name}}, {{client.sector}}.',
  table: '| Cliente | Sector |\n| --- | --- |\n| {{client.name}} | {{client.sector}} |',
  autolinks: 'Web: www.{{client.name}}.com, correo info@{{client.name}}.com, {{client.name}}@correo.es',
  links: 'Enlace [a la web](https://ejemplo.com/{{client.name}}) y [{{client.name}}](https://ejemplo.com "{{client.name}}")',
  html: 'Directiva :{{client.name}} y etiqueta <span title={{client.name}}>x</span> <b title="{{client.name}}">y</b>',
  comments: '# Hola\n\n<!-- footer: {{client.name}} -->\n\n<!-- title: {{client.sector}} -->\n\n<!-- Nota: {{client.name}} -- {{client.sector}} -->',
  exercise: `## Ejercicio para {{client.name}}

:::exercise{title="Plan de {{client.name}}" minutes=5}
¿Qué hará {{client.name}} ({{client.sector}})?

::answer{lines=2}

:::solution
{{client.name}} debería empezar por escuchar.
:::
:::

:::key
{{client.name}}: {{client.sector}}
:::`,
  slides: '# {{client.name}}\n\n---\n\n## Segunda para {{client.name}}\n\n{{#b2b}}Solo B2B: {{client.sector}}{{else}}Otros: {{client.name}}{{/b2b}}',
}
const readAsWords = ['heading', 'prose', 'lists', 'table', 'comments', 'exercise', 'slides']

const names = [
  'Acme',
  'Banco Meridiano',
  'Industrias Atlántico 114',
  'Café Ñandú',
  'X',
  'True',
  'no',
  '2024',
  '1e5',
  '0x1A',
  'Infinity',
  'www corp',
  'Http Partners',
  'A*B',
  'Dos  espacios',
  ' Borde',
  '<script>alert(1)</script>',
  'Mar & Co.',
  'ejemplo.com',
  'Icono \uE101 S.A.',
  'Marca\uE100',
]

describe('lessons templated with value slots', () => {
  it('give the same model as the lesson with its values written out, for any value anywhere', () => {
    const clients: Record<string, string> = {}
    names.forEach((name, i) => {
      const sector = names[(i + 3) % names.length]
      const venue = names[(i + 7) % names.length]
      const model = ['B2B', 'B2C', 'mixto'][i % 3]
      clients[`content/clients/c${String(i).padStart(2, '0')}.yml`] =
        `name: ${JSON.stringify(name)}\nsector: ${JSON.stringify(sector)}\nmodel: ${model}\nsession:\n  venue: ${JSON.stringify(venue)}\n`
    })
    const lessons = Object.fromEntries(Object.entries(places).map(([id, body]) => [`content/lessons/${id}.md`, `---\ntitle: ${id}\n---\n\n${body}\n`]))
    const root = makeProject({
      'content/workshop.yml': `title: Taller\nlessons:\n${Object.keys(places).map((id) => `  - ${id}\n`).join('')}`,
      ...lessons,
      ...clients,
    })
    const reporter = new Reporter()
    const project = loadProject(root, reporter)!
    const withSlots = new ClientLessons(project, reporter)
    const writtenOut = new ClientLessons(project, reporter, { slots: false })
    expect(reporter.list()).toEqual([])
    // Twice over: the second round reads models shared by then.
    for (let round = 0; round < 2; round++) {
      for (const entry of project.clients) {
        const shared = withSlots.modelsFor(entry, reporter)!
        const written = writtenOut.modelsFor(entry, reporter)!
        expect(reporter.list()).toEqual([])
        expect(shared.length).toBe(Object.keys(places).length)
        shared.forEach((model, i) => expect(model, `${model.id} for ${JSON.stringify(entry.data.name)}`).toEqual(written[i]))
      }
    }
  })

  it('take slots where a value reads as words, and not where it could join a link, an address or a tag, or meet a character of the slots\' own range', () => {
    const root = makeProject({
      'content/workshop.yml': `title: Taller\nlessons:\n${Object.keys(places).map((id) => `  - ${id}\n`).join('')}`,
      ...Object.fromEntries(Object.entries(places).map(([id, body]) => [`content/lessons/${id}.md`, `---\ntitle: ${id}\n---\n\n${body}\n`])),
      'content/clients/acme.yml': 'name: Banco Meridiano\nsector: banca\nsession:\n  venue: Madrid\n',
    })
    const reporter = new Reporter()
    const project = loadProject(root, reporter)!
    const entry = project.clients[0]
    for (const [id, source] of project.lessons) {
      const values: string[] = []
      const context = { client: entry.data, workshop: project.workshop, lesson: lessonContext(source) }
      const template = compileTemplate(
        { text: source.body, file: source.file, lineOffset: source.bodyLineOffset, literalRanges: source.literalRanges, shape: { client: 'any', workshop: 'any', lesson: 'any' }, helpers: lessonHelpers, allowRaw: false, tagLines: true },
        reporter,
      )!
      const tagged = template.render(context, reporter, slotWriter(values))!
      expect(values.length, id).toBeGreaterThan(0)
      const shared = slotsAreOnlyValues(tagged, values.length) && slotsReadAsWords(untagLines(tagged).text)
      expect(shared, id).toBe(readAsWords.includes(id))
    }
  })
})
