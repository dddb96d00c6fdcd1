import { DateTime } from 'luxon'
import {
  AREAS,
  CHECK_IN_OUTCOMES,
  CONTINUE_CHOICES,
  CORE_SKILLS,
  SCORE_MAX,
  SCORE_MIN,
  type FormKind,
} from '../forms/catalog.js'
import type { FormTemplates } from '../forms/detect.js'
import { fullScores, homeworkWords, sharedInCircle } from '../forms/homework.js'
import type { SubmissionOf } from '../forms/submissions.js'
import type { Group } from '../group-file/schema.js'
import type { IssueView } from '../github/repository.js'
import { findMarker } from '../markers/markers.js'
import { isOwnBot } from '../markers/ownership.js'
import { buildCoachingSchedule } from '../schedule/coaching.js'
import { buildSchedule } from '../schedule/schedule.js'
import { CONVERSATION_MARKER, quote, stepDone } from '../sessions/conversation.js'
import { readSubmissions } from '../submissions/collect.js'
import { assessmentSection, growthPlanSection, selfEvaluationSection } from './growth.js'
import { fillPlaceholders } from '../templates/render.js'

/*
 * One member's binder: their own submissions, read back from the group's issues, as one markdown
 * document. Only issues the member wrote are read for words; the bot's conversation issues are
 * read for one thing, the tick on the member's own previous step. Comments are never read.
 */

export interface BinderSources {
  group: Group
  /** The member's login as the group file spells it. */
  member: string
  /** The group's issues (labelled `group:<slug>`), any author: only the member's own are used. */
  issues: readonly IssueView[]
  /** The issue forms as the repository has them; a kind without a form has no submissions. */
  forms: FormTemplates
  /** templates/binder.md */
  template: string
  now: Date
}

export interface BinderCounts {
  intention: number
  homework: number
  checkIns: number
  reflections: number
  conversations: number
  selfEvaluations: number
  assessments: number
}

export interface Binder {
  text: string
  counts: BinderCounts
}

interface Filed<K extends FormKind> {
  issue: Pick<IssueView, 'number' | 'createdAt'>
  submission: SubmissionOf<K>
}

export function compileBinder(sources: BinderSources): Binder {
  const { group, member, now } = sources
  const mine = <K extends FormKind>(kind: K): Array<Filed<K>> => {
    const formYaml = sources.forms[kind]
    if (formYaml === undefined) return []
    const login = member.toLowerCase()
    return readSubmissions(sources.issues, { kind, group, formYaml }).filter(
      (s) => s.author.toLowerCase() === login,
    )
  }
  const coaching = group.format === 'coaching'
  const intention = mine('intention').at(-1)
  const homework = coaching ? [] : latestPerSession(mine('homework'))
  const checkIns = coaching ? [] : latestPerSession(mine('check-in'))
  const reflection = mine('reflection').at(-1)
  const coachee = (group.pairs ?? []).filter((p) => same(p.coachee, member))
  const writeUps = coaching && coachee.length ? latestPerSession(mine('conversation')) : []
  const evaluations = mine('self-evaluation')
  const assessments = mine('assessment')
  const timezone = group.timezone
  const text = fillPlaceholders(sources.template, {
    member,
    group_name: group.name,
    compiled: DateTime.fromJSDate(now).setZone(timezone).toFormat('d LLLL yyyy'),
    schedule: coaching ? coachingCalendar(group, member, now) : circleCalendar(group, member),
    intention: intentionSection(intention, timezone),
    homework: coaching ? '' : homeworkSection(homework),
    check_ins: coaching ? '' : checkInSection(checkIns),
    conversations:
      coaching && coachee.length
        ? conversationSection(writeUps, takenSteps(sources.issues, group, member))
        : '',
    reflections: reflectionSection(reflection, timezone),
    self_evaluation: selfEvaluationSection(evaluations, timezone),
    assessments: assessmentSection(assessments, timezone),
    growth_plan: growthPlanSection({
      ...(intention ? { intention: intention.submission } : {}),
      ...(reflection ? { reflection: reflection.submission } : {}),
      assessments: assessments.map((a) => a.submission),
      evaluations,
      writeUps: writeUps.map((w) => w.submission),
    }),
  })
  return {
    text: `${text.replace(/\n{3,}/g, '\n\n').trim()}\n`,
    counts: {
      intention: intention ? 1 : 0,
      homework: homework.length,
      checkIns: checkIns.length,
      reflections: reflection ? 1 : 0,
      conversations: writeUps.length,
      selfEvaluations: evaluations.length,
      assessments: assessments.length,
    },
  }
}

/** A resubmission for the same session replaces the earlier one. */
function latestPerSession<T extends { issue: { number: number }; submission: { session: number } }>(
  filed: readonly T[],
): T[] {
  const bySession = new Map<number, T>()
  for (const f of [...filed].sort((a, b) => a.issue.number - b.issue.number))
    bySession.set(f.submission.session, f)
  return [...bySession.values()].sort((a, b) => a.submission.session - b.submission.session)
}

function circleCalendar(group: Group, member: string): string {
  const rows = buildSchedule(group).map((s) => {
    const role = same(s.facilitator, member)
      ? 'you facilitate'
      : s.coFacilitator && same(s.coFacilitator, member)
        ? 'you co-facilitate'
        : ''
    const day = DateTime.fromISO(s.localStart, { setZone: true }).toFormat('ccc d LLL yyyy, HH:mm')
    return `| ${s.number} | ${day} | ${cell(s.theme ?? '')} | ${role} |`
  })
  return [
    '## The calendar',
    '',
    `Times in ${group.timezone}.`,
    '',
    '| # | When | Theme | |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n')
}

function coachingCalendar(group: Group, member: string, now: Date): string {
  const lines: string[] = ['## My pairs and the conversations ahead', '']
  for (const pair of group.pairs ?? []) {
    if (same(pair.coachee, member)) lines.push(`- @${pair.coach} coaches you, ${pair.cadence}.`)
    if (same(pair.coach, member)) {
      lines.push(
        `- You coach @${pair.coachee}, ${pair.cadence}. Their write-ups are theirs, so they are not in your binder.`,
      )
    }
  }
  const until = DateTime.fromJSDate(now, { zone: 'utc' }).plus({ weeks: 12 }).toISODate() ?? ''
  const ahead = buildCoachingSchedule(group, { until }).filter(
    (c) =>
      Date.parse(c.startsAt) >= now.getTime() && (same(c.coach, member) || same(c.coachee, member)),
  )
  lines.push('')
  if (ahead.length === 0) lines.push('No conversation is scheduled in the next 12 weeks.')
  for (const c of ahead) {
    const when = DateTime.fromISO(c.localStart, { setZone: true }).toFormat('ccc d LLL yyyy, HH:mm')
    const other = same(c.coach, member) ? `with @${c.coachee}` : `with @${c.coach}, your coach`
    lines.push(`- ${when} (${c.timezone}): conversation ${c.number} ${other}`)
  }
  return lines.join('\n')
}

function intentionSection(filed: Filed<'intention'> | undefined, timezone: string): string {
  const heading = '## My intention'
  if (!filed) {
    return `${heading}\n\nNot written yet. Two questions to start from: what do you want to get better at, and how will you know you did?`
  }
  const { goal, howIWillKnow, support } = filed.submission
  return [
    heading,
    '',
    quote(goal),
    '',
    '**How I will know**',
    '',
    quote(howIWillKnow),
    ...(support ? ['', '**Support I asked for**', '', quote(support)] : []),
    '',
    `_Written ${day(filed.issue.createdAt, timezone)} (#${filed.issue.number})._`,
  ].join('\n')
}

const CHART_COLOURS = '#2f6fde, #e07b00, #2a9d4b'

function homeworkSection(homework: Array<Filed<'homework'>>): string {
  const heading = '## My homework over time'
  if (homework.length === 0)
    return `${heading}\n\nNothing yet: your homework appears here once you file it.`
  const score = (value: number | undefined): string => (value === undefined ? '–' : String(value))
  const rows = homework.map(({ submission: h }) => {
    const { work, family, self } = h.scores
    return `| ${h.session} | ${sharedInCircle(h).join('; ')} | ${score(work)} | ${score(family)} | ${score(self)} |`
  })
  const lines = [
    heading,
    '',
    '| Session | Shared in the circle | Work | Family | Self |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ]
  const scored = homework.flatMap(({ submission: h }) => {
    const scores = fullScores(h)
    return scores ? [{ session: h.session, scores }] : []
  })
  if (scored.length >= 2) {
    lines.push(
      '',
      scoreChart(
        'My scores',
        'Score',
        scored.map((h) => `S${h.session}`),
        AREAS.map((area) => scored.map((h) => h.scores[area])),
      ),
      '',
      '_Blue: work · orange: family · green: self._',
    )
  }
  const notes = homework.flatMap(({ submission: h }) => {
    const parts = [
      ...homeworkWords(h).flatMap((words) => [
        `**${words.heading}**`,
        '',
        quote(words.what),
        ...(words.significance
          ? ['', '_Why it matters to me:_', '', quote(words.significance)]
          : []),
        '',
      ]),
      ...(h.forFacilitator ? ['**For the facilitator**', '', quote(h.forFacilitator), ''] : []),
    ]
    return parts.length ? [`#### Session ${h.session}`, '', ...parts] : []
  })
  if (notes.length) lines.push('', '### In my own words', '', ...notes)
  return lines.join('\n')
}

function checkInSection(checkIns: Array<Filed<'check-in'>>): string {
  const heading = '## My check-ins'
  if (checkIns.length === 0) return `${heading}\n\nNothing yet: your buddy check-ins appear here.`
  const lines = [heading, '']
  for (const { submission: c } of checkIns) {
    const outcome = CHECK_IN_OUTCOMES.find((o) => o.value === c.outcome)?.label ?? c.outcome
    lines.push(`### The week after session ${c.session}: ${outcome}`, '', quote(c.commitment), '')
    if (c.notes) lines.push('**What helped or got in the way**', '', quote(c.notes), '')
  }
  return lines.join('\n')
}

/** Steps the member ticked off, by the conversation they came from, read from the next issue. */
function takenSteps(
  issues: readonly IssueView[],
  group: Group,
  member: string,
): Map<number, boolean> {
  const taken = new Map<number, boolean>()
  const coachee = member.toLowerCase()
  for (const issue of issues) {
    if (!isOwnBot(issue.author)) continue
    const found = findMarker(issue.body, CONVERSATION_MARKER, { group: group.slug, coachee })
    const n = Number(found?.attributes['n'])
    if (!found || !Number.isInteger(n) || n < 2) continue
    const done = stepDone(issue.body, n - 1)
    if (done !== undefined) taken.set(n - 1, (taken.get(n - 1) ?? false) || done)
  }
  return taken
}

function conversationSection(
  writeUps: Array<Filed<'conversation'>>,
  taken: Map<number, boolean>,
): string {
  const heading = '## My conversations and next steps'
  if (writeUps.length === 0) {
    return `${heading}\n\nNothing yet: after each conversation, your write-up (your one next step) appears here.`
  }
  const lines = [heading, '']
  for (const { submission: w } of writeUps) {
    const skill = CORE_SKILLS.find((s) => s.value === w.skill)?.label ?? w.skill
    const status = taken.has(w.session)
      ? taken.get(w.session)
        ? 'taken: ticked off in the next conversation'
        : 'not ticked off in the next conversation'
      : 'not reviewed yet'
    lines.push(
      `### Conversation ${w.session}`,
      '',
      quote(w.nextStep),
      '',
      `By ${inline(w.byWhen)} · my confidence ${w.confidence}/${SCORE_MAX} · ${skill} · ${status}`,
      '',
    )
  }
  const tally = new Map<string, number>()
  for (const { submission: w } of writeUps) {
    const skill = CORE_SKILLS.find((s) => s.value === w.skill)?.label ?? w.skill
    tally.set(skill, (tally.get(skill) ?? 0) + 1)
  }
  const skills = [...tally.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([skill, count]) => `${skill} (${count})`)
  lines.push(`**The skills my conversations came back to:** ${skills.join(', ')}`)
  if (writeUps.length >= 2) {
    lines.push(
      '',
      scoreChart(
        'My confidence in my next step',
        'Confidence',
        writeUps.map((w) => `C${w.submission.session}`),
        [writeUps.map((w) => w.submission.confidence)],
      ),
    )
  }
  return lines.join('\n')
}

function reflectionSection(filed: Filed<'reflection'> | undefined, timezone: string): string {
  if (!filed) return '## My reflection\n\nNothing yet: your closing reflection appears here.'
  const r = filed.submission
  const vote = CONTINUE_CHOICES.find((c) => c.value === r.continue)?.label ?? r.continue
  return [
    '## My reflection',
    '',
    '**What I learned**',
    '',
    quote(r.learned),
    '',
    '**Where I want to be in a year**',
    '',
    quote(r.inAYear),
    '',
    `**Should the group continue?** ${vote}`,
    '',
    `_Written ${day(filed.issue.createdAt, timezone)} (#${filed.issue.number})._`,
  ].join('\n')
}

/** A mermaid line chart (GitHub renders it); one line per series, numbers only. */
function scoreChart(title: string, axis: string, labels: string[], series: number[][]): string {
  return [
    '```mermaid',
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${CHART_COLOURS}"}}}}%%`,
    'xychart-beta',
    `  title "${title}"`,
    `  x-axis [${labels.map((l) => `"${l}"`).join(', ')}]`,
    `  y-axis "${axis}" ${SCORE_MIN} --> ${SCORE_MAX}`,
    ...series.map((values) => `  line [${values.join(', ')}]`),
    '```',
  ].join('\n')
}

function day(iso: string, timezone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(timezone).toFormat('d LLLL yyyy')
}

function inline(text: string): string {
  return text.replace(/<!--/g, '&lt;!--').replace(/\s+/g, ' ').trim()
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|')
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}
