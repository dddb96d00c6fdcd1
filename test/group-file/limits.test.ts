import { describe, expect, it } from 'vitest'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'

/** A coaching network of `coaches` coaches with `perCoach` coachees each, all on one schedule. */
function network(coaches: number, perCoach: number, extraMembers = 0): string {
  const members: string[] = []
  const pairs: string[] = []
  for (let c = 1; c <= coaches; c++) {
    const coach = `coach-${c}`
    members.push(
      `  - { github: ${coach}, name: Coach ${c}${c === 1 ? ', role: facilitator' : ''} }`,
    )
    for (let k = 1; k <= perCoach; k++) {
      const coachee = `coachee-${c}-${k}`
      members.push(`  - { github: ${coachee}, name: Coachee ${c} ${k} }`)
      pairs.push(
        `  - { coach: ${coach}, coachee: ${coachee}, cadence: weekly, weekday: tuesday, time: "08:30", duration: 45, start: 2026-11-03 }`,
      )
    }
  }
  for (let e = 1; e <= extraMembers; e++)
    members.push(`  - { github: spare-${e}, name: Spare ${e} }`)
  return [
    'name: Network',
    'format: coaching',
    'timezone: Europe/Berlin',
    'members:',
    ...members,
    'pairs:',
    ...pairs,
    '',
  ].join('\n')
}

const where = { file: 'groups/network/group.yml', slug: 'network' }

describe('the size of one group file', () => {
  it('takes a 500-pair coaching network (600 members) in one file', () => {
    const result = parseGroupFile(network(100, 5), where)
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(result.group?.pairs).toHaveLength(500)
    expect(result.group?.members).toHaveLength(600)
  })

  it('refuses a 501st pair and a 1,001st member, at the field', () => {
    const pairs = parseGroupFile(network(1, 501), where)
    expect(pairs.group).toBeUndefined()
    expect(pairs.problems).toContainEqual(
      expect.objectContaining({ field: 'pairs', message: 'must list at most 500 pairs' }),
    )
    const members = parseGroupFile(network(100, 5, 401), where)
    expect(members.group).toBeUndefined()
    expect(members.problems).toContainEqual(
      expect.objectContaining({ field: 'members', message: 'must list at most 1,000 members' }),
    )
  })
})
