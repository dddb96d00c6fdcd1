import { KICKOFF_MARKER, facilitatorsOf } from '../../lib/cohort/issues.js'
import type { FormTemplates } from '../../lib/forms/detect.js'
import { pulseAggregate, renderPulse, type PulseEntry } from '../../lib/forms/pulse.js'
import { readSubmission } from '../../lib/forms/read.js'
import type { Group } from '../../lib/group-file/schema.js'
import { createOnce } from '../../lib/github/idempotent.js'
import { isOwnBot, type IssueView, type Repository } from '../../lib/github/repository.js'
import { findMarker, marker } from '../../lib/markers/markers.js'

/** The facilitators' pulse comment on the organizer's checklist issue. */
export const PULSE_MARKER = 'pulse'

export type PulseResult = 'waiting' | 'posted' | 'updated' | 'unchanged' | 'no checklist issue'

/**
 * After a pulse answer is counted: its issue closes (it has nothing more to say, and a closed
 * issue draws fewer eyes), and once three members answered, the group's counts go to the
 * facilitators in one comment on the organizer's checklist, kept up to date. Never a name.
 */
export async function recordPulse(
  github: Repository,
  group: Group,
  submitted: IssueView,
  templates: FormTemplates,
): Promise<{ closed: boolean; result: PulseResult }> {
  let closed = false
  if (submitted.state === 'open') {
    await github.updateIssue(submitted.number, { state: 'closed', state_reason: 'completed' })
    closed = true
  }
  const yaml = templates.pulse
  if (!yaml) return { closed, result: 'waiting' }
  const answers = await github.listIssues({
    labels: ['pulse', `group:${group.slug}`],
    state: 'all',
  })
  const entries: PulseEntry[] = answers
    .filter((issue) => !isOwnBot(issue.author) && !issue.isPullRequest)
    .sort((a, b) => a.number - b.number)
    .flatMap((issue) => {
      const read = readSubmission('pulse', issue.body, yaml)
      const onRoster = group.members.some(
        (m) => m.github.toLowerCase() === issue.author.login.toLowerCase(),
      )
      return read.ok && onRoster && read.submission.group.toLowerCase() === group.slug.toLowerCase()
        ? [{ author: issue.author.login, submission: read.submission }]
        : []
    })
  const aggregate = pulseAggregate(entries)
  if (!aggregate) return { closed, result: 'waiting' }
  const checklist = (
    await github.listIssues({ labels: ['organizer', `group:${group.slug}`], state: 'all' })
  )
    .filter((i) => isOwnBot(i.author) && findMarker(i.body, KICKOFF_MARKER, { group: group.slug }))
    .sort((a, b) => a.number - b.number)[0]
  if (!checklist) return { closed, result: 'no checklist issue' }
  const mark = marker(PULSE_MARKER, { group: group.slug })
  const facilitators = facilitatorsOf(group)
    .map((login) => `@${login}`)
    .join(', ')
  const body = `${mark}\n${facilitators}: ${renderPulse(aggregate, group.members.length)}\n`
  const find = async () =>
    (await github.listComments(checklist.number)).find(
      (c) => isOwnBot(c.author) && c.body.includes(mark),
    )
  const existing = await find()
  if (existing) {
    if (existing.body.trim() === body.trim()) return { closed, result: 'unchanged' }
    await github.updateComment(existing.id, body)
    return { closed, result: 'updated' }
  }
  await createOnce({ create: () => github.createComment(checklist.number, body), lookup: find })
  return { closed, result: 'posted' }
}
