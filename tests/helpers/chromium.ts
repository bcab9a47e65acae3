// A real Chromium for tests that look at the kit the way a browser shows it:
// found and started the way the kit itself does (lib/browser.js).
import { chromium, type Browser } from 'playwright-core'
import { BROWSER_ARGS, findChromium, INSTALL_HINT } from '../../lib/print/browser.js'

export const CHROMIUM_HINT = `${INSTALL_HINT} Set WORKSHOP_KIT_SKIP_BROWSER=1 to skip the browser tests on a machine without one.`

/** The Chromium executable to use, or undefined when there is none. */
export function chromiumPath(): string | undefined {
  return findChromium().path
}

/** A headless Chromium that leaves the test runner's signals alone. */
export async function launchChromium(): Promise<Browser> {
  const found = findChromium()
  if (!found.path) throw new Error(`${found.reason}. ${CHROMIUM_HINT}`)
  return chromium.launch({
    executablePath: found.path,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: BROWSER_ARGS,
  })
}
