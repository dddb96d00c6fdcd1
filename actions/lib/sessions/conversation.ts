import { DateTime } from 'luxon'
import { formTitle, formUrl } from '../forms/prefill.js'
import type { Group } from '../group-file/schema.js'
import { marker, withMarker, type MarkerAttributes } from '../markers/markers.js'
import type { Conversation } from '../schedule/coaching.js'
import type { RepositoryRef } from './links.js'
import type { FrontMatterDocument } from '../templates/front-matter.js'
import { renderIssue, typed, type RenderedIssue } from '../templates/render.js'

/*
 * The words of a coaching conversation issue and of the bot's comments on it. Only the coachee's
 * own previous next step is quoted (it is theirs, and the pair both see the write-up anyway);
 * nothing here ever rates the coachee.
 */

export const CONVERSATION_MARKER = 'conversation'
export const CONVERSATION_CLOSING_MARKER = 'conversation-closing'
export const NUDGE_MARKER = 'nudge'
/** Sits on the task-list line where the coachee ticks off the previous step. */
export const STEP_DONE_MARKER = 'step-done'

/**
 * Conversation issues carry `session` too, so the one query for open session issues covers both
 * formats and a quiet hourly run still costs one request per 100 open issues. Their marker kind
 * (`conversation`) keeps them apart from circle sessions.
 */
export function conversationLabels(group: Group): string[] {
  return ['skill-share', `group:${group.slug}`, 'session', 'conversation']
}

/** What the previous conversation left behind, as far as the run could tell. */
export type Review =
  | { kind: 'first' }
  /** The coachee's write-up of the previous conversation. */
  | { kind: 'step'; from: number; issue?: number; nextStep: string; byWhen: string }
  /** No write-up for the previous conversation. */
  | { kind: 'none'; from: number; issue?: number }
  /** The write-ups could not be read (no conversation form, or a preview). */
  | { kind: 'unknown'; from: number; issue?: number }

export function conversationAttributes(c: Conversation): MarkerAttributes {
  return {
    group: c.group,
    coach: c.coach.toLowerCase(),
    coachee: c.coachee.toLowerCase(),
    n: c.number,
  }
}

export function writeUpUrl(repo: RepositoryRef, c: Conversation): string {
  return formUrl({
    serverUrl: repo.serverUrl,
    repository: repo.repository,
    template: 'conversation.yml',
    title: formTitle('conversation', c.group, c.number),
    fields: { group: c.group, session: c.number },
  })
}

export function renderConversationIssue(
  group: Group,
  c: Conversation,
  template: FrontMatterDocument,
  links: { repo: RepositoryRef; review: Review; previousTitle?: string; nudge?: boolean },
): RenderedIssue {
  const start = DateTime.fromISO(c.localStart, { setZone: true })
  const end = DateTime.fromISO(c.localEnd, { setZone: true })
  const rendered = renderIssue(template, {
    group_name: typed(group.name),
    group_slug: group.slug,
    number: c.number,
    coach: c.coach,
    coachee: c.coachee,
    date_short: start.toFormat('ccc d LLL'),
    when: `${start.toFormat('cccc d LLLL yyyy, HH:mm')}–${end.toFormat('HH:mm')} in ${c.timezone}`,
    utc: DateTime.fromISO(c.startsAt, { zone: 'utc' }).toFormat('ccc d LLL, HH:mm'),
    duration: c.duration,
    cadence: CADENCE_NAMES[c.cadence],
    place: typed(
      c.place ?? 'not set yet: agree on one, and add it as place: to the pair in the group file',
    ),
    review: reviewText(c, links.review),
    writeup_link: writeUpUrl(links.repo, c),
    previous: previousText(links.review, links.previousTitle),
  })
  const labels = [...new Set([...conversationLabels(group), ...rendered.labels])]
  const attributes = {
    ...conversationAttributes(c),
    ...(links.nudge ? { nudge: 'due' } : {}),
  }
  return {
    title: rendered.title,
    labels,
    body: withMarker(rendered.body, CONVERSATION_MARKER, attributes),
  }
}

const CADENCE_NAMES: Record<Conversation['cadence'], string> = {
  weekly: 'every week',
  biweekly: 'every other week',
  monthly: 'once a month',
}

function reviewText(c: Conversation, review: Review): string {
  const coachee = `@${c.coachee}`
  switch (review.kind) {
    case 'first':
      return 'This is your first conversation, so there is no earlier step to look back on. Start with what is happening now.'
    case 'step':
      return [
        `${coachee}'s next step from conversation ${review.from}${issueRef(review.issue)}, by ${inline(review.byWhen)}:`,
        '',
        quote(review.nextStep),
        '',
        `Start here: did it happen? What helped, what got in the way? ${coachee}, tick the box once you have taken it.`,
        '',
        `- [ ] I took this step ${marker(STEP_DONE_MARKER, { n: review.from })}`,
      ].join('\n')
    case 'none':
      return `${coachee} did not write a next step down after conversation ${review.from}${issueRef(review.issue)}. Start by recalling it together: what was it, and did it happen?`
    case 'unknown':
      return `Start with the step from conversation ${review.from}${issueRef(review.issue)}: what was it, and did it happen?`
  }
}

function previousText(review: Review, previousTitle: string | undefined): string {
  if (review.kind === 'first') return 'This is the pair’s first conversation.'
  if (review.issue !== undefined) return `Previous conversation: #${review.issue}`
  return previousTitle ? `Previous conversation: ${previousTitle}` : ''
}

function issueRef(issue: number | undefined): string {
  return issue === undefined ? '' : ` (#${issue})`
}

/** The member's words, quoted and inert: no hidden markers, no headings breaking the layout. */
export function quote(text: string): string {
  return neutralize(text)
    .trim()
    .split('\n')
    .map((line) => `> ${line}`.trimEnd())
    .join('\n')
}

function inline(text: string): string {
  return neutralize(text).replace(/\s+/g, ' ').trim()
}

/** A pasted `<!-- skill-share:... -->` in a member's answer must never read as the bot's marker. */
function neutralize(text: string): string {
  return text.replace(/<!--/g, '&lt;!--')
}

const TASK_LINE = new RegExp(
  `^\\s*[-*] \\[([ xX])\\][^\\n]*<!-- skill-share:${STEP_DONE_MARKER} n=(\\d+) -->`,
  'gm',
)

/** Whether the coachee ticked off step `n` in this (next) conversation issue's body. */
export function stepDone(body: string, n: number): boolean | undefined {
  for (const match of body.matchAll(TASK_LINE)) {
    if (Number(match[2]) === n) return match[1] !== ' '
  }
  return undefined
}

export function nudgeMarker(c: Conversation): string {
  return marker(NUDGE_MARKER, conversationAttributes(c))
}

/** One gentle word to both, the first time a pair's write-ups stop for two conversations running. */
export function nudgeComment(c: Conversation, repo: RepositoryRef): string {
  const slug = c.group
  return [
    `@${c.coach}, @${c.coachee}: there is no write-up from the last two conversations. That happens; weeks fill up.`,
    '',
    `If you did meet, a two-line [write-up](${writeUpUrl(repo, { ...c, number: c.number - 1 })}) keeps the thread for next time. ` +
      `If the rhythm no longer fits, change the cadence in \`groups/${slug}/group.yml\`, or pause on purpose and say so here. Either is fine.`,
    '',
    nudgeMarker(c),
    '',
  ].join('\n')
}

export function closingMarker(c: Conversation): string {
  return marker(CONVERSATION_CLOSING_MARKER, conversationAttributes(c))
}

export function closingComment(
  c: Conversation,
  next: Conversation | undefined,
  nextIssue: number | undefined,
  repo: RepositoryRef,
): string {
  const writeUp = `Conversation ${c.number} is over. @${c.coachee}, while it is fresh, write your one next step down in the [conversation form](${writeUpUrl(repo, c)}); the next conversation starts from it.`
  let upcoming = 'There is no further conversation on the schedule.'
  if (next && nextIssue !== undefined) upcoming = `Next: #${nextIssue}.`
  else if (next) {
    const on = DateTime.fromISO(next.localStart, { setZone: true }).toFormat('cccc d LLLL, HH:mm')
    const opens = DateTime.fromISO(next.opensAt).setZone(next.timezone).toFormat('cccc d LLLL')
    upcoming = `Next: conversation ${next.number} on ${on} (${next.timezone}); its issue opens ${opens}.`
  }
  return `${writeUp}\n\n${upcoming}\n\n${closingMarker(c)}\n`
}
