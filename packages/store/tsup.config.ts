import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts', 'src/query-worker.js'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  target: 'node20',
})
