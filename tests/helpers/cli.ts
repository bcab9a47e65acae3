// Runs the real command line, as a user would.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { repoRoot } from './project.js'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export function runCli(args: string[], cwd = repoRoot): CliRun {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'workshop-kit.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, WORKSHOP_KIT_DEBUG: '' },
  })
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}
