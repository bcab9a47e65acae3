// Breaks in the day ("breaks:" in workshop.yml or a client file): they shift
// every clock time the kit prints, are checked where they are written, and a
// long day without one is a warning. And the worksheet a participant fills
// in on screen: a labelled text field per answer space, kept in the browser.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build, formatDiagnostic, type BuildResult } from '../src/index.js'
import { makeProject } from './helpers/project.js'
import { dayFor } from '../src/kit/agenda.js'
import { clientDefaults, type ClientData } from '../src/project/cascade.js'
import type { LessonModel } from '../src/lesson/model.js'

const lesson = (title: string, duration: number, body = `# ${title}\n`) => `---\ntitle: ${title}\nduration: ${duration}\n---\n\n${body}`

/** Four lessons of 60 minutes from 09:00: a four-hour day. */
function project(workshopExtra = '', client = 'name: Acme\n', files: Record<string, string> = {}): string {
  return makeProject({
    'content/workshop.yml': `title: Taller\nlessons: [uno, dos, tres, cuatro]\n${workshopExtra}`,
    'content/lessons/uno.md': lesson('Uno', 60),
    'content/lessons/dos.md': lesson('Dos', 60),
    'content/lessons/tres.md': lesson('Tres', 60),
    'content/lessons/cuatro.md': lesson('Cuatro', 60),
    'content/clients/acme.yml': client,
    ...files,
  })
}

const report = (root: string, result: BuildResult) => result.diagnostics.map((d) => formatDiagnostic(d, (file) => path.relative(root, file))).join('\n')
const read = (root: string, file: string) => readFileSync(path.join(root, 'dist', file), 'utf8')
/** The agenda rows of the deck's markdown: "| 09:00–10:00 | Uno | 60 |" (entities decoded). */
const agendaRows = (root: string, client = 'acme') =>
  read(root, `${client}/deck.md`)
    .replace(/&#0*58;/g, ':')
    .split('\n')
    .filter((line) => /^\| \d\d:\d\d–\d\d:\d\d \|/.test(line))
/** Lesson times as the worksheet prints them beside each lesson heading. */
const worksheetTimes = (root: string, client = 'acme') => [...read(root, `${client}/worksheet.html`).matchAll(/<h2>[^<]*<span class="lesson-time">([^<]+)<\/span>/g)].map((m) => m[1])

describe('breaks in the day', () => {
  it('places a break after a lesson and one at a clock time, and every clock time includes them', async () => {
    const root = project('breaks:\n  - { after: uno, minutes: 20, title: Café }\n  - { at: "11:30", minutes: 60, title: Comida }\n')
    const result = await build({ root, formats: ['html'] })
    expect(result.ok, report(root, result)).toBe(true)
    expect(result.diagnostics).toEqual([])
    // 09:00 Uno, café 10:00–10:20, Dos 10:20–11:20, Tres 11:20–12:20 (11:20 < 11:30), lunch at 12:20.
    expect(agendaRows(root)).toEqual([
      '| 09:00–10:00 | Uno | 60 |',
      '| 10:00–10:20 | *Café* | 20 |',
      '| 10:20–11:20 | Dos | 60 |',
      '| 11:20–12:20 | Tres | 60 |',
      '| 12:20–13:20 | *Comida* | 60 |',
      '| 13:20–14:20 | Cuatro | 60 |',
    ])
    expect(worksheetTimes(root)).toEqual(['09:00–10:00', '10:20–11:20', '11:20–12:20', '13:20–14:20'])
    // The day's end, breaks included, in the worksheet's header.
    expect(read(root, 'acme/worksheet.html')).toMatch(/class="kit-meta">09:00–14:20/)
    // And the breaks between the lessons they follow.
    expect([...read(root, 'acme/worksheet.html').matchAll(/<p class="schedule-break"><span class="lesson-time">([^<]+)<\/span> ([^<]+)<\/p>/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      '10:00–10:20 Café',
      '12:20–13:20 Comida',
    ])
    // The client index's lesson table reads the same times, breaks in their rows.
    expect(read(root, 'acme/index.html')).toContain('13:20–14:20')
    expect([...read(root, 'acme/index.html').matchAll(/<tr class="break"><td class="time">([^<]+)<\/td><td><em>([^<]+)<\/em>/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      '10:00–10:20 Café',
      '12:20–13:20 Comida',
    ])
    // So does the guide's agenda.
    expect([...read(root, 'acme/guide.html').matchAll(/<tr class="break"><td class="time">([^<]+)<\/td><td class="time">([^<]+)<\/td><td><em>([^<]+)<\/em>/g)].map((m) => `${m[1]}–${m[2]} ${m[3]}`)).toEqual([
      '10:00–10:20 Café',
      '12:20–13:20 Comida',
    ])
  })

  it('puts a break given by time at the first lesson boundary at or after it', async () => {
    const root = project('breaks:\n  - { at: "11:00", minutes: 15 }\n')
    const result = await build({ root, formats: ['html'] })
    expect(result.ok, report(root, result)).toBe(true)
    // Boundaries at 10:00, 11:00 (at 11:00: the same minute counts), 12:00; no title: the kit's word.
    expect(agendaRows(root)[2]).toBe('| 11:00–11:15 | *Descanso* | 15 |')
    expect(worksheetTimes(root)).toEqual(['09:00–10:00', '10:00–11:00', '11:15–12:15', '12:15–13:15'])
  })

  it('lets a client replace the workshop\'s breaks with its own list, or with none', async () => {
    const root = project(
      'breaks:\n  - { after: uno, minutes: 20, title: Café }\n',
      'name: Acme\nsession:\n  start: "10:00"\nbreaks:\n  - { after: tres, minutes: 30, title: Pausa }\n',
      { 'content/clients/beta.yml': 'name: Beta\nbreaks: []\n', 'content/clients/gamma.yml': 'name: Gamma\n' },
    )
    const result = await build({ root, formats: ['html'] })
    expect(result.ok, report(root, result)).toBe(true)
    expect(agendaRows(root).filter((row) => row.includes('*'))).toEqual(['| 13:00–13:30 | *Pausa* | 30 |'])
    expect(agendaRows(root, 'beta').filter((row) => row.includes('*'))).toEqual([])
    expect(worksheetTimes(root, 'beta')).toEqual(['09:00–10:00', '10:00–11:00', '11:00–12:00', '12:00–13:00'])
    expect(agendaRows(root, 'gamma').filter((row) => row.includes('*'))).toEqual(['| 10:00–10:20 | *Café* | 20 |'])
    // A four-hour day is not "longer than 4 hours": beta has no warning.
    expect(result.diagnostics.map((d) => d.code), report(root, result)).toEqual([])
  })

  it('warns about a day longer than 4 hours with no break, naming the client file, with the syntax in the hint', async () => {
    const root = project('', 'name: Acme\n', { 'content/lessons/cuatro.md': lesson('Cuatro', 61) })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(true)
    const text = report(root, result)
    expect(text).toContain("content/clients/acme.yml:1:1: warning: Acme's day runs 09:00 to 13:01 (4 h 1 min) with no break")
    expect(text).toContain('breaks: [{after: 03-plan, minutes: 20, title: Café}, {at: "13:30", minutes: 60, title: Comida}]')
  })

  it('reports bad breaks where they are written: a bad clock, no minutes, both or neither place, an unknown lesson', async () => {
    const cases: Array<[string, RegExp]> = [
      ['breaks:\n  - { at: "25:00", minutes: 10 }\n', /^content\/workshop\.yml:4:11: error: breaks\.0\.at is "25:00", which is not a time written as HH:MM$/m],
      ['breaks:\n  - { after: uno, minutes: 0 }\n', /^content\/workshop\.yml:4:28: error: breaks\.0\.minutes must be >= 1 \(got 0\)$/m],
      ['breaks:\n  - { after: uno, at: "10:00", minutes: 5 }\n', /^content\/workshop\.yml:4:19: error: break 1 gives both "after" and "at"/m],
      ['breaks:\n  - after: uno\n    minutes: 5\n  - minutes: 5\n', /^content\/workshop\.yml:6:5: error: break 2 says neither where it goes/m],
      ['breaks:\n  - { after: tress, minutes: 5 }\n', /^content\/workshop\.yml:4:14: error: break after unknown lesson "tress" \(did you mean "tres"\?\)$/m],
    ]
    for (const [yaml, expected] of cases) {
      const root = project(yaml)
      const result = await build({ root, formats: ['html'] })
      expect(result.ok, yaml).toBe(false)
      expect(report(root, result), yaml).toMatch(expected)
    }
    // In a client file too.
    const root = project('', 'name: Acme\nbreaks:\n  - { at: "9:5", minutes: 10 }\n')
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(false)
    expect(report(root, result)).toMatch(/^content\/clients\/acme\.yml:3:11: error: breaks\.0\.at is "9:5"/m)
  })

  it('leaves out, with a warning, a break after a lesson the client does not get or after the last lesson boundary', async () => {
    const root = project('breaks:\n  - { after: cuatro, minutes: 10 }\n  - { at: "12:30", minutes: 10 }\n  - { after: uno, minutes: 10 }\n', 'name: Acme\nlessons: [uno, dos, tres]\n')
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(true)
    const text = report(root, result)
    // After the last lesson: a break there would be after the day.
    expect(text).toMatch(/^content\/workshop\.yml:4:14: warning: break after lesson "cuatro", which Acme does not get: the break is left out of its day$/m)
    expect(text).toMatch(/^content\/workshop\.yml:5:11: warning: break at 12:30: no lesson of Acme ends at or after 12:30 before the day's last lesson \(the last one between lessons ends at 11:10\); the break is left out$/m)
    expect(agendaRows(root).filter((row) => row.includes('*'))).toEqual(['| 10:00–10:10 | *Descanso* | 10 |'])
  })
})

describe('the day as pages read it (schedule)', () => {
  it('lists lessons and breaks in order with their clock times, keeps agenda[i] = lesson i, and ends with the breaks', () => {
    const client = { ...clientDefaults, id: 'acme', name: 'Acme', breaks: [{ after: 'a', minutes: 15, title: 'Café' }] } as ClientData
    const lessons = [
      { id: 'a', title: 'A', duration: 30, durationEstimated: false },
      { id: 'b', title: 'B', duration: 45, durationEstimated: true },
    ] as LessonModel[]
    const day = dayFor(client, lessons, ['es', 'en'], 'Descanso')
    expect(day.schedule).toEqual([
      { isBreak: false, title: 'A', start: '09:00', end: '09:30', minutes: 30, lessonId: 'a', lang: null },
      { isBreak: true, title: 'Café', start: '09:30', end: '09:45', minutes: 15, lessonId: null, lang: null },
      { isBreak: false, title: 'B', start: '09:45', end: '10:30', minutes: 45, lessonId: 'b', lang: 'en' },
    ])
    expect(day.agenda.map((item) => [item.lessonId, item.start, item.end, item.estimated])).toEqual([
      ['a', '09:00', '09:30', false],
      ['b', '09:45', '10:30', true],
    ])
    expect(day.end).toBe('10:30')
    expect(day.unplaced).toEqual([])
  })
})

describe('the worksheet on screen', () => {
  const LESSON = `---
title: Preguntas
duration: 30
---

# Preguntas

:::exercise{title="Tu enfoque"}
1. ¿Qué publicas hoy?

::answer{lines=3}

2. ¿Quién lo lee?

::answer{lines=5}
:::

:::exercise{title="Una sola"}
¿Qué cambiarías?

::answer{lines=2}
:::
`

  it('makes each answer space a text field labelled with its exercise and question, kept in the browser and sent nowhere', async () => {
    const root = makeProject({
      'content/workshop.yml': 'title: Taller\nlessons: [preguntas]\n',
      'content/lessons/preguntas.md': LESSON,
      'content/clients/acme.yml': 'name: Acme\n',
      'content/clients/beta.yml': 'name: Beta\nlanguage: en\n',
    })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok, report(root, result)).toBe(true)
    const html = read(root, 'acme/worksheet.html')
    const fields = [...html.matchAll(/<label class="wk-visually-hidden" for="([^"]+)">([^<]+)<\/label>[\s\S]*?<textarea id="([^"]+)"[^>]* rows="(\d+)"/g)]
    expect(fields.map((m) => m[1] === m[3])).toEqual([true, true, true])
    expect(fields.map((m) => m[4])).toEqual(['3', '5', '2'])
    const labels = fields.map((m) => m[2])
    // Each names the exercise (number and title) and, where there are several, the question.
    expect(labels[0]).toMatch(/^Respuesta a Ejercicio 1\.1: Tu enfoque · (pregunta 1|¿Qué publicas hoy\?)$/)
    expect(labels[1]).toMatch(/^Respuesta a Ejercicio 1\.1: Tu enfoque · (pregunta 2|¿Quién lo lee\?)$/)
    expect(labels[2]).toMatch(/^Respuesta a Ejercicio 1\.2: Una sola( · ¿Qué cambiarías\?)?$/)
    // One ruled line per line asked for.
    expect([...html.matchAll(/<div class="rules" aria-hidden="true">((?:<span><\/span>)*)<\/div>/g)].map((m) => m[1].length / '<span></span>'.length)).toEqual([3, 5, 2])
    // Kept in localStorage under a key of the client and the answer; nothing goes out.
    const script = html.slice(html.lastIndexOf('<script>'))
    expect(script).toContain('localStorage')
    expect(script).toContain("'workshop-kit:worksheet:' + client + ':'")
    expect(html).toContain('<body data-kit-client="acme">')
    expect(read(root, 'beta/worksheet.html')).toContain('<body data-kit-client="beta">')
    expect(read(root, 'beta/worksheet.html')).toContain('Answer to Exercise 1.1: Your approach'.replace('Your approach', 'Tu enfoque'))
    for (const network of ['fetch(', 'XMLHttpRequest', 'WebSocket', 'sendBeacon', 'http://', 'https://']) expect(script, network).not.toContain(network)
  })
})
