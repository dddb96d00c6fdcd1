import type { HomeworkSubmission, ReflectionSubmission } from '../../lib/forms/submissions.js'
import type { Reflection, SessionAggregate } from '../../lib/retro/types.js'
import type { Session } from '../../lib/schedule/schedule.js'

/** What GitHub says about one session, already reduced to counts. */
export interface ObservedSession {
  number: number
  /** Closed as not planned (a `/skip`). */
  skipped: boolean
  attendance: number
}

export interface HomeworkEntry {
  author: string
  submission: HomeworkSubmission
}

/**
 * Figures per session: held or skipped, how many attended, how many handed in homework and their
 * average scores where given (each member's latest submission counts once). The retrospective hides any figure
 * covering fewer than three people; this only counts.
 */
export function aggregates(
  sessions: readonly Session[],
  observed: readonly ObservedSession[],
  homework: readonly HomeworkEntry[],
  now: Date,
): SessionAggregate[] {
  return sessions
    .filter((s) => Date.parse(s.endsAt) <= now.getTime())
    .map((session) => {
      const seen = observed.find((o) => o.number === session.number)
      const latest = new Map<string, HomeworkSubmission>()
      for (const entry of homework) {
        if (entry.submission.session === session.number)
          latest.set(entry.author.toLowerCase(), entry.submission)
      }
      const submissions = [...latest.values()]
      // Scores are optional on the playbook's sheet: an area's average covers those who gave one.
      const average = (area: 'work' | 'family' | 'self') => {
        const given = submissions.flatMap((s) =>
          s.scores[area] === undefined ? [] : [s.scores[area]],
        )
        return given.length === 0
          ? undefined
          : { average: given.reduce((sum, n) => sum + n, 0) / given.length, people: given.length }
      }
      return {
        session: session.number,
        held: !seen?.skipped,
        ...(seen ? { attendance: seen.attendance } : {}),
        homework: submissions.length,
        scores: { work: average('work'), family: average('family'), self: average('self') },
      }
    })
}

/** Only reflections whose author ticked the consent box are ever quoted. */
export function consentedReflections(reflections: readonly ReflectionSubmission[]): Reflection[] {
  return reflections
    .filter((r) => r.consent)
    .map((r) => ({ consent: true, learned: r.learned, inAYear: r.inAYear }))
}
