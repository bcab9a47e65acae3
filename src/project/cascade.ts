// The data cascade, in one place (as Eleventy's TemplateData is): built-in
// defaults (from the schema), then content/workshop.yml "defaults", then the
// client file, field by field; and what a lesson sees of itself. Lessons see
// the result as {{client.*}}, {{workshop.*}} and {{lesson.*}}. Every value
// remembers the file and line that set it, so a later problem with a value
// (a logo that is missing) points at the place to fix it.
import type { Place } from '../diagnostics/reporter.js'
import { clientSchema, VAR_TYPES } from './schema.js'
import type { DataPath, YamlSource } from './yaml-source.js'

export type Model = 'B2C' | 'B2B' | 'mixto'
export type Size = 'pyme' | 'grande'
/** A BCP 47 language tag in its canonical form ("es", "en-GB"): checked and canonicalised when the project is loaded. */
export type Language = string

export interface ClientData {
  id: string
  name: string
  sector: string
  size: Size
  model: Model
  language: Language
  brand: { primary: string; secondary: string; logo: string | null; font: string; fonts: BrandFont[] }
  session: { date: string | null; start: string; venue: string | null; trainer: string | null }
  handout: HandoutSettings
  lessons: string[] | null
  /** Breaks in the day: the client's list, else workshop.yml's (a client's list replaces the workshop's), else none. */
  breaks: BreakData[]
  /** The project's own variables (workshop.yml "vars:"), every declared one present: the client's value, else the default, else null. */
  vars: Record<string, VarValue>
}

/** The handout's settings (workshop.yml "handout:", a client file's "handout:"). */
export interface HandoutSettings {
  /** Slides per A4 page: 3 beside ruled lines, or 6. */
  layout: 3 | 6
}

/** A break, as written ("breaks:"): after a lesson, or at the first lesson boundary from a clock time. */
export interface BreakData {
  after?: string
  at?: string
  minutes: number
  title?: string
}

/** A font file of the brand, as written (brand.fonts). */
export interface BrandFont {
  file: string
  family?: string
  weight?: number
  style?: 'normal' | 'italic'
}

/** A value of a project's own variable. */
export type VarValue = string | number | boolean | string[] | null

/** A variable declared in workshop.yml "vars:". */
export interface VarDeclaration {
  type: VarType
  description?: string
  default?: VarValue
  values?: Array<string | number>
  required?: boolean
}
export type VarType = (typeof VAR_TYPES)[number]

export interface WorkshopData {
  title: string
  subtitle: string | null
  /** The language of the lessons' base files (<id>.md). */
  language: Language
  lessons: string[]
  /** workshop.yml's "handout:" (every client's unless its file sets its own), or null. */
  handout: Partial<HandoutSettings> | null
  /** The workshop's breaks, for clients that give none. */
  breaks: BreakData[]
  defaults: Partial<Omit<ClientData, 'id' | 'name' | 'lessons' | 'vars' | 'breaks'>>
  /** The project's own client variables, by name, in the order declared. */
  vars: Record<string, VarDeclaration>
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** The defaults written in the schema, as one object. */
function schemaDefaults(schema: { properties?: Record<string, unknown> }): Record<string, Json> {
  const out: Record<string, Json> = {}
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const p = property as { default?: Json; type?: unknown; properties?: Record<string, unknown> }
    if (p.properties) out[key] = schemaDefaults(p)
    else if ('default' in p) out[key] = p.default as Json
  }
  return out
}

export const clientDefaults = { ...schemaDefaults(clientSchema), lessons: null, breaks: [], vars: {} } as unknown as Omit<ClientData, 'id' | 'name'>

function merge(base: Json, over: Json | undefined): Json {
  if (over === undefined) return base
  // Spaces around a value are a slip of the keyboard, and would show ("**  Acme**" is no bold text).
  if (typeof over === 'string') return over.trim()
  if (Array.isArray(over)) return over.map((item) => merge(null, item))
  if (isObject(base) && isObject(over)) {
    const out: Record<string, Json> = { ...base }
    for (const [key, value] of Object.entries(over)) out[key] = merge(base[key] as Json, value)
    return out
  }
  return over
}

const isObject = (v: unknown): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** One layer of the cascade: data, and the YAML file it was read from (none for built-in defaults). */
export interface Layer {
  data: unknown
  source?: YamlSource
  /** Where the layer's data sits in its file, e.g. ["defaults"] in workshop.yml. */
  at?: DataPath
}

/** Merged data, and where each value came from. */
export interface Cascaded<T> {
  data: T
  /** The file and position of the layer that set the value at `path`; undefined for a built-in default. */
  origin(path: DataPath): Place | undefined
}

/** Merges layers, later ones winning field by field (objects merge, anything else replaces). */
export function cascade<T>(layers: Layer[]): Cascaded<T> {
  const data = layers.reduce<Json>((merged, layer) => merge(merged, layer.data as Json), {}) as T
  return {
    data,
    origin(path) {
      for (const layer of [...layers].reverse()) {
        if (valueAt(layer.data, path) === undefined) continue
        if (!layer.source) return undefined
        return { file: layer.source.file, ...layer.source.locate([...(layer.at ?? []), ...path]) }
      }
      return undefined
    },
  }
}

function valueAt(data: unknown, path: DataPath): unknown {
  let value = data
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string | number, unknown>)[key]
  }
  return value
}

/** One client's full data (every field present, so templates can rely on it), and where each value came from. */
export function resolveClient(id: string, workshop: WorkshopData, workshopSource: YamlSource | undefined, client: YamlSource): Cascaded<ClientData> {
  // Every declared variable is present: its default, or null (empty) when it has none.
  const vars = Object.fromEntries(Object.entries(workshop.vars).map(([name, declared]) => [name, declared.default ?? null]))
  const merged = cascade<Omit<ClientData, 'id'>>([
    { data: { ...clientDefaults, vars } },
    // A client's language defaults to the workshop's, when workshop.yml gives one.
    ...((workshopSource?.data as { language?: unknown } | undefined)?.language !== undefined ? [{ data: { language: workshop.language }, source: workshopSource }] : []),
    // workshop.yml's "handout:" is every client's, as its "defaults:" are.
    ...(workshop.handout ? [{ data: { handout: workshop.handout }, source: workshopSource }] : []),
    { data: workshop.defaults, source: workshopSource, at: ['defaults'] },
    // The workshop's breaks, unless the client gives its own list (a list replaces, it does not merge).
    ...(workshop.breaks.length ? [{ data: { breaks: workshop.breaks }, source: workshopSource }] : []),
    { data: client.data, source: client },
  ])
  return { data: { ...merged.data, id }, origin: merged.origin }
}

export function resolveWorkshop(data: Record<string, unknown>): WorkshopData {
  return {
    title: String(data.title ?? ''),
    subtitle: (data.subtitle as string | null | undefined) ?? null,
    language: typeof data.language === 'string' ? data.language : 'es',
    lessons: (data.lessons as string[] | undefined) ?? [],
    handout: (data.handout as WorkshopData['handout'] | undefined) ?? null,
    breaks: (data.breaks as BreakData[] | undefined) ?? [],
    defaults: (data.defaults as WorkshopData['defaults'] | undefined) ?? {},
    vars: (data.vars as WorkshopData['vars'] | undefined) ?? {},
  }
}

/** What a lesson sees as {{lesson.*}}: its front matter, its id, and a title, duration and objectives always present. */
export function lessonContext<Data extends { title?: string; duration?: number; objectives?: string[] }>(source: { id: string; data: Data }) {
  return {
    ...source.data,
    id: source.id,
    title: source.data.title ?? source.id,
    duration: source.data.duration ?? null,
    objectives: source.data.objectives ?? [],
  }
}
