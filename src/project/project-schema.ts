// The JSON Schema of one project's client files: the kit's client schema
// with the project's own variables (workshop.yml "vars:") listed, so editors
// complete and check them. For "workshop-kit schema client --root DIR", and
// for programs (a dev server, an init command) that write it into a project.
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { usageError } from '../diagnostics/errors.js'
import { Reporter, type Diagnostic } from '../diagnostics/reporter.js'
import { resolveWorkshop } from './cascade.js'
import { readText } from './read-text.js'
import { clientSchemaFor } from './schema.js'
import { validateAgainst } from './validate.js'
import { checkVarDeclarations } from './vars.js'
import { parseYaml } from './yaml-source.js'

export interface ClientSchemaResult {
  /** False when content/workshop.yml has errors (in `diagnostics`): there is no schema then. */
  ok: boolean
  schema?: ReturnType<typeof clientSchemaFor>
  diagnostics: Diagnostic[]
}

/**
 * The client schema of the project at `root`, from its content/workshop.yml.
 * Throws a UsageError when `root` is no project folder.
 */
export function projectClientSchema(root: string): ClientSchemaResult {
  root = path.resolve(root)
  if (!existsSync(root) || !statSync(root).isDirectory()) throw usageError('project-not-found', { root })
  if (!existsSync(path.join(root, 'content'))) throw usageError('no-content-folder', { root })
  const reporter = new Reporter()
  const file = path.join(root, 'content', 'workshop.yml')
  const text = readText(file, reporter)
  const source = text === undefined ? undefined : parseYaml(text, file, reporter)
  if (source && (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data))) reporter.report('schema-type', { mapping: 'file' }, { file })
  else if (source && validateAgainst('workshop', source, reporter)) {
    const workshop = resolveWorkshop(source.data as Record<string, unknown>)
    if (checkVarDeclarations(workshop.vars, source, reporter)) return { ok: true, schema: clientSchemaFor(workshop.vars), diagnostics: reporter.list() }
  }
  return { ok: false, diagnostics: reporter.list() }
}
