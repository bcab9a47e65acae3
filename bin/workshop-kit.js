#!/usr/bin/env node
// Thin launcher: all behaviour lives in the compiled library (lib/cli/main.js).
// It owns the process's stop signals from the first line to the exit: Ctrl-C,
// a kill or a closed terminal stop the build (which writes nothing and exits
// 130); every signal after the first is heard too, so the build can remove its
// staging folder. One that comes after the run has ended exits at once with
// the run's code: the kit on disk is then the one the run reported.
import { main } from '../lib/cli/main.js'

const stop = new AbortController()
let finished
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => (finished === undefined ? stop.abort() : process.exit(finished)))
}

main(process.argv.slice(2), stop.signal).then((code) => {
  finished = code
  process.exitCode = code
  // Exit once what was printed is out, rather than letting the process wind
  // down: while Node tears down it gives the signals back to the system, and
  // a Ctrl-C in that moment would end a finished run as if it had been stopped.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)))
})
