import { DateTime } from 'luxon'
import type { Group } from '../../../actions/lib/group-file/schema.js'
import { buildCoachingSchedule } from '../../../actions/lib/schedule/coaching.js'
import type { RepositoryRef } from '../../../actions/lib/sessions/links.js'
import type { FrontMatterDocument } from '../../../actions/lib/templates/front-matter.js'
import { renderConversationIssue } from '../../../actions/lib/sessions/conversation.js'
import { issueFile, type PreviewFile, type PreviewIssue } from './files.js'

/**
 * A coaching network's preview: every conversation issue of the first 12 weeks as the sessions
 * action opens it. Write-ups don't exist yet, so each later issue shows where the coachee's
 * previous next step will appear.
 */
export function coachingPreview(
  group: Group,
  template: FrontMatterDocument,
  repo: RepositoryRef,
): PreviewFile[] {
  const conversations = buildCoachingSchedule(group)
  const issues: PreviewIssue[] = conversations.map((c) => {
    const rendered = renderConversationIssue(group, c, template, {
      repo,
      review:
        c.number === 1
          ? { kind: 'first' }
          : {
              kind: 'step',
              from: c.number - 1,
              nextStep: `(the next step @${c.coachee} writes down after conversation ${c.number - 1})`,
              byWhen: '(their date)',
            },
    })
    return {
      ...rendered,
      file: `conversations/${c.pair.replace('+', '--')}-${String(c.number).padStart(2, '0')}.md`,
      assignees: [c.coach, c.coachee],
      opensAt: DateTime.fromISO(c.opensAt)
        .setZone(c.timezone)
        .toFormat('ccc d LLL yyyy, HH:mm ZZZZ'),
    }
  })
  const rows = issues.map(
    (issue) => `| [${issue.title.replace(/\|/g, '\\|')}](${issue.file}) | ${issue.opensAt ?? ''} |`,
  )
  const pairs = (group.pairs ?? []).map(
    (p) =>
      `- @${p.coach} coaches @${p.coachee}: ${p.cadence}, ${capitalize(p.weekday)}s at ${p.time} (${p.timezone ?? group.timezone}), from ${p.start}`,
  )
  const index = [
    `# Preview: ${group.name}`,
    '',
    `A coaching network of ${pairs.length} pair${pairs.length === 1 ? '' : 's'}:`,
    '',
    ...pairs,
    '',
    `${conversations.length} conversations in the first 12 weeks. After each one, the coachee writes their next step down in the conversation form; the next issue opens with it.`,
    '',
    '## Issues, in the order they appear',
    '',
    '| Issue | Appears |',
    '| --- | --- |',
    ...rows,
    '',
    '## Files',
    '',
    "- [calendar.ics](calendar.ics): every pair's conversations for a year, to import",
    '',
  ]
  return [...issues.map(issueFile), { path: 'index.md', content: index.join('\n') }]
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}
