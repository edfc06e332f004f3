#!/usr/bin/env node
// The `gongkai` command as npm links it. This file is committed rather than built, so `npm ci` finds
// it and links `node_modules/.bin/gongkai` before anything is built; the command is dist/bin.js.
import { existsSync } from 'node:fs'

const built = new URL('../dist/bin.js', import.meta.url)
if (!existsSync(built)) {
  process.stderr.write(
    'gongkai is not built yet: run "npm run build" in the repository root first (then "npx gongkai --help")\n'
  )
  process.exit(1)
}
await import(built.href)
