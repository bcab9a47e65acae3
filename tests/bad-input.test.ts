// Every kind of bad input gets one positioned message in the author's own
// file, with a hint, and leaves the previous kit untouched. Built in process,
// the report formatted as the command line prints it; the same inputs through
// the real command line (exit code 1, no stack trace): tests/slow/bad-input-cli.test.ts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, formatDiagnostic, type BuildResult } from '../src/index.js'
import { badInputs } from './helpers/bad-inputs.js'
import { runCli } from './helpers/cli.js'
import { copyProject, minimalProject } from './helpers/project.js'

describe('bad input', () => {
  /** A minimal project with its kit built: each case breaks a copy of it. */
  let built: string

  beforeAll(async () => {
    built = minimalProject()
    const result = await build({ root: built, formats: ['html'] })
    expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true)
  })

  for (const [name, c] of Object.entries(badInputs)) {
    it(`${name}: one positioned error, nothing written, previous kit untouched`, async () => {
      const root = copyProject(built)
      const deck = path.join(root, 'dist', 'acme', 'deck.html')
      const before = readFileSync(deck)

      for (const [file, content] of Object.entries(c.files)) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
        writeFileSync(path.join(root, file), content)
      }
      const result = await build({ root, formats: ['html'] })
      expect(result.ok).toBe(false)
      // What `workshop-kit build` run in the project folder prints.
      const report = result.diagnostics.map((d) => formatDiagnostic(d, (file) => path.relative(root, file) || file)).join('\n')
      const errors = report.split('\n').filter((line) => /^\S+:\d+:\d+: (?!warning)/.test(line))
      expect(errors, report).toHaveLength(1)
      expect(errors[0].startsWith(`${c.at}: `), report).toBe(true)
      expect(errors[0]).toMatch(c.message)
      expect(report).toMatch(/\n {4}hint: \S/)
      expect(readFileSync(deck).equals(before)).toBe(true)
      expect(existsSync(path.join(root, 'dist', '.workshop-kit-staging'))).toBe(false)
      // In process, a relative path would land in the runner's folder.
      expect(existsSync(path.join(root, 'PWNED'))).toBe(false)
      expect(existsSync(path.join(process.cwd(), 'PWNED'))).toBe(false)
    })
  }

  it('reports every problem of a run together', () => {
    const root = minimalProject({
      'content/clients/acme.yml': 'name: Acme\nsize: small\n',
      'content/clients/beta.yml': 'name: Beta\nbrand:\n  primary: red\n',
      'content/lessons/intro.md': '# Hola {{client.nmae}}\n',
    })
    const run = runCli(['check', '--json'], root)
    expect(run.code).toBe(1)
    const summary = JSON.parse(run.stdout)
    expect(summary.ok).toBe(false)
    expect(summary.errors).toBe(3)
    expect(summary.diagnostics.map((d: { file: string; line: number }) => `${d.file}:${d.line}`).sort()).toEqual([
      'content/clients/acme.yml:2',
      'content/clients/beta.yml:3',
      'content/lessons/intro.md:1',
    ])
  })
})

describe('a very large logo', () => {
  // A PNG signature and 3 MB after it: the kit embeds the file as it is.
  const bigPng = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(3 * 1024 * 1024, 1)])
  const shown = (root: string, result: BuildResult) => result.diagnostics.map((d) => formatDiagnostic(d, (file) => path.relative(root, file) || file)).join('\n')

  it('is a warning at the brand.logo that sets it, with its size and a hint; the kit is still built', async () => {
    const root = minimalProject({
      'content/clients/acme.yml': 'name: Acme\nbrand:\n  primary: "#123456"\n  logo: logos/enorme.png\n',
      'content/clients/beta.yml': 'name: Beta\n',
    })
    mkdirSync(path.join(root, 'content', 'clients', 'logos'))
    writeFileSync(path.join(root, 'content', 'clients', 'logos', 'enorme.png'), bigPng)
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(true)
    expect(result.diagnostics.map((d) => d.code)).toEqual(['large-logo'])
    const report = shown(root, result)
    expect(report).toContain('content/clients/acme.yml:4:9: warning: logo "logos/enorme.png" is 3 MB, over the 2 MB a logo may have')
    expect(report).toMatch(/\n {4}hint: Use a smaller image/)
    expect(existsSync(path.join(root, 'dist', 'acme', 'deck.html'))).toBe(true)
    // An up-to-date rebuild says it again; --strict makes it an error.
    expect((await build({ root, formats: ['html'] })).diagnostics.map((d) => d.code)).toEqual(['large-logo'])
    const strict = await build({ root, formats: ['html'], strict: true })
    expect(strict.ok).toBe(false)
    expect(strict.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['error large-logo'])
  })

  it('set in workshop.yml for every client, is said once, there', async () => {
    const root = minimalProject({
      'content/workshop.yml': 'title: Taller\nlessons:\n  - intro\ndefaults:\n  brand:\n    logo: enorme.png\n',
      'content/clients/beta.yml': 'name: Beta\n',
    })
    writeFileSync(path.join(root, 'content', 'enorme.png'), bigPng)
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(true)
    expect(shown(root, result).split('\n')[0]).toBe('content/workshop.yml:6:11: warning: logo "enorme.png" is 3 MB, over the 2 MB a logo may have: every page of the kit that shows it embeds a copy')
  })

  it('of 2 MB or less is fine', async () => {
    const root = minimalProject({ 'content/clients/acme.yml': 'name: Acme\nbrand:\n  logo: justo.png\n' })
    writeFileSync(path.join(root, 'content', 'clients', 'justo.png'), bigPng.subarray(0, 2 * 1024 * 1024))
    const result = await build({ root, formats: ['html'] })
    expect(result.diagnostics).toEqual([])
  })
})
