// What participants get holds no trainer text, and the build proves it. The
// worksheet shows only what an allow-list lets through (known leaks: a
// facilitator block inside :::key, or nested in a list in an exercise; a
// speaker note or a solution nested in a list); slides.html is the deck
// without notes; every build compares each participant page with every note,
// solution and facilitator block and fails, at the author's line, on a leak.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../src/index.js'
import { Reporter } from '../src/diagnostics/reporter.js'
import { checkParticipantPages, templateNotes } from '../src/kit/leak-check.js'
import { runCli } from './helpers/cli.js'
import { makeProject, repoRoot } from './helpers/project.js'
import { hiddenSentences, visibleText } from './helpers/text.js'

/** Trainer text: in no participant page. */
const SECRETS = ['FAC_IN_KEY', 'FAC_IN_LIST', 'NOTE_IN_LIST', 'SOLUTION_IN_LIST', 'NOTE_ON_SLIDE']
/** Raw HTML and a directive the kit does not know: on the slide as the author wrote them, never in the worksheet. */
const NOT_ALLOWED_IN = ['DETAILS_IN_EXERCISE', 'UNKNOWN_DIRECTIVE']

const lesson = `---
title: Preguntas
duration: 30
---

# Preguntas para {{client.name}}

El canal social funciona como una sucursal más de la empresa.

<!-- El canal social funciona como una sucursal más de la empresa. -->

<!-- NOTE_ON_SLIDE: una nota del ponente que nadie más debe leer nunca. -->

:::key
Una idea clave que los participantes deben llevarse a casa.

:::facilitator
FAC_IN_KEY: recordad preguntar a la sala antes de dar la respuesta.
:::
:::

---

## Ejercicio

:::exercise{title="Tres preguntas" minutes=10}
Responde a cada pregunta:

1. ¿Qué papel cumple hoy la red en tu empresa?

   ::answer{lines=2}

   :::facilitator
   FAC_IN_LIST: dejad dos minutos de silencio antes de seguir adelante.
   :::

2. ¿Quién responde a los mensajes de los clientes?

   ::answer{lines=3}

   <!-- NOTE_IN_LIST: si nadie responde, pedid un ejemplo de la semana pasada. -->

3. ¿Qué medirías el primer mes?

   ::answer{lines=4}

   :::solution
   SOLUTION_IN_LIST: las consultas atendidas y el tiempo de respuesta medio.
   :::

<details>DETAILS_IN_EXERCISE: una pista escondida para quien imparte el taller.</details>

:::aside
UNKNOWN_DIRECTIVE: un bloque que el kit no conoce y que no se enseña.
:::
:::
`

const files = (extra: Record<string, string> = {}) => ({
  'content/workshop.yml': 'title: Taller de prueba\nlessons:\n  - preguntas\n',
  'content/lessons/preguntas.md': lesson,
  'content/clients/acme.yml': 'name: Acme\n',
  ...extra,
})

const lessonLine = (marker: string) => lesson.split('\n').findIndex((line) => line.includes(marker)) + 1

let plain: ReturnType<typeof buildProject> | undefined
/** The fixture built once (HTML only) for the tests that only read it. */
const built = (extra?: Record<string, string>) => (extra ? buildProject(extra) : (plain ??= buildProject()))

async function buildProject(extra: Record<string, string> = {}) {
  const root = makeProject(files(extra))
  const out = mkdtempSync(path.join(tmpdir(), 'wk-participant-'))
  const result = await build({ root, out, formats: ['html'] })
  const read = (name: string) => readFileSync(path.join(out, 'acme', name), 'utf8')
  return { root, out, result, read }
}

describe('participant outputs', () => {
  it('hold none of the nested notes, solutions and facilitator blocks; the trainer outputs keep them', async () => {
    const { result, read } = await built()
    expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true)
    for (const page of ['worksheet.html', 'slides.html']) {
      const html = read(page)
      for (const secret of SECRETS) expect(html, `${secret} in ${page}`).not.toContain(secret)
    }
    for (const text of NOT_ALLOWED_IN) expect(read('worksheet.html'), text).not.toContain(text)
    // The prompt, the questions and the key idea are there.
    const worksheet = visibleText(read('worksheet.html'))
    expect(worksheet).toContain('Responde a cada pregunta:')
    expect(worksheet).toContain('¿Quién responde a los mensajes de los clientes?')
    expect(worksheet).toContain('Una idea clave que los participantes deben llevarse a casa.')
    // Nothing is lost for the trainer: the guide and the deck's notes have every block.
    const guide = read('guide.html')
    for (const secret of ['FAC_IN_KEY', 'FAC_IN_LIST', 'SOLUTION_IN_LIST', 'NOTE_ON_SLIDE']) expect(guide, secret).toContain(secret)
    const notes = JSON.parse(/<script type="application\/json" id="wk-notes">([^<]*)<\/script>/.exec(read('deck.html'))![1]) as string[][]
    for (const secret of ['FAC_IN_KEY', 'FAC_IN_LIST', 'NOTE_IN_LIST', 'SOLUTION_IN_LIST', 'NOTE_ON_SLIDE']) {
      expect(notes.flat().join('\n'), secret).toContain(secret)
    }
    // A facilitator block nested in a list stays a note: it is not on the slide.
    const slidesOnly = read('deck.html').replace(/<script[\s\S]*?<\/script>/g, '')
    expect(slidesOnly).not.toContain('FAC_IN_LIST')
  })

  it('gives each question its own answer space, in order, right after its item (numbering kept)', async () => {
    // The view the worksheet template reads: an answer knows the question it answers.
    const probe = `{{#each lessons}}{{#each exercises}}{{#each parts}}{{#if html}}[text]{{html}}{{/if}}{{#if answer}}[answer {{answer.id}} {{answer.lines}} {{answer.line}} {{answer.question}}]{{/if}}{{/each}}{{/each}}{{/each}}`
    const { read } = await built({ 'templates/html/worksheet.hbs': probe })
    const page = read('worksheet.html')
    const answers = [...page.matchAll(/\[answer (\S+) (\d+) (\d+) ([^\]]*)\]/g)].map((m) => m.slice(1))
    expect(answers).toEqual([
      ['answer-preguntas-1-2', '2', String(lessonLine('::answer{lines=2}')), '¿Qué papel cumple hoy la red en tu empresa?'],
      ['answer-preguntas-1-4', '3', String(lessonLine('::answer{lines=3}')), '¿Quién responde a los mensajes de los clientes?'],
      ['answer-preguntas-1-6', '4', String(lessonLine('::answer{lines=4}')), '¿Qué medirías el primer mes?'],
    ])
    // Each question is followed by its own answer; the list keeps counting.
    const order = page.replace(/\s+/g, ' ')
    expect(order).toMatch(/<ol> <li> <p>¿Qué papel[^[]*\[answer answer-preguntas-1-2 /)
    expect(order).toMatch(/<ol start="2"> <li> <p>¿Quién responde[^[]*\[answer answer-preguntas-1-4 /)
    expect(order).toMatch(/<ol start="3"> <li> <p>¿Qué medirías[^[]*\[answer answer-preguntas-1-6 /)
  })

  it('slides.html is the deck without its notes', async () => {
    const { read } = await built()
    const deck = read('deck.html')
    const slides = read('slides.html')
    expect(/id="wk-notes">\[\]<\/script>/.test(slides)).toBe(true)
    // The same slides, with the same look; only the trainer's parts differ.
    const stage = (html: string) => /<main id="wk-stage"[\s\S]*?<\/main>/.exec(html)![0]
    expect(stage(slides)).toBe(stage(deck))
    const styles = (html: string) => [...html.matchAll(/<style>[\s\S]*?<\/style>/g)].map((m) => m[0])
    expect(styles(slides)).toEqual(styles(deck))
    expect(deck).toContain('una nota del ponente')
    expect(slides).not.toContain('una nota del ponente')
    expect(slides).not.toContain('id="wk-presenter"')
  })

  it('the build fails at the author\'s line when a project template prints private text into a participant page', async () => {
    // A worksheet template made to leak: solutions, facilitator text, speaker notes.
    const leaky = `<!DOCTYPE html><html><body>{{#each lessons}}{{#each exercises}}{{solution}}{{/each}}{{#each facilitator}}{{this}}{{/each}}{{#each slides}}{{#each notes}}<p>{{this}}</p>{{/each}}{{/each}}{{/each}}</body></html>`
    const root = makeProject(files({ 'templates/html/worksheet.hbs': leaky }))
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'wk-participant-')), 'kit')
    const run = runCli(['build', '--root', root, '--out', out, '--format', 'html'], root)
    expect(run.code).toBe(1)
    expect(run.stderr).not.toMatch(/\n\s+at .+\.js:\d+/)
    const file = path.join('content', 'lessons', 'preguntas.md')
    const errors = run.stderr.split('\n').filter((line) => line.includes(': error: '))
    expect(errors).toEqual([
      `${file}:${lessonLine('NOTE_ON_SLIDE')}:1: error: this speaker note appears in worksheet.html, which participants get ("una nota del ponente que nadie más debe leer nunca.")`,
      `${file}:${lessonLine(':::facilitator')}:1: error: this facilitator block appears in worksheet.html, which participants get ("recordad preguntar a la sala antes de dar la respuesta.")`,
      `${file}:${lessonLine('FAC_IN_LIST') - 1}:4: error: this facilitator block appears in worksheet.html, which participants get ("dejad dos minutos de silencio antes de seguir adelante.")`,
      `${file}:${lessonLine('NOTE_IN_LIST')}:4: error: this speaker note appears in worksheet.html, which participants get ("si nadie responde, pedid un ejemplo de la semana pasada.")`,
      `${file}:${lessonLine('SOLUTION_IN_LIST') - 1}:4: error: this solution appears in worksheet.html, which participants get ("las consultas atendidas y el tiempo de respuesta medio.")`,
    ])
    expect(run.stderr).toContain('hint: Participant outputs hold no notes, solutions or facilitator text.')
    // Nothing half-written.
    expect(existsSync(out)).toBe(false)
  })

  it('a private sentence the lesson also shows on a slide is no leak', async () => {
    // The first note repeats the slide's sentence: the default build above passes with it.
    const { result } = await built()
    expect(result.diagnostics.filter((d) => d.code === 'participant-leak')).toEqual([])
  })

  it('the client index groups the pages for participants and for the trainer; deck.md is a small link', async () => {
    const { read } = await built()
    const index = read('index.html')
    const participants = index.slice(index.indexOf('id="for-participants"'), index.indexOf('id="for-trainer"'))
    const trainer = index.slice(index.indexOf('id="for-trainer"'))
    expect(visibleText(participants)).toContain('Para los participantes')
    expect(participants).toContain('href="slides.html"')
    expect(participants).toContain('href="worksheet.html"')
    expect(participants).not.toMatch(/href="(deck|guide)\.html"/)
    expect(visibleText(trainer)).toContain('Para el formador')
    expect(trainer).toContain('href="deck.html"')
    expect(trainer).toContain('href="guide.html"')
    expect(trainer).toContain('href="lessons/preguntas.html"')
    // deck.md: a secondary link, not one of the large ones; no PDF links in an HTML-only build.
    expect(index).toMatch(/<p class="kit-secondary"><a href="deck.md">/)
    expect(index).not.toMatch(/<li><a href="deck.md"/)
    expect(index).not.toContain('.pdf"')
  })
})

describe('the notes of the kit\'s own slides', () => {
  const opening = readFileSync(path.join(repoRoot, 'templates', 'deck', 'opening.md.hbs'), 'utf8')
  const note = 'OPENING_NOTE: presentad al formador y el horario antes de empezar.'
  const withNote = opening.replace(/\n---\n/, `\n<!--\n${note}\n-->\n\n---\n`)

  it('reach the trainer\'s deck only, and the build checks them', async () => {
    expect(withNote).not.toBe(opening)
    const { result, read } = await built({ 'templates/deck/opening.md.hbs': withNote })
    expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true)
    expect(read('deck.html')).toContain('OPENING_NOTE')
    expect(read('slides.html')).not.toContain('OPENING_NOTE')
  })

  it('are found in a participant page, at their line in the template', () => {
    const file = '/project/templates/deck/opening.md.hbs'
    const source = templateNotes(file, withNote, withNote, [note])
    const reporter = new Reporter()
    checkParticipantPages([{ path: 'acme/slides.html', content: `<p>${note}</p>` }], [source], reporter)
    const line = withNote.split('\n').indexOf(note) + 1
    expect(reporter.list().map((d) => [d.code, d.file, d.line, d.message])).toEqual([
      ['participant-leak', file, line, 'this speaker note appears in slides.html, which participants get ("presentad al formador y el horario antes de empezar.")'],
    ])
  })
})

describe('the default workshop', () => {
  it('builds every example client with the leak check on and no leak; slides.html holds no note', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'wk-participant-default-'))
    const result = await build({ root: repoRoot, out, formats: ['html'] })
    expect(result.ok).toBe(true)
    expect(result.diagnostics.filter((d) => d.code === 'participant-leak')).toEqual([])
    const hidden = [...hiddenSentences(path.join(repoRoot, 'content', 'lessons')).values()].flat()
    const clients = readdirSync(path.join(repoRoot, 'content', 'clients')).filter((f) => f.endsWith('.yml'))
    expect(clients.length).toBeGreaterThanOrEqual(3)
    for (const file of clients) {
      const id = file.replace(/\.yml$/, '')
      const slides = readFileSync(path.join(out, id, 'slides.html'), 'utf8')
      expect(slides).toContain('id="wk-notes">[]</script>')
      for (const sentence of hidden) expect(slides, `${id}: ${sentence}`).not.toContain(sentence)
    }
  })
})
