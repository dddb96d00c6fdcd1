import { DateTime } from 'luxon'
import {
  CORE_SKILLS,
  FOCUS_AREAS,
  INTERVIEW_ROLES,
  TEAM_ANSWERS,
  type TeamAnswer,
} from '../forms/catalog.js'
import type {
  AssessmentSubmission,
  ConversationSubmission,
  IntentionSubmission,
  ReflectionSubmission,
  SelfEvaluationSubmission,
} from '../forms/submissions.js'
import type { IssueView } from '../github/repository.js'
import { quote } from '../sessions/conversation.js'

/*
 * The binder's growth sections: the self-evaluation at the start and the end side by side, the
 * assessments and interviews, and a growth plan carried from the member's own intention, closing
 * reflection and assessments. Only the member's own submissions reach these functions.
 */

export interface Dated<S> {
  issue: Pick<IssueView, 'number' | 'createdAt'>
  submission: S
}

/** The first "start" and the last "end" self-evaluation: a later start is a correction, kept as the start. */
export function startAndEnd(evaluations: ReadonlyArray<Dated<SelfEvaluationSubmission>>): {
  start?: Dated<SelfEvaluationSubmission>
  end?: Dated<SelfEvaluationSubmission>
} {
  const ordered = [...evaluations].sort((a, b) => a.issue.number - b.issue.number)
  const start = ordered.filter((e) => e.submission.moment === 'start').at(-1)
  const end = ordered.filter((e) => e.submission.moment === 'end').at(-1)
  return { ...(start ? { start } : {}), ...(end ? { end } : {}) }
}

export function selfEvaluationSection(
  evaluations: ReadonlyArray<Dated<SelfEvaluationSubmission>>,
  timezone: string,
): string {
  const heading = '## My self-evaluation, start and end'
  const { start, end } = startAndEnd(evaluations)
  if (!start && !end) {
    return `${heading}\n\nNot filled in yet. Rate yourself on the five focus areas with the Self-evaluation form at the start, and again at the end: this page then shows the two side by side.`
  }
  const cell = (
    e: Dated<SelfEvaluationSubmission> | undefined,
    pick: (s: SelfEvaluationSubmission) => string,
  ) => (e ? pick(e.submission) : '–')
  const change = (area: (typeof FOCUS_AREAS)[number]['value']) => {
    if (!start || !end) return ''
    const delta = end.submission.scores[area] - start.submission.scores[area]
    return delta > 0 ? `+${delta}` : delta < 0 ? `−${-delta}` : '±0'
  }
  const rows = FOCUS_AREAS.map(
    (area) =>
      `| ${area.label} | ${cell(start, (s) => String(s.scores[area.value]))} | ${cell(end, (s) => String(s.scores[area.value]))} | ${change(area.value)} |`,
  )
  const lines = [
    heading,
    '',
    `| Focus area | Start${start ? ` (${day(start.issue.createdAt, timezone)})` : ''} | End${end ? ` (${day(end.issue.createdAt, timezone)})` : ''} | Change |`,
    '| --- | --- | --- | --- |',
    ...rows,
    `| **Is my team executing well?** | ${cell(start, (s) => team(s.executing))} | ${cell(end, (s) => team(s.executing))} | |`,
    `| **Is my team happy?** | ${cell(start, (s) => team(s.happy))} | ${cell(end, (s) => team(s.happy))} | |`,
  ]
  if (!end)
    lines.push('', '_The end column fills in when you file the self-evaluation again at the end._')
  for (const [name, e] of [
    ['At the start', start],
    ['At the end', end],
  ] as const) {
    if (e?.submission.notes)
      lines.push('', `**${name}, behind these answers**`, '', quote(e.submission.notes))
  }
  return lines.join('\n')
}

export function assessmentSection(
  assessments: ReadonlyArray<Dated<AssessmentSubmission>>,
  timezone: string,
): string {
  const heading = '## Assessments and interviews'
  if (assessments.length === 0) {
    return `${heading}\n\nNothing yet. The Assessment or interview form keeps a test's result or what you heard in a feedback interview here (who it was with as a role, never a name).`
  }
  const lines = [heading, '']
  for (const { issue, submission: a } of [...assessments].sort(
    (x, y) => x.issue.number - y.issue.number,
  )) {
    const role = INTERVIEW_ROLES.find((r) => r.value === a.with)
    const withWhom = a.with === 'assessment' ? '' : ` · with ${role?.label.toLowerCase() ?? a.with}`
    lines.push(
      `### ${inline(a.what)}`,
      '',
      `_${day(issue.createdAt, timezone)}${withWhom} (#${issue.number})_`,
      '',
      quote(a.summary),
      '',
    )
    if (a.takeaway) lines.push('**What I take from it**', '', quote(a.takeaway), '')
  }
  return lines.join('\n').trimEnd()
}

export interface GrowthSources {
  intention?: IntentionSubmission
  reflection?: ReflectionSubmission
  assessments: readonly AssessmentSubmission[]
  evaluations: ReadonlyArray<Dated<SelfEvaluationSubmission>>
  /** Coaching write-ups, newest last: the latest step is the next step of the intention. */
  writeUps: readonly ConversationSubmission[]
}

/**
 * The things to work on, each with a next step, in the member's own words where they wrote one:
 * the intention (next step: the latest coaching step, else how they said they would know), the
 * closing reflection's "in a year", what they took from assessments, and the focus area they rated
 * lowest at the end (or the start). A checkbox per next step makes it a plan to come back to.
 */
export function growthPlanSection(sources: GrowthSources): string {
  const heading = '## My growth plan'
  const items: Array<{ what: string; from: string; next: string }> = []
  const latestStep = sources.writeUps.at(-1)
  if (sources.intention) {
    items.push({
      what: sources.intention.goal,
      from: 'my intention',
      next: latestStep
        ? `${latestStep.nextStep} (by ${latestStep.byWhen})`
        : `Check against how I said I would know: ${sources.intention.howIWillKnow}`,
    })
  }
  if (sources.reflection) {
    items.push({
      what: sources.reflection.inAYear,
      from: 'my closing reflection',
      next: 'Write down the first step toward it, and when you will look at this plan again.',
    })
  }
  for (const a of sources.assessments) {
    if (!a.takeaway) continue
    items.push({
      what: a.takeaway,
      from: `${inline(a.what)}`,
      next: 'Pick one situation this month to try it in.',
    })
  }
  const { start, end } = startAndEnd(sources.evaluations)
  const latest = end ?? start
  if (latest) {
    const lowest = [...FOCUS_AREAS].sort(
      (a, b) => latest.submission.scores[a.value] - latest.submission.scores[b.value],
    )[0]
    if (lowest) {
      items.push({
        what: `${lowest.label} (rated ${latest.submission.scores[lowest.value]} ${end ? 'at the end' : 'at the start'})`,
        from: 'my self-evaluation',
        next: 'Ask someone who sees you at work for one example of where it could have gone better.',
      })
    }
  }
  if (items.length === 0) {
    return `${heading}\n\nIt fills in from your intention, your closing reflection, what you take from assessments and your self-evaluation.`
  }
  const lines = [heading, '']
  for (const item of items) {
    lines.push(`### ${firstLine(item.what)}`, '', `_From ${item.from}._`, '')
    if (item.what.includes('\n') || item.what.length > 80) lines.push(quote(item.what), '')
    lines.push(`- [ ] **Next step:** ${inline(item.next)}`, '')
  }
  return lines.join('\n').trimEnd()
}

export function skillLabel(value: string): string {
  return CORE_SKILLS.find((s) => s.value === value)?.label ?? value
}

function team(answer: TeamAnswer): string {
  return TEAM_ANSWERS.find((a) => a.value === answer)?.label ?? answer
}

function day(iso: string, timezone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(timezone).toFormat('d LLL yyyy')
}

function firstLine(text: string): string {
  const line = inline(text.split('\n')[0] ?? '')
  return line.length > 80 ? `${line.slice(0, 77).trimEnd()}…` : line
}

function inline(text: string): string {
  return text
    .replace(/<!--/g, '&lt;!--')
    .replace(/[#*_`[\]|<>]/g, (c) => `\\${c}`)
    .replace(/\s+/g, ' ')
    .trim()
}
