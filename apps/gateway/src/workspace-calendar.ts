import { existsSync } from 'node:fs'
import { type Calendar, createCalendar } from '@gongkai/calendar'

/**
 * The bundled calendar plus the holiday-cn year files of `dir` (the workspace's `holidays/`), the
 * same days `gongkai request …` counts on. A file that does not read throws, naming it: a server
 * that silently counted other days than the CLI would give two due dates for one request.
 */
export function workspaceCalendar(dir: string | undefined): Calendar {
  const calendar = createCalendar()
  if (dir && existsSync(dir)) {
    const loaded = calendar.loadHolidayYears(dir)
    if (loaded.errors.length) {
      throw new Error(`holiday files: ${loaded.errors.map((e) => e.message).join('; ')}`)
    }
  }
  return calendar
}
