import { DateTime } from 'luxon'
import { FORMS, SKILL_SHARE_LABEL, type FormKind } from '../../lib/forms/catalog.js'
import { detectForm, type FormTemplates } from '../../lib/forms/detect.js'
import { checkSubmission, findGroup } from '../../lib/forms/membership.js'
import type { FormProblem } from '../../lib/forms/problems.js'
import { readSubmission } from '../../lib/forms/read.js'
import type { Submission } from '../../lib/forms/submissions.js'
import { FormTemplateError } from '../../lib/forms/template.js'
import type { Group } from '../../lib/group-file/schema.js'
import type { IssueView } from '../../lib/github/repository.js'
import { buildSchedule, type Session } from '../../lib/schedule/schedule.js'
import { NEEDS_FIX_LABEL } from '../../lib/submissions/collect.js'

/** Forms whose `session` answer is a meeting on the schedule, so the issue gets `session:<n>`. */
const SCHEDULED_KINDS: readonly FormKind[] = ['homework', 'check-in']

/** How far ahead the schedule is built to recognise a session number: any long-running group fits. */
const SCHEDULE_HORIZON_DAYS = 400

/**
 * What the action makes of one issue:
 * - `not-a-form`: not a submission (no form label or headings, a bot's issue): nothing to do;
 * - `blocked`: the repository itself is broken (an unreadable form or group file): the organizer
 *   fixes it, the member hears nothing, the run fails;
 * - `outsider`: the author is on no group's member list: one polite reply and nothing else;
 * - `needs-fix`: what the member must fix, all at once;
 * - `accepted`: a valid submission, with the group (and session) it belongs to.
 */
export type Verdict =
  | { result: 'not-a-form'; reason: string }
  | { result: 'blocked'; kind?: FormKind; reason: string }
  | { result: 'outsider'; kind: FormKind }
  | { result: 'needs-fix'; kind: FormKind; problems: FormProblem[]; group?: Group }
  | {
      result: 'accepted'
      kind: FormKind
      submission: Submission
      group: Group
      /** The meeting a homework or check-in is for. */
      session?: Session
    }

export interface JudgeInput {
  issue: IssueView
  /** Form YAML by kind, as the repository has it; a kind without a file is not offered. */
  templates: FormTemplates
  groups: readonly Group[]
  /** Slugs of group files that failed to load: their members and sessions are unknown. */
  failedGroups: readonly string[]
  now: Date
}

/** Reads an issue against the form it came from and the group files: pure, so tests feed it objects. */
export function judgeIssue(input: JudgeInput): Verdict {
  const { issue, templates, groups } = input
  if (issue.isPullRequest) return { result: 'not-a-form', reason: 'a pull request' }
  if (issue.author.type === 'Bot') return { result: 'not-a-form', reason: 'written by a bot' }
  let kind: FormKind
  try {
    const detected = detectForm(
      { labels: issue.labels.map((l) => l.name), body: issue.body },
      templates,
    )
    if (!detected) return { result: 'not-a-form', reason: 'no form label and no form headings' }
    kind = detected.kind
  } catch (error) {
    return blocked(error)
  }
  const yaml = templates[kind]
  if (yaml === undefined) {
    return {
      result: 'not-a-form',
      reason: `the repository has no ${FORMS[kind].template} form`,
    }
  }

  let read
  try {
    read = readSubmission(kind, issue.body, yaml)
  } catch (error) {
    return blocked(error, kind)
  }
  if (!isMemberOfAnyGroup(issue.author.login, groups)) {
    if (input.failedGroups.length > 0) {
      return {
        result: 'blocked',
        kind,
        reason: `the author is on no member list that could be read, and ${describeFailed(input.failedGroups)} invalid; fix it so the submission can be checked`,
      }
    }
    return { result: 'outsider', kind }
  }
  if (!read.ok) return { result: 'needs-fix', kind, problems: read.problems }

  const submission = read.submission
  const group = findGroup(submission, groups)
  if (!group && input.failedGroups.includes(submission.group.toLowerCase())) {
    return {
      result: 'blocked',
      kind,
      reason: `groups/${submission.group.toLowerCase()}/group.yml is invalid; fix it so the submission can be checked`,
    }
  }
  const sessions = group ? sessionsOf(group, input.now) : []
  const context = { author: issue.author.login, groups, sessions }
  const problems = checkSubmission(submission, { ...context, now: input.now })
  // Handed in on time counts: an edit long after the meeting (a typo fixed) doesn't undo it.
  const late =
    problems.length > 0 &&
    checkSubmission(submission, { ...context, now: new Date(issue.createdAt) }).length === 0
  if ((problems.length > 0 && !late) || !group) {
    return { result: 'needs-fix', kind, problems, ...(group ? { group } : {}) }
  }
  const session =
    'session' in submission && SCHEDULED_KINDS.includes(kind)
      ? sessions.find((s) => s.number === submission.session)
      : undefined
  return { result: 'accepted', kind, submission, group, ...(session ? { session } : {}) }
}

function blocked(error: unknown, kind?: FormKind): Verdict {
  if (!(error instanceof FormTemplateError)) throw error
  return {
    result: 'blocked',
    ...(kind ? { kind } : {}),
    reason: `${error.message}; fix the form so submissions can be read`,
  }
}

function describeFailed(slugs: readonly string[]): string {
  const files = slugs.map((slug) => `groups/${slug}/group.yml`)
  return files.length === 1 ? `${files[0]} is` : `${files.join(', ')} are`
}

export function isMemberOfAnyGroup(login: string, groups: readonly Group[]): boolean {
  const wanted = login.toLowerCase()
  return groups.some((group) => group.members.some((m) => m.github.toLowerCase() === wanted))
}

/** Every session of a group up to well past `now`, so a late session number is recognised. */
export function sessionsOf(group: Group, now: Date): Session[] {
  const until = DateTime.fromJSDate(now, { zone: 'utc' })
    .plus({ days: SCHEDULE_HORIZON_DAYS })
    .toISODate()
  return buildSchedule(group, until ? { until } : {})
}

export interface LabelChange {
  add: string[]
  remove: string[]
}

/**
 * The labels that make a verdict visible: an accepted submission carries its form, group and
 * session (and loses `needs-fix` and any group or session it named before); one with problems
 * carries `needs-fix`, which keeps it out of every count. An outsider's issue is left as it is.
 */
export function labelChange(verdict: Verdict, current: readonly string[]): LabelChange {
  const has = new Set(current)
  const missing = (names: readonly string[]) => names.filter((name) => !has.has(name))
  if (verdict.result === 'needs-fix') {
    return {
      add: missing([SKILL_SHARE_LABEL, FORMS[verdict.kind].label, NEEDS_FIX_LABEL]),
      remove: [],
    }
  }
  if (verdict.result !== 'accepted') return { add: [], remove: [] }
  const groupLabel = `group:${verdict.group.slug}`
  const sessionLabel = verdict.session ? `session:${verdict.session.number}` : undefined
  const want = [SKILL_SHARE_LABEL, FORMS[verdict.kind].label, groupLabel]
  if (sessionLabel) want.push(sessionLabel)
  const stale = current.filter(
    (name) =>
      name === NEEDS_FIX_LABEL ||
      (name.startsWith('group:') && name !== groupLabel) ||
      (sessionLabel !== undefined && name.startsWith('session:') && name !== sessionLabel),
  )
  return { add: missing(want), remove: stale }
}

/**
 * The author is assigned to their accepted submission, so "assigned to me" lists their own; unless
 * someone is assigned already: a Free-plan private repository takes one assignee per issue.
 */
export function assigneesAfter(verdict: Verdict, issue: IssueView): string[] | undefined {
  if (verdict.result !== 'accepted' || issue.assignees.length > 0) return undefined
  return [issue.author.login]
}

export interface SessionRef {
  group: Group
  session: Session
}

/**
 * The sessions whose "Homework in" count this issue can change: the one it is accepted for, and
 * any its labels named before (an edit that moved it, or a problem that took it out of the count).
 */
export function homeworkSessions(
  verdict: Verdict,
  labelsBefore: readonly string[],
  groups: readonly Group[],
  now: Date,
): SessionRef[] {
  if (verdict.result !== 'accepted' && verdict.result !== 'needs-fix') return []
  if (verdict.kind !== 'homework') return []
  const refs: SessionRef[] = []
  const add = (group: Group | undefined, number: number | undefined) => {
    if (!group || number === undefined) return
    if (refs.some((r) => r.group.slug === group.slug && r.session.number === number)) return
    const session = sessionsOf(group, now).find((s) => s.number === number)
    if (session) refs.push({ group, session })
  }
  const groupSlug = labelValue(labelsBefore, 'group:')
  const sessionNumber = Number(labelValue(labelsBefore, 'session:'))
  add(
    groups.find((g) => g.slug === groupSlug),
    Number.isInteger(sessionNumber) ? sessionNumber : undefined,
  )
  if (verdict.result === 'accepted') add(verdict.group, verdict.session?.number)
  return refs
}

function labelValue(labels: readonly string[], prefix: string): string | undefined {
  return labels.find((name) => name.startsWith(prefix))?.slice(prefix.length)
}
