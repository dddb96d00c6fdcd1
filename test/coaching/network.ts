import { readFileSync } from 'node:fs'
import path from 'node:path'
import { DateTime } from 'luxon'
import { runAction, startGitHub, type GitHubEmulator } from '../../emulator/src/index.js'
import { renderFormBody } from '../../actions/lib/forms/render-body.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import { buildCoachingSchedule, type Conversation } from '../../actions/lib/schedule/coaching.js'
import { REPO_ROOT } from '../support/cli.js'
import { asMember, OWNER, REPO } from '../support/github.js'
import { EXAMPLE_MEMBERS, workspaceWith } from '../support/workspace.js'

const HOUR = 3_600_000
export const SLUG = 'example-coaching'

export const NETWORK = (() => {
  const file = `groups/${SLUG}/group.yml`
  const { group } = parseGroupFile(readFileSync(path.join(REPO_ROOT, file), 'utf8'), {
    file,
    slug: SLUG,
  })
  if (!group) throw new Error('the example coaching network is invalid')
  return group
})()

export const GRACE = 'octo-ana+grace-o'
export const TOM = 'octo-ana+tomvdb'
export const MEI = 'priya-n+mei-chen'

export function startNetworkRepository(): Promise<GitHubEmulator> {
  return startGitHub({
    repo: `${OWNER}/${REPO}`,
    private: true,
    users: EXAMPLE_MEMBERS.map((login) => ({ login })),
    now: '2026-10-25T00:00:00Z',
  })
}

export function networkWorkspace(): Promise<string> {
  return workspaceWith({ [SLUG]: { from: `groups/${SLUG}` } })
}

export function conversationsUntil(to: Date): Conversation[] {
  const until = DateTime.fromJSDate(to, { zone: 'utc' }).plus({ days: 14 }).toISODate() ?? ''
  return buildCoachingSchedule(NETWORK, { until })
}

/**
 * The hours the hourly workflow runs in the simulation: the hour each conversation issue opens and
 * the hour each conversation ends (the runs at :00 after them), each followed by a rerun an hour
 * later, which must change nothing. Every other hour is quiet by construction.
 */
export function dueHours(from: Date, to: Date): Date[] {
  const hours = new Set<number>()
  for (const c of conversationsUntil(to)) {
    for (const moment of [c.opensAt, c.endsAt]) {
      const first = Math.ceil(Date.parse(moment) / HOUR) * HOUR
      for (const t of [first, first + HOUR]) {
        if (t >= from.getTime() && t <= to.getTime()) hours.add(t)
      }
    }
  }
  return [...hours].sort((a, b) => a - b).map((t) => new Date(t))
}

export async function runSessionsAt(gh: GitHubEmulator, workspace: string, at: Date) {
  const result = await runAction('sessions', { gh, workspace, now: at, eventName: 'schedule' })
  await result.cleanup()
  return result
}

/** A coachee's write-up, as GitHub writes the conversation form, accepted by the forms action. */
export async function writeUp(
  gh: GitHubEmulator,
  login: string,
  n: number,
  nextStep: string,
  answers: { byWhen?: string; confidence?: number; skill?: string } = {},
): Promise<number> {
  const body = renderFormBody('conversation', {
    group: SLUG,
    session: String(n),
    'next-step': nextStep,
    'by-when': answers.byWhen ?? 'Friday',
    confidence: String(answers.confidence ?? 7),
    skill: answers.skill ?? 'delegation',
  })
  const { data } = await asMember(gh, login).rest.issues.create({
    owner: OWNER,
    repo: REPO,
    title: `Conversation · ${SLUG} · conversation ${n}`,
    body,
    // The form adds skill-share and conversation; the forms action adds the group once accepted.
    labels: ['skill-share', 'conversation', `group:${SLUG}`],
  })
  return data.number
}

/** The bot's issue for one conversation of one pair, if it exists. */
export function conversationIssue(gh: GitHubEmulator, pair: string, n: number) {
  const [coach, coachee] = pair.split('+')
  return gh.state
    .issues({ state: 'all' })
    .find(
      (i) =>
        i.user?.login === 'github-actions[bot]' &&
        new RegExp(
          `<!-- skill-share:conversation group=${SLUG} coach=${coach} coachee=${coachee} n=${n} `,
        ).test(i.body ?? ''),
    )
}
