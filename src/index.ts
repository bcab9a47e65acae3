// Public API of workshop-kit.
export { build, check, shardOf, type BuildOptions, type BuildResult } from './pipeline/build.js'
export { startDevServer, DEFAULT_PORT, type DevOptions, type DevServer, type DevStart, type DevEvent } from './dev/server.js'
export { AbortError, UsageError } from './diagnostics/errors.js'
export { catalogue, type DiagnosticCode } from './diagnostics/catalogue.js'
export type { Diagnostic } from './diagnostics/reporter.js'
export { formatDiagnostic } from './diagnostics/format.js'
export { clientSchema, workshopSchema } from './project/schema.js'
export type { ClientData, WorkshopData } from './project/cascade.js'
