// Images and files a lesson names: each reference form is found, checked at
// the author's line and column, and written once per client kit as
// assets/<hash>.<ext>, named by a relative path from every page; a kit
// folder stands alone. Rebuilds follow the images' bytes.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../lib/index.js'
import { runCli } from './helpers/cli.js'
import { expectSameFiles, tree, withoutManifest } from './helpers/files.js'
import { png } from './helpers/png.js'
import { makeProject, minimalLesson } from './helpers/project.js'
// @ts-expect-error: a plain JavaScript module of the scripts
import { deckPartSlides, marpCoreSlides, normalizedSlides, referenceMarp, withKitAssets } from '../scripts/marp-compare.mjs'

const RED = png([255, 0, 0])
const GREEN = png([0, 255, 0])
const BLUE = png([0, 0, 255])
const hashName = (bytes: Buffer, ext = '.png') => `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}${ext}`

/** A project with binary files added. */
function projectWith(files: Record<string, string>, binary: Record<string, Buffer> = {}): string {
  const root = makeProject({
    'content/workshop.yml': 'title: Taller\nlessons:\n  - intro\n',
    'content/clients/acme.yml': 'name: Acme\n',
    ...files,
  })
  for (const [relative, bytes] of Object.entries(binary)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true })
    writeFileSync(path.join(root, relative), bytes)
  }
  return root
}

const out = () => mkdtempSync(path.join(tmpdir(), 'wk-assets-out-'))

/** Every relative URL a page names under assets/, resolved from the page. */
function assetUrlsOf(page: string): string[] {
  const text = readFileSync(page, 'utf8')
  return [...new Set([...text.matchAll(/(?:\.\.\/)?assets\/[0-9a-f]{16}\.[a-z0-9]+/g)].map((m) => m[0]))]
}

const everyForm = `---
title: Todas las formas
backgroundImage: url('../assets/fondo.png')
footer: '![h:30](img/verde.png) Pie'
style: |
  section.tema { background: url("img/rojo.png"); }
---

# Hola {{client.name}}

![bg left](img/rojo.png)

![w:200px](img/verde.png) and \`![x](img/nada.png)\`

<img src="img/rojo.png" alt="x">

<!-- _backgroundImage: url(../assets/fondo.png) -->

<!-- _header: '![logo](img/rojo.png)' -->

---

<video src="media/clip.webm" poster="img/verde.png"></video>

<style scoped>
h1 { background-image: url(img/rojo.png) }
</style>

:::exercise{title="Mira"}
![grafico](img/verde.png)
:::

\`\`\`
![no](img/no-existe.png)
\`\`\`
`

describe('lesson assets', () => {
  it('finds every reference form and writes each file once per kit, named by its hash', async () => {
    const root = projectWith(
      { 'content/lessons/intro.md': everyForm, 'content/lessons/media/clip.webm': 'not really a video' },
      { 'content/lessons/img/rojo.png': RED, 'content/lessons/img/verde.png': GREEN, 'content/assets/fondo.png': BLUE },
    )
    const dir = out()
    const result = await build({ root, out: dir, formats: ['html'] })
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const assets = readdirSync(path.join(dir, 'acme', 'assets')).sort()
    expect(assets).toEqual([hashName(RED), hashName(GREEN), hashName(BLUE), hashName(Buffer.from('not really a video'), '.webm')].sort())
    expect(readFileSync(path.join(dir, 'acme', 'assets', hashName(RED)))).toEqual(RED)

    const deckMd = readFileSync(path.join(dir, 'acme', 'deck.md'), 'utf8')
    expect(deckMd).toContain(`![bg left](assets/${hashName(RED)})`)
    expect(deckMd).toContain(`![w:200px](assets/${hashName(GREEN)})`)
    expect(deckMd).toContain(`<img src="assets/${hashName(RED)}" alt="x">`)
    expect(deckMd).toContain(`_backgroundImage: url(assets/${hashName(BLUE)})`)
    expect(deckMd).toContain(`backgroundImage: "url('assets/${hashName(BLUE)}')"`)
    expect(deckMd).toContain(`url("assets/${hashName(RED)}")`)
    expect(deckMd).toContain(`<video src="assets/${hashName(Buffer.from('not really a video'), '.webm')}" poster="assets/${hashName(GREEN)}">`)
    expect(deckMd).toContain(`url(assets/${hashName(RED)}) }`)
    // Headers and footers are markdown to Marp: their images too.
    expect(deckMd).toContain(`![h:30](assets/${hashName(GREEN)}) Pie`)
    expect(deckMd).toContain(`_header: '![logo](assets/${hashName(RED)})'`)
    const lessonPage = readFileSync(path.join(dir, 'acme', 'lessons', 'intro.html'), 'utf8')
    expect(lessonPage).toMatch(new RegExp(`<footer>.*src="\\.\\./assets/${hashName(GREEN)}"`))
    // Code is text: left as written, not checked.
    expect(deckMd).toContain('`![x](img/nada.png)`')
    expect(deckMd).toContain('![no](img/no-existe.png)')
    expect(deckMd).not.toMatch(/img\/(rojo|verde)\.png|fondo\.png/)

    // Every page names the files relatively, and they are there from the page.
    const pages = ['deck.md', 'deck.html', 'worksheet.html', 'lessons/intro.html']
    for (const page of pages) {
      const file = path.join(dir, 'acme', page)
      const urls = assetUrlsOf(file)
      expect(urls.length, page).toBeGreaterThan(0)
      for (const url of urls) expect(existsSync(path.resolve(path.dirname(file), url)), `${page}: ${url}`).toBe(true)
      expect(readFileSync(file, 'utf8'), page).not.toMatch(/img\/(rojo|verde)\.png/)
    }
    expect(assetUrlsOf(path.join(dir, 'acme', 'lessons', 'intro.html')).every((url) => url.startsWith('../'))).toBe(true)
    expect(readFileSync(path.join(dir, 'acme', 'worksheet.html'), 'utf8')).toContain(`src="assets/${hashName(GREEN)}"`)
  })

  it("a lesson's slides are marp-core's for the same markdown naming the kit's copies, nothing else changed", async () => {
    const lesson = [
      '---',
      "backgroundImage: url('../assets/fondo.png')",
      "footer: '![h:30](img/verde.png) Pie'",
      '---',
      '',
      '# Uno',
      '',
      '![bg left](img/rojo.png)',
      '',
      '![w:200px](img/verde.png) and `![x](img/nada.png)`',
      '',
      '<img src="img/rojo.png" alt="x"> <video src="img/verde.png#t=1" poster="img/rojo.png"></video>',
      '',
      '<!-- _backgroundImage: url(../assets/fondo.png) -->',
      '',
      '---',
      '',
      '<style scoped>',
      'h1 { background-image: url(img/rojo.png) }',
      '</style>',
      '',
      '# Dos ![](<img/verde.png> "verde")',
      '',
    ].join('\n')
    const root = projectWith({ 'content/lessons/intro.md': lesson }, { 'content/lessons/img/rojo.png': RED, 'content/lessons/img/verde.png': GREEN, 'content/assets/fondo.png': BLUE })
    const named = await withKitAssets(root, path.join(root, 'content/lessons/intro.md'), lesson)
    const dir = out()
    expect((await build({ root, out: dir, formats: ['html'] })).ok).toBe(true)
    const marp = referenceMarp()
    const page = readFileSync(path.join(dir, 'acme', 'lessons', 'intro.html'), 'utf8')
    expect(normalizedSlides(page)).toEqual(marpCoreSlides(marp, named.page))
    const deck = readFileSync(path.join(dir, 'acme', 'deck.html'), 'utf8')
    expect(deckPartSlides(deck, 1)).toEqual(marpCoreSlides(marp, named.deck))
    expect(named.page).not.toContain('img/rojo.png')
  })

  it('writes a file two lessons share once, the same bytes on every build', async () => {
    const lesson = (title: string) => `---\ntitle: ${title}\n---\n\n# ${title}\n\n![](../assets/rojo.png)\n`
    const root = projectWith(
      {
        'content/workshop.yml': 'title: Taller\nlessons:\n  - uno\n  - dos\n',
        'content/lessons/uno.md': lesson('Uno'),
        'content/lessons/dos.md': lesson('Dos'),
      },
      { 'content/assets/rojo.png': RED },
    )
    const [a, b] = [out(), out()]
    await build({ root, out: a, formats: ['html'] })
    await build({ root, out: b, formats: ['html'], noCache: true })
    expect(readdirSync(path.join(a, 'acme', 'assets'))).toEqual([hashName(RED)])
    for (const page of ['deck.md', 'deck.html', 'lessons/uno.html', 'lessons/dos.html']) {
      expect(readFileSync(path.join(a, 'acme', page)), page).toEqual(readFileSync(path.join(b, 'acme', page)))
    }
  })

  it('worker threads write the same kits, files included, as one thread', async () => {
    const root = projectWith(
      {
        'content/lessons/intro.md': everyForm,
        'content/lessons/media/clip.webm': 'not really a video',
        'content/clients/beta.yml': 'name: Beta\n',
        'content/clients/gamma.yml': 'name: Gamma\n',
      },
      { 'content/lessons/img/rojo.png': RED, 'content/lessons/img/verde.png': GREEN, 'content/assets/fondo.png': BLUE },
    )
    const [one, two] = [out(), out()]
    expect((await build({ root, out: one, formats: ['html'], jobs: 1 })).ok).toBe(true)
    expect((await build({ root, out: two, formats: ['html'], jobs: 2 })).ok).toBe(true)
    expectSameFiles(withoutManifest(tree(two)), withoutManifest(tree(one)))
    expect(readdirSync(path.join(two, 'gamma', 'assets'))).toHaveLength(4)
  })

  it('a url() in a project theme is read from the theme file and copied into every kit', async () => {
    const root = projectWith(
      {
        'content/lessons/intro.md': minimalLesson,
        'templates/themes/marca.css': '/* @theme marca */\n@import "workshop-kit";\nsection { background: url("fondos/azul.png") no-repeat; }\n',
      },
      { 'templates/themes/fondos/azul.png': BLUE },
    )
    writeFileSync(path.join(root, 'content/lessons/intro.md'), minimalLesson.replace('title: Lección mínima', 'title: Lección mínima\ntheme: marca'))
    const dir = out()
    const result = await build({ root, out: dir, formats: ['html'] })
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const lessonPage = readFileSync(path.join(dir, 'acme', 'lessons', 'intro.html'), 'utf8')
    expect(lessonPage).toContain(`../assets/${hashName(BLUE)}`)
    expect(existsSync(path.join(dir, 'acme', 'assets', hashName(BLUE)))).toBe(true)
  })

  it("a theme's missing url() is an error at the theme's line and column; srcset lists each file", async () => {
    const root = projectWith(
      {
        'content/lessons/intro.md': '# Plan\n\n<picture><source srcset="img/rojo.png 1x, img/verde.png 2x"><img src="img/rojo.png"></picture>\n',
        'templates/themes/marca.css': '/* @theme marca */\nsection {\n  background: url("fondos/azull.png");\n}\n',
      },
      { 'templates/themes/fondos/azul.png': BLUE, 'content/lessons/img/rojo.png': RED, 'content/lessons/img/verde.png': GREEN },
    )
    const result = await build({ root, out: out(), formats: ['html'] })
    expect(result.ok).toBe(false)
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toMatchObject([
      { code: 'asset-not-found', file: path.join(root, 'templates/themes/marca.css'), line: 3, column: 20, message: 'image "fondos/azull.png" not found (did you mean "fondos/azul.png"?)' },
    ])
    writeFileSync(path.join(root, 'templates/themes/marca.css'), '/* @theme marca */\nsection { background: url("fondos/azul.png"); }\n')
    const dir = out()
    expect((await build({ root, out: dir, formats: ['html'] })).ok).toBe(true)
    expect(readFileSync(path.join(dir, 'acme', 'deck.md'), 'utf8')).toContain(`srcset="assets/${hashName(RED)} 1x, assets/${hashName(GREEN)} 2x"`)
  })

  it('a missing file is an error at its line and column, with a near name; the CLI exits 1 and writes nothing', () => {
    const lesson = '---\ntitle: Plan\n---\n\n# Plan\n\nTexto.\n\n![embudo](img/embudo.png)\n\n<img src="img/embudoo.png">\n'
    const root = projectWith({ 'content/lessons/intro.md': lesson }, { 'content/lessons/img/embudos.png': RED })
    const run = runCli(['build', '--format', 'html'], root)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('content/lessons/intro.md:9:11: error: image "img/embudo.png" not found (did you mean "img/embudos.png"?)')
    expect(run.stderr).toContain('content/lessons/intro.md:11:11: error: image "img/embudoo.png" not found (did you mean "img/embudos.png"?)')
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
  })

  it('positions are the author\'s even after templating removed lines before the reference', async () => {
    const lesson = '---\ntitle: Plan\n---\n\n{{#if client.sector}}\nUno\n\ndos\n{{/if}}\n\n# {{client.name}}\n\n![x](img/{{client.id}}.png)\n'
    const root = projectWith({ 'content/lessons/intro.md': lesson }, { 'content/lessons/img/otro.png': RED })
    const result = await build({ root, out: out(), formats: ['html'] })
    expect(result.ok).toBe(false)
    const error = result.diagnostics.find((d) => d.code === 'asset-not-found')!
    expect(error).toMatchObject({ line: 13, column: 6 })
    expect(error.message).toBe('image "img/acme.png" not found')
  })

  it('each language version names its own files: copied for the clients that read it, checked in its own file', async () => {
    const root = projectWith(
      {
        'content/clients/beta.yml': 'name: Beta\nlanguage: en\n',
        'content/lessons/intro.md': '# Plan\n\n![embudo](img/es.png)\n',
        'content/lessons/intro.en.md': '# Plan\n\n![funnel](img/en.png)\n',
      },
      { 'content/lessons/img/es.png': RED, 'content/lessons/img/en.png': BLUE },
    )
    const target = out()
    const result = await build({ root, out: target, formats: ['html'] })
    expect(result.diagnostics).toEqual([])
    expect(readdirSync(path.join(target, 'acme', 'assets'))).toEqual([hashName(RED)])
    expect(readdirSync(path.join(target, 'beta', 'assets'))).toEqual([hashName(BLUE)])
    expect(readFileSync(path.join(target, 'beta', 'deck.md'), 'utf8')).toContain(`assets/${hashName(BLUE)}`)

    writeFileSync(path.join(root, 'content/lessons/intro.en.md'), '# Plan\n\n![funnel](img/em.png)\n')
    const broken = await build({ root, out: out(), formats: ['html'] })
    expect(broken.diagnostics.map((d) => `${path.relative(root, d.file!)}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'content/lessons/intro.en.md:3:11 image "img/em.png" not found (did you mean "img/en.png"?)',
    ])
  })

  it('a path made of client values is resolved per client', async () => {
    const lesson = '---\ntitle: Plan\n---\n\n# {{client.name}}\n\n![logo](img/{{client.id}}.png)\n'
    const root = projectWith(
      { 'content/lessons/intro.md': lesson, 'content/clients/beta.yml': 'name: Beta\n' },
      { 'content/lessons/img/acme.png': RED, 'content/lessons/img/beta.png': GREEN },
    )
    const dir = out()
    const result = await build({ root, out: dir, formats: ['html'] })
    expect(result.ok).toBe(true)
    expect(readdirSync(path.join(dir, 'acme', 'assets'))).toEqual([hashName(RED)])
    expect(readdirSync(path.join(dir, 'beta', 'assets'))).toEqual([hashName(GREEN)])
    // Such a path could name any file of its folder: a change there rebuilds the lesson's clients.
    writeFileSync(path.join(root, 'content/lessons/img/beta.png'), BLUE)
    const again = await build({ root, out: dir, formats: ['html'] })
    expect(again.upToDate).toEqual([])
    expect(readdirSync(path.join(dir, 'acme', 'assets'))).toEqual([hashName(RED)])
    expect(readdirSync(path.join(dir, 'beta', 'assets'))).toEqual([hashName(BLUE)])
  })

  it('a path out of the project, by ".." or through a link, is an error at its place', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'wk-outside-'))
    writeFileSync(path.join(outside, 'secreto.png'), RED)
    const lesson = '---\ntitle: Plan\n---\n\n# Plan\n\n![a](../../../../../../../../etc/passwd)\n\n![b](img/enlace.png)\n'
    const root = projectWith({ 'content/lessons/intro.md': lesson })
    mkdirSync(path.join(root, 'content/lessons/img'), { recursive: true })
    symlinkSync(path.join(outside, 'secreto.png'), path.join(root, 'content/lessons/img/enlace.png'))
    const result = await build({ root, out: out(), formats: ['html'] })
    expect(result.ok).toBe(false)
    const found = result.diagnostics.filter((d) => d.code === 'asset-outside-project')
    expect(found.map((d) => [d.line, d.column, d.message])).toEqual([
      [7, 6, 'image "../../../../../../../../etc/passwd" is outside the project folder'],
      [9, 6, 'image "img/enlace.png" links to a file outside the project folder'],
    ])
  })

  it('absolute paths and file: URLs are kept with a warning and a hint (errors under --strict); data: URIs are left alone', async () => {
    const lesson = '---\ntitle: Plan\n---\n\n# Plan\n\n![a](/img/x.png)\n\n<img src="file:///tmp/x.png">\n\n![c](data:image/png;base64,iVBORw0KGgo=)\n'
    const root = projectWith({ 'content/lessons/intro.md': lesson })
    const result = await build({ root, out: out(), formats: ['html'] })
    const found = result.diagnostics.filter((d) => d.code === 'absolute-asset-path')
    expect(found.map((d) => [d.line, d.column])).toEqual([
      [7, 6],
      [9, 11],
    ])
    expect(found[1].message).toContain('file: URL')
    expect(found[0].hint).toContain('relative')
    expect(found.every((d) => d.severity === 'warning')).toBe(true)
    expect(result.ok).toBe(true)
    const strict = await build({ root, out: out(), formats: ['html'], strict: true })
    expect(strict.ok).toBe(false)
    expect(strict.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['absolute-asset-path', 'absolute-asset-path'])
  })

  it('a web address is kept with a warning (the kit is not offline); --strict makes it an error', () => {
    const lesson = '---\ntitle: Plan\n---\n\n# Plan\n\n![web](https://example.com/foto.png)\n'
    const root = projectWith({ 'content/lessons/intro.md': lesson })
    const run = runCli(['build', '--format', 'html'], root)
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('content/lessons/intro.md:7:8: warning: image "https://example.com/foto.png" is on the web')
    expect(readFileSync(path.join(root, 'dist', 'acme', 'deck.html'), 'utf8')).toContain('src="https://example.com/foto.png"')
    const strict = runCli(['build', '--format', 'html', '--strict', '--out', 'dist2'], root)
    expect(strict.code).toBe(1)
    expect(strict.stderr).toContain('content/lessons/intro.md:7:8: error: image "https://example.com/foto.png" is on the web')
    expect(existsSync(path.join(root, 'dist2'))).toBe(false)
  })

  it('changing an image rebuilds exactly the clients whose lessons show it', async () => {
    const root = projectWith(
      {
        'content/workshop.yml': 'title: Taller\nlessons:\n  - uno\n  - dos\n',
        'content/lessons/uno.md': '---\ntitle: Uno\n---\n\n# Uno\n\n![](img/rojo.png)\n',
        'content/lessons/dos.md': '---\ntitle: Dos\n---\n\n# Dos\n\nSin imágenes.\n',
        'content/clients/acme.yml': 'name: Acme\nlessons: [uno, dos]\n',
        'content/clients/beta.yml': 'name: Beta\nlessons: [dos]\n',
      },
      { 'content/lessons/img/rojo.png': RED },
    )
    const dir = out()
    expect((await build({ root, out: dir, formats: ['html'] })).ok).toBe(true)
    expect((await build({ root, out: dir, formats: ['html'] })).written).toBe(0)
    writeFileSync(path.join(root, 'content/lessons/img/rojo.png'), GREEN)
    const again = await build({ root, out: dir, formats: ['html'] })
    expect(again.upToDate).toEqual(['beta'])
    expect(readdirSync(path.join(dir, 'acme', 'assets'))).toEqual([hashName(GREEN)])
    expect(readFileSync(path.join(dir, 'acme', 'deck.md'), 'utf8')).toContain(`assets/${hashName(GREEN)}`)
    expect(existsSync(path.join(dir, 'beta', 'assets'))).toBe(false)
  })

  it('an image kept outside content/ counts for the whole-build fingerprint', async () => {
    const root = projectWith(
      { 'content/lessons/intro.md': '---\ntitle: Uno\n---\n\n# Uno\n\n![](../../media/rojo.png)\n' },
      { 'media/rojo.png': RED },
    )
    const dir = out()
    await build({ root, out: dir, formats: ['html'] })
    await build({ root, out: dir, formats: ['html'] })
    writeFileSync(path.join(root, 'media/rojo.png'), GREEN)
    const again = await build({ root, out: dir, formats: ['html'] })
    expect(again.upToDate).toEqual([])
    expect(readdirSync(path.join(dir, 'acme', 'assets'))).toEqual([hashName(GREEN)])
  })
})
