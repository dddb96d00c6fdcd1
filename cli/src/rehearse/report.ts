import { DateTime } from 'luxon'
import type { JobRecord } from '../../../emulator/src/index.js'
import { PULSE_MIN_ANSWERS } from '../../../actions/lib/forms/pulse.js'
import type { PulseOutcome, RehearsalResult } from './rehearse.js'

const DAY = 24 * 3_600_000

/** `runs.json`: one object per job run, as the billing meter recorded it. */
export function runsJson(result: Pick<RehearsalResult, 'jobs'>) {
  return result.jobs.map((j: JobRecord) => ({
    workflow: j.workflow,
    job: j.job,
    event: j.event,
    ...(j.action ? { action: j.action } : {}),
    at: j.at,
    conclusion: j.conclusion,
    billable_minutes: j.billable_minutes,
  }))
}

/** Billable minutes over the rehearsal, and per 30 days at that rate. */
export function billing(result: Pick<RehearsalResult, 'jobs' | 'from' | 'to'>) {
  const minutes = result.jobs.reduce((sum, j) => sum + j.billable_minutes, 0)
  const days = Math.max(1, (result.to.getTime() - result.from.getTime()) / DAY)
  return {
    jobs: result.jobs.filter((j) => j.conclusion !== 'skipped').length,
    failed: result.jobs.filter((j) => j.conclusion === 'failure').length,
    minutes,
    days,
    perMonth: Math.round((minutes / days) * 30),
  }
}

/** Minutes billed between two moments (a phase of the cohort), per 30 days. */
export function minutesPer30Days(jobs: readonly JobRecord[], from: Date, to: Date): number {
  const inside = jobs.filter(
    (j) => Date.parse(j.at) >= from.getTime() && Date.parse(j.at) < to.getTime(),
  )
  const minutes = inside.reduce((sum, j) => sum + j.billable_minutes, 0)
  return Math.round((minutes / Math.max(1, (to.getTime() - from.getTime()) / DAY)) * 30)
}

/** The last moment of a local date in the group's time zone. */
export function endOfDay(date: string, timezone: string): Date {
  return DateTime.fromISO(date, { zone: timezone }).endOf('day').toJSDate()
}

const hm = (iso: string | undefined) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—')

function delay(due: string, done: string | undefined): string {
  if (!done) return 'not yet'
  const minutes = Math.round((Date.parse(done) - Date.parse(due)) / 60_000)
  if (minutes < 0) return `${-minutes} min early`
  return minutes < 60 ? `+${minutes} min` : `+${(minutes / 60).toFixed(1)} h`
}

/** Each session's promises (opens after its lead, status the day before, closed after), kept or not. */
export function promisesMarkdown(result: Pick<RehearsalResult, 'promises' | 'pulse'>): string {
  const rows = result.promises.map(
    (p) =>
      `| ${p.session} | ${hm(p.due)} | ${hm(p.opened)} (${delay(p.due, p.opened)}) | ${hm(p.statusDue)} | ${hm(p.status)} (${delay(p.statusDue, p.status)}) | ${hm(p.ends)} | ${hm(p.closed)} (${delay(p.ends, p.closed)}) |`,
  )
  return [
    '## Promises kept (UTC)',
    '',
    '| Session | Due to open | Opened | Status due | Status posted | Meeting ends | Closed |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...pulseMarkdown(result.pulse),
  ].join('\n')
}

/**
 * The pulse after week 2: when the answers came in and when the facilitators saw the group's
 * counts, which the bot shows only once three have answered. Times and counts, never who.
 */
function pulseMarkdown(pulse: PulseOutcome): string[] {
  const lines = ['## The pulse after week 2 (UTC)', '']
  if (pulse.answered.length === 0) return [...lines, 'No answers: the rehearsal has no week 2.', '']
  const first = pulse.answered[0] as string
  const last = pulse.answered.at(-1) as string
  const enough = pulse.answered[PULSE_MIN_ANSWERS - 1] ?? last
  lines.push(
    `${pulse.answered.length} answer${pulse.answered.length === 1 ? '' : 's'} filed, ${hm(first)} to ${hm(last)}.`,
  )
  if (!pulse.shown) {
    lines.push(
      '',
      `The counts were not shown: they appear once ${PULSE_MIN_ANSWERS} members have answered.`,
      '',
    )
    return lines
  }
  lines.push(
    '',
    `The counts reached the facilitators on the organizer's checklist #${pulse.shown.issue} at ${hm(pulse.shown.at)} (${delay(enough, pulse.shown.at)} after answer ${PULSE_MIN_ANSWERS}), and were kept up to date: ${pulse.shown.answers} in the end.`,
    '',
    '| Question | Answers |',
    '| --- | --- |',
    ...pulse.shown.rows,
    '',
  )
  return lines
}
