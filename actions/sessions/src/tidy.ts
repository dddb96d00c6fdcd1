import { DateTime } from 'luxon'
import { cost, type RunBudget } from '../../lib/budget/budget.js'
import type { Group } from '../../lib/group-file/schema.js'
import { isOwnBot, type IssueView, type Repository } from '../../lib/github/repository.js'
import { marker } from '../../lib/markers/markers.js'
import { buildSchedule, type Session } from '../../lib/schedule/schedule.js'
import { formTitle } from '../../lib/forms/prefill.js'
import { NEEDS_FIX_LABEL } from '../../lib/submissions/collect.js'

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

/**
 * Closes per run: each is two paced writes, and the run is billed by the minute. The rest wait for
 * the next hourly run, which finds them still open.
 */
export const MAX_CLOSES_PER_RUN = 3

/**
 * Whether any of the groups' meetings has ended, so member issues may be due: then one request lists
 * the open ones. Not limited to recent meetings, since closes left for a later run must be found.
 */
export function tidyDue(groups: readonly Group[], now: Date): boolean {
  return groups.some(
    (group) =>
      group.format === 'circle' &&
      buildSchedule(group).some((s) => new Date(s.endsAt).getTime() <= now.getTime()),
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
      if (issue.isPullRequest) continue
      const names = new Set(issue.labels.map((l) => l.name))
      const kind = (['homework', 'check-in', 'intention'] as const).find((k) => names.has(k))
      const number = kind ? sessionOf(issue, names, group, kind) : undefined
      if (!kind || number === null) continue
      const over = overAt(kind, sessions, number)
      if (over && over.getTime() <= now.getTime())
        steps.push({ group, issue: issue.number, kind, note: noteFor(kind, group, number) })
    }
  }
  return steps.sort((a, b) => a.issue - b.issue)
}

/** The marker of a tidy note, so a rerun never posts it twice. */
export function tidyMarker(step: Pick<TidyStep, 'group' | 'issue'>): string {
  return marker('tidied', { group: step.group.slug, issue: step.issue })
}

/**
 * The note, then the close: two writes. No lease, unlike a session's closing comment: only the
 * scheduled sessions run closes member issues, and its workflow never runs twice at once; a run
 * that died between the two finds its note by the marker and only closes.
 */
export async function closeMemberIssue(github: Repository, step: TidyStep): Promise<void> {
  const mark = tidyMarker(step)
  const comments = await github.listComments(step.issue)
  if (!comments.some((c) => isOwnBot(c.author) && c.body.includes(mark)))
    await github.createComment(step.issue, `${step.note}\n\n${mark}`)
  await github.updateIssue(step.issue, { state: 'closed', state_reason: 'completed' })
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

/**
 * The session an issue of the group belongs to (undefined for an intention), or null when it is
 * not this group's. An accepted submission says so in its labels; one still marked needs-fix has
 * only the title its form link prefilled ("Homework · fall · session 3"), which is enough: once its
 * session is over, fixing it no longer counts anywhere.
 */
function sessionOf(
  issue: IssueView,
  labels: ReadonlySet<string>,
  group: Group,
  kind: TidyKind,
): number | undefined | null {
  if (labels.has(`group:${group.slug}`) && !labels.has(NEEDS_FIX_LABEL)) {
    if (kind === 'intention') return undefined
    for (const name of labels) {
      const match = /^session:(\d+)$/.exec(name)
      if (match) return Number(match[1])
    }
    return null
  }
  if (kind === 'intention') return null
  const number = Number(/ · session (\d+)$/.exec(issue.title)?.[1])
  return Number.isInteger(number) && issue.title === formTitle(kind, group.slug, number)
    ? number
    : null
}

function noteFor(kind: TidyKind, group: Group, number: number | undefined): string {
  const keep =
    'It stays here for you to read, and in your personal binder (Actions tab → "Personal binder").'
  if (kind === 'homework') return `Session ${number} is over, so this homework is closed. ${keep}`
  if (kind === 'check-in')
    return `The week after session ${number} is over, so this check-in is closed. ${keep}`
  return `The ${group.weekly} weekly meetings are over, so this intention is closed. ${keep}`
}

/**
 * Once a meeting has ended, looks (one request) and closes what is over, a few per run, and only in
 * a run that opened and closed no session: a run is billed by the started minute, and the runs that
 * open or close meetings are full already; the runs between them (the status the day before, say)
 * have room.
 */
export async function tidyMemberIssues(
  groups: readonly Group[],
  context: {
    deps: { github: Repository; log: { info(message: string): void }; budget?: RunBudget }
    dryRun: boolean
  },
  now: Date,
  busy: boolean,
): Promise<TidyStep[]> {
  if (!tidyDue(groups, now)) return []
  const { github, log } = context.deps
  if (busy) {
    log.info("members' issues that are over wait for a run with less to do")
    return []
  }
  const open = await github.listIssues({ labels: ['skill-share'], state: 'open' })
  const done: TidyStep[] = []
  for (const step of planTidy(groups, open, now).slice(0, MAX_CLOSES_PER_RUN)) {
    // What is left waits for the next run when the job's requests or time run short.
    if (context.deps.budget?.refuse(cost({ reads: 1, creates: 1, writes: 1 }))) break
    const where = `${step.kind} #${step.issue} (group ${step.group.slug})`
    if (context.dryRun) log.info(`dry run: would comment on and close ${where}`)
    else {
      await closeMemberIssue(github, step)
      log.info(`closed ${where}`)
    }
    done.push(step)
  }
  return done
}
