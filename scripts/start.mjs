// `npm start`: serve the portal when the gateway is built, otherwise describe the toolkit.
// It must never fail on a fresh machine, so every step degrades to a printed explanation.

import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const cli = join(root, 'apps/cli/dist/bin.js')
const gateway = join(root, 'apps/gateway/dist/index.js')

if (!existsSync(cli)) {
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) console.error('build failed; showing the toolkit description instead')
}

if (existsSync(gateway) && existsSync(cli)) {
  const ws = join(root, '.gongkai-demo')
  if (!existsSync(join(ws, 'gongkai.config.json'))) {
    spawnSync(process.execPath, [cli, 'init', ws], { stdio: 'inherit' })
  }
  const r = spawnSync(
    process.execPath,
    [cli, 'serve', '--workspace', ws, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    }
  )
  process.exit(r.status ?? 0)
}

console.log('gongkai (公开): government-affairs openness toolkit\n')
for (const dir of ['packages', 'apps']) {
  for (const name of readdirSync(join(root, dir)).sort()) {
    const pkgFile = join(root, dir, name, 'package.json')
    if (!existsSync(pkgFile)) continue
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'))
    console.log(`  ${pkg.name.padEnd(22)} ${pkg.description ?? ''}`)
  }
}
if (existsSync(cli)) {
  console.log('\nTry: node apps/cli/dist/bin.js --help')
  spawnSync(process.execPath, [cli, '--help'], { stdio: 'inherit' })
}
