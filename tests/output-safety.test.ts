// Never lose a user's file: the kit replaces or removes only what its own
// record says it wrote, refuses an output folder where a client folder could
// replace the project's sources, and tells clients apart by id.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from './helpers/cli.js'
import { minimalProject } from './helpers/project.js'

/** Every file under a folder with its bytes, to show nothing changed. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name)
      files[path.relative(folder, file)] = readFileSync(file, 'utf8')
    }
  }
  return files
}

describe('the output folder', () => {
  it('is refused when it is the project itself, even with a client named "content"', () => {
    const root = minimalProject({ 'content/clients/content.yml': 'name: Contenido\n' })
    const before = snapshot(root)
    const run = runCli(['build', '--root', root, '--out', root, '--format', 'html'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('is the project folder itself')
    expect(snapshot(root)).toEqual(before)
  })

  it('is refused inside content/ or templates/, even with a client named "lessons"', () => {
    const root = minimalProject({ 'content/clients/lessons.yml': 'name: Lecciones\n' })
    const before = snapshot(root)
    for (const out of ['content', 'content/lessons', 'templates/site']) {
      const run = runCli(['build', '--root', root, '--out', path.join(root, out), '--format', 'html'])
      expect(run.code, out).toBe(2)
      expect(run.stderr, out).toMatch(/lies inside the project's (content|templates)\//)
    }
    expect(snapshot(root)).toEqual(before)
  })

  it("is refused when it holds the project under a name a client folder could take", () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'wk-parent-'))
    const root = path.join(parent, 'taller')
    mkdirSync(root)
    const project = minimalProject({ 'content/clients/taller.yml': 'name: Taller\n' })
    for (const file of Object.keys(snapshot(project))) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
      writeFileSync(path.join(root, file), readFileSync(path.join(project, file)))
    }
    const before = snapshot(root)
    const run = runCli(['build', '--root', root, '--out', parent, '--format', 'html'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('holds the project')
    expect(snapshot(root)).toEqual(before)
  })

  it('keeps a folder it did not write: a client of that name is an error at the client file', () => {
    const root = minimalProject()
    const out = mkdtempSync(path.join(tmpdir(), 'wk-out-'))
    mkdirSync(path.join(out, 'acme'))
    writeFileSync(path.join(out, 'acme', 'notas.txt'), 'mías\n')
    const run = runCli(['build', '--out', out, '--format', 'html'], root)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^content\/clients\/acme\.yml:1:1: error: .*acme is already in the output folder and was not written by workshop-kit/m)
    expect(snapshot(out)).toEqual({ 'acme/notas.txt': 'mías\n' })
  })

  it("keeps an index.html it did not write, and replaces its own on the next build", () => {
    const root = minimalProject()
    const out = mkdtempSync(path.join(tmpdir(), 'wk-out-'))
    writeFileSync(path.join(out, 'index.html'), '<p>mi web</p>\n')
    const refused = runCli(['build', '--out', out, '--format', 'html'], root)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('index.html is already in the output folder')
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('<p>mi web</p>\n')

    const fresh = mkdtempSync(path.join(tmpdir(), 'wk-out-'))
    expect(runCli(['build', '--out', fresh, '--format', 'html'], root).code).toBe(0)
    expect(runCli(['build', '--out', fresh, '--format', 'html', '--force'], root).code).toBe(0)
    expect(existsSync(path.join(fresh, 'acme', 'deck.html'))).toBe(true)
  })
})

describe("a user's files inside a client's kit folder", () => {
  it('stay through a rebuild, the client leaving the project, and a new kit file at their path', () => {
    const root = minimalProject({ 'content/clients/beta.yml': 'name: Beta\n' })
    const dist = path.join(root, 'dist')
    expect(runCli(['build', '--root', root, '--format', 'html']).code).toBe(0)
    // Marp's own output beside deck.md, and notes of the trainer's.
    writeFileSync(path.join(dist, 'acme', 'marp.html'), 'marp')
    mkdirSync(path.join(dist, 'acme', 'notas'))
    writeFileSync(path.join(dist, 'acme', 'notas', 'sesión.txt'), 'mías')
    writeFileSync(path.join(dist, 'beta', 'lessons', 'otra.html'), 'a page of mine')

    expect(runCli(['build', '--root', root, '--format', 'html', '--force']).code).toBe(0)
    expect(readFileSync(path.join(dist, 'acme', 'marp.html'), 'utf8')).toBe('marp')
    expect(readFileSync(path.join(dist, 'acme', 'notas', 'sesión.txt'), 'utf8')).toBe('mías')

    // A new lesson: the kit now writes lessons/otra.html, where beta's folder held the user's file.
    writeFileSync(path.join(root, 'content', 'lessons', 'otra.md'), '# Otra\n')
    writeFileSync(path.join(root, 'content', 'workshop.yml'), 'title: Taller de prueba\nlessons:\n  - intro\n  - otra\n')
    expect(runCli(['build', '--root', root, '--format', 'html']).code).toBe(0)
    expect(readFileSync(path.join(dist, 'beta', 'lessons', 'otra.html'), 'utf8')).toContain('Otra')
    expect(readFileSync(path.join(dist, '.workshop-kit-kept', 'beta', 'lessons', 'otra.html'), 'utf8')).toBe('a page of mine')

    // Acme leaves the project: its kit goes, the user's files in its folder stay.
    rmSync(path.join(root, 'content', 'clients', 'acme.yml'))
    expect(runCli(['build', '--root', root, '--format', 'html']).code).toBe(0)
    expect(snapshot(path.join(dist, 'acme'))).toEqual({ 'marp.html': 'marp', [path.join('notas', 'sesión.txt')]: 'mías' })
  })
})

describe('when the disk says no', () => {
  it('an --out that is a file gets a message naming it, exit 1, and the file is left as it was', () => {
    const root = minimalProject()
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'wk-out-')), 'kit')
    writeFileSync(file, 'no soy una carpeta\n')
    for (const out of [file, path.join(file, 'dentro')]) {
      const run = runCli(['build', '--out', out, '--format', 'html'], root)
      expect(run.code, out).toBe(1)
      expect(run.stderr, out).toContain(`workshop-kit: error: cannot write ${out}`)
      expect(run.stderr, out).toContain('hint: A file stands where the kit needs a folder')
      expect(run.stderr, out).not.toContain('internal error')
    }
    expect(readFileSync(file, 'utf8')).toBe('no soy una carpeta\n')
  })
})

describe('client ids', () => {
  it('acme.yml and acme.yaml are one id: both files are named, nothing is built', () => {
    const root = minimalProject({ 'content/clients/acme.yaml': 'name: Otra Acme\n' })
    const run = runCli(['build', '--format', 'html'], root)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('content/clients/acme.yaml:1:1: error: client "acme" is defined twice: here and in content/clients/acme.yml')
    expect(run.stderr).toContain('content/clients/acme.yml:1:1: error: client "acme" is defined twice: here and in content/clients/acme.yaml')
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
  })

  it('a name the kit keeps for itself in the output folder is an error', () => {
    const root = minimalProject({ 'content/clients/assets.yml': 'name: Assets\n' })
    const run = runCli(['build', '--format', 'html'], root)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('content/clients/assets.yml:1:1: error: "assets" cannot be a client id')
  })
})
