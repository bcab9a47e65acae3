// Which browser processes a command left running (read from /proc, Linux).
import { existsSync, readdirSync, readFileSync } from 'node:fs'

interface Proc {
  pid: number
  ppid: number
  state: string
  name: string
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // "pid (name) state ppid ...": the name may hold spaces and parentheses.
    const close = stat.lastIndexOf(')')
    const [state, ppid] = stat.slice(close + 2).split(' ')
    return { pid, ppid: Number(ppid), state, name: stat.slice(stat.indexOf('(') + 1, close) }
  } catch {
    return undefined
  }
}

/** Browser processes (running, not zombies) below `root` in the process tree. */
export function browserDescendants(root: number): number[] {
  const all = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readProc(Number(entry)))
    .filter((p): p is Proc => p !== undefined)
  const children = new Map<number, Proc[]>()
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p])
  const found: number[] = []
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      if (/chrom/i.test(child.name) && child.state !== 'Z') found.push(child.pid)
      walk(child.pid)
    }
  }
  walk(root)
  return found
}

/** Those of `pids` still running (gone and zombie processes do not count). */
export function stillRunning(pids: number[]): number[] {
  return pids.filter((pid) => existsSync(`/proc/${pid}`) && readProc(pid)?.state !== 'Z')
}

