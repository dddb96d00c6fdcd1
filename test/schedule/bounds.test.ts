import { describe, expect, it } from 'vitest'
import { conversationDates } from '../../actions/lib/schedule/coaching.js'
import {
  HORIZON_YEARS,
  MAX_STEPS,
  meetingDates,
  skipEffects,
} from '../../actions/lib/schedule/dates.js'
import { buildSchedule } from '../../actions/lib/schedule/schedule.js'
import { wallClock, zoneAdvice } from '../../actions/lib/schedule/time.js'
import { circle, groupFrom } from '../support/groups.js'

type Then = 'monthly' | 'biweekly' | 'none'

function cadence(start: string, extra: { then?: Then; skip?: string[] } = {}) {
  return {
    start,
    weekly: 6,
    then: extra.then ?? ('monthly' as Then),
    skip: extra.skip ?? [],
    meeting: { weekday: 'sunday', week: 'first' },
  }
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const started = performance.now()
  const value = work()
  return { value, ms: performance.now() - started }
}

describe('every walk over dates ends, whatever it is given', () => {
  it.each([
    ['a start at the far edge of the calendar', cadence('9999-12-26')],
    ['a start past what dates can hold', cadence('275760-09-07')],
    [
      'a month position nobody knows',
      { ...cadence('2026-10-25'), meeting: { weekday: 'sunday', week: 'fifth' } },
    ],
    ['biweekly follow-ups', cadence('2026-10-25', { then: 'biweekly' })],
    [
      'every weekly meeting skipped',
      cadence('2026-10-25', {
        skip: Array.from({ length: 2000 }, (_, i) =>
          new Date(Date.UTC(2026, 9, 25 + 7 * i)).toISOString().slice(0, 10),
        ),
      }),
    ],
  ])('%s', (_name, group) => {
    const { value, ms } = timed(() => [
      ...meetingDates(group as Parameters<typeof meetingDates>[0]),
    ])
    expect(value.length).toBeLessThanOrEqual(MAX_STEPS)
    expect(ms).toBeLessThan(1_000)
  })

  it(`stops ${HORIZON_YEARS} years after the start`, () => {
    const dates = [...meetingDates(cadence('2026-10-25', { then: 'biweekly' }))].map((d) => d.date)
    expect(dates.at(-1)! <= '2036-10-25').toBe(true)
    expect(dates.at(-1)! >= '2036-10-01').toBe(true)
  })

  it.each(['weekly', 'biweekly', 'monthly'] as const)('bounds a %s coaching pair', (c) => {
    const { value, ms } = timed(() => [...conversationDates({ cadence: c, start: '2199-12-31' })])
    expect(value.length).toBeGreaterThan(0)
    expect(value.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && d <= '2209-12-31')).toBe(true)
    expect(ms).toBeLessThan(1_000)
  })

  it('builds a schedule asked to reach far past the horizon, in a moment', () => {
    const group = groupFrom(circle('then: biweekly'))
    const { value, ms } = timed(() => buildSchedule(group, { until: '9999-12-31' }))
    expect(value.at(-1)!.date <= '2036-10-25').toBe(true)
    expect(ms).toBeLessThan(1_000)
  })
})

describe('the skips the scheduler acts on', () => {
  it('moves the closing meeting twice when the last weekly meeting and the week after are skipped', () => {
    const group = cadence('2026-10-25', { skip: ['2026-11-29', '2026-12-06'] })
    expect(skipEffects(group)).toEqual(
      new Map([
        ['2026-11-29', 'moved'],
        ['2026-12-06', 'moved'],
      ]),
    )
    const closing = [...meetingDates(group)].find((d) => d.kind === 'closing')
    expect(closing).toEqual({
      date: '2026-12-13',
      kind: 'closing',
      week: 6,
      shiftedFrom: ['2026-11-29', '2026-12-06'],
    })
  })

  it('drops a follow-up, and ignores a date no meeting falls on', () => {
    const effects = skipEffects(cadence('2026-10-25', { skip: ['2027-01-03', '2026-12-13'] }))
    expect(effects.get('2027-01-03')).toBe('dropped')
    expect(effects.has('2026-12-13')).toBe(false)
  })
})

describe('daylight saving', () => {
  it('says a time in the spring-forward gap becomes the time after it', () => {
    expect(wallClock('2027-03-14', '02:30', 'America/New_York')).toEqual({
      kind: 'skipped',
      becomes: '03:30',
    })
    expect(wallClock('2027-03-28', '02:15', 'Europe/Berlin')).toEqual({
      kind: 'skipped',
      becomes: '03:15',
    })
  })

  it('says which of the two a repeated time is', () => {
    expect(wallClock('2026-11-01', '01:30', 'America/New_York')).toMatchObject({
      kind: 'repeated',
    })
    expect(wallClock('2026-10-25', '02:30', 'Europe/Berlin')).toMatchObject({ kind: 'repeated' })
    expect(wallClock('2026-10-25', '16:00', 'Europe/Berlin')).toEqual({ kind: 'normal' })
  })
})

describe('time zone names', () => {
  it.each([
    ['EST', 'America/New_York', /fixed UTC-05:00 offset/],
    ['MST', 'America/Denver', /fixed UTC-07:00 offset/],
    ['Etc/GMT+5', 'a city zone', /fixed UTC-05:00 offset/],
    ['PST', 'America/Los_Angeles', /abbreviation/],
    ['CET', 'Europe/Berlin', /abbreviation/],
    ['GMT', 'Europe/London', /abbreviation/],
    ['america/los_angeles', 'America/Los_Angeles', /not the IANA name as written/],
    ['asia/kolkata', 'Asia/Kolkata', /not the IANA name as written/],
    ['US/Pacific', 'America/Los_Angeles', /not the IANA name as written/],
  ])('advises against %s', (zone, suggest, reason) => {
    const advice = zoneAdvice(zone)
    expect(advice?.suggest).toContain(suggest)
    expect(advice?.reason).toMatch(reason)
  })

  it.each(['Europe/Berlin', 'America/Los_Angeles', 'UTC', 'Etc/UTC', 'Asia/Kolkata'])(
    'has nothing to say about %s',
    (zone) => expect(zoneAdvice(zone)).toBeUndefined(),
  )
})
