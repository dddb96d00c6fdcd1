import { BELONGING_CHOICES, EASE_CHOICES } from './catalog.js'
import type { PulseSubmission } from './submissions.js'

/*
 * The pulse after week 2 is only ever shown as the group's counts, and only once enough people
 * answered that no single answer can be picked out of them.
 */

/** Fewer answers than this and nothing is shown at all. */
export const PULSE_MIN_ANSWERS = 3

export interface PulseEntry {
  author: string
  submission: PulseSubmission
}

export interface PulseAggregate {
  answers: number
  ease: Record<PulseSubmission['ease'], number>
  belonging: Record<PulseSubmission['belonging'], number>
}

/** Each member's latest answer counts once; undefined while fewer than three have answered. */
export function pulseAggregate(entries: readonly PulseEntry[]): PulseAggregate | undefined {
  const latest = new Map<string, PulseSubmission>()
  for (const entry of entries) latest.set(entry.author.toLowerCase(), entry.submission)
  if (latest.size < PULSE_MIN_ANSWERS) return undefined
  const ease = { easier: 0, same: 0, harder: 0 }
  const belonging = { yes: 0, partly: 0, 'not-yet': 0 }
  for (const answer of latest.values()) {
    ease[answer.ease]++
    belonging[answer.belonging]++
  }
  return { answers: latest.size, ease, belonging }
}

/** The counts as a short Markdown table for the facilitators; never a name or a login. */
export function renderPulse(aggregate: PulseAggregate, members: number): string {
  const row = <V extends string>(
    options: readonly { value: V; label: string }[],
    counts: Record<V, number>,
  ) => options.map((option) => `${option.label}: ${counts[option.value]}`).join(' · ')
  const lines = [
    `**The pulse after week 2:** ${aggregate.answers} of ${members} answered.`,
    '',
    '| Question | Answers |',
    '| --- | --- |',
    `| Since the first meeting, our meetings feel | ${row(EASE_CHOICES, aggregate.ease)} |`,
    `| I feel part of this group | ${row(BELONGING_CHOICES, aggregate.belonging)} |`,
  ]
  if (aggregate.belonging['not-yet'] + aggregate.belonging.partly > 0 || aggregate.ease.harder > 0)
    lines.push(
      '',
      'Some do not feel part of it yet. Ideas that helped other groups: pair the quieter members as buddies with someone they have not talked to, ask them first in the opening circle, and check in one to one before the next meeting.',
    )
  return lines.join('\n')
}
