#!/usr/bin/env node
// Thin launcher: all behaviour lives in the compiled library (lib/cli/main.js).
import { main } from '../lib/cli/main.js'

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
