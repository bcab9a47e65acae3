// JSON Schemas for the author's data files: what each field may hold, its
// default and its description. The schemas are exported as JSON
// (schemas/*.json) so editors can autocomplete client files; validate.ts
// checks files against them.

const colour = {
  type: 'string',
  pattern: '^#[0-9a-fA-F]{6}$',
  description: 'A colour as "#rrggbb". Quote it in YAML: an unquoted # starts a comment.',
} as const

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
      pattern: "^[\\p{L}\\p{N} ,._-]+$",
      default: 'Source Sans 3, Segoe UI, Helvetica Neue, Arial, sans-serif',
      description: 'CSS font families, comma separated (letters, digits, spaces, "-", "_" and "." only). Fonts must be installed where the kit is shown.',
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
    defaults: {
      type: 'object',
      additionalProperties: false,
      description: 'Defaults for every client; a client file overrides them field by field.',
      properties: profile,
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
  },
} as const

/** What a client id (its file name) may look like: it names the client's folder in the output folder. */
export const CLIENT_ID = /^[a-z0-9][a-z0-9_-]*$/

/** Names the kit keeps at the top of the output folder for files of its own. */
export const RESERVED_CLIENT_IDS = new Set(['assets'])
