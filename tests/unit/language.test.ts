// Language tags: canonical form, which file names are language versions, and
// the lookup that picks a lesson version or a label file for a client.
import { describe, expect, it } from 'vitest'
import { canonicalTag, describeTag, lookupChain, pickLanguage, versionTag } from '../../src/project/language.js'

describe('language tags', () => {
  it('canonicalTag: any well-formed BCP 47 tag, in its canonical case; anything else is undefined', () => {
    expect(canonicalTag('en-gb')).toBe('en-GB')
    expect(canonicalTag('ES')).toBe('es')
    expect(canonicalTag('zh-hant-tw')).toBe('zh-Hant-TW')
    expect(canonicalTag(' en ')).toBe('en')
    for (const bad of ['xx_YY!', 'en_GB', '', ' ', 'e', 'english-language-x', 42, null]) expect(canonicalTag(bad), String(bad)).toBeUndefined()
  })

  it('versionTag: a two- or three-letter language and subtags; longer last parts belong to the lesson id', () => {
    expect(versionTag('en')).toBe('en')
    expect(versionTag('en-gb')).toBe('en-GB')
    expect(versionTag('ast')).toBe('ast')
    for (const part of ['final', 'v2', 'draft', 'b2b', '01']) expect(versionTag(part), part).toBeUndefined()
  })

  it('lookupChain: most specific first, never ending on an extension singleton', () => {
    expect(lookupChain('en-GB')).toEqual(['en-GB', 'en'])
    expect(lookupChain('zh-Hant-TW')).toEqual(['zh-Hant-TW', 'zh-Hant', 'zh'])
    expect(lookupChain('de-DE-u-co-phonebk')).toEqual(['de-DE-u-co-phonebk', 'de-DE-u-co', 'de-DE', 'de'])
    expect(lookupChain('es')).toEqual(['es'])
  })

  it('pickLanguage: the most specific match, then one sharing the language, else none', () => {
    expect(pickLanguage('en-GB', ['es', 'en', 'en-GB'])).toBe('en-GB')
    expect(pickLanguage('en-GB', ['es', 'en'])).toBe('en')
    expect(pickLanguage('en-US', ['es', 'en-GB'])).toBe('en-GB')
    expect(pickLanguage('es-MX', ['es', 'en'])).toBe('es')
    expect(pickLanguage('es', ['es-ES', 'en'])).toBe('es-ES')
    expect(pickLanguage('fr', ['es', 'en'])).toBeUndefined()
  })

  it('describeTag: the tag and its English name, for messages', () => {
    expect(describeTag('en')).toBe('en (English)')
    expect(describeTag('es')).toBe('es (Spanish)')
    expect(describeTag('qaa')).toBe('qaa')
  })
})
