import { AREAS, PROMPTS, type Area } from './catalog.js'
import type { HomeworkSubmission } from './submissions.js'

/*
 * What the readers of homework (the binder, the retrospective, the rehearsal's checks) need from a
 * submission, whichever sheet it was filled in on: the playbook's six prompts or the score form of
 * the first cohorts.
 */

/**
 * Scores for every area, or undefined when the member left one out (charts need all three). The
 * score form asks for all three; on the sheet scores are an optional extra.
 */
export function fullScores(homework: HomeworkSubmission): Record<Area, number> | undefined {
  const scores: Partial<Record<Area, number>> = homework.scores
  return AREAS.every((area) => scores[area] !== undefined)
    ? (scores as Record<Area, number>)
    : undefined
}

/** What the member chose to share in the opening circle, worded as on the form. */
export function sharedInCircle(homework: HomeworkSubmission): string[] {
  if (homework.sheet === 'scores') return homework.circle.map(areaName)
  return homework.share.map(
    (prompt) => PROMPTS.find((option) => option.value === prompt)?.label ?? prompt,
  )
}

export interface HomeworkWords {
  /** e.g. "Work, positive" or, on the score form, "Work". */
  heading: string
  what: string
  significance?: string
}

/** The member's own words, prompt by prompt (or area by area on the score form), in form order. */
export function homeworkWords(homework: HomeworkSubmission): HomeworkWords[] {
  if (homework.sheet === 'scores') {
    return AREAS.flatMap((area) => {
      const note = homework.notes[area]
      return note ? [{ heading: areaName(area), what: note }] : []
    })
  }
  return PROMPTS.flatMap(({ value, label }) => {
    const answer = homework.answers[value]
    return answer ? [{ heading: label, ...answer }] : []
  })
}

function areaName(area: Area): string {
  return area.charAt(0).toUpperCase() + area.slice(1)
}
