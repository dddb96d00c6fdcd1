import { marker, parseMarkers } from '../markers/markers.js'
import { isOwnBot, statusOf, type IssueView, type NewIssue, type Repository } from './repository.js'

/*
 * Assigning people never stops a run. GitHub refuses a whole create or update (422, field
 * `assignees`) when one login cannot be assigned: a member whose collaborator invitation is still
 * pending, someone who is not a collaborator, or a second person on a Free-plan private repository.
 * Our issues ask for one assignee (who else takes part is written in the body), so the refusal
 * names that one person: the issue then opens without them, with a note and a hidden marker
 * `<!-- skill-share:assign to=<login> -->` that a later run acts on once they can be assigned.
 */

export const ASSIGN_MARKER = 'assign'

export const NOT_ASSIGNABLE =
  'GitHub would not assign them: they are not a collaborator of this repository yet (an invitation counts once it is accepted)'

export interface Unassigned {
  issue: number
  login: string
  reason: string
}

/** Whether GitHub refused a create or update because of its assignees. */
export function isAssigneeRefusal(error: unknown): boolean {
  if (statusOf(error) !== 422) return false
  const data = (error as { response?: { data?: { errors?: unknown } } }).response?.data
  const errors = Array.isArray(data?.errors) ? (data.errors as Array<{ field?: unknown }>) : []
  return errors.some((e) => e && typeof e === 'object' && e.field === 'assignees')
}

/** The visible note and marker for someone to assign later. */
export function pendingNote(login: string): string {
  return (
    `> ⏳ @${login} will be assigned here once they accept their invitation to this repository.\n\n` +
    marker(ASSIGN_MARKER, { to: login })
  )
}

/** The body without the pending notes for `login`. */
export function withoutPendingNote(body: string, login: string): string {
  const note = pendingNote(login)
  return body.includes(note) ? body.replace(`\n\n${note}`, '').replace(note, '') : body
}

/** Who an issue of the bot's still waits to assign (from its markers). */
export function pendingAssignees(issue: Pick<IssueView, 'author' | 'body'>): string[] {
  if (!isOwnBot(issue.author)) return []
  return parseMarkers(issue.body)
    .filter((m) => m.kind === ASSIGN_MARKER && /^[A-Za-z0-9-]+$/.test(m.attributes['to'] ?? ''))
    .map((m) => m.attributes['to'] as string)
}

/**
 * Creates an issue assigned to `issue.assignees` (one login, by our convention); when GitHub
 * refuses the assignee, creates it unassigned with the pending note instead, and says who.
 */
export async function createIssueAssigning(
  github: Repository,
  issue: NewIssue,
): Promise<{ issue: IssueView; unassigned: Unassigned[] }> {
  const wanted = issue.assignees ?? []
  try {
    return { issue: await github.createIssue(issue), unassigned: [] }
  } catch (e) {
    if (wanted.length === 0 || !isAssigneeRefusal(e)) throw e
  }
  const body = [issue.body.trimEnd(), ...wanted.map(pendingNote)].join('\n\n') + '\n'
  const created = await github.createIssue({ ...issue, body, assignees: [] })
  return {
    issue: created,
    unassigned: wanted.map((login) => ({ issue: created.number, login, reason: NOT_ASSIGNABLE })),
  }
}

export interface AssignResult {
  issue: number
  login: string
  outcome: 'assigned' | 'still-pending' | 'dropped'
}

/**
 * A later run's second try: an open issue of the bot's that waits to assign someone gets them now
 * that GitHub accepts them (assignment and note removal in one update). When someone was assigned
 * by hand in between, the note is simply dropped. A refusal leaves everything as it is.
 */
export async function assignPending(
  github: Repository,
  issue: Pick<IssueView, 'number' | 'author' | 'body' | 'assignees' | 'state'>,
): Promise<AssignResult[]> {
  if (issue.state !== 'open') return []
  const results: AssignResult[] = []
  let body = issue.body
  let assigned = issue.assignees.length > 0
  for (const login of pendingAssignees(issue)) {
    const next = withoutPendingNote(body, login)
    if (assigned) {
      await github.updateIssue(issue.number, { body: next })
      results.push({ issue: issue.number, login, outcome: 'dropped' })
    } else {
      try {
        await github.updateIssue(issue.number, { body: next, assignees: [login] })
        results.push({ issue: issue.number, login, outcome: 'assigned' })
        assigned = true
      } catch (e) {
        if (!isAssigneeRefusal(e)) throw e
        results.push({ issue: issue.number, login, outcome: 'still-pending' })
        continue
      }
    }
    body = next
  }
  return results
}
