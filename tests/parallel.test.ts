// Spreading a build over worker threads or over machines (shards), or
// rebuilding only what changed, must give the same bytes as a clean
// single-threaded build.
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, shardOf } from '../lib/index.js'
import { runCli } from './helpers/cli.js'
import { minimalProject, repoRoot } from './helpers/project.js'

const MANIFEST = '.workshop-kit.json'

/** Every file under a folder, relative path -> bytes. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    files.set(path.relative(dir, full), readFileSync(full))
  }
  return files
}

function expectSameFiles(actual: Map<string, Buffer>, expected: Map<string, Buffer>) {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort())
  for (const [file, bytes] of expected) expect(actual.get(file)!.equals(bytes), file).toBe(true)
}

const fresh = () => mkdtempSync(path.join(tmpdir(), 'wk-par-'))

describe('parallel and sharded builds', () => {
  let reference: Map<string, Buffer>

  beforeAll(async () => {
    const out = fresh()
    const result = await build({ root: repoRoot, out, formats: ['html'], jobs: 1 })
    expect(result.ok).toBe(true)
    reference = tree(out)
  }, 120_000)

  it('worker threads write the same bytes as one thread', async () => {
    for (const jobs of [2, 3]) {
      const out = fresh()
      expect((await build({ root: repoRoot, out, formats: ['html'], jobs })).ok).toBe(true)
      expectSameFiles(tree(out), reference)
    }
  }, 120_000)

  it('shards split the clients without overlap, and put together they are the whole build', () => {
    const merged = fresh()
    const seen: string[] = []
    for (const index of [1, 2, 3]) {
      const out = fresh()
      const run = runCli(['build', '--format', 'html', '--shard', `${index}/3`, '--out', out, '--json'])
      expect(run.code).toBe(0)
      const clients: string[] = JSON.parse(run.stdout).clients
      expect(clients.length).toBeGreaterThan(0)
      seen.push(...clients)
      cpSync(out, merged, { recursive: true })
    }
    const all = [...reference.keys()].filter((f) => f.endsWith('/deck.md')).map((f) => f.split('/')[0])
    expect(seen.sort()).toEqual(all.sort())
    const withoutManifest = (files: Map<string, Buffer>) => new Map([...files].filter(([file]) => file !== MANIFEST))
    expectSameFiles(withoutManifest(tree(merged)), withoutManifest(reference))
  }, 120_000)

  it('a shard is the same slice on every run', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
    expect(shardOf(ids, { index: 1, count: 3 })).toEqual(['a', 'd', 'g'])
    expect(shardOf(ids, { index: 3, count: 3 })).toEqual(['c', 'f'])
    expect([1, 2, 3].flatMap((index) => shardOf(ids, { index, count: 3 })).sort()).toEqual(ids)
  })

  it('refuses shards and job counts that make no sense', () => {
    for (const shard of ['0/2', '3/2', '2', 'a/b', '1/0']) {
      const run = runCli(['build', '--shard', shard])
      expect(run.code, shard).toBe(2)
      expect(run.stderr).toContain('--shard needs I/N with 1 <= I <= N')
    }
    expect(runCli(['build', '--jobs', '0']).code).toBe(2)
  })
})

describe('incremental rebuilds', () => {
  /** A copy of the default workshop, so a test may edit it. */
  function defaultWorkshopCopy(): string {
    const root = fresh()
    cpSync(path.join(repoRoot, 'content'), path.join(root, 'content'), { recursive: true })
    return root
  }
  const clientsOf = (root: string) =>
    readdirSync(path.join(root, 'content', 'clients'))
      .filter((f) => f.endsWith('.yml'))
      .map((f) => f.replace(/\.yml$/, ''))
      .sort()
  const cleanBuild = async (root: string) => {
    const out = fresh()
    expect((await build({ root, out, formats: ['html'], noCache: true })).ok).toBe(true)
    return tree(out)
  }
  const withoutManifest = (files: Map<string, Buffer>) => new Map([...files].filter(([file]) => file !== MANIFEST))

  it('a rebuild with nothing changed builds nothing and leaves every byte as it was', async () => {
    const root = defaultWorkshopCopy()
    const out = path.join(root, 'dist')
    await build({ root, out, formats: ['html'] })
    const before = tree(out)
    const again = await build({ root, out, formats: ['html'] })
    expect(again.ok).toBe(true)
    expect(again.upToDate.sort()).toEqual(clientsOf(root))
    expect(again.written).toBe(0)
    expectSameFiles(tree(out), before)
    expect(again.outputs).toEqual([...before.keys()].filter((f) => f !== MANIFEST).sort())
  }, 120_000)

  it('a new client file, or a change to a logo kept outside content/, builds again', async () => {
    const root = minimalProject({
      'content/clients/acme.yml': 'name: Acme\nbrand:\n  logo: ../../marca/logo.svg\n',
      'marca/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>',
    })
    const out = path.join(root, 'dist')
    for (let i = 0; i < 3; i++) expect((await build({ root, out, formats: ['html'] })).ok).toBe(true)
    expect((await build({ root, out, formats: ['html'] })).written).toBe(0)

    const logo = path.join(root, 'marca', 'logo.svg')
    writeFileSync(logo, readFileSync(logo, 'utf8').replace('red', 'blue'))
    const relogo = await build({ root, out, formats: ['html'] })
    expect(relogo.upToDate).toEqual([])
    const logoUri = `data:image/svg+xml;base64,${readFileSync(logo).toString('base64')}`
    expect(readFileSync(path.join(out, 'acme', 'deck.html'), 'utf8')).toContain(logoUri)

    writeFileSync(path.join(root, 'content', 'clients', 'beta.yml'), 'name: Beta\n')
    const grown = await build({ root, out, formats: ['html'] })
    expect(grown.clients).toEqual(['acme', 'beta'])
    expect(grown.upToDate).toEqual(['acme'])
    expect(existsSync(path.join(out, 'beta', 'deck.html'))).toBe(true)
    expectSameFiles(withoutManifest(tree(out)), withoutManifest(await cleanBuild(root)))
  }, 120_000)

  it('after one lesson changes, only the clients that use it are built, and the kit equals a clean build', async () => {
    const root = defaultWorkshopCopy()
    const out = path.join(root, 'dist')
    await build({ root, out, formats: ['html'] })
    // The B2B lesson is only in the kits of clients that sell to companies.
    appendFileSync(path.join(root, 'content', 'lessons', '05-b2b.md'), '\nUna frase nueva para el último ejemplo.\n')
    const again = await build({ root, out, formats: ['html'] })
    const b2b = ['norte-textil', 'suministros-iberica']
    expect(again.upToDate.sort()).toEqual(clientsOf(root).filter((id) => !b2b.includes(id)))
    expect(readFileSync(path.join(out, 'suministros-iberica', 'deck.md'), 'utf8')).toContain('Una frase nueva')
    expectSameFiles(withoutManifest(tree(out)), withoutManifest(await cleanBuild(root)))
  }, 120_000)

  it('a template change, a client change or a missing output file builds again', async () => {
    const root = defaultWorkshopCopy()
    const out = path.join(root, 'dist')
    await build({ root, out, formats: ['html'] })

    appendFileSync(path.join(root, 'content', 'clients', 'banco-meridiano.yml'), '# revisado\n')
    expect((await build({ root, out, formats: ['html'] })).upToDate).not.toContain('banco-meridiano')

    rmSync(path.join(out, 'la-tasca-del-puerto', 'guide.html'))
    const repaired = await build({ root, out, formats: ['html'] })
    expect(repaired.upToDate).not.toContain('la-tasca-del-puerto')
    expect(existsSync(path.join(out, 'la-tasca-del-puerto', 'guide.html'))).toBe(true)

    const worksheet = readFileSync(path.join(repoRoot, 'templates', 'html', 'worksheet.hbs'), 'utf8')
    mkdirSync(path.join(root, 'templates', 'html'), { recursive: true })
    writeFileSync(path.join(root, 'templates', 'html', 'worksheet.hbs'), worksheet.replace('<body>', '<body class="own">'))
    const retemplated = await build({ root, out, formats: ['html'] })
    expect(retemplated.upToDate).toEqual([])
    expect(readFileSync(path.join(out, 'banco-meridiano', 'worksheet.html'), 'utf8')).toContain('<body class="own">')
    expectSameFiles(withoutManifest(tree(out)), withoutManifest(await cleanBuild(root)))
  }, 120_000)

  it('a client left as it was still reports its warnings', async () => {
    const root = minimalProject({
      'content/lessons/intro.md': '# Hola {{client.name}}\n\n:::desconocida\nTexto.\n:::\n',
    })
    const first = runCli(['build', '--format', 'html'], root)
    expect(first.code).toBe(0)
    expect(first.stderr).toMatch(/warning: content\/lessons\/intro\.md:3:1: unknown directive ":::desconocida"/)
    const second = runCli(['build', '--format', 'html'], root)
    expect(second.stderr).toContain('dist is up to date (1 client; --force builds again)')
    expect(second.stderr).toMatch(/warning: content\/lessons\/intro\.md:3:1: unknown directive ":::desconocida"/)
  }, 60_000)
})
