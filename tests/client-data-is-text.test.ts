// A client's data is text: markup, markdown, templates and emoji codes in it
// show literally in every output and never take effect.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../src/index.js'
import { minimalProject } from './helpers/project.js'
import { visibleText } from './helpers/text.js'

const hostile = '<script>alert(1)</script> *Mar* {{x}} :smile: $x$ [a](b) # ---'

describe('client data is text', () => {
  it('shows a hostile client name literally in every output', async () => {
    const root = minimalProject({
      'content/clients/acme.yml': `name: ${JSON.stringify(hostile)}\nsector: ${JSON.stringify('<b>banca</b>')}\nsession:\n  venue: "Sala **1**\\n---\\n# Nueva"\n`,
      'content/lessons/intro.md': '# Hola {{client.name}}\n\nSector: {{client.sector}} en {{client.session.venue}}\n\n<!-- Nota para {{client.name}} -->\n',
    })
    const result = await build({ root, formats: ['html'] })
    expect(result.diagnostics).toEqual([])
    const out = path.join(root, 'dist')
    for (const file of ['acme/deck.html', 'acme/lessons/intro.html', 'acme/worksheet.html', 'acme/guide.html', 'acme/index.html', 'index.html']) {
      const html = readFileSync(path.join(out, file), 'utf8')
      expect(html, file).not.toContain('<script>alert(1)</script>')
      expect(html, file).not.toMatch(/<em>Mar<\/em>|<b>banca<\/b>|<a href="b"|<h1[^>]*>Nueva/)
      if (file !== 'acme/worksheet.html') expect(visibleText(html), file).toContain(hostile)
    }
    const deck = readFileSync(path.join(out, 'acme/deck.html'), 'utf8')
    // One slide for the lesson: the venue's "---" did not start a new one.
    expect((readFileSync(path.join(out, 'acme/lessons/intro.html'), 'utf8').match(/<svg data-marpit-svg/g) ?? []).length).toBe(1)
    expect(visibleText(deck)).toContain('Sector: <b>banca</b> en Sala **1** --- # Nueva')
    // Notes reach the presenter as plain text too.
    expect(deck).toContain(JSON.stringify(`Nota para ${hostile}`).replace(/</g, '\\u003c'))
  })

  it("keeps the kit's private-use characters in a client name as they are", async () => {
    // The kit marks code, line numbers and value slots with private-use
    // characters while it works on a lesson; a name holding them is still text.
    const name = 'Acme \uE00142\uE002 Corp \uE000 \uE100 \uE101'
    const root = minimalProject({
      'content/clients/acme.yml': `name: ${JSON.stringify(name)}\n`,
      'content/lessons/intro.md': '# Hola {{client.name}}\n\nPara {{client.name}}.\n\n```js\nconst a = {}\n```\n',
    })
    const result = await build({ root, formats: ['html'] })
    expect(result.diagnostics).toEqual([])
    for (const file of ['acme/deck.html', 'acme/lessons/intro.html', 'acme/guide.html', 'acme/index.html']) {
      const text = visibleText(readFileSync(path.join(root, 'dist', file), 'utf8'))
      expect(text, file).toContain(`Hola ${name}`)
    }
    expect(visibleText(readFileSync(path.join(root, 'dist', 'acme/deck.html'), 'utf8'))).toContain('const a = {}')
  })

  it('keeps emoji codes in client values as written, on slides and pages alike, and trims spaces around values', async () => {
    const root = minimalProject({
      'content/clients/acme.yml': 'name: "  Café :coffee: Bar  "\nsession:\n  trainer: " Ana :smile: "\n  venue: ":tada: Sala \\uE003"\n',
      'content/lessons/intro.md': '# Hola {{client.name}} :wave:\n\n![Logo de {{client.name}}](data:image/gif;base64,R0lGODlhAQABAAAAACw=)\n\n**{{client.session.trainer}}** en {{client.session.venue}}\n\n<!-- Nota para {{client.name}} -->\n',
    })
    const result = await build({ root, formats: ['html'] })
    expect(result.diagnostics).toEqual([])
    const read = (file: string) => readFileSync(path.join(root, 'dist', file), 'utf8')
    for (const file of ['acme/deck.html', 'acme/lessons/intro.html', 'acme/guide.html', 'acme/worksheet.html', 'acme/index.html']) {
      const html = read(file)
      expect(html, file).not.toMatch(/☕|😄|🎉/)
      if (file !== 'acme/worksheet.html') expect(visibleText(html), file).toContain('Café :coffee: Bar')
    }
    const deck = read('acme/deck.html')
    // The author's own shortcode still is an emoji; the name is bold as the kit's title slide means it.
    expect(deck).toContain('Hola Café :coffee: Bar 👋')
    expect(deck).toContain('<strong>Café :coffee: Bar</strong>')
    expect(deck).toContain('<strong>Ana :smile:</strong> en :tada: Sala \uE003')
    expect(deck).toContain('alt="Logo de Café :coffee: Bar"')
    expect(deck).not.toMatch(/\*\* *Café|Café[^<]*\*\*/)
    expect(deck).toContain(JSON.stringify('Nota para Café :coffee: Bar'))
  })
})
