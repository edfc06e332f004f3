import { type CommandContext, UsageError } from '../command.js'
import { casesFailure, openWorkspaceCases, type WorkspaceCases } from '../workspace-cases.js'

/** The value of a string flag, or undefined when it is absent (or not a string). */
export const str = (ctx: CommandContext, name: string): string | undefined => {
  const v = ctx.flags[name]
  return typeof v === 'string' ? v : undefined
}

/** The value of a required string flag; a {@link UsageError} naming an example when it is absent or blank. */
export const required = (ctx: CommandContext, name: string, example: string): string => {
  const v = str(ctx, name)
  if (v === undefined || v.trim() === '')
    throw new UsageError(`--${name} is required, e.g. --${name} ${example}`)
  return v
}

/** Runs `work` on the workspace's cases, closing the store and reporting cases errors. */
export async function withWorkspaceCases(
  ctx: CommandContext,
  command: string,
  work: (w: WorkspaceCases) => Promise<number>
): Promise<number> {
  const w = await openWorkspaceCases(ctx)
  try {
    return await work(w)
  } catch (err) {
    return casesFailure(ctx, command, err)
  } finally {
    await w.store.close()
  }
}
