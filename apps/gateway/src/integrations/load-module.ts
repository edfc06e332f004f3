/**
 * Imports a sibling package if it is built and exports the named functions; otherwise undefined.
 * The specifier is a variable so bundlers leave the import to run time: the gateway starts (and
 * answers 503 `not_available` on the routes that need it) while a package is still missing.
 */
export async function loadModule<T>(
  specifier: string,
  required: readonly string[]
): Promise<T | undefined> {
  try {
    const mod = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>
    for (const name of required) if (typeof mod[name] === 'undefined') return undefined
    return mod as T
  } catch {
    return undefined
  }
}
