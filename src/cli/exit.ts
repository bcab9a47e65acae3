// Exit codes, and what the command line says when a run ends with an exception.
import { AbortError, UsageError } from '../diagnostics/errors.js'

export const EXIT = {
  ok: 0,
  /** The content has errors (reported as diagnostics). */
  content: 1,
  /** The command line, or the build it asks for, is wrong. */
  usage: 2,
  /** A bug in the kit. */
  internal: 3,
  /** Ctrl-C, SIGTERM. */
  stopped: 130,
} as const

export interface Output {
  stdout(text: string): void
  stderr(text: string): void
}

/** The exit code of a run that threw `error`; `aborted`: the run's abort signal had fired. */
export function exitCodeOf(error: unknown, aborted: boolean): number {
  if (aborted || error instanceof AbortError) return EXIT.stopped
  if (error instanceof UsageError) return EXIT.usage
  return EXIT.internal
}

/** Says why the run ended (on stderr; a usage error also as JSON on stdout with --json) and returns the exit code. */
export function reportFailure(error: unknown, run: { aborted: boolean; json: boolean }, out: Output): number {
  const code = exitCodeOf(error, run.aborted)
  if (code === EXIT.stopped) {
    out.stderr('workshop-kit: stopped; nothing was written\n')
  } else if (error instanceof UsageError) {
    if (run.json) out.stdout(JSON.stringify({ ok: false, usageError: error.message }, null, 2) + '\n')
    out.stderr(`workshop-kit: ${error.message}\n${error.hint ? `    hint: ${error.hint}\n` : ''}`)
  } else {
    // A bug in the kit, not in the content: everything a report needs.
    const message = error instanceof Error ? error.message : String(error)
    const stack = error instanceof Error && error.stack ? `${error.stack}\n` : ''
    out.stderr(`workshop-kit: internal error, please report it: ${message}\n${stack}`)
  }
  return code
}
