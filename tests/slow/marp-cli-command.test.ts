// The README's marp-cli command, run as written: deck.md opens in Marp's own
// tool with the kit's theme, and the kit's files are left as they were.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { expectSameFiles, tree } from '../helpers/files.js'
import { minimalProject, repoRoot } from '../helpers/project.js'

describe("the README's marp-cli command", () => {
  it('renders deck.md with the kit theme into marp-preview/, and leaves the kit alone', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8')
    const line = /^npx @marp-team\/marp-cli (.*)$/m.exec(readme)
    expect(line).not.toBeNull()
    const args = line![1].replaceAll('<client>', 'acme').split(' ')
    const root = minimalProject()
    expect(runCli(['build', '--format', 'html'], root).code).toBe(0)
    const kit = tree(path.join(root, 'dist'))
    // As in this repository: the theme folder is the repository's own.
    const run = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'marp'), args.map((a) => (a === 'templates/themes' ? path.join(repoRoot, a) : a)), {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(run.status, run.stderr).toBe(0)
    const html = readFileSync(path.join(root, 'marp-preview', 'acme.html'), 'utf8')
    expect(html).toContain('--wk-primary')
    expect(html).toContain('Hola Acme')
    expectSameFiles(tree(path.join(root, 'dist')), kit)
    expect(existsSync(path.join(root, 'dist', 'acme', 'deck.html'))).toBe(true)
  })
})
