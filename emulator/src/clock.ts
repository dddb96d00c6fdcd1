/**
 * The emulator's clock. Every timestamp the emulator writes (created_at, updated_at, closed_at,
 * commit dates) and the rate-limit window come from it.
 *
 * Fixed mode (the default): the clock starts at the `now` option (or the wall-clock time at start)
 * and stays there until `set()` or `advance()` moves it, so a six-week cohort runs in seconds and
 * timestamps are reproducible. Real-time mode: the clock follows the wall clock, shifted by
 * whatever `set()`/`advance()` added.
 */
export interface Clock {
  /** The current emulator time. */
  now(): Date
  /** The current emulator time as GitHub formats it: `2026-11-21T16:00:00Z`. */
  iso(): string
  set(date: Date | string | number): void
  advance(ms: number): void
  /** Switch between fixed mode (false, default) and real-time mode (true). */
  realTime(enabled: boolean): void
  readonly mode: 'fixed' | 'real'
}

export function toDate(value: Date | string | number): Date {
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value)
  if (Number.isNaN(date.getTime())) throw new Error(`invalid date: ${String(value)}`)
  return date
}

/** GitHub's timestamp format: ISO-8601 in UTC without milliseconds. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function createClock(start?: Date | string | number, realTime = false): Clock {
  // In fixed mode `fixed` is the time; in real mode the time is Date.now() + offset.
  let fixed = start === undefined ? Date.now() : toDate(start).getTime()
  let offset = fixed - Date.now()
  let mode: 'fixed' | 'real' = realTime ? 'real' : 'fixed'
  const nowMs = () => (mode === 'fixed' ? fixed : Date.now() + offset)
  return {
    now: () => new Date(nowMs()),
    iso: () => isoSeconds(new Date(nowMs())),
    set(date) {
      fixed = toDate(date).getTime()
      offset = fixed - Date.now()
    },
    advance(ms) {
      fixed += ms
      offset += ms
    },
    realTime(enabled) {
      const current = nowMs()
      mode = enabled ? 'real' : 'fixed'
      fixed = current
      offset = current - Date.now()
    },
    get mode() {
      return mode
    },
  }
}
