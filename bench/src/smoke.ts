// `npm run bench -- --smoke` runs every benchmark at a tiny size, so CI proves they all still run
// (and compile) in about a minute; the figures of a smoke run mean nothing. run.ts sets the
// variable before it loads any benchmark, and child processes inherit it.

/** True in a smoke run. */
export const smoke = process.env.GONGKAI_BENCH_SMOKE === '1'

/** `full` normally, `tiny` in a smoke run; an environment variable `env` overrides both. */
export function size(full: number, tiny: number, env?: string): number {
  const given = env === undefined ? undefined : process.env[env]
  if (given !== undefined && given !== '') return Number(given)
  return smoke ? tiny : full
}
