// Clients of the same profile share one parse of each lesson: plain values
// are templated as slots and filled in afterwards (src/slots.ts). Whatever
// the values and wherever a lesson puts them, the result must be the model
// the lesson gives with the values written out.
import { describe, expect, it } from 'vitest'
import { lessonContext, prepareKit, templatedLesson } from '../lib/kit/build-client.js'
import { DiagnosticBag } from '../lib/diagnostics/diagnostics.js'
import { labelsFor } from '../lib/lesson/labels.js'
import { buildLessonModel } from '../lib/lesson/model.js'
import { untagLines } from '../lib/template/line-tags.js'
import { loadProject } from '../lib/project/load.js'
import { makeProject } from './helpers/project.js'
import { slotsAreOnlyValues, slotsReadAsWords } from '../lib/template/slots.js'

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
    const bag = new DiagnosticBag()
    const project = loadProject(root, bag)!
    const tools = prepareKit(project, bag)
    expect(bag.list()).toEqual([])
    // Twice over: the second round reads models shared by then.
    for (let round = 0; round < 2; round++) {
      for (const [id, source] of project.lessons) {
        const template = tools.lessonTemplates.get(id)!
        for (const entry of project.clients) {
          const context = { client: entry.data, workshop: project.workshop, lesson: lessonContext(source) }
          const labels = labelsFor(entry.data.language)
          const errors: unknown[] = []
          const shared = templatedLesson(source, template, context, labels, (d) => errors.push(d))
          const { text, sourceLines } = untagLines(template.render(context, (d) => errors.push(d))!)
          const written = buildLessonModel(source, text, labels, sourceLines)
          expect(errors).toEqual([])
          expect(shared, `${id} for ${JSON.stringify(entry.data.name)}`).toEqual(written)
        }
      }
    }
  })

  it('take slots where a value reads as words, and not where it could join a link, an address or a tag, or meet a character of the slots\' own range', () => {
    const root = makeProject({
      'content/workshop.yml': `title: Taller\nlessons:\n${Object.keys(places).map((id) => `  - ${id}\n`).join('')}`,
      ...Object.fromEntries(Object.entries(places).map(([id, body]) => [`content/lessons/${id}.md`, `---\ntitle: ${id}\n---\n\n${body}\n`])),
      'content/clients/acme.yml': 'name: Banco Meridiano\nsector: banca\nsession:\n  venue: Madrid\n',
    })
    const bag = new DiagnosticBag()
    const project = loadProject(root, bag)!
    const tools = prepareKit(project, bag)
    const entry = project.clients[0]
    for (const [id, source] of project.lessons) {
      const values: string[] = []
      const context = { client: entry.data, workshop: project.workshop, lesson: lessonContext(source) }
      const tagged = tools.lessonTemplates.get(id)!.render(context, () => undefined, values)!
      expect(values.length, id).toBeGreaterThan(0)
      const shared = slotsAreOnlyValues(tagged, values.length) && slotsReadAsWords(untagLines(tagged).text)
      expect(shared, id).toBe(readAsWords.includes(id))
    }
  })
})
