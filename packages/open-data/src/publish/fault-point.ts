/** The points inside a publish where a fault test may kill the process. */
export type FaultPoint = 'publish:indexes' | 'publish:flip'

/**
 * A kill -9 at a named point, for the fault tests of the CLI (`GONGKAI_FAULT_POINT=<point>` in a
 * child process's environment): points too short-lived to hit from outside by polling, such as
 * between two index builds or inside the flip's transaction. Does nothing unless armed.
 */
export function faultPoint(point: FaultPoint): void {
  if (process.env.GONGKAI_FAULT_POINT === point) process.kill(process.pid, 'SIGKILL')
}
