// A real Chromium for tests that look at the kit the way a browser shows it.
// It is found on the machine (never downloaded): CHROME_PATH, else the usual
// system paths.
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

export const CHROMIUM_HINT =
  'Install Chromium (Debian/Ubuntu: "apt-get install -y chromium") or set CHROME_PATH to a Chromium or Chrome executable; ' +
  'set WORKSHOP_KIT_SKIP_BROWSER=1 to skip the browser tests on a machine without one.'

/** The Chromium executable to use, or undefined when there is none. */
export function chromiumPath(): string | undefined {
  const configured = process.env.CHROME_PATH?.trim()
  if (configured && existsSync(configured)) return configured
  return CANDIDATES.find((candidate) => existsSync(candidate))
}

/** A headless Chromium that leaves the test runner's signals alone. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath()
  if (!executablePath) throw new Error(`No Chromium found (CHROME_PATH, ${CANDIDATES.join(', ')}). ${CHROMIUM_HINT}`)
  return chromium.launch({
    executablePath,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}
