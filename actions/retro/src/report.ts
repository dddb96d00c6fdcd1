import type { RetroReport } from '../../lib/retro/types.js'

/** The pull request body: what a reviewer must check, counts only, and the names the safety net caught. */
export function pullBody(file: string, report: RetroReport): string {
  const counts = Object.entries(report.replacements)
    .filter(([, n]) => n > 0)
    .map(([category, n]) => `| ${category} | ${n} |`)
  const flagged = report.flagged.length
    ? report.flagged.map((name) => `- ${name.replace(/[<>@`|]/g, '')}`).join('\n')
    : '_none_'
  return [
    `This pull request proposes the cohort's retrospective, \`${file}\`.`,
    '',
    'Everything in it went through the anonymizer and a separate leak check against the roster. Please read it once before merging: you know the stories, the code does not.',
    '',
    '### Replacements',
    '',
    '| What | How many |',
    '| --- | --- |',
    ...(counts.length ? counts : ['| nothing | 0 |']),
    '',
    '### Names the safety net replaced with [someone]',
    '',
    'People outside the roster (a boss, a partner in a story). Check that none of them should have stayed, and that no one else slipped through:',
    '',
    flagged,
    '',
    ...(report.hidden.length
      ? [
          '### Figures left out (fewer than 3 people)',
          '',
          ...report.hidden.map((h) => `- ${h}`),
          '',
        ]
      : []),
    `Read ${report.points.read} points from notes and comments; ${report.points.kept} after merging duplicates.`,
    '',
  ].join('\n')
}
