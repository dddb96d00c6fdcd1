import type { Group } from '../../../actions/lib/group-file/schema.js'
import type { Session } from '../../../actions/lib/schedule/schedule.js'
import type { RenderedIssue } from '../../../actions/lib/templates/render.js'

export interface PreviewFile {
  path: string
  content: string
}

export interface PreviewIssue extends RenderedIssue {
  file: string
  assignees: string[]
  milestone?: string
  /** When the issue would appear, for the index. */
  opensAt?: string
  note?: string
}

/** One issue as a reader sees it on GitHub: title, labels, people, then the body as posted. */
export function issueFile(issue: PreviewIssue): PreviewFile {
  const meta = [
    `**Labels:** ${issue.labels.map((l) => `\`${l}\``).join(', ')}`,
    issue.assignees.length
      ? `**Assignees:** ${issue.assignees.map((a) => `@${a}`).join(', ')}`
      : '',
    issue.milestone ? `**Milestone:** ${issue.milestone}` : '',
    issue.opensAt ? `**Opens:** ${issue.opensAt}` : '',
  ].filter(Boolean)
  return {
    path: issue.file,
    content: `# ${issue.title}\n\n${meta.join('  \n')}\n\n---\n\n${issue.body}`,
  }
}

export function previewIndex(
  group: Group,
  sessions: readonly Session[],
  issues: readonly PreviewIssue[],
  extra: string[] = [],
): PreviewFile {
  const rows = issues.map(
    (issue) =>
      `| [${escapeCell(issue.title)}](${issue.file}) | ${issue.opensAt ?? ''} | ${issue.note ?? ''} |`,
  )
  const lines = [
    `# Preview: ${group.name}`,
    '',
    `${group.members.length} members, ${group.weekly} weekly meetings then ${group.then === 'none' ? 'no follow-ups' : group.then}, times in ${group.timezone}.`,
    `${sessions.length} sessions from ${sessions[0]?.date ?? '-'} to ${sessions.at(-1)?.date ?? '-'}.`,
    '',
    '## Issues, in the order they appear',
    '',
    '| Issue | Appears | Note |',
    '| --- | --- | --- |',
    ...rows,
    '',
    '## Files',
    '',
    '- [calendar.ics](calendar.ics): subscribe to or import the schedule',
    ...extra,
    '',
  ]
  return { path: 'index.md', content: lines.join('\n') }
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|')
}
