// Every kind of bad input the kit must report: the files that break a
// minimal project (tests/helpers/project.ts), and where and what the one
// error says. Used by tests/bad-input.test.ts (in process) and
// tests/slow/bad-input-cli.test.ts (the real command line).

export interface BadInput {
  files: Record<string, string>
  /** file:line:column of the expected message. */
  at: string
  message: RegExp
}

export const badInputs: Record<string, BadInput> = {
  'malformed YAML': {
    files: { 'content/clients/acme.yml': 'name: Acme\n  sector: x\n' },
    at: 'content/clients/acme.yml:1:7',
    message: /invalid YAML/,
  },
  'schema violation (enum)': {
    files: { 'content/clients/acme.yml': 'name: Acme\nsize: small\n' },
    at: 'content/clients/acme.yml:2:7',
    message: /size is "small", allowed: "pyme", "grande"/,
  },
  'unknown client field': {
    files: { 'content/clients/acme.yml': 'name: Acme\nbrand:\n  colour: red\n' },
    at: 'content/clients/acme.yml:3:3',
    message: /unknown field "colour" in brand/,
  },
  'missing name': {
    files: { 'content/clients/acme.yml': 'sector: banca\n' },
    at: 'content/clients/acme.yml:1:1',
    message: /missing required field "name"/,
  },
  'bad colour': {
    files: { 'content/clients/acme.yml': 'name: Acme\nbrand:\n  primary: "#12345"\n' },
    at: 'content/clients/acme.yml:3:12',
    message: /brand\.primary is "#12345", which is not a colour/,
  },
  'unquoted colour (a YAML comment)': {
    files: { 'content/clients/acme.yml': 'name: Acme\nbrand:\n  primary: #123456\n' },
    at: 'content/clients/acme.yml:3:12',
    message: /unquoted "#" starts a comment/,
  },
  'impossible date': {
    files: { 'content/clients/acme.yml': 'name: Acme\nsession:\n  date: 2026-02-30\n' },
    at: 'content/clients/acme.yml:3:9',
    message: /not a day of the calendar/,
  },
  'unknown variable': {
    files: { 'content/lessons/intro.md': '---\ntitle: T\n---\n\n# Hola {{client.nmae}}\n' },
    at: 'content/lessons/intro.md:5:10',
    message: /unknown variable "client\.nmae" \(did you mean "client\.name"\?\)/,
  },
  'unknown helper': {
    files: { 'content/lessons/intro.md': '# Hola\n\nTexto {{shout client.name}}\n' },
    at: 'content/lessons/intro.md:3:7',
    message: /unknown helper "shout"/,
  },
  'unclosed block helper': {
    files: { 'content/lessons/intro.md': '# Hola\n\n{{#b2b}}\nx\n' },
    at: 'content/lessons/intro.md:3:1',
    message: /"\{\{#b2b\}\}" is never closed/,
  },
  'unknown lesson id in workshop.yml': {
    files: { 'content/workshop.yml': 'title: T\nlessons:\n  - intro\n  - nope\n' },
    at: 'content/workshop.yml:4:5',
    message: /unknown lesson "nope"/,
  },
  'unknown lesson id in a client': {
    files: { 'content/clients/acme.yml': 'name: Acme\nlessons:\n  - outro\n' },
    at: 'content/clients/acme.yml:3:5',
    message: /unknown lesson "outro"/,
  },
  'missing logo': {
    files: { 'content/clients/acme.yml': 'name: Acme\nbrand:\n  logo: logos/nope.svg\n' },
    at: 'content/clients/acme.yml:3:9',
    message: /logo "logos\/nope\.svg" not found/,
  },
  'logo outside the project': {
    files: { 'content/clients/acme.yml': 'name: Acme\nbrand:\n  logo: ../../../../etc/hostname\n' },
    at: 'content/clients/acme.yml:3:9',
    message: /is outside the project folder/,
  },
  'unclosed directive': {
    files: { 'content/lessons/intro.md': '---\ntitle: T\n---\n# Hola\n\n:::exercise{title="x"}\nTexto\n::answer{lines=2}\n' },
    at: 'content/lessons/intro.md:6:1',
    message: /":::exercise" is never closed/,
  },
  'JavaScript front matter': {
    files: { 'content/lessons/intro.md': '---js\n{ title: require("fs").writeFileSync("PWNED", "x") }\n---\n# Hola\n' },
    at: 'content/lessons/intro.md:1:4',
    message: /front matter language "js" is not allowed/,
  },
  'bad front matter type': {
    files: { 'content/lessons/intro.md': '---\ntitle: T\nduration: diez\n---\n# Hola\n' },
    at: 'content/lessons/intro.md:3:11',
    message: /duration must be an integer/,
  },
  'bad directive attribute': {
    files: { 'content/lessons/intro.md': '# Hola\n\n:::exercise{title="x" minutes=abc}\nTexto\n:::\n' },
    at: 'content/lessons/intro.md:3:1',
    message: /minutes="abc" on "exercise" must be a whole number/,
  },
}
