import { describe, expect, it } from 'vitest'
import { closedReadPlan } from '../../actions/commands/src/plan-sweep.js'
import { buildSchedule } from '../../actions/lib/schedule/schedule.js'
import { circle, groupFrom } from '../support/groups.js'

const views = (count: number) =>
  Array.from({ length: count }, (_, i) => {
    const group = groupFrom(circle('weekly: 6'), `circle-${i + 1}`)
    return { group, sessions: buildSchedule(group, { until: '2026-12-31' }) }
  })

describe('reading the closed issues the due work needs', () => {
  // Week 1's pairs are due once the kickoff (Sunday 25 October) is over.
  const now = new Date('2026-10-26T02:00:00Z')

  it('reads one group by its own label', () => {
    const all = views(50)
    expect(closedReadPlan(all.slice(0, 1), all, now)).toEqual({ shared: false })
  })

  it('reads every closed bot issue once when that takes fewer requests than one per group', () => {
    const all = views(50)
    // 50 circles have opened one session and begun one buddy week (4 pairs): about 250 issues,
    // three listing pages, against 50 requests one group at a time.
    expect(closedReadPlan(all, all, now)).toEqual({ shared: true, since: '2026-10-22T23:00:00Z' })
  })

  it('keeps to one request per group when a few groups are due among many', () => {
    const all = views(400)
    // 400 circles' issues take about 20 pages; two groups take two requests.
    expect(closedReadPlan(all.slice(0, 2), all, now)).toEqual({ shared: false })
  })
})
