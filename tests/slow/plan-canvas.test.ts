// The worksheet's plan canvas: every exercise with a canvas attribute gives a
// labelled box on the worksheet's last page, in the client's order of
// lessons; the boxes are form fields kept in the browser; and however many
// there are, the canvas prints on one A4 page of its own.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../lib/index.js'
import { findChromium } from '../../lib/print/browser.js'
import { makeProject } from '../helpers/project.js'

const skip = process.env.WORKSHOP_KIT_SKIP_BROWSER === '1'
if (!findChromium().path && !skip) throw new Error('These tests need Chromium (apt-get install -y chromium) or WORKSHOP_KIT_SKIP_BROWSER=1.')
const describeBrowser = skip ? describe.skip : describe

/** A lesson of `count` exercises, each filling a box of the canvas but the last. */
const lesson = (id: string, count: number) => `---
title: Lección ${id}
duration: 30
---

# Lección ${id}

${Array.from(
  { length: count },
  (_, i) => `---

## Ejercicio ${id}${i + 1}

:::exercise{title="Ejercicio ${id}${i + 1}" minutes=5${i < count - 1 ? ` canvas="Casilla ${id}${i + 1}"` : ''}}
¿Qué decides?

::answer{lines=2}
:::
`,
).join('\n')}`

const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1])
const pageText = (pdf: string, page: number) => execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], { encoding: 'utf8' })

describeBrowser('the plan canvas', () => {
  it.each([4, 14])('puts %i boxes on the last page, in lesson order, as labelled fields', async (boxes) => {
    const perLesson = boxes / 2 + 1
    const root = makeProject({
      'content/workshop.yml': 'title: Taller\nlessons: [b, a]\n',
      'content/clients/acme.yml': 'name: Acme\n',
      'content/lessons/a.md': lesson('A', perLesson),
      'content/lessons/b.md': lesson('B', perLesson),
    })
    const out = mkdtempSync(path.join(tmpdir(), 'wk-canvas-'))
    const result = await build({ root, out, formats: ['html', 'pdf'] })
    expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true)
    expect(result.diagnostics.filter((d) => d.code === 'answer-split')).toEqual([])
    const html = readFileSync(path.join(out, 'acme', 'worksheet.html'), 'utf8')
    const labels = [...html.matchAll(/<span class="canvas-label">([^<]+)<\/span>/g)].map((m) => m[1])
    // Lesson b is taught first; the exercise without a canvas attribute has no box.
    const expected = [...Array.from({ length: perLesson - 1 }, (_, i) => `Casilla B${i + 1}`), ...Array.from({ length: perLesson - 1 }, (_, i) => `Casilla A${i + 1}`)]
    expect(labels).toEqual(expected)
    expect(html).toContain('Lienzo del plan de Acme')
    expect(html).toMatch(/<textarea id="canvas-b-1-field" name="canvas-b-1" data-answer="canvas-b-1"/)
    const pdf = path.join(out, 'acme', 'worksheet.pdf')
    const last = pageText(pdf, pages(pdf))
    expect(last).toContain('Lienzo del plan de Acme')
    for (const label of expected) expect(last).toContain(label)
    // Alone on its page: the page before ends with the lessons.
    expect(pageText(pdf, pages(pdf) - 1)).not.toContain('Lienzo del plan')
  }, 120_000)
})
