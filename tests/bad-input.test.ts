// Every kind of bad input gets one positioned message in the author's own
// file, with a hint, and leaves the previous kit untouched. Built in process,
// the report formatted as the command line prints it; the same inputs through
// the real command line (exit code 1, no stack trace): tests/slow/bad-input-cli.test.ts.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, formatDiagnostic } from '../src/index.js'
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

      for (const [file, content] of Object.entries(c.files)) writeFileSync(path.join(root, file), content)
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
