// The deck page's view: the trainer's deck.html carries the notes (for the
// presenter window only) and the planned clock time of each part; the
// participants' variant (slides.html) holds no note, solution or facilitator
// text at all and no presenter window.
import { describe, expect, it } from 'vitest'
import { Reporter } from '../src/diagnostics/reporter.js'
import { dayFor } from '../src/kit/agenda.js'
import { clientView, deckPlan, deckView } from '../src/kit/page-views.js'
import { DeckRenderer } from '../src/kit/render-marp.js'
import { Views } from '../src/kit/views.js'
import { loadProject } from '../src/project/load.js'
import { minimalProject } from './helpers/project.js'

const DECK = `---
marp: true
---

# Primera

* uno
* dos

<!-- NOTA_SECRETA del ponente. -->

---

# Segunda

Texto.

<!-- OTRA_NOTA_SECRETA -->
`

function setUp() {
  const root = minimalProject({ 'content/clients/acme.yml': 'name: Acme\nsession:\n  start: "09:30"\n' })
  const reporter = new Reporter()
  const project = loadProject(root, reporter)!
  expect(project).toBeDefined()
  const entry = project.clients[0]
  const views = new Views(root, reporter)
  const labels = project.labels.for(entry.data.language)
  const renderer = new DeckRenderer(project.themes, reporter)
  const day = dayFor(entry.data, [{ id: 'intro', title: 'Intro', duration: 45, durationEstimated: false } as never])
  const common = clientView(entry, project.workshop, day, views, labels)
  return { reporter, views, renderer, common }
}

describe('the deck page', () => {
  it('the participants’ variant holds no notes and no presenter window; the trainer’s deck holds both', () => {
    const { reporter, views, renderer, common } = setUp()
    const rendered = renderer.render(DECK)
    expect(rendered.notes.flat().join(' ')).toContain('NOTA_SECRETA')

    const slides = views.render('deck', deckView(common, rendered, 'Diapositivas', views, undefined, { participant: true }), reporter)!
    expect(slides).toBeDefined()
    expect(slides).not.toContain('NOTA_SECRETA')
    expect(slides).not.toContain('OTRA_NOTA_SECRETA')
    expect(slides).toMatch(/<script type="application\/json" id="wk-notes">\[\]<\/script>/)
    expect(slides).not.toContain('id="wk-presenter"')
    expect(slides).not.toContain('id="wk-presenter-button"')
    expect(slides).not.toContain('id="wk-plan"')
    expect(slides).toContain('<body data-participant>')
    // Its controls and overview are there, with their labels.
    expect(slides).toContain('aria-label="Diapositiva siguiente"')
    expect(slides).toContain('id="wk-overview"')

    const deck = views.render('deck', deckView(common, rendered, 'Mazo', views), reporter)!
    expect(deck).toContain('NOTA_SECRETA')
    expect(deck).toContain('id="wk-presenter"')
    expect(deck).toContain('aria-label="Abrir la ventana del ponente"')
    expect(deck).toContain('<body>')
    expect(reporter.list()).toEqual([])
  })

  it('plans each part of the workshop deck on the agenda’s clock: opening, each lesson, closing', () => {
    const { common } = setUp()
    const rendered = { ...new DeckRenderer([], new Reporter()).render(DECK), partStarts: [0, 1, 1] }
    expect(deckPlan(common, rendered)).toEqual([
      { first: 0, start: '09:30', end: '09:30' },
      { first: 1, start: '09:30', end: '10:15' },
      { first: 1, start: '10:15', end: '10:15' },
    ])
    // A lesson's own page has no parts: no plan, so no ahead/behind.
    expect(deckPlan(common, { ...rendered, partStarts: undefined })).toBeNull()
  })
})
