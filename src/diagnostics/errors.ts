// The two ways a build ends early that are not problems in the content. Every
// other exception that leaves the library is a bug in the kit (the CLI says
// "internal error, please report it", exit code 3).
import { catalogue, type ArgsOf, type CatalogueEntry, type DiagnosticCode } from './catalogue.js'

/** A mistake in how the build was asked for, not in the content (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError'
  constructor(
    message: string,
    /** What to do about it, when there is more to say than the message. */
    readonly hint?: string,
  ) {
    super(message)
  }
}

/** A UsageError with the catalogue's words for `code`. */
export function usageError<C extends DiagnosticCode>(code: C, args: ArgsOf<C>): UsageError {
  const entry = catalogue[code] as unknown as CatalogueEntry<ArgsOf<C>>
  return new UsageError(entry.message(args), entry.hint(args))
}

/** The build was stopped (Ctrl-C, SIGTERM, an AbortSignal): nothing was written (exit code 130). */
export class AbortError extends Error {
  override name = 'AbortError'
  constructor() {
    super('the build was stopped')
  }
}

/** Throws an AbortError when `signal` has fired: a stage calls it between steps. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError()
}

/**
 * Gives the event loop a turn, so that a signal (Ctrl-C) that came during
 * synchronous work is heard, then throws an AbortError if it stopped the build.
 */
export async function stopIfAsked(signal: AbortSignal | undefined): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve))
  throwIfAborted(signal)
}

/** What the system said, without Node's "EACCES: ..., open '<path>'" wrapping. */
export function systemReason(error: Error): string {
  return error.message.replace(/^[A-Z]+: /, '').replace(/, \w+( '.*')?$/, '')
}
