// Public API of workshop-kit.
export { build, check, shardOf, UsageError, type BuildOptions, type BuildResult } from './pipeline/build.js'
export { catalogue, type Diagnostic, type DiagnosticCode } from './diagnostics/diagnostics.js'
export { formatDiagnostic } from './diagnostics/format.js'
export { clientSchema, workshopSchema } from './project/schema.js'
export type { ClientData, WorkshopData } from './project/cascade.js'
