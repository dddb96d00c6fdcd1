import type { Group } from '../../lib/group-file/schema.js'
import { binderPath } from '../../lib/binder/access.js'

/** Where a binder goes: a pull request that adds one file, or the job summary. */
export type Delivery = 'pull-request' | 'summary'
export const DELIVERIES: readonly Delivery[] = ['pull-request', 'summary']

export function pullRequestText(group: Group, member: string, actor: string) {
  const requested = same(actor, member)
    ? 'at their request'
    : `at the request of @${actor}, a facilitator`
  return {
    title: `Binder: @${member} in ${group.name}`,
    body: [
      `The personal binder of @${member}, compiled from the group's issues ${requested}.`,
      '',
      `It holds only @${member}'s own words: their intention, homework, check-ins, reflections and write-ups. Nobody else's. The file is \`${binderPath(group, member)}\`.`,
      '',
      `@${member}: read it on the **Files changed** tab, or download it from the branch. Merge it to keep a copy in the repository, or close this pull request when you have what you need. Running the workflow again brings it up to date.`,
    ].join('\n'),
    message: `Binder for @${member} (${group.slug})`,
  }
}

export function parseDelivery(text: string): Delivery {
  const value = text.trim() || 'pull-request'
  if ((DELIVERIES as readonly string[]).includes(value)) return value as Delivery
  throw new Error(`deliver: "${text}" is not one of: ${DELIVERIES.join(', ')}`)
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}
