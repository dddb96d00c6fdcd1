import type { RetroSession, ScoreAverage, SessionAggregate } from './types.js'

/** A figure about fewer people than this could point at someone; it is left out. */
export const MIN_PEOPLE = 3
export const NOT_SHOWN = 'not shown: fewer than 3 people'

const AREAS = ['work', 'family', 'self'] as const
type Area = (typeof AREAS)[number]
/** Line colours of the score chart, named in its caption (xychart has no legend). */
const AREA_COLOURS: Record<Area, [string, string]> = {
  work: ['#2563eb', 'blue'],
  family: ['#ea580c', 'orange'],
  self: ['#16a34a', 'green'],
}

export interface Figures {
  markdown: string
  /** What was left out, e.g. "session 4: attendance". */
  hidden: string[]
}

interface Row {
  session: RetroSession
  aggregate?: SessionAggregate
  attendance?: number
  homework?: number
  scores: Partial<Record<Area, ScoreAverage>>
}

/** The numbers section: a table, an attendance bar chart and a score line chart, small counts left out. */
export function renderFigures(
  sessions: readonly RetroSession[],
  aggregates: readonly SessionAggregate[],
  groupSize: number,
): Figures {
  const hidden: string[] = []
  const byNumber = new Map(aggregates.map((a) => [a.session, a]))
  const rows: Row[] = [...sessions]
    .sort((a, b) => a.number - b.number)
    .map((session) => {
      const aggregate = byNumber.get(session.number)
      const row: Row = { session, scores: {}, ...(aggregate ? { aggregate } : {}) }
      if (!aggregate?.held) return row
      const keep = (value: number | undefined, what: string): number | undefined => {
        if (value === undefined) return undefined
        if (value < MIN_PEOPLE) {
          hidden.push(`session ${session.number}: ${what}`)
          return undefined
        }
        return value
      }
      const attendance = keep(aggregate.attendance, 'attendance')
      const homework = keep(aggregate.homework, 'homework')
      if (attendance !== undefined) row.attendance = attendance
      if (homework !== undefined) row.homework = homework
      for (const area of AREAS) {
        const score = aggregate.scores?.[area]
        if (score && keep(score.people, `${area} score`) !== undefined) row.scores[area] = score
      }
      return row
    })
  if (rows.every((r) => r.aggregate === undefined)) {
    return { markdown: 'No attendance or homework figures were recorded.\n', hidden }
  }
  const parts = [table(rows), attendanceChart(rows, groupSize), scoreChart(rows)].filter(
    (p) => p !== '',
  )
  if (hidden.length > 0) parts.push(`_Some figures are ${NOT_SHOWN} (marked —)._`)
  return { markdown: parts.join('\n\n') + '\n', hidden }
}

function table(rows: Row[]): string {
  const lines = [
    '| Session | Date | Held | Attendance | Homework | Work | Family | Self |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const r of rows) {
    const a = r.aggregate
    const held = a === undefined ? 'no record' : a.held ? 'yes' : 'skipped'
    const cell = (shown: number | undefined, recorded: number | undefined) =>
      !a?.held || recorded === undefined ? '' : shown === undefined ? '—' : String(shown)
    const score = (area: Area) => {
      const recorded = a?.scores?.[area]
      if (!a?.held || !recorded) return ''
      const shown = r.scores[area]
      return shown ? `${formatScore(shown.average)} (${shown.people})` : '—'
    }
    lines.push(
      `| ${r.session.number} | ${r.session.date} | ${held} | ${cell(r.attendance, a?.attendance)} | ${cell(r.homework, a?.homework)} | ${score('work')} | ${score('family')} | ${score('self')} |`,
    )
  }
  lines.push('', 'Scores are averages, with the number of people who answered in brackets.')
  return lines.join('\n')
}

function attendanceChart(rows: Row[], groupSize: number): string {
  const shown = rows.filter((r) => r.attendance !== undefined)
  if (shown.length === 0) return ''
  const values = shown.map((r) => r.attendance as number)
  const top = Math.max(groupSize, ...values)
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Attendance per session"',
    `  x-axis "Session" [${shown.map((r) => `"S${r.session.number}"`).join(', ')}]`,
    `  y-axis "People" 0 --> ${top}`,
    `  bar [${values.join(', ')}]`,
    '```',
  ].join('\n')
}

function scoreChart(rows: Row[]): string {
  const shown = rows.filter((r) => AREAS.every((area) => r.scores[area] !== undefined))
  if (shown.length === 0) return ''
  const all = shown.flatMap((r) => AREAS.map((area) => (r.scores[area] as ScoreAverage).average))
  const max = Math.max(...all)
  const top = max <= 5 ? 5 : max <= 10 ? 10 : Math.ceil(max)
  const palette = AREAS.map((area) => AREA_COLOURS[area][0]).join(', ')
  return [
    '```mermaid',
    '---',
    'config:',
    '  themeVariables:',
    '    xyChart:',
    `      plotColorPalette: "${palette}"`,
    '---',
    'xychart-beta',
    '  title "Average scores per session"',
    `  x-axis "Session" [${shown.map((r) => `"S${r.session.number}"`).join(', ')}]`,
    `  y-axis "Average score" 0 --> ${top}`,
    ...AREAS.map(
      (area) =>
        `  line [${shown.map((r) => formatScore((r.scores[area] as ScoreAverage).average)).join(', ')}]`,
    ),
    '```',
    '',
    `Lines: ${AREAS.map((area) => `${area} (${AREA_COLOURS[area][1]})`).join(', ')}.`,
  ].join('\n')
}

function formatScore(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1)
}
