// One build at a time in an output folder. The build that writes holds
// <out>/.workshop-kit.lock, a file made with O_EXCL that names its process;
// a second build stops at once and says which process holds the folder. A
// lock whose process is gone (a build killed with SIGKILL, a machine that
// restarted) is stale: the next build takes it over.
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs'
import path from 'node:path'

export const LOCK = '.workshop-kit.lock'

/** Another build holds the output folder. */
export class OutputLocked extends Error {
  override name = 'OutputLocked'
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(`${lockFile} is held by process ${pid}`)
  }
}

interface LockContent {
  pid: number
  host: string
  /** When the process started (ms): a pid used again by another process later is told apart. */
  started: number
  /** This lock's own mark, so that a build removes only the lock it made. */
  token: string
}

/** Takes the lock of `out` (which exists), or throws OutputLocked. Returns the release. */
export function lockOutput(out: string): () => void {
  const file = path.join(out, LOCK)
  const mine: LockContent = { pid: process.pid, host: hostname(), started: processStart(), token: randomUUID() }
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx')
      try {
        writeSync(fd, JSON.stringify(mine) + '\n')
      } finally {
        closeSync(fd)
      }
      return () => {
        if (readHolder(file)?.token === mine.token) rmSync(file, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error
      const holder = readHolder(file)
      if (holder && isAlive(holder)) throw new OutputLocked(file, holder.pid)
      // Stale (or unreadable, as a build that died while writing it leaves it): take it over once.
      rmSync(file, { force: true })
    }
  }
}

function readHolder(file: string): LockContent | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockContent>
    const ok = typeof data.pid === 'number' && typeof data.host === 'string' && typeof data.started === 'number' && typeof data.token === 'string'
    return ok ? (data as LockContent) : undefined
  } catch {
    return undefined
  }
}

/** A process on another machine (a shared folder) cannot be asked: it counts as alive. */
function isAlive(holder: LockContent): boolean {
  if (holder.host !== hostname()) return true
  // This very process (another build of the library, running alongside), or an earlier one that had our pid.
  if (holder.pid === process.pid) return Math.abs(holder.started - processStart()) < 1000
  try {
    process.kill(holder.pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function processStart(): number {
  return Math.round(performance.timeOrigin)
}
