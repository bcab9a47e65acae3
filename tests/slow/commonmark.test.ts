// Every example of the CommonMark spec 0.31.2, each a lesson of its own in
// one workshop, renders as marp-core renders it alone: on the lesson page and
// in the lesson's part of deck.html (scripts/commonmark.mjs; what is
// normalized, and why, is in scripts/marp-compare.mjs). `npm run commonmark`
// prints the same figure.
import { describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
// @ts-expect-error: a plain JavaScript module of the scripts
import { checkCommonmark, EXCLUDED } from '../../scripts/commonmark.mjs'

describe('the CommonMark spec through the lesson path', () => {
  it('renders every example as marp-core does, but the few listed as unable to match', async () => {
    const { total, passed, failed, errors } = await checkCommonmark(build)
    expect(errors).toEqual([])
    expect(total).toBe(652)
    const unexpected = failed.filter((f: { excluded?: string }) => !f.excluded)
    expect(unexpected).toEqual([])
    // The list of examples that cannot match stays short, and each still fails (else take it off).
    expect(Object.keys(EXCLUDED).length).toBeLessThanOrEqual(5)
    expect(passed.length + Object.keys(EXCLUDED).length).toBe(total)
  }, 300_000)
})
