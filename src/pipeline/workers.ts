// Clients are independent, so a build spreads them over worker threads. Each
// worker loads the project and prepares Marp once, then builds the clients it
// is handed, one at a time, as it becomes free. Results are put back in
// client order, so the output does not depend on which worker was faster.
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { AbortError, stopIfAsked } from '../diagnostics/errors.js'
import { buildClient, type ClientKit, type ClientOutputs, type Kit } from '../kit/build-client.js'
import type { ClientEntry } from '../project/load.js'
import { packageRoot } from '../project/package-root.js'

/** Below this many clients per worker, starting workers costs more than it saves. */
const MIN_CLIENTS_PER_WORKER = 4

/**
 * Worker threads a build uses when --jobs is not given. Measured on two
 * cores (140 clients): one thread 5.2 s, two workers 7.3 s. Each worker loads
 * the kit and warms its own caches, and a single build already keeps the
 * second core busy with V8's garbage collection. So workers start from three
 * cores on, leaving one for that, and only with clients enough.
 */
export function defaultJobs(clients: number): number {
  const cores = availableParallelism()
  if (cores <= 2) return 1
  return Math.max(1, Math.min(cores - 1, Math.floor(clients / MIN_CLIENTS_PER_WORKER)))
}

/**
 * Builds every client and hands each result to `onBuilt` as soon as it is
 * ready (with the client's position in `entries`), so its files can be
 * written and dropped from memory.
 */
export async function buildClients(
  entries: ClientEntry[],
  kit: Kit,
  jobs: number,
  onBuilt: (index: number, result: ClientKit) => void,
  signal?: AbortSignal,
  /** What every client's kit is built with (buildClient's options). */
  clientOptions: ClientOutputs = {},
): Promise<void> {
  const threads = Math.min(jobs, entries.length)
  if (threads <= 1) {
    for (const [index, entry] of entries.entries()) {
      // Between clients: Ctrl-C and SIGTERM are heard and stop the build here.
      await stopIfAsked(signal)
      onBuilt(index, buildClient(entry, kit, clientOptions))
    }
    return
  }

  // The compiled worker, also when the library itself runs from source (tests).
  const script = path.join(packageRoot, 'lib', 'pipeline', 'client-worker.js')
  const workers: Worker[] = []
  let next = 0
  try {
    await new Promise<void>((resolve, reject) => {
      let done = 0
      const stop = () => reject(new AbortError())
      signal?.addEventListener('abort', stop, { once: true })
      const handOut = (worker: Worker) => {
        if (next < entries.length) worker.postMessage({ index: next, id: entries[next++].id })
      }
      for (let i = 0; i < threads; i++) {
        const worker = new Worker(script, { workerData: { root: kit.project.root, clientOptions } })
        workers.push(worker)
        worker.on('message', (message: { ready?: true; index?: number; result?: ClientKit; error?: string }) => {
          if (message.error) return reject(new Error(message.error))
          if (message.index !== undefined && message.result) {
            onBuilt(message.index, message.result)
            if (++done === entries.length) return resolve()
          }
          handOut(worker)
        })
        worker.on('error', reject)
        worker.on('exit', (code) => {
          if (code !== 0 && done < entries.length) reject(new Error(`a build worker stopped (exit code ${code})`))
        })
      }
    })
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}
