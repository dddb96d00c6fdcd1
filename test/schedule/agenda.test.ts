import { describe, expect, it } from 'vitest'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import { buildSchedule } from '../../actions/lib/schedule/schedule.js'

const YAML = `name: Fall circle
timezone: Europe/Berlin
meeting: { weekday: sunday, time: "16:00", duration: 90 }
start: 2026-10-25
weekly: 3
then: monthly
themes: [Delegation]
members:
  - { github: octo-ana, name: Ana Lima, role: facilitator }
`

describe('agendas', () => {
  it('never speaks of "the theme" in a meeting that has none', () => {
    const { group } = parseGroupFile(YAML, { file: 'g.yml', slug: 'fall' })
    const sessions = buildSchedule(group!, { until: '2027-03-01' })
    const followUps = sessions.filter((s) => s.week === undefined)
    expect(followUps.length).toBeGreaterThan(0)
    for (const session of followUps) {
      expect(session.theme).toBeUndefined()
      expect(session.agenda.map((item) => item.title).join(' | ')).not.toContain('the theme')
      expect(session.agenda[1]?.title).toBe(
        'Open discussion: what each of us brings since last time',
      )
    }
    const themed = sessions.find((s) => s.theme === 'Delegation')
    expect(themed?.agenda.map((item) => item.title)).toContain(
      'Facilitated discussion of the theme',
    )
  })
})
