// Every kind of bad input the kit must report: the files that break a
// minimal project (tests/helpers/project.ts), and where and what the one
// error says. Used by tests/bad-input.test.ts (in process) and
// tests/slow/bad-input-cli.test.ts (the real command line).

export interface BadInput {
  files: Record<string, string | Buffer>
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
  'malformed language tag': {
    files: { 'content/clients/acme.yml': 'name: Acme\nlanguage: xx_YY!\n' },
    at: 'content/clients/acme.yml:2:11',
    message: /language "xx_YY!" is not a language tag/,
  },
  'lesson version without its base file': {
    files: { 'content/lessons/extra.en.md': '# Extra\n' },
    at: 'content/lessons/extra.en.md:1:1',
    message: /extra\.en\.md is the "en" version of lesson "extra", but there is no extra\.md/,
  },
  'label that is not text': {
    files: { 'templates/labels/es.yml': 'deck: Diapositivas\nguide:\n  - Guía\n' },
    at: 'templates/labels/es.yml:3:3',
    message: /label "guide" must be text, not a list/,
  },
  'YAML alias with no anchor': {
    files: { 'content/clients/acme.yml': 'name: Acme\nlanguage: *es\n' },
    at: 'content/clients/acme.yml:2:11',
    message: /YAML alias "\*es" names no anchor "&es" set before it/,
  },
  'YAML alias bomb': {
    files: {
      'content/clients/acme.yml':
        'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n' +
        'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nname: Acme\nsector: *e\n',
    },
    at: 'content/clients/acme.yml:2:8',
    message: /YAML aliases expand to too much data/,
  },
  'YAML alias in front matter': {
    files: { 'content/lessons/intro.md': '---\ntitle: &t Hola\nobjectives: [*t, *nada]\n---\n# Hola\n' },
    at: 'content/lessons/intro.md:3:18',
    message: /YAML alias "\*nada" names no anchor/,
  },
  'block quotes 10,000 deep': {
    files: { 'content/lessons/intro.md': `# Hola\n\n${'> '.repeat(10_000)}hondo\n` },
    at: 'content/lessons/intro.md:3:201',
    message: /nested too deeply: block quotes and lists here go 101 levels deep \(the limit is 100\)/,
  },
  'lists 3,000 deep': {
    files: { 'content/lessons/intro.md': `# Hola\n\n${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')}\n` },
    at: 'content/lessons/intro.md:103:201',
    message: /nested too deeply/,
  },
  'list markers 10,000 deep on one line': {
    files: { 'content/lessons/intro.md': `# Hola\n\n${'- '.repeat(10_000)}x\n` },
    at: 'content/lessons/intro.md:3:201',
    message: /nested too deeply/,
  },
  'a group of values printed': {
    files: { 'content/lessons/intro.md': '# Hola\n\nPara {{client}}\n' },
    at: 'content/lessons/intro.md:3:6',
    message: /\{\{client\}\} is a group of values, not text/,
  },
  'the root printed': {
    files: { 'content/lessons/intro.md': '# Hola\n\nPara {{@root}}\n' },
    at: 'content/lessons/intro.md:3:6',
    message: /\{\{@root\}\} is a group of values, not text/,
  },
  'a list printed': {
    files: { 'content/lessons/intro.md': '---\nobjectives: [a, b]\n---\n# Hola\n\n{{lesson.objectives}}\n' },
    at: 'content/lessons/intro.md:6:1',
    message: /\{\{lesson\.objectives\}\} is a list, not text/,
  },
  'a field of a text value': {
    files: { 'content/lessons/intro.md': '---\ntitle: Hola\n---\n# Hola\n\n{{lesson.title.length}}\n' },
    at: 'content/lessons/intro.md:6:3',
    message: /unknown variable "lesson\.title\.length"/,
  },
  'a field of a text value inside #each': {
    files: { 'content/lessons/intro.md': '---\nobjectives: [a, b]\n---\n# Hola\n\n{{#each lesson.objectives}}{{this.length}}{{/each}}\n' },
    at: 'content/lessons/intro.md:6:30',
    message: /"this\.length" asks for "length" of a plain value \("a"\)/,
  },
  'blocks closed out of order': {
    files: { 'content/lessons/intro.md': '# Hola\n\n{{#b2b}}{{#pyme}}x{{/b2b}}\n' },
    at: 'content/lessons/intro.md:3:9',
    message: /"\{\{#pyme\}\}" is closed by "\{\{\/b2b\}\}"/,
  },
  'an error in a CRLF lesson': {
    files: { 'content/lessons/intro.md': '---\r\ntitle: T\r\n---\r\n\r\n# Hola\r\n\r\n---\r\n\r\n{{client.nmae}}\r\n' },
    at: 'content/lessons/intro.md:9:3',
    message: /unknown variable "client\.nmae"/,
  },
  'a NUL byte in a lesson': {
    files: { 'content/lessons/intro.md': '# Hola\n\nuno\ndos \0 tres\n' },
    at: 'content/lessons/intro.md:4:5',
    message: /a NUL byte \(0x00\) is in the text/,
  },
  'a client file saved as Latin-1': {
    files: { 'content/clients/acme.yml': Buffer.from('name: Acme\nsector: Alimentaci\xf3n\n', 'latin1') },
    at: 'content/clients/acme.yml:2:19',
    message: /byte 0xF3 is not UTF-8 text/,
  },
  'a lesson saved as Latin-1, after a CR line end': {
    files: { 'content/lessons/intro.md': Buffer.from('# Hola\r\rcaf\xe9\n', 'latin1') },
    at: 'content/lessons/intro.md:3:4',
    message: /byte 0xE9 is not UTF-8 text/,
  },
  'an undeclared client variable': {
    files: {
      'content/workshop.yml': 'title: Taller de prueba\nlessons:\n  - intro\nvars:\n  product: { type: text, default: Acme Cloud }\n',
      'content/clients/acme.yml': 'name: Acme\nvars:\n  prodcut: Acme Pay\n',
    },
    at: 'content/clients/acme.yml:3:3',
    message: /unknown variable "prodcut" in vars \(did you mean "product"\?\)/,
  },
  'a client variable of the wrong type': {
    files: {
      'content/workshop.yml': 'title: Taller de prueba\nlessons:\n  - intro\nvars:\n  seats: { type: number }\n',
      'content/clients/acme.yml': 'name: Acme\nvars:\n  seats: doce\n',
    },
    at: 'content/clients/acme.yml:3:10',
    message: /vars\.seats is the text "doce": variable "seats" takes a number/,
  },
  'a missing brand font': {
    files: { 'content/clients/acme.yml': 'name: Acme\nbrand:\n  fonts:\n    - file: fonts/acme.woff2\n' },
    at: 'content/clients/acme.yml:4:13',
    message: /font file "fonts\/acme\.woff2" not found/,
  },
  // Lesson assets
  'a missing image': {
    files: { 'content/lessons/intro.md': '# Plan\n\nTexto.\n\n![embudo](embudo.png)\n', 'content/lessons/embudos.png': Buffer.from('png') },
    at: 'content/lessons/intro.md:5:11',
    message: /image "embudo\.png" not found \(did you mean "embudos\.png"\?\)/,
  },
  'an image outside the project': {
    files: { 'content/lessons/intro.md': '# Plan\n\n<img src="../../../../../../../../etc/hostname">\n' },
    at: 'content/lessons/intro.md:3:11',
    message: /image "\.\.\/(\.\.\/)+etc\/hostname" is outside the project folder/,
  },
  'a missing image in a <style> block': {
    files: { 'content/lessons/intro.md': '# Plan\n\n<style scoped>\nh1 { background: url("fondo.png") }\n</style>\n' },
    at: 'content/lessons/intro.md:4:23',
    message: /image "fondo\.png" not found/,
  },
}
