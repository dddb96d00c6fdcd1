import { parseCommands } from '../commands/parse.js'
import { formTitle, formUrl } from '../forms/prefill.js'
import type { Group } from '../group-file/schema.js'
import { groupFilePath } from '../group-file/write.js'
import type { CommentView, IssueView } from '../github/repository.js'
import { findMarker, withMarker } from '../markers/markers.js'
import { isOwnBot } from '../markers/ownership.js'

/*
 * The network's issue: one per coaching group, opened by the bot when the first sign-up arrives.
 * It says how to sign up, and it is where a facilitator comments `/match` to have the pairs
 * proposed from the sign-ups as a pull request to `pairs:`.
 */

export const NETWORK_MARKER = 'network'
export const NETWORK_LABEL = 'network'
export const MATCH_COMMAND = 'match'

export function networkLabels(group: Pick<Group, 'slug'>): string[] {
  return ['skill-share', `group:${group.slug}`, NETWORK_LABEL]
}

export function renderNetworkIssue(
  group: Pick<Group, 'slug' | 'name'>,
  repo: { serverUrl: string; repository: string },
): { title: string; body: string; labels: string[] } {
  const signUp = formUrl({
    serverUrl: repo.serverUrl,
    repository: repo.repository,
    template: 'coaching-sign-up.yml',
    title: formTitle('sign-up', group.slug),
    fields: { group: group.slug },
  })
  const body = [
    `## ${group.name}: sign-ups and pairs`,
    '',
    `Want a coach, or to coach someone? [Sign up here](${signUp}): the skills you offer or seek, your time zone and usual hours, how often, and how to meet. A later sign-up of yours replaces an earlier one.`,
    '',
    'A coach is a little further along in the skill at hand. Conversations are about the weeks ahead and end with one next step; they are not training and not therapy.',
    '',
    '### For facilitators',
    '',
    `Comment \`/${MATCH_COMMAND}\` here to propose pairs from the sign-ups. A pull request then changes \`pairs:\` in \`${groupFilePath(group.slug)}\`; nothing changes until you merge it. The pairing keeps colleagues apart, needs an hour of shared usual hours, gives no coach more coachees than they offered, keeps pairs that still fit, and says who could not be matched and why. \`skill-share match ${`groups/${group.slug}`} --from <export>\` shows the same proposal offline.`,
  ].join('\n')
  return {
    title: `${group.name}: sign-ups and pairs`,
    body: withMarker(body, NETWORK_MARKER, { group: group.slug }),
    labels: networkLabels(group),
  }
}

/** The bot's network issue of this group among `issues`, open or closed; the oldest wins. */
export function findNetworkIssue(
  issues: readonly IssueView[],
  group: Pick<Group, 'slug'>,
): IssueView | undefined {
  return [...issues]
    .filter(
      (i) =>
        !i.isPullRequest &&
        isOwnBot(i.author) &&
        findMarker(i.body, NETWORK_MARKER, { group: group.slug }) !== undefined,
    )
    .sort((a, b) => a.number - b.number)[0]
}

/** Which coaching group's network issue this is, if it is one the bot opened. */
export function identifyNetworkIssue(
  issue: Pick<IssueView, 'author' | 'body' | 'isPullRequest'>,
  groups: readonly Group[],
): Group | undefined {
  if (issue.isPullRequest || !isOwnBot(issue.author)) return undefined
  const found = findMarker(issue.body, NETWORK_MARKER)
  const slug = found?.attributes['group']
  return groups.find((g) => g.format === 'coaching' && g.slug === slug)
}

/**
 * The newest `/match` by a facilitator of the group (edited or not), or undefined. Members' and
 * outsiders' `/match` count for nothing; `nonFacilitators` lists who tried, for a reply.
 */
export function matchRequest(
  group: Group,
  comments: readonly CommentView[],
): { comment?: CommentView; nonFacilitators: string[] } {
  const facilitators = new Set(
    group.members.filter((m) => m.role === 'facilitator').map((m) => m.github.toLowerCase()),
  )
  let latest: CommentView | undefined
  const others = new Set<string>()
  for (const comment of comments) {
    if (isOwnBot(comment.author)) continue
    if (!parseCommands(comment.body).some((c) => c.name === MATCH_COMMAND)) continue
    if (facilitators.has(comment.author.login.toLowerCase())) latest = comment
    else others.add(comment.author.login)
  }
  return { ...(latest ? { comment: latest } : {}), nonFacilitators: [...others] }
}
