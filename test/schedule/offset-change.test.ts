import { describe, expect, it } from 'vitest'
import { nearOffsetChange, wallClock } from '../../actions/lib/schedule/time.js'

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

function* days(from: string, until: string) {
  for (let t = Date.parse(from); t <= Date.parse(until); t += 86_400_000)
    yield new Date(t).toISOString().slice(0, 10)
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
})
