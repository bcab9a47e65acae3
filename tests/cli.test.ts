// The command line contract: commands, flags, exit codes, --json, outputs.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from './helpers/cli.js'
import { minimalProject, repoRoot } from './helpers/project.js'

describe('workshop-kit CLI', () => {
  it('prints help and version', () => {
    const help = runCli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('workshop-kit build [--root DIR] [--out DIR] [--client ID]... [--format html,pdf] [--strict]')
    expect(help.stdout).toContain('[--jobs N] [--shard I/N] [--force] [--json]')
    expect(help.stdout).toContain('workshop-kit check [--root DIR] [--client ID]... [--strict] [--json]')
    const version = runCli(['--version'])
    expect(version.code).toBe(0)
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version)
  })

  it('exits 2 on usage errors', () => {
    expect(runCli([]).code).toBe(2)
    expect(runCli(['bake']).code).toBe(2)
    expect(runCli(['build', '--frobnicate']).code).toBe(2)
    expect(runCli(['build', '--root']).code).toBe(2)
    const format = runCli(['build', '--format', 'html,docx'])
    expect(format.code).toBe(2)
    expect(format.stderr).toContain('unknown format "docx" (html, pdf or html,pdf)')
    expect(runCli(['build', '--timeout', 'soon']).code).toBe(2)
    expect(runCli(['check', '--format', 'pdf']).code).toBe(2)
    const noContent = runCli(['build', '--root', tmpdir()])
    expect(noContent.code).toBe(2)
    expect(noContent.stderr).toMatch(/no content\/ folder/)
    const unknownClient = runCli(['build', '--root', minimalProject(), '--client', 'zeta'])
    expect(unknownClient.code).toBe(2)
    expect(unknownClient.stderr).toMatch(/unknown client "zeta"/)
  })

  it('builds into --out, one client with --client, with a JSON summary', () => {
    const root = minimalProject({ 'content/clients/beta.yml': 'name: Beta\n' })
    const out = mkdtempSync(path.join(tmpdir(), 'wk-out-'))
    const run = runCli(['build', '--root', root, '--out', out, '--client', 'beta', '--json', '--format', 'html'])
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout)
    expect(summary.ok).toBe(true)
    expect(summary.clients).toEqual(['beta'])
    expect(summary.outputs).toEqual(
      expect.arrayContaining(['beta/deck.html', 'beta/deck.md', 'beta/lessons/intro.html', 'beta/worksheet.html', 'beta/guide.html', 'beta/index.html', 'index.html']),
    )
    for (const file of summary.outputs) expect(existsSync(path.join(out, file)), file).toBe(true)
    expect(existsSync(path.join(out, 'acme'))).toBe(false)
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
  })

  it('check validates and writes nothing', () => {
    const root = minimalProject()
    const run = runCli(['check', '--root', root])
    expect(run.code).toBe(0)
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
  })

  it('defaults --root to the current folder and --out to <root>/dist', () => {
    const root = minimalProject()
    expect(runCli(['build', '--format', 'html'], root).code).toBe(0)
    expect(readdirSync(path.join(root, 'dist')).sort()).toEqual(['.workshop-kit.json', 'acme', 'index.html'])
  })

  it('removes the kit of a client that left the project, and nothing else', () => {
    const root = minimalProject({ 'content/clients/beta.yml': 'name: Beta\n' })
    expect(runCli(['build', '--format', 'html'], root).code).toBe(0)
    writeFileSync(path.join(root, 'dist', 'notes.txt'), 'mine')
    rmSync(path.join(root, 'content', 'clients', 'beta.yml'))
    expect(runCli(['build', '--format', 'html'], root).code).toBe(0)
    expect(existsSync(path.join(root, 'dist', 'beta'))).toBe(false)
    expect(existsSync(path.join(root, 'dist', 'acme', 'deck.html'))).toBe(true)
    expect(readFileSync(path.join(root, 'dist', 'notes.txt'), 'utf8')).toBe('mine')
  })

  it('prints the client JSON Schema', () => {
    const run = runCli(['schema'])
    expect(run.code).toBe(0)
    const schema = JSON.parse(run.stdout)
    expect(schema.required).toEqual(['name'])
    // The committed copy editors point at is current.
    expect(schema).toEqual(JSON.parse(readFileSync(path.join(repoRoot, 'schemas', 'client.schema.json'), 'utf8')))
  })
})
