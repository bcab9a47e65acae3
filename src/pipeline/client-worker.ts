// A build worker (see workers.ts): loads the project once, then builds each
// client the main thread hands it and sends the result back.
import { parentPort, workerData } from 'node:worker_threads'
import { Reporter } from '../diagnostics/reporter.js'
import { buildClient, prepareKit, type ClientOutputs } from '../kit/build-client.js'
import { loadProject } from '../project/load.js'

const port = parentPort!
// Problems in the project itself were reported by the main thread, which loaded it first.
const { root, clientOptions } = workerData as { root: string; clientOptions?: ClientOutputs }
const project = loadProject(root, new Reporter())
if (!project) {
  port.postMessage({ error: 'the project could not be loaded in a build worker' })
} else {
  const kit = prepareKit(project, new Reporter())
  port.on('message', ({ index, id }: { index: number; id: string }) => {
    const entry = project.clients.find((client) => client.id === id)
    if (!entry) return port.postMessage({ error: `client ${id} is not in the project` })
    port.postMessage({ index, result: buildClient(entry, kit, clientOptions) })
  })
  port.postMessage({ ready: true })
}
