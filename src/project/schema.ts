// JSON Schemas for the author's data files: what each field may hold, its
// default and its description. The schemas are exported as JSON
// (schemas/*.json) so editors can autocomplete client files; validate.ts
// checks files against them.

const colour = {
  type: 'string',
  pattern: '^#[0-9a-fA-F]{6}$',
  description: 'A colour as "#rrggbb". Quote it in YAML: an unquoted # starts a comment.',
} as const

const FONT_FAMILIES = '^[\\p{L}\\p{N} ,._-]+$'
const FONT_FAMILY = '^[\\p{L}\\p{N} ._-]+$'

const brand = {
  type: 'object',
  description: 'How the kit looks for this client.',
  additionalProperties: false,
  properties: {
    primary: { ...colour, default: '#1d4e89', description: 'Main colour (headings, title slide). ' + colour.description },
    secondary: { ...colour, default: '#f29e4c', description: 'Accent colour (rules, highlights). ' + colour.description },
    logo: {
      type: ['string', 'null'],
      default: null,
      description: 'Logo image (SVG, PNG, JPEG, GIF or WebP), relative to the client file; must stay inside the project folder. Default: no logo.',
    },
    font: {
      type: 'string',
      pattern: FONT_FAMILIES,
      default: 'Source Sans 3, Segoe UI, Helvetica Neue, Arial, sans-serif',
      description: 'CSS font families, comma separated (letters, digits, spaces, "-", "_" and "." only). A family not in brand.fonts must be installed where the kit is shown.',
    },
    fonts: {
      type: 'array',
      default: [],
      description: 'Font files the kit embeds in this client\'s pages and slides (so PDFs look right without the font installed). Each: file (woff2, woff, ttf or otf, relative to the client file, inside the project), and optionally family (default: the first family of brand.font), weight and style.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['file'],
        properties: {
          file: { type: 'string', minLength: 1, description: 'A woff2, woff, ttf or otf file, relative to the client file; must stay inside the project folder.' },
          family: { type: 'string', pattern: FONT_FAMILY, description: 'The family name this file provides. Default: the first family of brand.font.' },
          weight: { type: 'integer', minimum: 1, maximum: 1000, default: 400, description: 'The weight this file provides (400 regular, 700 bold).' },
          style: { enum: ['normal', 'italic'], default: 'normal', description: 'The style this file provides: normal or italic.' },
        },
      },
    },
  },
} as const

const session = {
  type: 'object',
  description: 'When and where the workshop takes place.',
  additionalProperties: false,
  properties: {
    date: { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$', default: null, description: 'Date as YYYY-MM-DD. Default: none.' },
    start: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', default: '09:00', description: 'Start time as HH:MM (24 h).' },
    venue: { type: ['string', 'null'], default: null, description: 'Where the session takes place. Default: none.' },
    trainer: { type: ['string', 'null'], default: null, description: 'Who runs the session. Default: none.' },
  },
} as const

// The handout (handout.html, handout.pdf): its layout.
const handout = {
  type: 'object',
  description: 'The handout (handout.html and handout.pdf): the slides as thumbnails on A4 pages, for participants.',
  additionalProperties: false,
  properties: {
    layout: {
      enum: [3, 6],
      default: 3,
      description: 'Slides per page: 3 (each beside ruled lines for notes) or 6 (two columns, no lines).',
    },
  },
} as const

const profile = {
  sector: { type: 'string', default: 'general', description: 'The client\'s sector, free text (e.g. "restauración").' },
  size: { enum: ['pyme', 'grande'], default: 'pyme', description: 'Company size: "pyme" (small or medium) or "grande" (large).' },
  model: { enum: ['B2C', 'B2B', 'mixto'], default: 'B2C', description: 'Who the client sells to: consumers (B2C), companies (B2B) or both (mixto).' },
  language: {
    type: 'string',
    default: 'es',
    description: 'The client\'s language, a BCP 47 tag ("es", "en", "en-GB"): the lesson versions it gets (03-plan.en.md) and the kit\'s own labels. Default: the workshop\'s language.',
  },
  brand,
  session,
  handout,
} as const

const breakList = {
  type: 'array',
  description:
    'Breaks in the day, each after a lesson ("after: <lesson-id>") or at the first lesson boundary at or after a clock time ("at: \\"13:30\\""), with its length in minutes and a title. Clock times on every page include them.',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['minutes'],
    properties: {
      after: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'The lesson id the break follows. Give "after" or "at", not both.' },
      at: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'A clock time as HH:MM (24 h): the break goes at the first lesson boundary at or after it. Give "after" or "at", not both.' },
      minutes: { type: 'integer', minimum: 1, maximum: 600, description: 'How long the break lasts, in minutes.' },
      title: { type: 'string', minLength: 1, description: 'What the agenda calls it ("Café", "Comida"). Default: the kit\'s word for a break.' },
    },
  },
} as const

const lessonList = {
  type: 'array',
  items: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
  description: 'Lesson ids (file names in content/lessons/ without .md), in the order they are taught.',
} as const

export const clientSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://workshop-kit.dev/schemas/client.schema.json',
  title: 'workshop-kit client',
  description: 'One client of a workshop: content/clients/<id>.yml. Only "name" is required.',
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, description: 'The client\'s name, shown on every output. Plain text.' },
    ...profile,
    lessons: { ...lessonList, description: lessonList.description + ' Overrides the workshop\'s list.' },
    breaks: { ...breakList, description: breakList.description + ' Replaces the workshop\'s list ("breaks: []" for none).' },
    vars: {
      type: 'object',
      description: 'Values of the project\'s own variables, declared in content/workshop.yml under "vars:"; lessons use them as {{client.vars.<name>}}. "workshop-kit schema client --root <project>" prints a schema that lists them.',
    },
  },
} as const

/** The types a project's own variable may have (workshop.yml "vars:"). */
export const VAR_TYPES = ['text', 'number', 'boolean', 'list', 'date'] as const

/** What a variable's name may look like: a Handlebars path segment ({{client.vars.name}}). */
export const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

const varDeclaration = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  description: 'A variable of the project: clients set it under "vars:", lessons and templates read it as {{client.vars.<name>}}.',
  properties: {
    type: { enum: VAR_TYPES, description: 'text, number, boolean, list (of texts) or date (YYYY-MM-DD).' },
    description: { type: 'string', description: 'What the variable is for; editors show it in client files.' },
    default: { description: 'The value of clients that do not set it; of the variable\'s type.' },
    values: {
      type: 'array',
      minItems: 1,
      items: { type: ['string', 'number'] },
      description: 'The only values allowed (text and number variables; for a list, the values its items may take).',
    },
    required: { type: 'boolean', default: false, description: 'Every client must set it (only without a default).' },
  },
} as const

export const workshopSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://workshop-kit.dev/schemas/workshop.schema.json',
  title: 'workshop-kit workshop',
  description: 'The workshop: content/workshop.yml.',
  type: 'object',
  additionalProperties: false,
  required: ['title', 'lessons'],
  properties: {
    title: { type: 'string', minLength: 1, description: 'Title of the workshop.' },
    subtitle: { type: ['string', 'null'], default: null, description: 'Optional subtitle for the title slide.' },
    language: { type: 'string', default: 'es', description: 'The language the lessons are written in (a BCP 47 tag): of content/lessons/<id>.md, beside versions such as <id>.en.md. Clients default to it.' },
    lessons: lessonList,
    handout: { ...handout, description: handout.description + ' Every client\'s, unless its client file sets its own.' },
    breaks: { ...breakList, description: breakList.description + ' A client file\'s own "breaks:" replaces this list.' },
    defaults: {
      type: 'object',
      additionalProperties: false,
      description: 'Defaults for every client; a client file overrides them field by field.',
      properties: profile,
    },
    vars: {
      type: 'object',
      description: 'The project\'s own client variables, by name: each with a type and optionally a default, a description, the allowed values, or required: true.',
      additionalProperties: varDeclaration,
    },
  },
} as const

export const lessonFrontMatterSchema = {
  type: 'object',
  // Any Marp global directive or custom key may appear too.
  additionalProperties: true,
  properties: {
    title: { type: 'string', minLength: 1 },
    duration: { type: 'integer', minimum: 1, maximum: 600 },
    objectives: { type: 'array', items: { type: 'string' } },
    models: { type: 'array', items: { enum: ['B2C', 'B2B', 'mixto'] } },
    sizes: { type: 'array', items: { enum: ['pyme', 'grande'] } },
    sectors: { type: 'array', items: { type: 'string', minLength: 1 } },
    when: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean', 'array'], items: { type: ['string', 'number'] } } },
  },
} as const

/** Every key a lesson's front matter may hold besides Marp's: the kit's own. */
export const LESSON_KEYS = Object.keys(lessonFrontMatterSchema.properties)

/** What a client id (its file name) may look like: it names the client's folder in the output folder. */
export const CLIENT_ID = /^[a-z0-9][a-z0-9_-]*$/

/** Names the kit keeps at the top of the output folder for files of its own. */
export const RESERVED_CLIENT_IDS = new Set(['assets'])

type VarDeclarationData = { type: (typeof VAR_TYPES)[number]; description?: string; default?: unknown; values?: Array<string | number>; required?: boolean }

/**
 * The client schema of one project: "vars" lists the project's own
 * variables, each with its description, type, allowed values and default,
 * so an editor completes and checks them. `vars` are workshop.yml's
 * declarations, already checked.
 */
export function clientSchemaFor(vars: Record<string, VarDeclarationData>) {
  const properties = Object.fromEntries(Object.entries(vars).map(([name, declared]) => [name, varSchema(declared)]))
  const required = Object.entries(vars)
    .filter(([, declared]) => declared.required)
    .map(([name]) => name)
  // No $id: it is not the kit's schema, and one Ajv may hold both.
  const { $id: _kitId, ...kitSchema } = clientSchema
  return {
    ...kitSchema,
    title: 'workshop-kit client, with this project\'s variables',
    required: required.length ? [...clientSchema.required, 'vars'] : clientSchema.required,
    properties: {
      ...clientSchema.properties,
      vars: {
        type: 'object',
        description: 'Values of the project\'s own variables (declared in content/workshop.yml under "vars:"); lessons use them as {{client.vars.<name>}}.',
        additionalProperties: false,
        ...(required.length ? { required } : {}),
        properties,
      },
    },
  }
}

const VAR_TYPE_SCHEMAS = {
  text: { type: 'string' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  list: { type: 'array', items: { type: 'string' } },
} as const

const VAR_TYPE_WORDS = {
  text: 'Text.',
  number: 'A number.',
  boolean: 'true or false.',
  date: 'A date as YYYY-MM-DD.',
  list: 'A list of texts.',
} as const

function varSchema(declared: VarDeclarationData): Record<string, unknown> {
  const base: Record<string, unknown> = { ...VAR_TYPE_SCHEMAS[declared.type] }
  if (declared.values) {
    if (declared.type === 'list') base.items = { type: 'string', enum: declared.values }
    else base.enum = declared.values
  }
  const sentence = (text: string | undefined) => (text && !/[.!?]$/.test(text.trim()) ? `${text.trim()}.` : text?.trim())
  const words = [sentence(declared.description), VAR_TYPE_WORDS[declared.type], declared.required ? 'Required.' : ''].filter(Boolean).join(' ')
  return { ...base, description: words, ...(declared.default !== undefined ? { default: declared.default } : {}) }
}
