// `npm start`: build what changed, then serve the portal of a demo workspace (.gongkai-demo/).
// turbo runs on every start: its cache replays unchanged packages, so an up-to-date tree costs about
// a second, and a changed source is rebuilt instead of serving a stale dist/.

import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const turbo = join(root, 'node_modules', '.bin', 'turbo')
const cli = join(root, 'apps', 'cli', 'dist', 'bin.js')

if (!existsSync(turbo)) {
  console.error('npm start: dependencies are not installed; run "npm ci" first')
  process.exit(1)
}

// The CLI and everything it imports (the gateway, the packages); not the benchmarks.
const started = Date.now()
const build = spawnSync(
  turbo,
  ['run', 'build', '--filter=@gongkai/cli...', '--output-logs=errors-only'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } }
)
if (build.status !== 0) {
  console.error('npm start: the build failed (see above); not serving an old build')
  process.exit(build.status ?? 1)
}
console.error(
  `npm start: build checked, changed packages rebuilt (${((Date.now() - started) / 1000).toFixed(1)} s)`
)

const ws = join(root, '.gongkai-demo')
if (!existsSync(join(ws, 'gongkai.config.json'))) {
  const init = spawnSync(process.execPath, [cli, 'init', ws], { stdio: 'inherit' })
  if (init.status !== 0) process.exit(init.status ?? 1)
}
const serve = spawnSync(
  process.execPath,
  [cli, 'serve', '--workspace', ws, ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  }
)
process.exit(serve.status ?? 0)
