import type { Group } from '../../lib/group-file/schema.js'
import { binderHtmlPath, binderPath } from '../../lib/binder/access.js'

/**
 * Where a binder goes. `private` (the default): this run's job summary and a file for the
 * workflow to upload as an artifact, nothing in the repository. `pull-request`: the member asked
 * to keep it in the repository, so it is proposed as files on a branch.
 */
export type Delivery = 'private' | 'pull-request'
export const DELIVERIES: readonly Delivery[] = ['private', 'pull-request']

/** `summary`, the earlier name of `private`, still reads, for workflow files written before. */
const ALIASES: Readonly<Record<string, Delivery>> = { summary: 'private' }

export function pullRequestText(group: Group, member: string, actor: string) {
  const requested = same(actor, member)
    ? 'at their request'
    : `at the request of @${actor}, a facilitator`
  return {
    title: `Binder: @${member} in ${group.name}`,
    body: [
      `The personal binder of @${member}, compiled from the group's issues ${requested}.`,
      '',
      `It holds only @${member}'s own words: their intention, self-evaluations, homework, check-ins, reflections, assessments and write-ups. Nobody else's. The files are \`${binderPath(group, member)}\` and a print-friendly \`${binderHtmlPath(group, member)}\` next to it.`,
      '',
      `@${member}: read it on the **Files changed** tab, or download it from the branch. Merge it to keep a copy in the repository, or close this pull request when you have what you need. Running the workflow again brings it up to date.`,
    ].join('\n'),
    message: `Binder for @${member} (${group.slug})`,
  }
}

export function parseDelivery(text: string): Delivery {
  const value = text.trim() || 'private'
  if ((DELIVERIES as readonly string[]).includes(value)) return value as Delivery
  const alias = ALIASES[value]
  if (alias) return alias
  throw new Error(`deliver: "${text}" is not one of: ${DELIVERIES.join(', ')}`)
}

/**
 * A binder reaches the shared repository only when its member asks: a facilitator may compile
 * it privately for them, not commit it.
 */
export function deliveryRefusal(
  delivery: Delivery,
  member: string,
  actor: string,
): string | undefined {
  if (delivery !== 'pull-request' || same(member, actor)) return undefined
  return `only @${member} can ask for their binder to be committed to the repository (deliver: pull-request); run it with deliver: private to hand it to them privately`
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}
