import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import type { Group } from '../../actions/lib/group-file/schema.js'

/** Builds a valid group from YAML overrides, failing loudly if the fixture itself is invalid. */
export function groupFrom(yaml: string, slug = 'fall'): Group {
  const { group, problems } = parseGroupFile(yaml, { file: `groups/${slug}/group.yml`, slug })
  if (!group) throw new Error(problems.map((p) => `${p.field}: ${p.message}`).join('\n'))
  return group
}

export function roster(count: number, facilitators = 1): string {
  return Array.from({ length: count }, (_, i) => {
    const role = i < facilitators ? ', role: facilitator' : ''
    return `  - { github: member-${i + 1}, name: Member Number${i + 1}${role} }`
  }).join('\n')
}

export function circle(fields: string, members = roster(8, 2)): string {
  return `name: Test circle
timezone: America/Los_Angeles
meeting: { weekday: sunday, time: "16:00", duration: 90 }
start: 2026-10-25
${fields}
members:
${members}
`
}
