// Every kind of bad input, through the real command line: one positioned
// message in the author's own file, exit code 1, no stack trace, and the
// previous kit untouched. (The same inputs in process: tests/bad-input.test.ts.)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { badInputs } from '../helpers/bad-inputs.js'
import { runCli } from '../helpers/cli.js'
import { copyProject, minimalProject } from '../helpers/project.js'

describe('bad input on the command line', () => {
  /** A minimal project with its kit built by the command line: each case breaks a copy of it. */
  let built: string

  beforeAll(() => {
    built = minimalProject()
    const run = runCli(['build', '--format', 'html'], built)
    expect(run.code, run.stderr).toBe(0)
  })

  for (const [name, c] of Object.entries(badInputs)) {
    it(`${name}: one positioned error, exit 1, previous kit untouched`, () => {
      const root = copyProject(built)
      const deck = path.join(root, 'dist', 'acme', 'deck.html')
      const before = readFileSync(deck)

      for (const [file, content] of Object.entries(c.files)) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
        writeFileSync(path.join(root, file), content)
      }
      const run = runCli(['build', '--format', 'html'], root)
      expect(run.code).toBe(1)
      const errors = run.stderr.split('\n').filter((line) => /^\S+:\d+:\d+: (?!warning)/.test(line))
      expect(errors, run.stderr).toHaveLength(1)
      expect(errors[0].startsWith(`${c.at}: `), run.stderr).toBe(true)
      expect(errors[0]).toMatch(c.message)
      expect(run.stderr).toMatch(/\n {4}hint: \S/)
      expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/) // no stack trace
      expect(readFileSync(deck).equals(before)).toBe(true)
      expect(existsSync(path.join(root, 'dist', '.workshop-kit-staging'))).toBe(false)
      expect(existsSync(path.join(root, 'PWNED'))).toBe(false)
    })
  }
})
