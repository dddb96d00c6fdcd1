import { createLeakGate } from '../anonymize/gate.js'
import { CORE_SKILLS } from '../forms/catalog.js'
import type { ConversationSubmission } from '../forms/submissions.js'
import type { Group } from '../group-file/schema.js'
import type { IssueView } from '../github/repository.js'
import { findMarker } from '../markers/markers.js'
import { isOwnBot } from '../markers/ownership.js'
import { CONVERSATION_MARKER, stepDone } from '../sessions/conversation.js'
import { retroPath } from './path.js'

/*
 * The retrospective of a coaching network: how many conversations were held, how many write-ups
 * were filed, how many next steps were followed through, which skills came up. Only aggregates,
 * and only those that cover at least MIN_PEOPLE people; never a pair, never anybody's own words
 * (the write-ups' steps are read for nothing but their skill, confidence and tick).
 */

export const MIN_PEOPLE = 3

export interface CoachingRetroInput {
  group: Group
  /** The group's issues (any author): the bot's conversation issues are what is counted. */
  issues: readonly IssueView[]
  /** Accepted write-ups of the group's coachees. */
  writeUps: ReadonlyArray<{ author: string; submission: ConversationSubmission }>
  date: string
}

export interface CoachingRetroResult {
  path: string
  /** Empty when the leak check found a roster identifier (nothing may be written then). */
  markdown: string
  /** Figures left out because they would cover fewer than MIN_PEOPLE people. */
  hidden: string[]
  leaks: number
}

interface Held {
  coach: string
  coachee: string
  n: number
  /** Whether the step of conversation n-1 was ticked in this issue (undefined: not asked). */
  previousStep?: boolean
}

export function compileCoachingRetro(input: CoachingRetroInput): CoachingRetroResult {
  const { group, date } = input
  const path = retroPath(group.slug, date)
  const held: Held[] = []
  const cutoff = Date.parse(`${date}T23:59:59Z`)
  for (const issue of input.issues) {
    if (issue.isPullRequest || !isOwnBot(issue.author)) continue
    const found = findMarker(issue.body, CONVERSATION_MARKER, { group: group.slug })
    const { coach, coachee } = found?.attributes ?? {}
    const n = Number(found?.attributes['n'])
    if (!coach || !coachee || !Number.isInteger(n)) continue
    // Held: closed as completed by the date (a skipped conversation is closed as not planned).
    if (issue.state !== 'closed' || issue.stateReason === 'not_planned') continue
    if (issue.closedAt && Date.parse(issue.closedAt) > cutoff) continue
    const ticked = n >= 2 ? stepDone(issue.body, n - 1) : undefined
    held.push({ coach, coachee, n, ...(ticked !== undefined ? { previousStep: ticked } : {}) })
  }
  const people = (list: ReadonlyArray<{ coach?: string; coachee: string }>) =>
    new Set(list.flatMap((h) => [h.coach, h.coachee].filter(Boolean).map((l) => l!.toLowerCase())))
      .size
  const hidden: string[] = []
  const lines: string[] = [
    `# Retrospective: ${group.slug}, a coaching network`,
    '',
    `Until ${date}. Figures only, each over at least ${MIN_PEOPLE} people: no pair is shown on its own, and nobody's own words are quoted.`,
    '',
    '## Conversations',
    '',
  ]
  const pairs = new Set(held.map((h) => `${h.coach}+${h.coachee}`.toLowerCase()))
  if (people(held) >= MIN_PEOPLE) {
    lines.push(
      `- Conversations held: ${held.length}, across ${pairs.size} ${pairs.size === 1 ? 'pair' : 'pairs'} (${people(held)} people).`,
    )
  } else hidden.push('conversations held')

  const writeUps = input.writeUps.filter((w) =>
    held.some((h) => same(h.coachee, w.author) && h.n === w.submission.session),
  )
  const coachees = new Set(writeUps.map((w) => w.author.toLowerCase()))
  if (coachees.size >= MIN_PEOPLE && held.length > 0) {
    lines.push(
      `- Write-ups filed: ${writeUps.length} of ${held.length} conversations (${percent(writeUps.length, held.length)}), by ${coachees.size} coachees.`,
    )
    const confidence = writeUps.map((w) => w.submission.confidence)
    lines.push(
      `- Confidence in the next step, on average: ${(confidence.reduce((a, b) => a + b, 0) / confidence.length).toFixed(1)} of 10.`,
    )
  } else hidden.push('write-ups filed and confidence')

  const reviewed = held.filter((h) => h.previousStep !== undefined)
  const reviewedPeople = new Set(reviewed.map((h) => h.coachee.toLowerCase()))
  if (reviewedPeople.size >= MIN_PEOPLE) {
    const taken = reviewed.filter((h) => h.previousStep).length
    lines.push(
      `- Next steps followed through: ${taken} of ${reviewed.length} that came up again (${percent(taken, reviewed.length)}), ticked off by ${reviewedPeople.size} coachees.`,
    )
  } else hidden.push('next steps followed through')

  const bySkill = new Map<string, Set<string>>()
  for (const w of writeUps) {
    const who = bySkill.get(w.submission.skill) ?? new Set<string>()
    who.add(w.author.toLowerCase())
    bySkill.set(w.submission.skill, who)
  }
  const shown = [...bySkill.entries()].filter(([, who]) => who.size >= MIN_PEOPLE)
  if (shown.length > 0) {
    lines.push('', '## The skills conversations came back to', '')
    for (const [skill, who] of shown.sort(
      (a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]),
    )) {
      const label = CORE_SKILLS.find((s) => s.value === skill)?.label ?? skill
      const count = writeUps.filter((w) => w.submission.skill === skill).length
      lines.push(`- ${label}: ${count} write-ups, by ${who.size} coachees`)
    }
  }
  const fewer = [...bySkill.values()].filter((who) => who.size < MIN_PEOPLE).length
  if (fewer > 0)
    hidden.push(
      `${fewer} ${fewer === 1 ? 'skill' : 'skills'} chosen by fewer than ${MIN_PEOPLE} coachees`,
    )
  if (hidden.length > 0) {
    lines.push(
      '',
      `_Left out, as they would cover fewer than ${MIN_PEOPLE} people: ${hidden.join('; ')}._`,
    )
  }
  const markdown = `${lines.join('\n')}\n`
  const leaks = createLeakGate(group).scan(markdown)
  return { path, markdown: leaks.length === 0 ? markdown : '', hidden, leaks: leaks.length }
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((100 * part) / whole)}%`
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}
