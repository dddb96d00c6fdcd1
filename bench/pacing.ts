// Wall time at production pacing, computed from a run's request log instead of sleeping.
import { PACING, PacedClock, requestKind } from '../actions/lib/budget/budget.js'
import type { RequestLogEntry } from '../emulator/src/index.js'

/**
 * The requests replayed one after the other as the client paces them on github.com: every request
 * takes an assumed round trip, writes start at least 1 s apart and creations (issues, comments,
 * pull requests) at least 3 s apart. Process start-up is not included (see the cold-start table).
 */
export function productionSeconds(requests: readonly RequestLogEntry[]): number {
  const clock = new PacedClock()
  for (const r of requests) clock.add(requestKind(r.method, r.path))
  return clock.seconds
}

export const PACING_NOTE =
  `Wall time at production pacing is computed from each run's request log, not slept: the ` +
  `requests replayed in order, each taking an assumed ${PACING.roundTripSeconds} s round trip, ` +
  `writes starting at least ${PACING.writeGapSeconds} s apart and creations (issues, comments, ` +
  `pull requests) at least ${PACING.createGapSeconds} s apart, as the client paces them on ` +
  `github.com; process start-up comes on top (cold-start table). The measured figure is the same ` +
  `run on the local GitHub with every wait scaled down 1,000 times (SKILL_SHARE_RETRY_SCALE).`

export function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`
  return `${(seconds / 3600).toFixed(1)} h`
}
