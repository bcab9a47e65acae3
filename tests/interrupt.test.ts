// Ctrl-C and SIGTERM stop an HTML-only build at any moment: exit 130, the
// previous kit exactly as it was, no staging folder left behind.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { expectSameFiles, tree } from './helpers/files.js'
import { runCli } from './helpers/cli.js'
import { minimalProject, repoRoot } from './helpers/project.js'

/** A project whose HTML build takes a few seconds: many clients of one lesson. */
function manyClients(): string {
  const clients: Record<string, string> = {}
  for (let i = 0; i < 60; i++) clients[`content/clients/c${String(i).padStart(2, '0')}.yml`] = `name: Cliente ${i}\nsector: sector ${i % 7}\n`
  return minimalProject(clients)
}

/** Starts a build and sends `signal` once its staging folder exists; resolves with the exit code. */
function interrupted(root: string, signal: NodeJS.Signals): Promise<number | null> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'workshop-kit.js'), 'build', '--format', 'html', '--force'], { cwd: root })
  const staging = path.join(root, 'dist', '.workshop-kit-staging')
  const watch = setInterval(() => {
    if (existsSync(staging)) {
      clearInterval(watch)
      child.kill(signal)
    }
  }, 5)
  return new Promise((resolve) => child.on('exit', (code) => (clearInterval(watch), resolve(code))))
}

describe.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('%s during an HTML-only build', (signal) => {
  it('exits 130, keeps the previous kit and leaves no staging folder', async () => {
    const root = manyClients()
    expect(runCli(['build', '--format', 'html'], root).code).toBe(0)
    const before = tree(path.join(root, 'dist'))
    writeFileSync(path.join(root, 'content', 'lessons', 'intro.md'), '# Cambiada\n\nOtra lección.\n')
    const code = await interrupted(root, signal)
    expect(code).toBe(130)
    expect(readdirSync(path.join(root, 'dist'))).not.toContain('.workshop-kit-staging')
    expectSameFiles(tree(path.join(root, 'dist')), before)
  })
})
