// Shards and rebuilds on small projects: which clients a shard takes, which
// shard and job counts are refused, and that a rebuild takes only what
// changed and gives the bytes of a clean build. (The same on the whole
// default workshop, with worker threads: tests/slow/parallel.test.ts.)
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build, shardOf } from '../lib/index.js'
import { runCli } from './helpers/cli.js'
import { expectSameFiles, tree, withoutManifest } from './helpers/files.js'
import { minimalProject } from './helpers/project.js'

const fresh = () => mkdtempSync(path.join(tmpdir(), 'wk-par-'))

describe('parallel and sharded builds', () => {
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
  const cleanBuild = async (root: string) => {
    const out = fresh()
    expect((await build({ root, out, formats: ['html'], noCache: true })).ok).toBe(true)
    return tree(out)
  }

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
  })

  it('a client left as it was still reports its warnings', async () => {
    const root = minimalProject({
      'content/lessons/intro.md': '# Hola {{client.name}}\n\n:::desconocida\nTexto.\n:::\n',
    })
    const first = runCli(['build', '--format', 'html'], root)
    expect(first.code).toBe(0)
    expect(first.stderr).toMatch(/content\/lessons\/intro\.md:3:1: warning: unknown directive ":::desconocida"/)
    const second = runCli(['build', '--format', 'html'], root)
    expect(second.stderr).toContain('dist is up to date (1 client; --force builds again)')
    expect(second.stderr).toMatch(/content\/lessons\/intro\.md:3:1: warning: unknown directive ":::desconocida"/)
  })
})
