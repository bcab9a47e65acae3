// What the disk says no with, on a real file system: a full disk (ENOSPC) and
// a read-only one (EROFS), on small tmpfs mounts. The build says which path
// and what to do, exits 1, and the previous kit is as it was. Mounting needs
// root (and a container allowed to mount); elsewhere these tests are skipped.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, statfsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { expectSameFiles, tree } from '../helpers/files.js'
import { minimalProject } from '../helpers/project.js'

const mounted: string[] = []

function tmpfs(size: string): string | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'wk-disk-'))
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' })
  if (mount.status !== 0) return undefined
  mounted.push(dir)
  return dir
}

const canMount = (() => {
  const probe = tmpfs('64k')
  return probe !== undefined
})()

afterEach(() => {
  for (const dir of mounted.splice(0)) spawnSync('umount', [dir])
})

describe.skipIf(!canMount)('the disk says no', () => {
  it('a full disk: the path, "no space left", what to do; the previous kit kept', () => {
    const root = minimalProject()
    const disk = tmpfs('4m')!
    const out = path.join(disk, 'kit')
    expect(runCli(['build', '--format', 'html', '--out', out], root).code).toBe(0)
    const before = tree(out)
    // Fill the disk but for a few kilobytes.
    const free = statfsSync(disk).bavail * statfsSync(disk).bsize
    writeFileSync(path.join(disk, 'filler'), Buffer.alloc(Math.max(0, free - 16 * 1024)))
    const run = runCli(['build', '--format', 'html', '--out', out, '--force'], root)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/error: cannot write .*: no space left on device; the previous kit is as it was/)
    expect(run.stderr).toContain('hint: Free some disk space and build again.')
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /)
    expectSameFiles(tree(out), before)
    expect(existsSync(path.join(out, '.workshop-kit-staging'))).toBe(false)
  })

  it('a read-only disk: the path, "read-only file system", what to do; the previous kit kept', () => {
    const root = minimalProject()
    const disk = tmpfs('4m')!
    const out = path.join(disk, 'kit')
    expect(runCli(['build', '--format', 'html', '--out', out], root).code).toBe(0)
    const before = tree(out)
    expect(spawnSync('mount', ['-o', 'remount,ro', disk]).status).toBe(0)
    const run = runCli(['build', '--format', 'html', '--out', out, '--force'], root)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/error: cannot write .*kit.*: read-only file system; the previous kit is as it was/)
    expect(run.stderr).toContain('hint: Check that you may write to the output folder, or choose another with --out.')
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /)
    expectSameFiles(tree(out), before)
  })
})
