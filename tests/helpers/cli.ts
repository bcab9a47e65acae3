// Runs the real command line, as a user would.
import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { browserDescendants } from './processes.js'
import { repoRoot } from './project.js'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export function runCli(args: string[], cwd = repoRoot, env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'workshop-kit.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, WORKSHOP_KIT_DEBUG: '', ...env },
  })
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}

export interface TrackedRun extends CliRun {
  /** Browser processes seen below the command while it ran. */
  browsers: number[]
}

/**
 * Runs the command line asynchronously, watching which browser processes it
 * starts; `whenBrowser` is called once the first one appears (to interrupt it).
 */
export function runCliTracked(args: string[], cwd: string, whenBrowser?: (pid: number) => void): Promise<TrackedRun> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'workshop-kit.js'), ...args], {
    cwd,
    env: { ...process.env, WORKSHOP_KIT_DEBUG: '' },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const browsers = new Set<number>()
  let told = false
  const poll = setInterval(() => {
    for (const pid of browserDescendants(child.pid!)) browsers.add(pid)
    if (browsers.size && !told && whenBrowser) {
      told = true
      whenBrowser(child.pid!)
    }
  }, 50)
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearInterval(poll)
      resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr, browsers: [...browsers] })
    })
  })
}
