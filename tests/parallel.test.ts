// Spreading a build over worker threads or over machines (shards) must give
// the same bytes as a clean single-threaded build.
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, shardOf } from '../lib/index.js'
import { runCli } from './helpers/cli.js'
import { repoRoot } from './helpers/project.js'

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
