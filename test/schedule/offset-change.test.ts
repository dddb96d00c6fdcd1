import { describe, expect, it } from 'vitest'
import {
  datesNearOffsetChange,
  nearOffsetChange,
  wallClock,
} from '../../actions/lib/schedule/time.js'

const ZONES = [
  'America/Los_Angeles',
  'Europe/Berlin',
  'Australia/Lord_Howe', // a 30-minute change
  'America/Santiago', // changes at midnight
  'Pacific/Chatham',
  'Asia/Kolkata', // no change at all
  'UTC',
]
const TIMES = ['00:00', '00:30', '01:30', '02:00', '02:30', '03:30', '12:00', '23:30']

const DAY = 86_400_000
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10)

function* days(from: string, until: string) {
  for (let t = Date.parse(from); t <= Date.parse(until); t += DAY) yield isoDay(t)
}

describe('the dates near a time zone offset change', () => {
  it('include every date on which some wall-clock time is skipped or repeated', () => {
    const missed: string[] = []
    for (const zone of ZONES)
      for (const date of days('2026-01-01', '2027-12-31'))
        for (const time of TIMES)
          if (wallClock(date, time, zone).kind !== 'normal' && !nearOffsetChange(date, zone))
            missed.push(`${zone} ${date} ${time}`)
    expect(missed).toEqual([])
  })

  it('are a few days a year, and none where the offset never changes', () => {
    const near = (zone: string) =>
      [...days('2026-01-01', '2026-12-31')].filter((d) => nearOffsetChange(d, zone))
    expect(near('Europe/Berlin')).toEqual([
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
      '2026-03-31',
      '2026-10-24',
      '2026-10-25',
      '2026-10-26',
      '2026-10-27',
    ])
    expect(near('Asia/Kolkata')).toEqual([])
    expect(near('UTC')).toEqual([])
  })

  it('are those a day-by-day walk over the offsets finds, in every zone', () => {
    const differing: string[] = []
    for (const zone of [...Intl.supportedValuesOf('timeZone'), 'UTC'])
      for (const year of [2026, 2027]) {
        const found = datesNearOffsetChange(zone, `${year}-01-01`, `${year}-12-31`)
        const walked = walkedNearChange(zone, year)
        if (found.join() !== walked.join()) differing.push(`${zone} ${year}`)
      }
    expect(differing).toEqual([])
  })

  // Each change is named by the first of the four dates it marks: from the day before the UTC day
  // it happens on to two days after.
  it.each([
    ['America/Boa_Vista', 2000, ['02-26', '10-07', '10-14']], // summer time ended after a week
    ['Asia/Gaza', 2040, ['03-22', '08-30', '10-18', '10-25']], // four changes, two a week apart
    ['Africa/Casablanca', 2026, ['02-14', '03-21']], // an hour back for Ramadan, then forward
    ['Pacific/Apia', 2011, ['04-01', '09-23', '12-29']], // a whole day: 30 December never came
  ])('are found for every change of %s in %i, however close or large', (zone, year, changes) => {
    const dates = changes
      .flatMap((change) =>
        [0, 1, 2, 3].map((n) => isoDay(Date.parse(`${year}-${change}`) + n * DAY)),
      )
      .filter((date) => date.startsWith(`${year}-`))
    expect(datesNearOffsetChange(zone, `${year}-01-01`, `${year}-12-31`)).toEqual(dates)
    const near = [...days(`${year}-01-01`, `${year}-12-31`)].filter((d) =>
      nearOffsetChange(d, zone),
    )
    expect(near).toEqual(dates)
  })

  it('are listed in order across the turn of a year, each once', () => {
    expect(datesNearOffsetChange('Pacific/Apia', '2011-12-30', '2012-04-01')).toEqual([
      '2011-12-30',
      '2011-12-31',
      '2012-01-01',
      '2012-03-30',
      '2012-03-31',
      '2012-04-01',
    ])
  })
})

/** The dates of `year` within a day of an offset change, by asking Intl for every midnight's offset. */
function walkedNearChange(zone: string, year: number): string[] {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
  const offsetAt = (t: number) => format.format(t).split(' ').pop()
  const marked = new Set<string>()
  const last = Date.UTC(year + 1, 0, 1) + 2 * DAY
  for (let t = Date.UTC(year, 0, 1) - 2 * DAY; t < last; t += DAY)
    if (offsetAt(t) !== offsetAt(t + DAY))
      for (const d of [t - DAY, t, t + DAY, t + 2 * DAY]) marked.add(isoDay(d))
  return [...marked].filter((date) => Number(date.slice(0, 4)) === year)
}
