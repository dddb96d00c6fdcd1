import { DateTime } from 'luxon'
import type { Group } from '../../lib/group-file/schema.js'
import type { IssueView } from '../../lib/github/repository.js'
import { marker } from '../../lib/markers/markers.js'
import { buildSchedule, type Session } from '../../lib/schedule/schedule.js'
import { NEEDS_FIX_LABEL } from '../../lib/submissions/collect.js'
import { closeWithComment } from './closing.js'

/**
 * Members' own issues (homework, check-ins, intentions) are closed once what they were for is over,
 * with a short note: a cohort should not end with dozens of open issues. Reconciler style: every
 * run closes whatever is open and due, so a missed run catches up, and a closed issue stays closed.
 */
export type TidyKind = 'homework' | 'check-in' | 'intention'

export interface TidyStep {
  group: Group
  issue: number
  kind: TidyKind
  note: string
}

/** How long after a session or phase ends its members' issues are still looked for. */
const LOOKBACK_DAYS = 14

/** Whether anything ended recently enough to look for open member issues (one request). */
export function tidyDue(groups: readonly Group[], now: Date): boolean {
  const since = now.getTime() - LOOKBACK_DAYS * 86_400_000
  return groups.some((group) =>
    endings(group).some((end) => end.getTime() > since && end.getTime() <= now.getTime()),
  )
}

/** Which open member issues are over, and the note each gets. Pure. */
export function planTidy(
  groups: readonly Group[],
  open: readonly IssueView[],
  now: Date,
): TidyStep[] {
  const steps: TidyStep[] = []
  for (const group of groups) {
    if (group.format !== 'circle') continue
    const sessions = buildSchedule(group)
    for (const issue of open) {
      const names = new Set(issue.labels.map((l) => l.name))
      if (issue.isPullRequest || !names.has(`group:${group.slug}`) || names.has(NEEDS_FIX_LABEL))
        continue
      const kind = (['homework', 'check-in', 'intention'] as const).find((k) => names.has(k))
      if (!kind) continue
      const over = overAt(kind, sessions, sessionNumber(names))
      if (over && over.getTime() <= now.getTime())
        steps.push({
          group,
          issue: issue.number,
          kind,
          note: noteFor(kind, group, sessionNumber(names)),
        })
    }
  }
  return steps
}

/** The marker of a tidy note, so a rerun never posts it twice. */
export function tidyMarker(step: Pick<TidyStep, 'group' | 'issue'>): string {
  return marker('tidied', { group: step.group.slug, issue: step.issue })
}

export async function closeMemberIssue(
  github: Parameters<typeof closeWithComment>[0],
  step: TidyStep,
): Promise<void> {
  await closeWithComment(
    github,
    step.issue,
    `${step.note}\n\n${tidyMarker(step)}`,
    tidyMarker(step),
  )
}

/**
 * When an issue of this kind is over: homework when its meeting has ended; a check-in (the week
 * after the meeting it names) when the next meeting has ended, or a week after the last one; an
 * intention when the weekly meetings are over.
 */
function overAt(
  kind: TidyKind,
  sessions: readonly Session[],
  number: number | undefined,
): Date | undefined {
  if (kind === 'intention') {
    const lastWeekly = sessions.filter((s) => s.week !== undefined).at(-1)
    return lastWeekly ? new Date(lastWeekly.endsAt) : undefined
  }
  const index = sessions.findIndex((s) => s.number === number)
  const session = sessions[index]
  if (!session) return undefined
  if (kind === 'homework') return new Date(session.endsAt)
  const next = sessions[index + 1]
  return next
    ? new Date(next.endsAt)
    : DateTime.fromISO(session.endsAt).plus({ days: 7 }).toJSDate()
}

/** Every moment at which some member issue of the group becomes due to close. */
function endings(group: Group): Date[] {
  if (group.format !== 'circle') return []
  const sessions = buildSchedule(group)
  return sessions.flatMap((s) => [
    new Date(s.endsAt),
    DateTime.fromISO(s.endsAt).plus({ days: 7 }).toJSDate(),
  ])
}

function sessionNumber(labels: ReadonlySet<string>): number | undefined {
  for (const name of labels) {
    const match = /^session:(\d+)$/.exec(name)
    if (match) return Number(match[1])
  }
  return undefined
}

function noteFor(kind: TidyKind, group: Group, number: number | undefined): string {
  const keep =
    'It stays here for you to read, and in your personal binder (Actions tab → "Personal binder").'
  if (kind === 'homework') return `Session ${number} is over, so this homework is closed. ${keep}`
  if (kind === 'check-in')
    return `The week after session ${number} is over, so this check-in is closed. ${keep}`
  return `The ${group.weekly} weekly meetings are over, so this intention is closed. ${keep}`
}

/** Looks (one request) only when something ended lately, then closes what is over. */
export async function tidyMemberIssues(
  groups: readonly Group[],
  context: {
    deps: {
      github: Parameters<typeof closeWithComment>[0]
      log: { info(message: string): void }
    }
    dryRun: boolean
  },
  now: Date,
): Promise<TidyStep[]> {
  if (!tidyDue(groups, now)) return []
  const { github, log } = context.deps
  const open = await github.listIssues({ labels: ['skill-share'], state: 'open' })
  const steps = planTidy(groups, open, now)
  for (const step of steps) {
    const where = `${step.kind} #${step.issue} (group ${step.group.slug})`
    if (context.dryRun) log.info(`dry run: would comment on and close ${where}`)
    else {
      await closeMemberIssue(github, step)
      log.info(`closed ${where}`)
    }
  }
  return steps
}
