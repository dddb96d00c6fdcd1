import { createAnonymizer, type Anonymizer } from '../anonymize/anonymizer.js'
import { createLeakGate } from '../anonymize/gate.js'
import { seededShuffle } from '../random/seeded.js'
import { renderFigures } from './figures.js'
import { mergePoints, type MergedPoint } from './merge.js'
import { readComments, readNotesFiles } from './notes.js'
import { retroPath } from './path.js'
import {
  SECTIONS,
  SECTION_TITLES,
  type Reflection,
  type RetroInput,
  type RetroResult,
  type RetroSession,
  type SessionAggregate,
} from './types.js'

/**
 * Compiles a cohort's notes, `/notes` comments, consented reflections and figures into one
 * anonymized retrospective. Pure: the caller reads the files and writes the result, and writes
 * nothing when `report.leaks` is not empty (then `markdown` is empty too).
 */
export function compileRetro(input: RetroInput): RetroResult {
  const { group, date } = input
  const path = retroPath(group.slug, date)
  const anonymizer = createAnonymizer(group, input.anonymizer ?? {})
  const sessions = [...input.sessions]
    .filter((s) => s.date <= date)
    .sort((a, b) => a.number - b.number)

  const notes = readNotesFiles(input.notes ?? [], sessions)
  const points = [...notes.points, ...readComments(input.comments ?? [])]
  // Anonymize before merging, so "Ana said X" and "@ana said X" are one point.
  const redacted = anonymizer.redactAll(points.map((p) => p.text))
  const merged = mergePoints(
    points.map((p, i) => ({ section: p.section, text: redacted[i] as string, session: p.session })),
  )

  const consented = (input.reflections ?? []).filter((r): r is Reflection => r?.consent === true)
  const quotes = quotesOf(consented, anonymizer, `${group.slug}:${date}`)
  const themes = themesOf(sessions, anonymizer)
  const [groupName] = anonymizer.redactAll([group.name])
  const figures = renderFigures(sessions, input.aggregates ?? [], group.members.length)

  const draft = [
    `# Retrospective: ${oneLine(groupName as string)}`,
    intro(sessions, date),
    cohort(group.weekly, group.then, sessions, input.aggregates ?? []),
    themes,
    ...SECTIONS.map((section) =>
      pointsSection(
        SECTION_TITLES[section],
        merged.filter((p) => p.section === section),
      ),
    ),
    quotes,
    `## Figures\n\n${figures.markdown}`,
  ]
    .filter((part) => part !== '')
    .join('\n\n')
  const markdown = anonymizer.finish(draft.trimEnd() + '\n')
  const leaks = createLeakGate(group).scan(markdown)
  const { replacements, flagged } = anonymizer.report()
  return {
    path,
    markdown: leaks.length === 0 ? markdown : '',
    report: {
      replacements,
      flagged,
      leaks,
      hidden: figures.hidden,
      problems: notes.problems,
      points: { read: points.length, kept: merged.length },
    },
  }
}

function intro(sessions: readonly RetroSession[], date: string): string {
  const span =
    sessions.length > 0 ? `${sessions[0]?.date} to ${sessions.at(-1)?.date}` : 'no sessions yet'
  return [
    `_${span} · compiled ${date}._`,
    '',
    '> Anonymized for the next organizer. Members appear as Member A, Member B, ... (letters are',
    '> assigned anew in each retrospective), other people as [someone], employers as [a company].',
    '> No point is attributed, repeated points are merged, and figures about fewer than 3 people',
    '> are left out.',
  ].join('\n')
}

function cohort(
  weekly: number,
  then: 'monthly' | 'biweekly' | 'none',
  sessions: readonly RetroSession[],
  aggregates: readonly SessionAggregate[],
): string {
  const recorded = new Map(aggregates.map((a) => [a.session, a.held]))
  const held = sessions.filter((s) => recorded.get(s.number) === true).length
  const skipped = sessions.filter((s) => recorded.get(s.number) === false).length
  const unknown = sessions.length - held - skipped
  const followUps = sessions.filter((s) => s.kind === 'monthly' || s.kind === 'biweekly').length
  const cadence =
    then === 'none'
      ? `${weekly} weekly meetings`
      : `${weekly} weekly meetings, then ${then} (${followUps} follow-up${followUps === 1 ? '' : 's'} so far)`
  const counts = [`${sessions.length} scheduled`, `${held} held`, `${skipped} skipped`]
  if (unknown > 0) counts.push(`${unknown} without a record`)
  const dates =
    sessions.length > 0 ? `${sessions[0]?.date} to ${sessions.at(-1)?.date}` : 'none yet'
  return [
    '## The cohort',
    '',
    `- **Dates:** ${dates}`,
    `- **Cadence:** ${cadence}`,
    `- **Sessions:** ${counts.join(', ')}`,
  ].join('\n')
}

function themesOf(sessions: readonly RetroSession[], anonymizer: Anonymizer): string {
  const themed = sessions.filter((s) => s.kind === 'theme' && s.theme)
  if (themed.length === 0) return ''
  const titles = anonymizer.redactAll(themed.map((s) => s.theme as string))
  const lines = themed.map(
    (s, i) =>
      `- ${s.week ? `Week ${s.week}` : `Session ${s.number}`} (${s.date}): ${oneLine(titles[i] as string)}`,
  )
  return ['## Themes covered', '', ...lines].join('\n')
}

function pointsSection(title: string, points: MergedPoint[]): string {
  if (points.length === 0) return `## ${title}\n\n_Nothing recorded._`
  const lines = [`## ${title}`, '']
  for (const p of byRecurrence(points)) {
    lines.push(`- ${escapeLineStart(oneLine(p.text))}${recurrence(p)}`)
  }
  return lines.join('\n')
}

/**
 * Points that came up in the most sessions first, then the most often; otherwise in the order they
 * were first written. Grouped rather than sorted: nearly all points share a few counts.
 */
function byRecurrence(points: readonly MergedPoint[]): MergedPoint[] {
  // sessions → count → the points, each list in the order written
  const groups = new Map<number, Map<number, MergedPoint[]>>()
  for (const p of points) {
    let byCount = groups.get(p.sessions)
    if (!byCount) groups.set(p.sessions, (byCount = new Map()))
    const group = byCount.get(p.count)
    if (group) group.push(p)
    else byCount.set(p.count, [p])
  }
  const descending = <T>(map: Map<number, T>) => [...map].sort(([a], [b]) => b - a)
  return descending(groups).flatMap(([, byCount]) =>
    descending(byCount).flatMap(([, group]) => group),
  )
}

function recurrence(p: MergedPoint): string {
  if (p.sessions > 1) return ` _(came up in ${p.sessions} sessions)_`
  if (p.count > 1) return ` _(came up ${p.count} times)_`
  return ''
}

function quotesOf(
  reflections: readonly Reflection[],
  anonymizer: Anonymizer,
  seed: string,
): string {
  const learned = reflections.map((r) => r.learned).filter(isText)
  const inAYear = reflections.map((r) => r.inAYear).filter(isText)
  if (learned.length + inAYear.length === 0) return ''
  const block = (title: string, texts: string[]) => {
    if (texts.length === 0) return []
    // Shuffled so the order cannot be matched to the order people answered in.
    const shuffled = seededShuffle(anonymizer.redactAll(texts), `${seed}:${title}`)
    return [`### ${title}`, '', ...shuffled.flatMap((q) => [quote(q), ''])]
  }
  return [
    '## In their own words',
    '',
    '_Shared with consent at the closing session, unattributed and in no particular order._',
    '',
    ...block('What I learned', learned),
    ...block('Where I want to be in a year', inAYear),
  ]
    .join('\n')
    .trimEnd()
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}

function quote(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => (line.trim() === '' ? '>' : `> ${line.trim()}`))
    .join('\n')
}

/** One line for a list item; a word hyphenated at a line break keeps its hyphen ("self-care"). */
function oneLine(text: string): string {
  // Points are read with runs of spaces already collapsed; only line breaks need work.
  if (!text.includes('\n')) return text.trim()
  return text
    .replace(/(\p{L})([-\u2010\u2011])[ \t]*\r?\n\s*(\p{L})/gu, '$1$2$3')
    .replace(/\s+/g, ' ')
    .trim()
}

/** A point is one list item: a leading "#", ">" or "1." must not turn it into something else. */
function escapeLineStart(text: string): string {
  const first = text.charCodeAt(0)
  if (first !== 0x23 && first !== 0x3e && (first < 0x30 || first > 0x39)) return text
  return text.replace(/^([#>]|\d+[.)](?=\s))/, '\\$1')
}
