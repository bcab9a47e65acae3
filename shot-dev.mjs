import { chromium } from 'playwright-core'
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
const dev = spawn(process.execPath, ['bin/workshop-kit.js', 'dev', '--root', '/tmp/demo', '--port', '4191'], { stdio: ['ignore', 'inherit', 'inherit'] })
await new Promise((r) => setTimeout(r, 4000))
const ctx = await chromium.launchPersistentContext(mkdtempSync('/tmp/pw-'), { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], viewport: { width: 1280, height: 720 } })
const page = await ctx.newPage()
await page.goto('http://127.0.0.1:4191/acme/deck.html#4')
await page.waitForTimeout(1500)
await page.screenshot({ path: '/tmp/dev-1.png' })
const lesson = '/tmp/demo/content/lessons/01-welcome.md'
writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('## The idea to keep', '## The idea to keep, LIVE'))
await page.waitForTimeout(2500)
await page.screenshot({ path: '/tmp/dev-2.png' })
const client = '/tmp/demo/content/clients/acme.yml'
const good = readFileSync(client, 'utf8')
writeFileSync(client, good.replace('size: pyme', 'size: [pyme'))
await page.waitForTimeout(2500)
await page.screenshot({ path: '/tmp/dev-3.png' })
writeFileSync(client, good)
await page.waitForTimeout(2500)
console.log('overlay after fix:', await page.evaluate(() => document.body.innerText.includes('error')))
await page.goto('http://127.0.0.1:4191/')
await page.screenshot({ path: '/tmp/dev-4.png' })
await ctx.close()
dev.kill('SIGINT')
