// Every problem the kit can report, in one place (as Astro's errors-data.ts
// does): a stable code, how serious it is, what happened (message) and what
// to do (hint). Stages report a code and the facts (Reporter.report); the
// words are written here, never at the call site, so they stay consistent
// and a reader can see every message the kit has.
/**
 * How serious a problem is: errors stop the build, warnings are told (and
 * are errors under --strict); information says what the build chose to do
 * (never an error).
 */
export type Severity = 'error' | 'warning' | 'info'

export interface CatalogueEntry<Args> {
  severity: Severity
  message(args: Args): string
  hint(args: Args): string
}

function entry<Args = Record<string, never>>(
  severity: Severity,
  message: (args: Args) => string,
  hint: string | ((args: Args) => string),
): CatalogueEntry<Args> {
  return { severity, message, hint: typeof hint === 'string' ? () => hint : hint }
}

const quoted = (value: unknown) => JSON.stringify(value)
/** "... (did you mean "x"?)" when there is a likely spelling. */
const didYouMean = (guess: string | undefined) => (guess ? ` (did you mean "${guess}"?)` : '')
/** Where a problem was also seen, for problems found on many pages at once. */
const seenIn = (pages: string | undefined) => (pages ? ` (seen in ${pages})` : '')

const QUOTE_COLOUR = 'Quote the colour: primary: "#1d4e89".'
const SIX_DIGITS = 'Write colours as six hexadecimal digits after "#", for example "#1f6feb".'
const EXPECTED_TYPE = 'Change the value to the expected type.'
const ALLOWED_VALUE = 'Change the value to one the field accepts.'
const FRONT_MATTER_IS_DATA = 'Front matter is data, not code: write it as YAML between two "---" lines.'
const LOGO_INSIDE = 'Copy the logo into the project folder and point to that copy.'
const DIRECTIVES_README = 'Fix the attribute value (see the README, "Directives").'
export const INSTALL_CHROMIUM = 'Install Chromium (Debian/Ubuntu: "apt-get install -y chromium") or set CHROME_PATH to a Chromium or Chrome executable.'
const HANDLEBARS_SYNTAX = 'Fix the Handlebars expression: every "{{" needs a matching "}}" and every block "{{#x}}" a "{{/x}}".'

export const catalogue = {
  // Project files (YAML, schemas, the lesson list, logos, themes)
  'yaml-syntax': entry<{ detail: string }>(
    'error',
    (a) => `invalid YAML: ${a.detail}`,
    'Fix the YAML syntax at this position (check indentation, colons and quotes).',
  ),
  'read-error': entry<{ name: string }>('error', (a) => `cannot read ${a.name}`, 'Check that the file exists and is readable.'),
  'front-matter-ignored': entry<Record<string, never>>(
    'warning',
    () => 'front matter that is not "key: value" lines is ignored (as Marp ignores it)',
    'Write it as "key: value" lines, or start the lesson with something other than "---" if this is a slide.',
  ),
  'not-unicode-text': entry<{ byte: number }>(
    'error',
    (a) => `byte 0x${a.byte.toString(16).padStart(2, '0').toUpperCase()} is not UTF-8 text`,
    'Save the file as UTF-8 (your editor\'s "encoding" setting); it may have been saved as Latin-1 or Windows-1252.',
  ),
  'nul-byte': entry<Record<string, never>>(
    'error',
    () => 'a NUL byte (0x00) is in the text',
    'Remove it: a text file holds no NUL bytes (this one may be binary, or damaged).',
  ),
  'nested-too-deeply': entry<{ depth: number; limit: number }>(
    'error',
    (a) => `nested too deeply: block quotes and lists here go ${a.depth} levels deep (the limit is ${a.limit})`,
    'Flatten the structure: Marp itself shows only about 9 levels of lists and 19 of block quotes.',
  ),
  'yaml-alias': entry<{ alias: string; reason: 'unresolved' | 'too-many' }>(
    'error',
    (a) =>
      a.reason === 'unresolved'
        ? `YAML alias "*${a.alias}" names no anchor "&${a.alias}" set before it`
        : `YAML aliases expand to too much data (from "*${a.alias}" on)`,
    (a) =>
      a.reason === 'unresolved'
        ? `Set "&${a.alias}" on an earlier value, or write the value out (in a quoted string, "*" is plain text).`
        : 'Write the values out instead of nesting aliases: at most 100 aliases are expanded in a file.',
  ),
  'front-matter-engine': entry<{ language?: string }>(
    'error',
    (a) => (a.language ? `front matter language "${a.language}" is not allowed: only YAML front matter is read` : 'front matter could not be read'),
    FRONT_MATTER_IS_DATA,
  ),
  'schema-required': entry<{ field: string; within?: string }>(
    'error',
    (a) => `missing required field "${a.field}"${a.within ? ` in ${a.within}` : ''}`,
    'Add the missing field.',
  ),
  'schema-type': entry<{ field: string; expected: string; actual: string } | { mapping: 'file' }>(
    'error',
    (a) =>
      'mapping' in a ? 'the file must hold "key: value" lines' : `${a.field} must be ${a.expected}, not ${a.actual}`,
    EXPECTED_TYPE,
  ),
  'schema-unknown-field': entry<{ field: string; within?: string; guess?: string; known: string[] }>(
    'error',
    (a) => `unknown field "${a.field}"${a.within ? ` in ${a.within}` : ''}${didYouMean(a.guess)}`,
    (a) => `Allowed fields here: ${a.known.join(', ')}.`,
  ),
  'schema-enum': entry<{ field: string; value: unknown; allowed: unknown[] }>(
    'error',
    (a) => `${a.field} is ${quoted(a.value)}, allowed: ${a.allowed.map(quoted).join(', ')}`,
    'Use one of the allowed values.',
  ),
  'bad-colour': entry<{ field: string; value: unknown }>(
    'error',
    (a) =>
      a.value === null ? `${a.field} is empty: in YAML an unquoted "#" starts a comment` : `${a.field} is ${quoted(a.value)}, which is not a colour written as "#rrggbb"`,
    (a) => (a.value === null ? QUOTE_COLOUR : SIX_DIGITS),
  ),
  'bad-date': entry<{ field: string; value: unknown; notADay?: boolean }>(
    'error',
    (a) =>
      a.notADay
        ? `${a.field} "${String(a.value)}" is not a day of the calendar`
        : `${a.field} is ${quoted(a.value)}, which is not a date written as YYYY-MM-DD`,
    'Write the date as YYYY-MM-DD, for example 2026-03-14.',
  ),
  'bad-time': entry<{ field: string; value: unknown }>(
    'error',
    (a) => `${a.field} is ${quoted(a.value)}, which is not a time written as HH:MM`,
    'Write the time as HH:MM on a 24-hour clock, for example 09:30.',
  ),
  'bad-value': entry<
    | { field: string; rule: 'pattern'; value: unknown }
    | { field: string; rule: 'empty' }
    | { field: string; rule: 'range'; detail: string; value: unknown }
    | { field: string; rule: 'other'; detail?: string }
  >(
    'error',
    (a) => {
      switch (a.rule) {
        case 'pattern':
          return `${a.field} is ${quoted(a.value)}, which is not allowed here (only letters, digits, spaces and - _ . , are accepted)`
        case 'empty':
          return `${a.field} must not be empty`
        case 'range':
          return `${a.field} ${a.detail} (got ${quoted(a.value)})`
        default:
          return `${a.field} ${a.detail ?? 'is not valid'}`
      }
    },
    ALLOWED_VALUE,
  ),
  'bad-client-id': entry<{ id: string }>(
    'error',
    (a) => `"${a.id}" cannot be a client id`,
    'Rename the file: client ids use lowercase letters, digits, "-" and "_".',
  ),
  'duplicate-client': entry<{ id: string; other: string }>(
    'error',
    (a) => `client "${a.id}" is defined twice: here and in ${a.other}`,
    'Keep one file per client: remove or rename one of the two.',
  ),
  'reserved-client-id': entry<{ id: string }>(
    'error',
    (a) => `"${a.id}" cannot be a client id: the kit keeps that name for its own files in the output folder`,
    'Rename the client file.',
  ),
  'output-collision': entry<{ path: string }>(
    'error',
    (a) => `${a.path} is already in the output folder and was not written by workshop-kit; the kit replaces only what it wrote`,
    'Move or rename that file or folder, rename the client, or build into another folder with --out.',
  ),
  'write-error': entry<{ path: string; code: string; reason: string }>(
    'error',
    (a) => `cannot write ${a.path}: ${a.reason}; the previous kit is as it was`,
    (a) =>
      a.code === 'ENOSPC'
        ? 'Free some disk space and build again.'
        : a.code === 'EACCES' || a.code === 'EPERM' || a.code === 'EROFS'
          ? 'Check that you may write to the output folder, or choose another with --out.'
          : a.code === 'ENOTDIR' || a.code === 'EEXIST'
            ? 'A file stands where the kit needs a folder: move it, or choose another --out.'
            : 'Check the output folder given to --out.',
  ),
  'output-locked': entry<{ path: string; pid: number; lock: string }>(
    'error',
    (a) => `another build (process ${a.pid}) is writing to ${a.path}; nothing was written`,
    (a) => `Wait for it to finish and build again. If no build is running, remove ${a.lock}.`,
  ),
  'missing-logo': entry<{ logo: string; lookedFor: string }>(
    'error',
    (a) => `logo "${a.logo}" not found (looked for ${a.lookedFor})`,
    'Check the path: it is relative to the client file.',
  ),
  'logo-outside-project': entry<{ logo: string; throughLink?: boolean }>(
    'error',
    (a) => (a.throughLink ? `logo "${a.logo}" links to a file outside the project folder` : `logo "${a.logo}" is outside the project folder`),
    LOGO_INSIDE,
  ),
  'bad-logo': entry<{ logo: string }>('error', (a) => `logo "${a.logo}" is not an image the kit can embed`, 'Use an SVG, PNG, JPEG, GIF or WebP image.'),
  'unknown-lesson': entry<{ id: string; known: string[] }>(
    'error',
    (a) => `unknown lesson "${a.id}"`,
    (a) => (a.known.length ? `Lessons in content/lessons/: ${a.known.join(', ')}.` : 'content/lessons/ holds no lessons yet.'),
  ),
  'duplicate-lesson': entry<{ id: string }>('error', (a) => `lesson "${a.id}" is listed twice`, 'List each lesson once.'),
  'no-lessons': entry(
    'error',
    () => 'the lesson list is empty',
    'List at least one lesson in content/workshop.yml or in the client file.',
  ),
  'no-clients': entry<{ folder: string }>(
    'error',
    (a) => `no client files in ${a.folder}/`,
    'Add a client file such as content/clients/acme.yml with at least "name: ...".',
  ),
  'theme-error': entry<{ theme: string; error?: string }>(
    'error',
    (a) => (a.error === undefined ? `cannot name a theme after "${a.theme}"` : `theme ${a.theme} cannot be used: ${a.error}`),
    'Check the theme CSS; it needs a "/* @theme name */" comment.',
  ),
  'unknown-theme': entry<{ theme: string; guess?: string; known: string[] }>(
    'warning',
    (a) => `theme "${a.theme}" is not registered, so Marp uses its default theme${didYouMean(a.guess)}`,
    (a) => `Themes here: ${a.known.join(', ')}. Add the theme's CSS to templates/themes/ to register it.`,
  ),
  'template-missing': entry<{ name: string }>('error', (a) => `template ${a.name} is missing`, 'Restore the template or remove the override.'),

  // Handlebars in lessons and templates
  'unknown-variable': entry<{ path: string; missing?: string; guess?: string; known?: string[]; parent?: string }>(
    'error',
    (a) =>
      `unknown variable "${a.path}"` + (a.missing && a.missing !== a.path ? ` ("${a.missing}" does not exist)` : '') + didYouMean(a.guess),
    (a) =>
      a.known === undefined
        ? 'Check the spelling; the README lists every variable of client, workshop and lesson.'
        : a.parent === 'client.vars'
          ? a.known.length
            ? `Variables declared in content/workshop.yml: ${a.known.join(', ')}. Declare a new one there under "vars:" first.`
            : 'This project declares no variables: declare it in content/workshop.yml under "vars:" first (see the README, "Your own client variables").'
          : a.known.length
          ? `${a.parent ? `"${a.parent}" has` : 'Available here'}: ${a.known.join(', ')}.`
          : `"${a.parent}" is a plain value with no fields.`,
  ),
  'unknown-helper': entry<{ name: string; guess?: string; available: string[] }>(
    'error',
    (a) => `unknown helper "${a.name}"${didYouMean(a.guess)}`,
    (a) => `Helpers available here: ${a.available.join(', ')}.`,
  ),
  'template-syntax': entry<
    | { problem: 'parse'; expected: string }
    | { problem: 'unclosed-mustache' }
    | { problem: 'unclosed-block'; block: string }
    | { problem: 'mismatched-block'; opened: string; closed: string }
    | { problem: 'raw-output' }
    | { problem: 'partial'; partial: string }
    | { problem: 'decorator' }
    | { problem: 'block-helper'; helper: string }
    | { problem: 'missing-arguments'; helper: string; needs: number }
  >(
    'error',
    (a) => {
      switch (a.problem) {
        case 'parse':
          return `Handlebars syntax error (${a.expected})`
        case 'unclosed-mustache':
          return 'a "{{" is never closed with "}}"'
        case 'unclosed-block':
          return `"{{#${a.block}}}" is never closed (add "{{/${a.block}}}")`
        case 'mismatched-block':
          return `"{{#${a.opened}}}" is closed by "{{/${a.closed}}}"`
        case 'raw-output':
          return 'raw output "{{{ }}}" is not allowed in lessons'
        case 'partial':
          return `unknown partial "${a.partial}"`
        case 'decorator':
          return 'decorators are not supported'
        case 'block-helper':
          return `"${a.helper}" is a block: write "{{#${a.helper}}}...{{/${a.helper}}}"`
        case 'missing-arguments':
          return `"${a.helper}" needs ${a.needs === 1 ? 'a value' : `${a.needs} values`}, as in "{{${a.helper} ${Array.from({ length: a.needs }, (_, i) => `x${a.needs > 1 ? i + 1 : ''}`).join(' ')}}}"`
      }
    },
    (a) => {
      switch (a.problem) {
        case 'raw-output':
          return 'Use "{{ }}": values are escaped so client data always shows as text.'
        case 'partial':
          return 'Lessons cannot include partials.'
        default:
          return HANDLEBARS_SYNTAX
      }
    },
  ),
  'not-text': entry<{ expression: string; list: boolean }>(
    'error',
    (a) => `${a.expression} is ${a.list ? 'a list' : 'a group of values'}, not text: it cannot be shown on a slide`,
    (a) =>
      a.list
        ? 'Show its items with {{join list ", "}} or {{#each list}}...{{/each}}.'
        : 'Show one of its fields (as {{client.name}}), or go through them with {{#each}}...{{/each}}.',
  ),
  'field-of-plain-value': entry<{ expression: string; field: string; value: string }>(
    'error',
    (a) => `"${a.expression}" asks for "${a.field}" of a plain value ("${a.value}"), which has no fields`,
    'Use the value itself ({{this}} inside {{#each}}), or check which value this name stands for here.',
  ),
  'template-runtime': entry<{ detail: string }>('error', (a) => `template error: ${a.detail}`, 'Check the expression and the values it uses.'),

  // The kit's directives in lessons
  'unclosed-directive': entry<{ name: string }>(
    'error',
    (a) => `":::${a.name}" is never closed`,
    'Close the block with a line holding only ":::" (one per open block).',
  ),
  'stray-directive-closer': entry<{ fence: string }>(
    'warning',
    (a) => `"${a.fence}" closes no open directive block`,
    'Remove the extra ":::" line, or open a block such as ":::key" before it.',
  ),
  'misplaced-directive': entry<{ name: string; parent?: string }>(
    'error',
    (a) =>
      a.name === 'answer' || a.name === 'solution'
        ? `"${a.name}" belongs inside ":::exercise"`
        : `":::${a.name}" cannot sit inside ":::${a.parent}"`,
    'Move the directive to where it is allowed (see the README, "Directives").',
  ),
  'unknown-directive': entry<{ name: string; written: 'container' | 'leaf'; is?: 'container' | 'leaf'; known: string[] }>(
    'warning',
    (a) =>
      a.is === 'leaf'
        ? `"${a.name}" is written "::${a.name}" (two colons, no closing ":::")`
        : a.is === 'container'
          ? `"${a.name}" is a block: write ":::${a.name}" and close it with ":::"`
          : `unknown directive "${a.written === 'container' ? ':::' : '::'}${a.name}" (known: ${a.known.join(', ')})`,
    'Use one of the directives the README lists, or escape the colons.',
  ),
  'bad-directive-attribute': entry<
    | { directive: string; attribute: string; value: string; min: number; max: number }
    | { directive: string; attribute: string; allowed: string[] }
  >(
    'error',
    (a) =>
      'allowed' in a
        ? `"${a.directive}" has no attribute "${a.attribute}"` + (a.allowed.length ? ` (it takes: ${a.allowed.join(', ')})` : ' (it takes none)')
        : `${a.attribute}="${a.value}" on "${a.directive}" must be a whole number from ${a.min} to ${a.max}`,
    DIRECTIVES_README,
  ),
  'directive-across-slides': entry<{ name: string }>(
    'error',
    (a) => `":::${a.name}" spans a slide break ("---")`,
    'Keep a directive block inside one slide: close it before the "---".',
  ),

  // What the browser finds while measuring and printing
  'slide-overflow': entry<{ slide: number; sides: string[]; seenIn?: string }>(
    'warning',
    (a) => `slide ${a.slide} overflows by ${a.sides.join(', ')}`,
    (a) => `Shorten the slide or split it with "---"${seenIn(a.seenIn)}.`,
  ),
  'answer-split': entry<{ exercise: string; title: string; from: number; to: number; page: string }>(
    'warning',
    (a) => `the answer box of exercise ${a.exercise} ("${a.title}") is split across pages ${a.from} and ${a.to} of ${a.page}`,
    'Give the answer box fewer lines (::answer{lines=N}) or split the exercise.',
  ),
  'refused-request': entry<{ url: string; local?: boolean; seenIn?: string }>(
    'warning',
    (a) =>
      a.local ? `${a.url} is not part of the kit, so it was not loaded` : `${a.url} was not loaded: PDFs use only the kit's own files and data: URIs`,
    (a) => `PDFs are printed offline: embed the image as a data: URI or remove the reference.${seenIn(a.seenIn)}`,
  ),
  'page-script-error': entry<{ error: string; seenIn?: string }>(
    'warning',
    (a) => `script error: ${a.error}`,
    (a) => `Check the HTML and scripts of the slide or template.${seenIn(a.seenIn)}`,
  ),
  'print-timeout': entry<{ page: string; step: 'loading' | 'printing'; seconds: number }>(
    'error',
    (a) => `${a.page} did not finish ${a.step} within ${a.seconds} s`,
    'Look for a script that never ends or a very large image in this file; --timeout gives pages longer.',
  ),
  'print-error': entry<{ page: string; error: string }>(
    'error',
    (a) => `${a.page} could not be printed: ${a.error}`,
    'Run again; if it persists, report it with the command you ran.',
  ),
  'pptx-picture': entry<{ slide: number; reasons: string[]; output: string }>(
    'info',
    (a) => `slide ${a.slide} is a picture in ${a.output}, not shapes to edit: PowerPoint has nothing for ${a.reasons.join(', ')}`,
    'Slides written in plain markdown (headings, paragraphs, lists, tables, images, code) come out as text and shapes PowerPoint can edit.',
  ),
  'no-browser': entry<{ reason: string; skipped: 'pdf' | 'overflow' }>(
    'warning',
    (a) => (a.skipped === 'pdf' ? `PDFs were skipped: ${a.reason}; the HTML kit is complete` : `slides were not checked for overflow: ${a.reason}`),
    INSTALL_CHROMIUM,
  ),

  // How the build was asked for (thrown as a UsageError: exit code 2)
  'project-not-found': entry<{ root: string }>(
    'error',
    (a) => `project folder not found: ${a.root}`,
    'Check the folder given to --root; without --root the current folder is used.',
  ),
  'no-content-folder': entry<{ root: string }>(
    'error',
    (a) => `no content/ folder in ${a.root}: pass --root pointing at a workshop-kit project`,
    'A project holds content/workshop.yml, content/lessons/ and content/clients/ (see "Authoring guide" in the README).',
  ),
  'pdf-needs-browser': entry<{ reason: string; format?: string }>(
    'error',
    (a) => `${a.format && a.format !== 'pdf' ? a.format.toUpperCase() : 'PDF'} output needs Chromium, and ${a.reason}`,
    INSTALL_CHROMIUM,
  ),
  'unsafe-out': entry<{ out: string; reason: 'root' | 'inside' | 'contains'; folder: string }>(
    'error',
    (a) =>
      a.reason === 'root'
        ? `--out ${a.out} is the project folder itself: a build there could replace ${a.folder}`
        : a.reason === 'inside'
          ? `--out ${a.out} lies inside the project's ${a.folder}`
          : `--out ${a.out} holds the project's ${a.folder}, which a client folder could replace`,
    'Build into a folder of its own, such as the default <root>/dist.',
  ),
  'unknown-client': entry<{ ids: string[]; known: string[] }>(
    'error',
    (a) => `unknown client ${a.ids.map((id) => `"${id}"`).join(', ')} (clients: ${a.known.join(', ') || 'none'})`,
    'Client ids are the file names in content/clients/ without ".yml".',
  ),
  'unclosed-block': entry<{ kind: 'code' | 'math' | 'html'; closer: string }>(
    'warning',
    (a) =>
      `this ${a.kind === 'code' ? 'code block' : a.kind === 'math' ? 'math block' : 'HTML block'} is never closed: it runs to the end of the lesson`,
    (a) => `Close it with a line holding ${JSON.stringify(a.closer)} where it should end. Marp ends it with the lesson, and so does the kit (deck.md gets that line).`,
  ),

  // What a page tried to connect to while printing
  'refused-connection': entry<{ kind: 'websocket' | 'webrtc' | 'webtransport'; url: string; seenIn?: string }>(
    'warning',
    (a) => {
      const what =
        a.kind === 'websocket'
          ? `a WebSocket to ${a.url}`
          : a.kind === 'webtransport'
            ? `a WebTransport session to ${a.url}`
            : `a WebRTC connection${a.url ? ` through ${a.url}` : ''}`
      return `${what} was not opened: pages are printed without any network`
    },
    (a) => `Take the connection out of the lesson's script, or leave it knowing that it never works in the PDFs${seenIn(a.seenIn)}.`,
  ),
  'large-logo': entry<{ logo: string; megabytes: number; limit: number }>(
    'warning',
    (a) => `logo "${a.logo}" is ${a.megabytes} MB, over the ${a.limit} MB a logo may have: every page of the kit that shows it embeds a copy`,
    'Use a smaller image: an SVG, or a PNG, JPEG or WebP a few hundred pixels wide (it is shown at most a few centimetres across).',
  ),
  'light-brand-colour': entry<{ field: string; colour: string; ratio: number; needed: number; shade: string }>(
    'warning',
    (a) => `${a.field} "${a.colour}" is too light to read as text on white (${a.ratio}:1, ${a.needed}:1 needed): headings, links and emphasis use ${a.shade}, a darker shade of it`,
    (a) => `Fills, rules and the title slide keep "${a.colour}"; text on it is black or white, whichever reads. To choose the text colour yourself, set ${a.field} to a darker colour (for example "${a.shade}"). --strict makes this an error.`,
  ),
  // — init —
  'init-folder-not-empty': entry<{ path: string; entries: string[] }>(
    'error',
    (a) => `${a.path} is not empty (it holds ${a.entries.slice(0, 3).join(', ')}${a.entries.length > 3 ? `, and ${a.entries.length - 3} more` : ''}); nothing was written`,
    'Give a new folder (workshop-kit init my-workshop), or add --force to add the starter beside what is there: files already there are kept, never replaced.',
  ),
  'init-not-a-folder': entry<{ path: string }>(
    'error',
    (a) => `${a.path} is a file, not a folder; nothing was written`,
    'Give the name of a folder to create the project in.',
  ),
  'init-write-error': entry<{ path: string; reason: string }>(
    'error',
    (a) => `cannot write ${a.path}: ${a.reason}; the files written before it were removed`,
    'Check that the folder is writable and the disk has space, then run init again.',
  ),
  // Client variables (workshop.yml "vars:"), brand fonts, lesson front matter keys and filters
  'bad-var-declaration': entry<
    | { name: string; problem: 'name' }
    | { name: string; problem: 'values'; type: string }
    | { name: string; problem: 'required-default' }
  >(
    'error',
    (a) =>
      a.problem === 'name'
        ? `variable name ${quoted(a.name)} cannot be used in {{client.vars.${a.name}}}`
        : a.problem === 'values'
          ? `variable "${a.name}" is a ${a.type}: "values" does not apply to it`
          : `variable "${a.name}" is required and has a default: a client that does not set it gets the default`,
    (a) =>
      a.problem === 'name'
        ? 'Name variables with letters, digits and "_" (not first a digit), e.g. product_name.'
        : a.problem === 'values'
          ? 'Allowed values are for text, number and list variables: remove "values".'
          : 'Keep one of them: "required: true" (every client sets it) or a "default".',
  ),
  'var-type': entry<{ field: string; name: string; type: 'text' | 'number' | 'boolean' | 'list' | 'date'; expected: string; actual: string; allowed?: unknown[] }>(
    'error',
    (a) => `${a.field} is ${a.actual}: variable "${a.name}" takes ${a.allowed ? `one of ${a.allowed.map(quoted).join(', ')}` : a.expected}`,
    (a) =>
      a.allowed
        ? 'Use one of the values declared in content/workshop.yml (or add this one to the variable\'s "values" there).'
        : {
            text: 'Quote a value YAML reads as a number, true/false or a list: "2026".',
            number: 'Write a number without quotes or units, e.g. 12.',
            boolean: 'Write true or false (without quotes).',
            date: 'Write a day of the calendar as YYYY-MM-DD, e.g. 2026-03-14.',
            list: 'Write a list of texts: [a, b], or one "- item" per line.',
          }[a.type],
  ),
  'unknown-var': entry<{ name: string; where: 'client' | 'lesson'; guess?: string; known: string[] }>(
    'error',
    (a) => `unknown variable "${a.name}"${a.where === 'client' ? ' in vars' : ' in when'}${didYouMean(a.guess)}`,
    (a) =>
      a.known.length
        ? `Variables declared in content/workshop.yml: ${a.known.join(', ')}. Declare a new one there under "vars:" first.`
        : 'This project declares no variables: declare it in content/workshop.yml under "vars:" first (see the README, "Your own client variables").',
  ),
  'missing-var': entry<{ name: string; description?: string }>(
    'error',
    (a) => `this client does not set the required variable "${a.name}"${a.description ? ` (${a.description})` : ''}`,
    (a) => `Set it under "vars:", e.g. "vars:\n  ${a.name}: ...", or give it a default in content/workshop.yml.`,
  ),
  'missing-font': entry<{ font: string; lookedFor: string }>(
    'error',
    (a) => `font file "${a.font}" not found (looked for ${a.lookedFor})`,
    'Check the path: it is relative to the file that sets brand.fonts.',
  ),
  'font-outside-project': entry<{ font: string; throughLink?: boolean }>(
    'error',
    (a) => `font file "${a.font}" is outside the project folder${a.throughLink ? ' (through a symbolic link)' : ''}`,
    'Copy the font into the project folder (e.g. content/fonts/) and point to that copy.',
  ),
  'bad-font': entry<{ font: string }>(
    'error',
    (a) => `font file "${a.font}" is not a font the kit can embed`,
    'Use a woff2, woff, ttf or otf file (woff2 is the smallest).',
  ),
  'large-font': entry<{ font: string; megabytes: number; limit: number }>(
    'warning',
    (a) => `font file "${a.font}" is ${a.megabytes} MB, over the ${a.limit} MB a font may have: every page of the client's kit embeds a copy`,
    'Use the woff2 form of the font (often a third of a ttf), or a subset with the characters the workshop uses.',
  ),
  'unknown-front-matter-key': entry<{ key: string; guess?: string }>(
    'warning',
    (a) => `front matter key "${a.key}" is neither the kit's nor Marp's, and is ignored${didYouMean(a.guess)}`,
    'The kit reads title, duration, objectives, models, sizes, sectors and when; Marp its directives (theme, paginate, class, header, footer, style, ...). Fix the spelling, or remove the key (a key the lesson uses as {{lesson.<key>}} is fine).',
  ),
  // Languages: language tags, lesson versions per language, label files
  'bad-language': entry<{ field: string; value: string }>(
    'error',
    (a) => `${a.field} ${quoted(a.value)} is not a language tag`,
    'Write a BCP 47 language tag: a language code, then a region or script if needed, joined by "-" (for example "es", "en", "en-GB", "pt-BR").',
  ),
  'lesson-version-without-base': entry<{ name: string; id: string; tag: string }>(
    'error',
    (a) => `${a.name} is the "${a.tag}" version of lesson "${a.id}", but there is no ${a.id}.md`,
    (a) => `Add ${a.id}.md, the lesson in the workshop's language (workshop.yml "language"): a language version is read beside it. If ".${a.tag}" is part of the lesson's id, rename the file.`,
  ),
  'lesson-language-missing': entry<{ ids: string[]; tag: string; language: string; used: string }>(
    'warning',
    (a) =>
      a.ids.length === 1
        ? `lesson "${a.ids[0]}" has no version in ${a.language}: its ${a.used} text is used`
        : `lessons ${a.ids.map((id) => quoted(id)).join(', ')} have no version in ${a.language}: their ${a.used} text is used`,
    (a) => `Add content/lessons/${a.ids[0]}.${a.tag}.md${a.ids.length > 1 ? ' (and so on)' : ''} with the lesson in that language. Said once, here, for every client in "${a.tag}".`,
  ),
  'lesson-version-is-base': entry<{ name: string; id: string; language: string }>(
    'warning',
    (a) => `${a.name} is in the workshop's own language, ${a.language}, so it is never read: ${a.id}.md is`,
    (a) => `Keep the lesson in ${a.id}.md and remove ${a.name}, or set workshop.yml "language" to the language ${a.id}.md is written in.`,
  ),
  'label-file-name': entry<{ name: string }>(
    'warning',
    (a) => `label file ${a.name} is not named after a language, so it is not read`,
    'Name label files after a BCP 47 language tag: templates/labels/fr.yml, templates/labels/en-GB.yml.',
  ),
  'labels-language-missing': entry<{ language: string; file: string }>(
    'warning',
    (a) => `the kit has no labels in ${a.language}: its headings and labels are in English`,
    (a) => `Add ${a.file} with the labels in that language (copy the kit's templates/labels/en.yml and translate it).`,
  ),
  'labels-missing': entry<{ language: string; labels: string[] }>(
    'warning',
    (a) => {
      const shown = a.labels.slice(0, 5).map((l) => quoted(l)).join(', ') + (a.labels.length > 5 ? ` and ${a.labels.length - 5} more` : '')
      return `label${a.labels.length > 1 ? 's' : ''} ${shown} ${a.labels.length > 1 ? 'are' : 'is'} not given in ${a.language}: English is used`
    },
    'Add the missing labels to this file (the kit\'s templates/labels/en.yml lists every label).',
  ),
  'unknown-label': entry<{ label: string; guess?: string; known: string[] }>(
    'warning',
    (a) => `unknown label ${quoted(a.label)}, which no page shows${didYouMean(a.guess)}`,
    (a) => `Labels: ${a.known.join(', ')}.`,
  ),
  'label-type': entry<{ label: string; actual: string }>(
    'error',
    (a) => `label ${quoted(a.label)} must be text, not ${a.actual}`,
    'Write the label as text; quote it if YAML reads it otherwise ("yes", "no" and "on" are not text unquoted).',
  ),
  // The dev server (workshop-kit dev, src/dev)
  'port-in-use': entry<{ host: string; port: number }>(
    'error',
    (a) => `port ${a.port} on ${a.host} is already in use: the dev server cannot listen there`,
    (a) => `Stop the program using port ${a.port}, or choose another port: --port ${a.port + 1} (--port 0 takes any free port).`,
  ),
  'cannot-listen': entry<{ host: string; port: number; reason: string }>(
    'error',
    (a) => `the dev server cannot listen on ${a.host} port ${a.port}: ${a.reason}`,
    'Check --host (an address of this machine, such as 127.0.0.1 or 0.0.0.0) and --port (1024 to 65535 needs no special rights).',
  ),
  // Lesson assets: images and files a lesson or a theme names (src/assets)
  'asset-not-found': entry<{ what: 'image' | 'file'; url: string; lookedFor: string; guess?: string; folder?: boolean }>(
    'error',
    (a) => `${a.what} "${a.url}" ${a.folder ? 'is a folder, not a file' : 'not found'}${didYouMean(a.guess)}`,
    (a) => `A path is read from the folder of the file that names it (this one is ${a.lookedFor} in the project). Fix the path or add the file.`,
  ),
  'asset-outside-project': entry<{ what: 'image' | 'file'; url: string; throughLink?: boolean }>(
    'error',
    (a) => (a.throughLink ? `${a.what} "${a.url}" links to a file outside the project folder` : `${a.what} "${a.url}" is outside the project folder`),
    'Copy the file into the project (for example content/assets/) and point to that copy with a relative path: a kit holds only project files.',
  ),
  'absolute-asset-path': entry<{ what: 'image' | 'file'; url: string; fileUrl?: boolean }>(
    'warning',
    (a) => `${a.what} "${a.url}" is ${a.fileUrl ? 'a file: URL' : 'an absolute path'}: it is kept as written, not copied into the kit, and shows only where that path exists`,
    'Write the path relative to the file that names it (for example "img/chart.png" next to the lesson, or "../assets/chart.png"), so the kit carries the file. --strict makes this an error.',
  ),
  'asset-unreadable': entry<{ what: 'image' | 'file'; url: string; reason: string }>(
    'error',
    (a) => `${a.what} "${a.url}" cannot be read (${a.reason})`,
    'Give the file read permission (chmod a+r), or point to a copy the kit can read.',
  ),
  'remote-asset': entry<{ what: 'image' | 'file'; url: string }>(
    'warning',
    (a) => `${a.what} "${a.url}" is on the web: the kit needs a network to show it, and PDFs never do`,
    'Download the file into the project (for example content/assets/) and name it by a relative path, so the kit works offline. --strict makes this an error.',
  ),
  // Participant outputs: the build's leak check (src/kit/leak-check.ts)
  'participant-leak': entry<{ kind: 'note' | 'solution' | 'facilitator'; output: string; excerpt: string }>(
    'error',
    (a) =>
      `this ${a.kind === 'note' ? 'speaker note' : a.kind === 'solution' ? 'solution' : 'facilitator block'} appears in ${a.output}, which participants get ("${a.excerpt}")`,
    (a) =>
      `Participant outputs hold no notes, solutions or facilitator text. If a project template (templates/html/) prints it into ${a.output}, take that out; if participants are meant to read this text, put it on a slide or in the exercise itself.`,
  ),
  // handout
  'handout-split': entry<{ slide: number; from: number; to: number; sheet: number; page: string }>(
    'warning',
    (a) =>
      a.from === a.to
        ? `slide ${a.slide} of ${a.page} is printed on page ${a.from}, not on its own sheet (page ${a.sheet}): a sheet of the handout overflows its A4 page`
        : `slide ${a.slide} of ${a.page} is cut across pages ${a.from} and ${a.to}`,
    'A handout sheet holds 3 or 6 slides and fits one A4 page: if the project overrides templates/html/handout.hbs or templates/assets/handout.css, keep each sheet within 210 x 297 mm.',
  ),
  // Schedule: breaks in the day (workshop.yml or a client's "breaks:", src/kit/agenda.ts)
  'break-place': entry<{ index: number; both: boolean }>(
    'error',
    (a) => (a.both ? `break ${a.index + 1} gives both "after" and "at": it can be placed only one way` : `break ${a.index + 1} says neither where it goes: "after" a lesson or "at" a time`),
    'Write after: <lesson-id> (the break follows that lesson) or at: "HH:MM" (at the first lesson boundary from that time), one of the two.',
  ),
  'unknown-break-lesson': entry<{ id: string; guess?: string; known: string[] }>(
    'error',
    (a) => `break after unknown lesson "${a.id}"${didYouMean(a.guess)}`,
    (a) => (a.known.length ? `"after" names a lesson id. Lessons in content/lessons/: ${a.known.join(', ')}.` : 'content/lessons/ holds no lessons yet.'),
  ),
  'break-lesson-not-taught': entry<{ id: string; client: string }>(
    'warning',
    (a) => `break after lesson "${a.id}", which ${a.client} does not get: the break is left out of its day`,
    'Give this client its own list (breaks: in its file replaces the workshop\'s), or place the break by time: at: "HH:MM".',
  ),
  'break-after-day': entry<{ at: string; client: string; lastBoundary: string | null }>(
    'warning',
    (a) =>
      a.lastBoundary
        ? `break at ${a.at}: no lesson of ${a.client} ends at or after ${a.at} before the day's last lesson (the last one between lessons ends at ${a.lastBoundary}); the break is left out`
        : `break at ${a.at}: ${a.client} has a single lesson, so there is no place between lessons for it; the break is left out`,
    'Give an earlier time, or place the break after a lesson: after: <lesson-id>. A break after the last lesson would come after the day.',
  ),
  'no-break': entry<{ client: string; start: string; end: string; hours: string }>(
    'warning',
    (a) => `${a.client}'s day runs ${a.start} to ${a.end} (${a.hours}) with no break`,
    'Add breaks to content/workshop.yml or to this client\'s file, for example: breaks: [{after: 03-plan, minutes: 20, title: Café}, {at: "13:30", minutes: 60, title: Comida}] (see the README, "Schedule").',
  ),
} as const

export type DiagnosticCode = keyof typeof catalogue
/** The facts a code's message and hint are written from. */
export type ArgsOf<C extends DiagnosticCode> = Parameters<(typeof catalogue)[C]['message']>[0]
