import { DateTime } from 'luxon'
import type { ConversationSubmission } from '../../lib/forms/submissions.js'
import type { Group } from '../../lib/group-file/schema.js'
import type { IssueView } from '../../lib/github/repository.js'
import { findMarker } from '../../lib/markers/markers.js'
import { isOwnBot } from '../../lib/markers/ownership.js'
import { buildCoachingSchedule, pairKey, type Conversation } from '../../lib/schedule/coaching.js'
import type { RepositoryRef } from '../../lib/sessions/links.js'
import type { FrontMatterDocument } from '../../lib/templates/front-matter.js'
import {
  closingComment,
  CONVERSATION_MARKER,
  nudgeComment,
  renderConversationIssue,
  type Review,
} from '../../lib/sessions/conversation.js'

/*
 * The coaching counterpart of plan.ts: one issue per pair per conversation, opened when due,
 * closed once the conversation is over, and one nudge when a pair's write-ups stop. Pure: it reads
 * what GitHub showed and returns the difference.
 */

/** How far ahead and back the reconciler looks; wider than any cadence gap (a month). */
const HORIZON_DAYS = 70

export interface ConversationRef {
  group: string
  pair: string
  number: number
  /** `due` until the nudge comment is certainly posted, then `sent`. */
  nudge?: string
  issue: IssueView
}

/** A coachee's accepted write-up, as collectSubmissions returns it. */
export interface WriteUp {
  issue: Pick<IssueView, 'number' | 'createdAt'>
  author: string
  submission: ConversationSubmission
}

export interface CoachingObservation {
  /** Open issues labelled as sessions (conversation issues carry the label too). */
  open: readonly IssueView[]
  /** Closed session issues updated recently; only fetched when something is due to open. */
  closed?: readonly IssueView[]
  /**
   * Write-ups by group slug, read only for groups with a conversation to open. Undefined for a
   * group: they could not be read (the repository has no conversation form), so no nudge is sent.
   */
  writeUps?: ReadonlyMap<string, readonly WriteUp[]>
}

export interface ConversationOpenStep {
  group: Group
  conversation: Conversation
  title: string
  body: string
  labels: string[]
  assignees: string[]
  /** The nudge to post right after the issue opens; its body says `nudge=due` until then. */
  nudge?: string
}

export interface ConversationCloseStep {
  group: Group
  conversation: Conversation
  issue: number
  comment: string
}

export interface NudgeStep {
  group: Group
  conversation: Conversation
  issue: Pick<IssueView, 'number' | 'body'>
  comment: string
}

export interface ConversationDuplicateStep {
  group: Group
  conversation: Conversation
  issue: number
  keep: number
}

export interface CoachingPlan {
  group: Group
  open: ConversationOpenStep[]
  close: ConversationCloseStep[]
  nudge: NudgeStep[]
  duplicates: ConversationDuplicateStep[]
  /** The next conversation whose issue is not open yet, across the group's pairs. */
  next?: { conversation: Conversation; title: string }
}

/** Reads which group, pair and conversation a bot-authored issue stands for. */
export function conversationRefs(issues: readonly IssueView[]): ConversationRef[] {
  return issues.flatMap((issue) => {
    if (!isOwnBot(issue.author)) return []
    const found = findMarker(issue.body, CONVERSATION_MARKER)
    const { group, coach, coachee, nudge } = found?.attributes ?? {}
    const n = Number(found?.attributes['n'])
    if (!group || !coach || !coachee || !Number.isInteger(n)) return []
    const pair = pairKey({ coach, coachee })
    return [{ group, pair, number: n, ...(nudge ? { nudge } : {}), issue }]
  })
}

export function conversationsAround(group: Group, now: Date): Conversation[] {
  const until =
    DateTime.fromJSDate(now, { zone: 'utc' }).plus({ days: HORIZON_DAYS }).toISODate() ?? ''
  return buildCoachingSchedule(group, { until })
}

export function inOpenWindow(c: Pick<Conversation, 'opensAt' | 'endsAt'>, now: Date): boolean {
  const t = now.getTime()
  return Date.parse(c.opensAt) <= t && t < Date.parse(c.endsAt)
}

/** Conversations in their open window that have no open issue: only these need more lookups. */
export function conversationsMissing(
  groups: readonly Group[],
  open: readonly IssueView[],
  now: Date,
): Conversation[] {
  const openKeys = new Set(conversationRefs(open).map(refKey))
  return groups.flatMap((group) =>
    conversationsAround(group, now).filter(
      (c) => inOpenWindow(c, now) && !openKeys.has(conversationKey(c)),
    ),
  )
}

/** Where to start looking for closed issues: covers the missing ones and the conversations before. */
export function conversationLookupSince(missing: readonly Conversation[]): string | undefined {
  if (missing.length === 0) return undefined
  const earliest = Math.min(...missing.map((c) => Date.parse(c.opensAt)))
  return new Date(earliest - HORIZON_DAYS * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Groups with a conversation to open now (no issue, open or closed): their write-ups are read. */
export function groupsOpening(
  groups: readonly Group[],
  observed: Pick<CoachingObservation, 'open' | 'closed'>,
  now: Date,
): Group[] {
  const known = new Set(
    conversationRefs([...(observed.closed ?? []), ...observed.open]).map(refKey),
  )
  return groups.filter((group) =>
    conversationsAround(group, now).some(
      (c) => inOpenWindow(c, now) && !known.has(conversationKey(c)),
    ),
  )
}

/**
 * The desired state of every coaching group at `now`, as the difference from what GitHub shows:
 * conversation issues to open (window current, never opened, never closed by hand), to close
 * (conversation over), nudges still to post, and duplicates from racing runs to close.
 */
export function planCoaching(
  groups: readonly Group[],
  observed: CoachingObservation,
  now: Date,
  template: FrontMatterDocument,
  repo: RepositoryRef,
): CoachingPlan[] {
  const known = new Map<string, ConversationRef>()
  const extra = new Map<string, ConversationRef[]>()
  const refs = conversationRefs([...(observed.closed ?? []), ...observed.open])
  for (const ref of refs.sort((a, b) => a.issue.number - b.issue.number)) {
    const k = refKey(ref)
    const existing = known.get(k)
    if (!existing || (existing.issue.state === 'closed' && ref.issue.state === 'open'))
      known.set(k, ref)
    else if (ref.issue.state === 'open') extra.set(k, [...(extra.get(k) ?? []), ref])
  }
  return groups.map((group) => {
    const writeUps = observed.writeUps?.get(group.slug)
    return planGroup(group, { known, extra, writeUps }, now, template, repo)
  })
}

interface Known {
  known: Map<string, ConversationRef>
  extra: Map<string, ConversationRef[]>
  writeUps: readonly WriteUp[] | undefined
}

function planGroup(
  group: Group,
  { known, extra, writeUps }: Known,
  now: Date,
  template: FrontMatterDocument,
  repo: RepositoryRef,
): CoachingPlan {
  const conversations = conversationsAround(group, now)
  const byPair = groupBy(conversations, (c) => c.pair)
  const written = writeUps ? writeUpsByPair(group, conversations, writeUps) : undefined
  const plan: CoachingPlan = { group, open: [], close: [], nudge: [], duplicates: [] }
  const refOf = (c: Conversation | undefined) => (c ? known.get(conversationKey(c)) : undefined)
  const titleOf = (c: Conversation) =>
    renderConversationIssue(group, c, template, { repo, review: { kind: 'first' } }).title

  for (const c of conversations) {
    const pairConversations = byPair.get(c.pair) ?? []
    const previous = pairConversations[c.number - 2]
    const next = pairConversations[c.number]
    const ref = refOf(c)
    for (const duplicate of extra.get(conversationKey(c)) ?? []) {
      if (ref)
        plan.duplicates.push({
          group,
          conversation: c,
          issue: duplicate.issue.number,
          keep: ref.issue.number,
        })
    }
    if (!ref && inOpenWindow(c, now)) {
      const pairWriteUps = written ? (written.get(c.pair) ?? new Map<number, WriteUp>()) : undefined
      const review = reviewOf(c, refOf(previous)?.issue.number, pairWriteUps)
      const nudge = pairWriteUps ? lapsed(c.number, pairWriteUps) : false
      const rendered = renderConversationIssue(group, c, template, {
        repo,
        review,
        ...(previous ? { previousTitle: titleOf(previous) } : {}),
        nudge,
      })
      plan.open.push({
        group,
        conversation: c,
        ...rendered,
        // One assignee on every plan: the coach; the body names the coachee.
        assignees: [c.coach],
        ...(nudge ? { nudge: nudgeComment(c, repo) } : {}),
      })
    }
    if (ref?.issue.state === 'open' && ref.nudge === 'due') {
      plan.nudge.push({ group, conversation: c, issue: ref.issue, comment: nudgeComment(c, repo) })
    }
    if (ref?.issue.state === 'open' && Date.parse(c.endsAt) <= now.getTime()) {
      plan.close.push({
        group,
        conversation: c,
        issue: ref.issue.number,
        comment: closingComment(c, next, refOf(next)?.issue.number, repo),
      })
    }
  }
  const upcoming = conversations.find((c) => Date.parse(c.opensAt) > now.getTime())
  if (upcoming) plan.next = { conversation: upcoming, title: titleOf(upcoming) }
  return plan
}

/**
 * What the coachee wrote after the previous conversation. `writeUps` undefined: unknown (the
 * repository offers no conversation form), so the issue only asks the pair to recall the step.
 */
function reviewOf(
  c: Conversation,
  previousIssue: number | undefined,
  writeUps: ReadonlyMap<number, WriteUp> | undefined,
): Review {
  if (c.number === 1) return { kind: 'first' }
  const from = c.number - 1
  const issue = previousIssue !== undefined ? { issue: previousIssue } : {}
  if (!writeUps) return { kind: 'unknown', from, ...issue }
  const writeUp = writeUps.get(from)
  if (!writeUp) return { kind: 'none', from, ...issue }
  return {
    kind: 'step',
    from,
    ...issue,
    nextStep: writeUp.submission.nextStep,
    byWhen: writeUp.submission.byWhen,
  }
}

/**
 * Two conversations in a row without a write-up, and this is the first time the streak reaches
 * two: a lapse gets one nudge, not one per conversation for as long as it lasts.
 */
export function lapsed(n: number, writeUps: ReadonlyMap<number, WriteUp>): boolean {
  if (n < 3) return false
  const has = (k: number) => writeUps.has(k)
  return !has(n - 1) && !has(n - 2) && (n - 3 < 1 || has(n - 3))
}

/**
 * Write-ups by pair and conversation number. The form names the conversation but not the coach,
 * so a coachee with two coaches is matched to the pair whose conversation of that number ended
 * closest to when the write-up was filed. A resubmission (a later issue) replaces an earlier one.
 */
export function writeUpsByPair(
  group: Group,
  conversations: readonly Conversation[],
  writeUps: readonly WriteUp[],
): Map<string, Map<number, WriteUp>> {
  const result = new Map<string, Map<number, WriteUp>>()
  const sorted = [...writeUps].sort((a, b) => a.issue.number - b.issue.number)
  for (const writeUp of sorted) {
    if (writeUp.submission.group.toLowerCase() !== group.slug.toLowerCase()) continue
    const author = writeUp.author.toLowerCase()
    const n = writeUp.submission.session
    const candidates = conversations.filter(
      (c) => c.coachee.toLowerCase() === author && c.number === n,
    )
    const filed = Date.parse(writeUp.issue.createdAt)
    const best = candidates.sort(
      (a, b) => Math.abs(Date.parse(a.endsAt) - filed) - Math.abs(Date.parse(b.endsAt) - filed),
    )[0]
    if (!best) continue
    const forPair = result.get(best.pair) ?? new Map<number, WriteUp>()
    forPair.set(n, writeUp)
    result.set(best.pair, forPair)
  }
  return result
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item])
  return map
}

function conversationKey(c: Pick<Conversation, 'group' | 'pair' | 'number'>): string {
  return `${c.group}#${c.pair}#${c.number}`
}

function refKey(ref: ConversationRef): string {
  return `${ref.group}#${ref.pair}#${ref.number}`
}
