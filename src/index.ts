// Public API of workshop-kit.
export { build, check, shardOf, UsageError, type BuildOptions, type BuildResult } from './build.js'
export { formatDiagnostic, catalogue, type Diagnostic, type DiagnosticCode } from './diagnostics.js'
export { clientSchema, workshopSchema } from './schema.js'
export type { ClientData, WorkshopData } from './cascade.js'
