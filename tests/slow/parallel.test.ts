// The whole default workshop, built again and again: a second clean build,
// worker threads, shards spread over machines, and rebuilding only what
// changed must all give the same bytes as a clean single-threaded build.
// (Shards and rebuilds on small projects: tests/rebuild.test.ts.)
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../lib/index.js'
import { runCli } from '../helpers/cli.js'
import { expectSameFiles, MANIFEST, tree, withoutManifest } from '../helpers/files.js'
import { repoRoot } from '../helpers/project.js'

const fresh = () => mkdtempSync(path.join(tmpdir(), 'wk-par-'))

describe('parallel and sharded builds', () => {
  let reference: Map<string, Buffer>
  let referenceOutputs: string[]

  beforeAll(async () => {
    const out = fresh()
    const result = await build({ root: repoRoot, out, formats: ['html'], jobs: 1 })
    expect(result.ok).toBe(true)
    reference = tree(out)
    referenceOutputs = result.outputs
  }, 120_000)

  it('produces the same bytes on a second build', async () => {
    const again = fresh()
    await build({ root: repoRoot, out: again, formats: ['html'], jobs: 1 })
    const files = tree(again)
    for (const file of referenceOutputs) {
      expect(files.get(file)!.equals(reference.get(file)!), file).toBe(true)
    }
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
    expectSameFiles(withoutManifest(tree(merged)), withoutManifest(reference))
  }, 120_000)
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

  it('after one lesson changes, only the clients that use it are built, and the kit equals a clean build', async () => {
    const root = defaultWorkshopCopy()
    const out = path.join(root, 'dist')
    await build({ root, out, formats: ['html'] })
    // The B2B lesson is only in the kits of clients that sell to companies,
    // and the English one reads b2b.en.md.
    appendFileSync(path.join(root, 'content', 'lessons', 'b2b.md'), '\nUna frase nueva para el último ejemplo.\n')
    const again = await build({ root, out, formats: ['html'] })
    const b2b = ['suministros-iberica']
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
    writeFileSync(path.join(root, 'templates', 'html', 'worksheet.hbs'), worksheet.replace('<body ', '<body class="own" '))
    const retemplated = await build({ root, out, formats: ['html'] })
    expect(retemplated.upToDate).toEqual([])
    expect(readFileSync(path.join(out, 'banco-meridiano', 'worksheet.html'), 'utf8')).toContain('<body class="own" ')
    expectSameFiles(withoutManifest(tree(out)), withoutManifest(await cleanBuild(root)))
  }, 120_000)
})
