import { readFile } from 'node:fs/promises'
import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
  esbuildPlugins: [
    {
      // V8 parses a JSON string far faster than the same data as an object literal, which is
      // most of the cold import time of this package.
      name: 'json-as-parse',
      setup(build) {
        build.onLoad({ filter: /\.json$/ }, async (args) => {
          const text = JSON.stringify(JSON.parse(await readFile(args.path, 'utf8')))
          return { contents: `export default JSON.parse(${JSON.stringify(text)})`, loader: 'js' }
        })
      },
    },
  ],
})
