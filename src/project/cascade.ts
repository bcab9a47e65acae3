// The data cascade, in one place: built-in defaults (from the schema), then
// content/workshop.yml "defaults", then the client file, field by field.
// Lessons see the result as {{client.*}}.
import { clientSchema } from './schema.js'
import type { LessonSource } from './lesson-source.js'

export type Model = 'B2C' | 'B2B' | 'mixto'
export type Size = 'pyme' | 'grande'
export type Language = 'es' | 'en'

export interface ClientData {
  id: string
  name: string
  sector: string
  size: Size
  model: Model
  language: Language
  brand: { primary: string; secondary: string; logo: string | null; font: string }
  session: { date: string | null; start: string; venue: string | null; trainer: string | null }
  lessons: string[] | null
}

export interface WorkshopData {
  title: string
  subtitle: string | null
  lessons: string[]
  defaults: Partial<Omit<ClientData, 'id' | 'name' | 'lessons'>>
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

export const clientDefaults = { ...schemaDefaults(clientSchema), lessons: null } as unknown as Omit<ClientData, 'id' | 'name'>

function merge(base: Json, over: Json | undefined): Json {
  if (over === undefined) return base
  if (isObject(base) && isObject(over)) {
    const out: Record<string, Json> = { ...base }
    for (const [key, value] of Object.entries(over)) out[key] = merge(base[key] as Json, value)
    return out
  }
  return over
}

const isObject = (v: unknown): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** One client's full data: every field present, so templates can rely on it. */
export function resolveClient(id: string, workshop: WorkshopData, client: Record<string, unknown>): ClientData {
  const merged = merge(merge(clientDefaults as unknown as Json, workshop.defaults as Json), client as Json)
  return { ...(merged as object), id } as ClientData
}

export function resolveWorkshop(data: Record<string, unknown>): WorkshopData {
  return {
    title: String(data.title ?? ''),
    subtitle: (data.subtitle as string | null | undefined) ?? null,
    lessons: (data.lessons as string[] | undefined) ?? [],
    defaults: (data.defaults as WorkshopData['defaults'] | undefined) ?? {},
  }
}

/** What a lesson sees as {{lesson.*}}: its front matter, its id, and a title, duration and objectives always present. */
export function lessonContext(source: LessonSource) {
  return {
    ...source.data,
    id: source.id,
    title: source.data.title ?? source.id,
    duration: source.data.duration ?? null,
    objectives: source.data.objectives ?? [],
  }
}
