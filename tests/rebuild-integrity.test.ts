// What an incremental build may trust and what it must look at again: a
// file changed by hand in the kit, lessons behind symbolic links, problems
// in files no rebuilt client uses, and a second build into the same folder.
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../lib/index.js'
import { runCli, runCliTracked } from './helpers/cli.js'
import { expectSameFiles, tree, withoutManifest } from './helpers/files.js'
import { makeProject, minimalLesson, minimalProject } from './helpers/project.js'

const fresh = () => mkdtempSync(path.join(tmpdir(), 'wk-integrity-'))
const html = { formats: ['html' as const] }

async function cleanTree(root: string) {
  const out = fresh()
  await build({ root, out, ...html, noCache: true })
  return withoutManifest(tree(out))
}

/** What a build said, in a form two builds can be compared by. */
const said = (result: Awaited<ReturnType<typeof build>>) => ({
  ok: result.ok,
  diagnostics: result.diagnostics.map((d) => `${d.file ?? ''}:${d.line ?? ''}:${d.column ?? ''} ${d.severity} ${d.code} ${d.message}`).sort(),
})

describe('outputs changed by hand', () => {
  it('a kit file overwritten since the kit wrote it is written again', async () => {
    const root = minimalProject()
    const out = path.join(root, 'dist')
    await build({ root, out, ...html })
    const deck = path.join(out, 'acme', 'deck.html')
    const original = readFileSync(deck)

    // What `marp deck.md` does: another deck.html in its place.
    writeFileSync(deck, '<!DOCTYPE html><p>made by another tool</p>')
    const again = await build({ root, out, ...html })
    expect(again.upToDate).toEqual([])
    expect(readFileSync(deck).equals(original)).toBe(true)

    // Same size, other bytes (an editor saving a one-letter change).
    const changed = Buffer.from(original)
    changed[changed.length - 2] = changed[changed.length - 2] === 0x41 ? 0x42 : 0x41
    writeFileSync(deck, changed)
    expect((await build({ root, out, ...html })).written).toBeGreaterThan(0)
    expect(readFileSync(deck).equals(original)).toBe(true)

    // Touched but not changed: nothing to do.
    utimesSync(deck, new Date(), new Date(Date.now() + 10_000))
    const touched = await build({ root, out, ...html })
    expect(touched.written).toBe(0)
    expect(touched.upToDate).toEqual(['acme'])
  })

  it('a deleted or replaced output of one client rebuilds that client only', async () => {
    const root = minimalProject({ 'content/clients/beta.yml': 'name: Beta\n' })
    const out = path.join(root, 'dist')
    await build({ root, out, ...html })
    writeFileSync(path.join(out, 'beta', 'worksheet.html'), 'edited')
    // A new file in content/ makes the whole-build record stale, so clients are looked at one by one.
    writeFileSync(path.join(root, 'content', 'notes.txt'), 'notes')
    const again = await build({ root, out, ...html })
    expect(again.upToDate).toEqual(['acme'])
    expectSameFiles(withoutManifest(tree(out)), await cleanTree(root))
  })
})

describe('symbolic links in the project', () => {
  it('a lesson folder linked from elsewhere is read through the link, and an edit there rebuilds', async () => {
    const shared = fresh()
    writeFileSync(path.join(shared, 'intro.md'), minimalLesson)
    const root = makeProject({ 'content/workshop.yml': 'title: T\nlessons:\n  - intro\n', 'content/clients/acme.yml': 'name: Acme\n' })
    symlinkSync(shared, path.join(root, 'content', 'lessons'))
    const out = path.join(root, 'dist')
    await build({ root, out, ...html })
    expect((await build({ root, out, ...html })).written).toBe(0)

    writeFileSync(path.join(shared, 'intro.md'), minimalLesson.replace('Texto de la primera diapositiva.', 'Texto CAMBIADO tras el enlace.'))
    const again = await build({ root, out, ...html })
    expect(again.upToDate).toEqual([])
    expect(readFileSync(path.join(out, 'acme', 'deck.html'), 'utf8')).toContain('Texto CAMBIADO tras el enlace.')
  })

  it('a linked lesson file, client file and logo are followed too', async () => {
    const shared = fresh()
    writeFileSync(path.join(shared, 'intro.md'), minimalLesson)
    writeFileSync(path.join(shared, 'acme.yml'), 'name: Acme\nbrand:\n  logo: logo.svg\n')
    writeFileSync(path.join(shared, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="red"/></svg>')
    const root = makeProject({ 'content/workshop.yml': 'title: T\nlessons:\n  - intro\n' })
    mkdirSync(path.join(root, 'content', 'lessons'))
    mkdirSync(path.join(root, 'content', 'clients'))
    symlinkSync(path.join(shared, 'intro.md'), path.join(root, 'content', 'lessons', 'intro.md'))
    // The logo must be inside the project: it is linked into the clients folder, next to the client file.
    writeFileSync(path.join(root, 'content', 'clients', 'acme.yml'), 'name: Acme\nbrand:\n  logo: logo.svg\n')
    cpSync(path.join(shared, 'logo.svg'), path.join(root, 'content', 'clients', 'logo.svg'))
    const out = path.join(root, 'dist')
    await build({ root, out, ...html })

    writeFileSync(path.join(shared, 'intro.md'), minimalLesson.replace('# Hola', '# Buenos días'))
    expect((await build({ root, out, ...html })).upToDate).toEqual([])
    expect(readFileSync(path.join(out, 'acme', 'deck.html'), 'utf8')).toContain('Buenos días')
    expectSameFiles(withoutManifest(tree(out)), await cleanTree(root))
  })
})

describe('an incremental build says what a clean build says', () => {
  it('after each edit, the same problems, the same outcome and the same files', async () => {
    const root = makeProject({
      'content/workshop.yml': 'title: T\nlessons:\n  - a\n  - b\n',
      'content/lessons/a.md': '# A {{client.name}}\n\nTexto.\n',
      'content/lessons/b.md': '# B\n\nTexto.\n',
      'content/clients/acme.yml': 'name: Acme\nlessons: [a]\n',
      'content/clients/beta.yml': 'name: Beta\n',
    })
    const out = path.join(root, 'dist')
    const edits: Array<[string, string | null]> = [
      // A lesson only beta uses gets an error: acme is up to date, the build still fails.
      ['content/lessons/b.md', '# B {{client.nope}}\n'],
      ['content/lessons/b.md', '# B\n\nTexto.\n'],
      ['content/clients/beta.yml', 'name: Beta\nlessons: [a]\n'],
      // Now no client uses b: its problems are still the project's.
      ['content/lessons/b.md', '# B {{#if}}\n'],
      ['content/lessons/b.md', '# B\n\n:::rara\nx\n:::\n'],
      ['content/lessons/a.md', '# A {{client.name}}\n\n:::otra\nx\n:::\n'],
      ['templates/themes/roto.css', '/* @theme roto */\n@import "nada";\nsection { color: red }\n'],
      ['templates/themes/roto.css', null],
      ['content/clients/beta.yml', 'name: Beta\nsize: enorme\n'],
      ['content/clients/beta.yml', 'name: Beta\n'],
    ]
    await build({ root, out, ...html })
    for (const [file, content] of edits) {
      if (content === null) rmSync(path.join(root, file))
      else {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
        writeFileSync(path.join(root, file), content)
      }
      const incremental = await build({ root, out, ...html })
      const cleanOut = fresh()
      const clean = await build({ root, out: cleanOut, ...html, noCache: true })
      expect(said(incremental), `after writing ${file}`).toEqual(said(clean))
      if (clean.ok) expectSameFiles(withoutManifest(tree(out)), withoutManifest(tree(cleanOut)))
      // Asked again with nothing changed: the same once more.
      expect(said(await build({ root, out, ...html })), `again after ${file}`).toEqual(said(clean))
    }
  })
})

describe('two builds into one folder', () => {
  it('a build stops at once while another holds the folder, and touches nothing of it', async () => {
    const root = minimalProject()
    const out = path.join(root, 'dist')
    await build({ root, out, ...html })
    const before = tree(out)
    // Another build, alive, holds the lock and is staging its files.
    const other = spawn('sleep', ['30'])
    try {
      writeFileSync(path.join(out, '.workshop-kit.lock'), JSON.stringify({ pid: other.pid, host: hostname(), started: 1, token: 'x' }))
      mkdirSync(path.join(out, '.workshop-kit-staging', 'acme'), { recursive: true })
      writeFileSync(path.join(out, '.workshop-kit-staging', 'acme', 'deck.html'), 'in progress')
      const run = runCli(['build', '--format', 'html', '--force'], root)
      expect(run.code).toBe(1)
      expect(run.stderr).toContain(`error: another build (process ${other.pid}) is writing to ${out}; nothing was written`)
      expect(run.stderr).toContain(`If no build is running, remove ${out}/.workshop-kit.lock.`)
      expect(run.stderr).not.toMatch(/internal error|at .*\.js:\d+/)
      expect(readFileSync(path.join(out, '.workshop-kit-staging', 'acme', 'deck.html'), 'utf8')).toBe('in progress')
      for (const [file, bytes] of before) expect(readFileSync(path.join(out, file)).equals(bytes), file).toBe(true)
    } finally {
      other.kill()
    }
  })

  it('a lock left by a build that died is taken over, and removed after', async () => {
    const root = minimalProject()
    const out = path.join(root, 'dist')
    mkdirSync(out)
    const dead = spawn('true')
    await new Promise((resolve) => dead.on('exit', resolve))
    writeFileSync(path.join(out, '.workshop-kit.lock'), JSON.stringify({ pid: dead.pid, host: hostname(), started: 1, token: 'x' }))
    const result = await build({ root, out, ...html })
    expect(result.ok).toBe(true)
    expect(existsSync(path.join(out, '.workshop-kit.lock'))).toBe(false)
    // And a half-written lock (a build killed as it wrote it) too.
    writeFileSync(path.join(out, '.workshop-kit.lock'), '{"pid": 12')
    expect((await build({ root, out, ...html, noCache: true })).ok).toBe(true)
  })

  it('two builds started together: each ends in a kit or a clear refusal, and the kit is whole', async () => {
    const root = minimalProject({ 'content/clients/beta.yml': 'name: Beta\n', 'content/clients/gamma.yml': 'name: Gamma\n' })
    const runs = await Promise.all([0, 1, 2].map(() => runCliTracked(['build', '--format', 'html', '--force'], root)))
    for (const run of runs) {
      expect([0, 1]).toContain(run.code)
      if (run.code === 1) expect(run.stderr).toMatch(/another build \(process \d+\) is writing to .*dist;/)
      expect(run.stderr).not.toMatch(/internal error|at .*\.js:\d+/)
    }
    expect(runs.some((run) => run.code === 0)).toBe(true)
    expect(existsSync(path.join(root, 'dist', '.workshop-kit.lock'))).toBe(false)
    expect(existsSync(path.join(root, 'dist', '.workshop-kit-staging'))).toBe(false)
    expectSameFiles(withoutManifest(tree(path.join(root, 'dist'))), await cleanTree(root))
  })
})
