import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { sessionCalendar } from '../../actions/lib/schedule/calendar.js'
import { buildSchedule, openSessionsAt } from '../../actions/lib/schedule/schedule.js'
import { agendaFor } from '../../actions/lib/schedule/agenda.js'
import { circle, groupFrom, roster } from '../support/groups.js'

describe('schedule engine', () => {
  it('keeps a Sunday 16:00 Los Angeles meeting at 16:00 local across the November DST change', () => {
    const [week1, week2] = buildSchedule(groupFrom(circle('')))
    expect(week1).toMatchObject({
      localStart: '2026-10-25T16:00:00-07:00',
      startsAt: '2026-10-25T23:00:00Z',
    })
    expect(week2).toMatchObject({
      localStart: '2026-11-01T16:00:00-08:00',
      startsAt: '2026-11-02T00:00:00Z',
    })
  })

  it('opens week 2 on the Thursday before at 16:00 local, before the clocks change', () => {
    const week2 = buildSchedule(groupFrom(circle('')))[1]!
    expect(week2.opensAt).toBe('2026-10-29T23:00:00Z')
    const local = DateTime.fromISO(week2.opensAt).setZone('America/Los_Angeles')
    expect(local.toFormat('cccc HH:mm')).toBe('Thursday 16:00')
  })

  it('counts lead hours as absolute time: 72h before a post-DST meeting is 17:00 local', () => {
    const week2 = buildSchedule(groupFrom(circle('lead: 72h')))[1]!
    expect(
      DateTime.fromISO(week2.opensAt).setZone('America/Los_Angeles').toFormat('ccc HH:mm'),
    ).toBe('Thu 17:00')
  })

  it('names the kinds: kickoff, themes, closing, then monthly follow-ups', () => {
    const kinds = buildSchedule(groupFrom(circle(''))).map((s) => s.kind)
    expect(kinds).toEqual([
      'kickoff',
      'theme',
      'theme',
      'theme',
      'theme',
      'closing',
      'monthly',
      'monthly',
      'monthly',
      'monthly',
      'monthly',
      'monthly',
    ])
  })

  it('moves the rest of the weekly phase one week later for a skipped date and notes it', () => {
    const sessions = buildSchedule(groupFrom(circle('skip: [2026-11-29]')))
    const weekly = sessions.filter((s) => s.week !== undefined)
    expect(weekly.map((s) => s.date)).toEqual([
      '2026-10-25',
      '2026-11-01',
      '2026-11-08',
      '2026-11-15',
      '2026-11-22',
      '2026-12-06',
    ])
    expect(weekly[5]).toMatchObject({ kind: 'closing', week: 6, shiftedFrom: ['2026-11-29'] })
  })

  it('drops a skipped follow-up instead of moving it', () => {
    const sessions = buildSchedule(groupFrom(circle('skip: [2027-01-03]')))
    const monthly = sessions.filter((s) => s.kind === 'monthly').map((s) => s.date)
    expect(monthly.slice(0, 2)).toEqual(['2027-02-07', '2027-03-07'])
  })

  it('puts monthly sessions on the first Sunday, at least two weeks after the closing', () => {
    const monthly = buildSchedule(groupFrom(circle('skip: [2026-11-29]'))).filter(
      (s) => s.kind === 'monthly',
    )
    // The closing moves to 6 December, so the first Sunday of December is too close.
    expect(monthly.map((s) => s.date).slice(0, 3)).toEqual([
      '2027-01-03',
      '2027-02-07',
      '2027-03-07',
    ])
  })

  it('uses the fifth Sunday when the month has one and the group meets on the last Sunday', () => {
    const yaml = circle('').replace('duration: 90 }', 'duration: 90, week: last }')
    const monthly = buildSchedule(groupFrom(yaml)).filter((s) => s.kind === 'monthly')
    // November 2026 has five Sundays (1, 8, 15, 22, 29); the closing is on 29 November itself.
    expect(monthly.map((s) => s.date).slice(0, 4)).toEqual([
      '2026-12-27',
      '2027-01-31',
      '2027-02-28',
      '2027-03-28',
    ])
  })

  it('rolls over to the next month when the first Sunday falls in the gap after the closing', () => {
    const yaml = circle('').replace('start: 2026-10-25', 'start: 2026-10-18')
    const closing = buildSchedule(groupFrom(yaml)).find((s) => s.kind === 'closing')!
    const firstMonthly = buildSchedule(groupFrom(yaml)).find((s) => s.kind === 'monthly')!
    expect(closing.date).toBe('2026-11-22')
    expect(firstMonthly.date).toBe('2026-12-06')
  })

  it('meets every other week after the weekly phase with then: biweekly', () => {
    const follow = buildSchedule(groupFrom(circle('then: biweekly'))).filter(
      (s) => s.kind === 'biweekly',
    )
    expect(follow.map((s) => s.date).slice(0, 3)).toEqual([
      '2026-12-13',
      '2026-12-27',
      '2027-01-10',
    ])
  })

  it('stops after the closing with then: none', () => {
    expect(buildSchedule(groupFrom(circle('then: none'))).at(-1)?.kind).toBe('closing')
  })

  it('lists sessions through --until', () => {
    const sessions = buildSchedule(groupFrom(circle('')), { until: '2027-03-31' })
    expect(sessions.at(-1)?.date).toBe('2027-03-07')
  })

  it('carries the group themes into weeks 2 to n-1 with their agenda style', () => {
    const yaml = circle(
      'agenda: discussion\nthemes: [Delegation, { title: Hard talks, agenda: roleplay }]',
    )
    const [, week2, week3, week4] = buildSchedule(groupFrom(yaml))
    expect(week2).toMatchObject({ theme: 'Delegation', agendaStyle: 'discussion' })
    expect(week3).toMatchObject({ theme: 'Hard talks', agendaStyle: 'roleplay' })
    expect(week4?.theme).toBeUndefined()
  })

  it('rotates co-facilitation so everyone goes once before anyone goes twice', () => {
    const sessions = buildSchedule(groupFrom(circle('', roster(8, 2))))
    const co = sessions.map((s) => s.coFacilitator!)
    const firstRound = co.slice(0, 6)
    expect(new Set(firstRound).size).toBe(6)
    expect(firstRound.every((login) => !['member-1', 'member-2'].includes(login))).toBe(true)
    expect(sessions.map((s) => s.facilitator).slice(0, 4)).toEqual([
      'member-1',
      'member-2',
      'member-1',
      'member-2',
    ])
  })

  it('rotates the same way every time for the same file', () => {
    const a = buildSchedule(groupFrom(circle(''))).map((s) => s.coFacilitator)
    const b = buildSchedule(groupFrom(circle(''))).map((s) => s.coFacilitator)
    expect(a).toEqual(b)
  })

  it('never makes a facilitator their own co-facilitator in an all-facilitator group', () => {
    const sessions = buildSchedule(groupFrom(circle('', roster(3, 3))))
    for (const s of sessions) expect(s.coFacilitator).not.toBe(s.facilitator)
  })

  it('scales agendas to the meeting length so the timings always add up', () => {
    for (const duration of [60, 90, 120, 75]) {
      for (const kind of [
        'kickoff',
        'discussion',
        'roleplay',
        'workshop',
        'closing',
        'follow-up',
      ] as const) {
        expect(agendaFor(kind, duration).reduce((sum, item) => sum + item.minutes, 0)).toBe(
          duration,
        )
      }
    }
  })

  it('reports which issues are open at a moment', () => {
    const sessions = buildSchedule(groupFrom(circle('')))
    expect(openSessionsAt(sessions, new Date('2026-10-30T12:00:00Z')).map((s) => s.number)).toEqual(
      [2],
    )
    expect(openSessionsAt(sessions, new Date('2026-10-28T12:00:00Z'))).toEqual([])
  })
})

describe('the same group asked again', () => {
  const yaml = circle('skip: [2026-11-29]\nthemes: [One, Two]')
  const questions = [
    {},
    { until: '2027-03-01' },
    { until: '2026-10-01' },
    { until: '2040-01-01' },
    { until: '' },
    { until: '2026-11-15' },
    {},
  ]

  it('gets what a first build gets, whatever was asked before and in whichever order', () => {
    for (const order of [questions, [...questions].reverse()]) {
      const group = groupFrom(yaml)
      for (const options of order)
        expect(buildSchedule(group, options)).toEqual(buildSchedule(groupFrom(yaml), options))
    }
  })

  it("gets its own copy, so one caller changing its sessions changes nobody else's", () => {
    const group = groupFrom(yaml)
    const first = buildSchedule(group)
    const untouched = structuredClone(first)
    first[0]!.theme = 'changed'
    first[0]!.agenda[0]!.minutes = 0
    first.find((s) => s.shiftedFrom)!.shiftedFrom!.push('2026-12-25')
    first.pop()
    expect(buildSchedule(group)).toEqual(untouched)
  })

  it('is told every time that a lead is not a duration', () => {
    const group = { ...groupFrom(yaml), lead: 'soon' }
    expect(() => buildSchedule(group)).toThrow(/"soon" is not a duration/)
    expect(() => buildSchedule(group)).toThrow(/"soon" is not a duration/)
  })
})

describe('calendar export', () => {
  const group = groupFrom(circle('skip: [2026-11-29]'))
  const sessions = buildSchedule(group)
  const ics = sessionCalendar(group, sessions, (s) => `Session ${s.number}`)

  it('writes one VEVENT per session with stable UIDs', () => {
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(sessions.length)
    expect(ics).toContain('UID:fall-session-1@skill-share')
    expect(ics).toContain('UID:fall-session-12@skill-share')
  })

  it('uses the local time with its zone and carries the theme', () => {
    expect(ics).toContain('DTSTART;TZID=America/Los_Angeles:20261101T160000')
    expect(ics).toContain('DTSTAMP:20261029T230000Z')
    expect(ics).not.toMatch(/DTSTART:\d{8}T\d{6}Z/)
    expect(ics).toMatch(/SUMMARY:Test circle: Session 2/)
  })

  it('exports byte for byte the same calendar twice', () => {
    expect(sessionCalendar(group, sessions, (s) => `Session ${s.number}`)).toBe(ics)
  })
})
