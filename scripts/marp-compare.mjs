// Comparing the kit's slides with marp-core's own render of the same
// markdown, for the CommonMark and corpus tests (tests/slow/) and
// `npm run commonmark`. Plain JavaScript so that a script can use it too.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Marp } from '@marp-team/marp-core'
import katexPlugin from '@marp-team/marp-core/plugins/katex'

const repoRoot = path.resolve(import.meta.dirname, '..')

/**
 * A marp-core with the options the kit renders with (src/kit/render-marp.ts):
 * raw HTML on, Unicode emoji, Marp's inline script, KaTeX with the kit's
 * options, and the kit's theme as the default theme. `themes` are more theme
 * CSS texts to register (a corpus deck's own theme).
 */
export function referenceMarp(themes = []) {
  const marp = new Marp({ html: true, emoji: { shortcode: true, unicode: false }, script: { source: 'inline' } }).use(
    katexPlugin({ fontPath: 'workshop-kit-katex-fonts/', options: { strict: 'ignore', throwOnError: false } }),
  )
  const kit = marp.themeSet.add(readFileSync(path.join(repoRoot, 'templates', 'themes', 'workshop-kit.css'), 'utf8'))
  for (const css of themes) marp.themeSet.add(css)
  marp.themeSet.default = kit
  return marp
}

/**
 * The slides of Marp HTML (a whole page or Marp's own output), each
 * normalized to what is the author's: only what the kit legitimately adds or
 * numbers differently is taken out.
 *
 * - Section attributes the kit sets or numbers across the workshop: the
 *   slide id and page numbers (the workshop deck counts across lessons and
 *   paginates by default), the deck's `lang` and `theme` (data-* attributes
 *   and their CSS variables), and `<style scoped>` keys (the kit makes them
 *   from the slide's place, marp-core at random).
 * - Marp's inline script, which a deck holds once, after its last slide.
 *
 * Everything else (the markup of every slide, heading ids, the author's own
 * section classes and styles from directives) is compared as it is.
 */
export function normalizedSlides(html) {
  const slides = []
  for (const match of html.matchAll(/<svg data-marpit-svg[\s\S]*?<\/svg>(?=<svg data-marpit-svg|<\/div>)/g)) {
    slides.push(
      match[0]
        .replace(/<script>[\s\S]*?<\/script>/g, '')
        .replace(/<section\b[^>]*>/g, (tag) =>
          tag
            .replace(/ (?:id|lang|data-paginate|data-lang|data-theme|data-marpit-pagination|data-marpit-pagination-total)="[^"]*"/g, '')
            .replace(/ data-marpit-scope-[\w-]+=""/g, '')
            .replace(/ style="([^"]*)"/, (_, style) => {
              const kept = style.split(';').filter((d) => d && !/^--(?:paginate|lang|theme):/.test(d))
              return kept.length ? ` style="${kept.join(';')};"` : ''
            }),
        ),
    )
  }
  return slides
}

/** The slide text of marp-core's render of `markdown`, normalized (see normalizedSlides). */
export function marpCoreSlides(marp, markdown) {
  return normalizedSlides(marp.render(markdown).html)
}

/** The slides of one part of a workshop deck page (deck.html), by the part starts the page lists. */
export function deckPartSlides(deckHtml, part) {
  const starts = JSON.parse(/<script type="application\/json" id="wk-parts">([\s\S]*?)<\/script>/.exec(deckHtml)?.[1] ?? '[0]')
  const slides = normalizedSlides(deckHtml)
  return slides.slice(starts[part], part + 1 < starts.length ? starts[part + 1] : slides.length)
}

/**
 * A lesson names local files (images, media); the kit copies each into the
 * client's folder as assets/<sha256, 16 hex>.<ext> and names the copy, where
 * marp-core renders the path as written. For the comparison, each local file
 * `text` names (a lesson's markdown, or a theme's CSS with `css`) that is not
 * in the project is made there (a placeholder), and the markdown marp-core
 * renders names the copies as the kit does: `page` from a lesson page (one
 * folder down), `deck` from deck.html. Needs the built library (lib/).
 */
export async function withKitAssets(root, file, text, { css = false } = {}) {
  const lib = (module) => import(pathToFileURL(path.join(repoRoot, 'lib', 'assets', module)).href)
  const { markdownReferences, cssReferences, replaceReferences } = await lib('references.js')
  const { resolveReference } = await lib('resolve.js')
  const { frontMatterTextReferences } = await lib('lesson-assets.js')
  // A lesson's front matter (YAML between "---" lines) is read as the kit reads it, the body as markdown.
  const frontMatter = css ? null : /^---[ \t]*\r?\n([^]*?\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(text)
  const bodyStart = frontMatter ? frontMatter[0].length : 0
  const yamlStart = frontMatter ? frontMatter[0].indexOf('\n') + 1 : 0
  const refs = css
    ? cssReferences(text)
    : [
        ...(frontMatter ? frontMatterTextReferences(frontMatter[1] ?? '').map((r) => ({ ...r, start: r.start + yamlStart, end: r.end + yamlStart })) : []),
        ...markdownReferences(text.slice(bodyStart)).map((r) => ({ ...r, start: r.start + bodyStart, end: r.end + bodyStart })),
      ]
  const replacements = []
  for (const ref of refs) {
    let resolution = resolveReference(ref.url, file, root)
    if (resolution.kind === 'missing' && !resolution.folder) {
      const made = path.join(root, resolution.lookedFor)
      mkdirSync(path.dirname(made), { recursive: true })
      if (!existsSync(made)) writeFileSync(made, `placeholder for ${resolution.lookedFor}\n`)
      resolution = resolveReference(ref.url, file, root)
    }
    if (resolution.kind !== 'file') continue
    const ext = path.extname(resolution.file).toLowerCase()
    const name = createHash('sha256').update(readFileSync(resolution.file)).digest('hex').slice(0, 16) + (/^\.[a-z0-9]+$/.test(ext) ? ext : '')
    replacements.push({ start: ref.start, end: ref.end, name: `assets/${name}${resolution.fragment}` })
  }
  const named = (prefix) => replaceReferences(text, replacements.map((r) => ({ start: r.start, end: r.end, value: prefix + r.name })))
  return { page: named('../'), deck: named('') }
}
