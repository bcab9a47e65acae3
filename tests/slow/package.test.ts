// The published package, used as a newcomer uses it: `npm pack`, the tarball
// installed in an empty folder, `npx workshop-kit init w`, a build in w, the
// library imported from a plain ESM script and from TypeScript, and the
// editor support init wrote resolving into node_modules/workshop-kit once the
// project installed the kit. Dependencies come from npm's cache (--prefer-offline):
// the CI's `npm ci` has put them there.
import { execFileSync, spawn, type ExecFileSyncOptions } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../helpers/project.js'

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
const quiet = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']

function run(command: string, args: string[], cwd: string, options: ExecFileSyncOptions = {}): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000, ...options }) as string
}

describe('the package from a tarball', () => {
  let tarball = ''
  let home = ''

  beforeAll(() => {
    const packed = mkdtempSync(path.join(tmpdir(), 'wk-pack-'))
    // --ignore-scripts: lib/ is built already (pretest), and other test files are reading it.
    run(npm, ['pack', '--ignore-scripts', '--pack-destination', packed, '--loglevel=error'], repoRoot)
    tarball = path.join(packed, readdirSync(packed).find((f) => f.endsWith('.tgz'))!)
    home = mkdtempSync(path.join(tmpdir(), 'wk-newcomer-'))
    writeFileSync(path.join(home, 'package.json'), JSON.stringify({ name: 'newcomer', version: '1.0.0', private: true }))
    run(npm, ['install', tarball, ...quiet], home)
  }, 600_000)

  it('holds what init and build need, and nothing of the tests', () => {
    const files = run('tar', ['tzf', tarball], repoRoot).split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''))
    for (const needed of ['LICENSE', 'README.md', 'bin/workshop-kit.js', 'lib/index.js', 'lib/index.d.ts', 'schemas/client.schema.json', 'schemas/workshop.schema.json', 'templates/themes/workshop-kit.css', 'starter/content/workshop.yml', 'content/workshop.yml']) {
      expect(files).toContain(needed)
    }
    expect(files.filter((f) => /^(tests|scripts|src|\.ci)\//.test(f) || /\.test\./.test(f))).toEqual([])
    const manifest = JSON.parse(readFileSync(path.join(home, 'node_modules', 'workshop-kit', 'package.json'), 'utf8'))
    // An installed package runs nothing at install time.
    expect(Object.keys(manifest.scripts ?? {}).filter((s) => /^(pre|post)?install$|^prepare$/.test(s))).toEqual([])
  })

  it('npx workshop-kit init w, then a build in w, writes a kit', () => {
    run(npx, ['--no-install', 'workshop-kit', 'init', 'w'], home)
    const w = path.join(home, 'w')
    const said = run(npx, ['--no-install', 'workshop-kit', 'build', '--format', 'html'], w, { stdio: ['ignore', 'pipe', 'pipe'] })
    expect(said).toBe('')
    for (const page of ['index.html', 'acme/deck.html', 'acme/deck.md', 'acme/worksheet.html', 'acme/guide.html']) expect(existsSync(path.join(w, 'dist', page)), page).toBe(true)
    expect(readFileSync(path.join(w, 'dist', 'acme', 'deck.html'), 'utf8')).toContain('Acme Tools')
  })

  it('npx workshop-kit dev serves the new project, and Ctrl-C stops it', async () => {
    const w = path.join(home, 'w')
    // The installed bin, started as npx starts it, but without npx's shell between: Ctrl-C reaches it.
    const dev = spawn(process.execPath, [path.join(home, 'node_modules', 'workshop-kit', 'bin', 'workshop-kit.js'), 'dev', '--port', '0'], { cwd: w })
    let said = ''
    dev.stderr.on('data', (chunk) => (said += chunk))
    dev.stdout.on('data', (chunk) => (said += chunk))
    const exited = new Promise<number | null>((resolve) => dev.on('close', (code) => resolve(code)))
    try {
      const deadline = Date.now() + 60_000
      while (!/serving (http:\/\/\S+)/.test(said) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
      const url = /serving (http:\/\/\S+)/.exec(said)![1].replace(/\/$/, '')
      const deck = await (await fetch(`${url}/acme/deck.html`)).text()
      expect(deck).toContain('Welcome, Acme Tools')
      dev.kill('SIGINT')
      expect(await exited).toBe(130)
    } finally {
      if (dev.exitCode === null) dev.kill('SIGKILL')
    }
  })

  it('imports from a plain ESM script, with the schemas as exports', () => {
    writeFileSync(
      path.join(home, 'use.mjs'),
      [
        "import { build, initProject } from 'workshop-kit'",
        "import { createRequire } from 'node:module'",
        'const require = createRequire(import.meta.url)',
        "const schema = require('workshop-kit/schemas/client.schema.json')",
        "const manifest = require('workshop-kit/package.json')",
        "initProject({ dir: 'from-script' })",
        "const result = await build({ root: 'from-script', formats: ['html'] })",
        'console.log(JSON.stringify({ ok: result.ok, clients: result.clients, schema: typeof schema.properties, version: manifest.version }))',
      ].join('\n'),
    )
    const printed = JSON.parse(run(process.execPath, ['use.mjs'], home))
    expect(printed).toEqual({ ok: true, clients: ['acme'], schema: 'object', version: expect.stringMatching(/^\d+\.\d+\.\d+/) })
  })

  it('type-checks from TypeScript (nodenext), without @types/node', () => {
    writeFileSync(
      path.join(home, 'use.mts'),
      [
        "import { build, check, type BuildOptions, type BuildResult, type Diagnostic } from 'workshop-kit'",
        "const options: BuildOptions = { root: 'w', formats: ['html'] }",
        'const result: BuildResult = await build(options)',
        'const first: Diagnostic | undefined = result.diagnostics[0]',
        'void check({ root: "w" })',
        'export const code: string | undefined = first?.code',
      ].join('\n'),
    )
    writeFileSync(
      path.join(home, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: [] }, files: ['use.mts'] }),
    )
    run(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], home)
  })

  it("init's editor support resolves once the project has installed the kit", () => {
    const project = path.join(home, 'editor')
    run(npx, ['--no-install', 'workshop-kit', 'init', 'editor'], home)
    run(npm, ['install', tarball, ...quiet], project)
    const schemaOf = (file: string) => /\$schema=(\S+)/.exec(readFileSync(path.join(project, file), 'utf8'))![1]
    for (const file of ['content/workshop.yml', 'content/clients/acme.yml']) {
      expect(existsSync(path.resolve(path.dirname(path.join(project, file)), schemaOf(file))), file).toBe(true)
    }
    const settings = JSON.parse(readFileSync(path.join(project, '.vscode', 'settings.json'), 'utf8'))['yaml.schemas'] as Record<string, string>
    for (const schema of Object.keys(settings)) expect(existsSync(path.join(project, schema)), schema).toBe(true)
    expect(run(npm, ['run', 'build', '--silent', '--', '--format', 'html'], project)).toBe('')
    expect(existsSync(path.join(project, 'dist', 'acme', 'deck.html'))).toBe(true)
  })
})
