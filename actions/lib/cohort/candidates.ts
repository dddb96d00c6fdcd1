import { readAnswers } from '../forms/answers.js'
import { FORMS, GROUP_FIELD } from '../forms/catalog.js'
import { defaultFormYaml, templateFields } from '../forms/template.js'
import type { IssueView } from '../github/repository.js'
import { rebuildState, type CommentInput, type ReactionInput } from '../commands/state.js'
import type { Group } from '../group-file/schema.js'
import { rosterSize } from '../group-file/size.js'
import { isOwnBot } from '../markers/ownership.js'
import { marker } from '../markers/markers.js'

/*
 * The organizer's checklist shows who is in and how far: each member of the group file as
 * invited, accepted or committed, and the open nominations for the group, by issue number only.
 * Nothing a member typed is copied into it: a nomination names someone who is not in the group
 * yet, so the checklist links the issue and says nothing of what it holds.
 */

export const CANDIDATES_MARKER = 'candidates'
export const CANDIDATES_END_MARKER = 'candidates-end'

export type MemberState = 'invited' | 'accepted' | 'committed'

export interface CandidateMember {
  login: string
  facilitator: boolean
  state: MemberState
}

export interface Candidates {
  members: CandidateMember[]
  /** Open nomination issues for the group, by number. */
  nominations: number[]
}

/** What GitHub showed of the ground-rules issue: its comments (for `/agree`) and reactions (👍). */
export interface GroundRulesActivity {
  comments: readonly CommentInput[]
  reactions: readonly ReactionInput[]
}

/**
 * Each member's state. `withAccess` holds the lower-case logins that can reach the repository; the
 * rest are invited (their invitation is pending, or was never sent: a workflow token cannot tell).
 */
export function candidatesOf(
  group: Group,
  withAccess: ReadonlySet<string>,
  groundRules: GroundRulesActivity | undefined,
  nominations: readonly number[],
): Candidates {
  const agreed = agreedToGroundRules(group, groundRules)
  return {
    members: group.members.map((member) => {
      const login = member.github.toLowerCase()
      const state: MemberState = !withAccess.has(login)
        ? 'invited'
        : agreed.has(login)
          ? 'committed'
          : 'accepted'
      return { login: member.github, facilitator: member.role === 'facilitator', state }
    }),
    nominations: [...nominations].sort((a, b) => a - b),
  }
}

/** Lower-case logins of the members who agreed, counted as the ground rules' status counts them. */
export function agreedToGroundRules(
  group: Group,
  activity: GroundRulesActivity | undefined,
): Set<string> {
  if (!activity) return new Set()
  const state = rebuildState({
    group,
    kind: 'ground-rules',
    comments: activity.comments,
    issueReactions: activity.reactions,
  })
  return new Set([...state.agreed].map((login) => login.toLowerCase()))
}

/**
 * The open Nomination or interest issues for this group: labelled for it by the forms action, or,
 * when the forms action could not place it yet (a nomination filed before the group file was
 * merged), answering the form's Group question with the slug. Only issue numbers come out.
 */
export function nominationsFor(slug: string, issues: readonly IssueView[]): number[] {
  const form = FORMS.nomination
  const yaml = defaultFormYaml(form)
  const fields = templateFields('nomination', yaml)
  const own = `group:${slug}`.toLowerCase()
  return issues
    .filter((issue) => issue.state === 'open' && !issue.isPullRequest && !isOwnBot(issue.author))
    .filter((issue) => issue.labels.some((l) => l.name.toLowerCase() === form.label))
    .filter((issue) => {
      const groups = issue.labels
        .map((l) => l.name.toLowerCase())
        .filter((name) => name.startsWith('group:'))
      if (groups.length > 0) return groups.includes(own)
      const answer = readAnswers(form, issue.body, yaml, fields).text(GROUP_FIELD)
      return answer?.toLowerCase() === slug.toLowerCase()
    })
    .map((issue) => issue.number)
    .sort((a, b) => a - b)
}

const STATE_ORDER: readonly MemberState[] = ['committed', 'accepted', 'invited']

/**
 * The checklist's Candidates section, between its own markers so a later run of Start a cohort
 * can rewrite it in place. Without `candidates` (a preview, before anything is observed) it gives
 * the roster's size and says where the table will come from.
 */
export function renderCandidates(
  group: Group,
  candidates: Candidates | undefined,
  links: { groundRules?: number } = {},
): string {
  const slug = { group: group.slug }
  const size = rosterSize(group.members.length)
  const roster = `**Roster size${size.fit === 'good' ? '' : ' (warning)'}:** ${size.message}.`
  const lines = [marker(CANDIDATES_MARKER, slug), '### Candidates', '', roster, '']
  if (!candidates) {
    lines.push(
      'When "Start a cohort" runs, a table here shows each member as invited, accepted or committed, and the open nominations for the group.',
    )
  } else {
    lines.push(tally(candidates), '', '| Who | State |', '| --- | --- |')
    const byState = [...candidates.members].sort(
      (a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state),
    )
    for (const member of byState)
      lines.push(
        `| @${member.login}${member.facilitator ? ' (facilitator)' : ''} | ${member.state} |`,
      )
    for (const number of candidates.nominations) lines.push(`| #${number} | nominated |`)
    lines.push('', legend(links.groundRules))
  }
  lines.push('', marker(CANDIDATES_END_MARKER, slug))
  return lines.join('\n')
}

/** "2 committed, 3 accepted. 1 open nomination to read." (states nobody is in are left out) */
function tally(candidates: Candidates): string {
  const total = candidates.members.length
  const counts = STATE_ORDER.map(
    (state) => [state, candidates.members.filter((m) => m.state === state).length] as const,
  )
  const members =
    counts[0]?.[1] === total
      ? `All ${total} members are committed.`
      : `${counts
          .filter(([, n]) => n > 0)
          .map(([state, n]) => `${n} ${state}`)
          .join(', ')}.`
  const open = candidates.nominations.length
  const nominations =
    open === 0
      ? 'No nomination is open.'
      : `${open} open nomination${open === 1 ? '' : 's'} to read.`
  return `${members} ${nominations}`
}

function legend(groundRules: number | undefined): string {
  const rules = groundRules ? `the ground rules (#${groundRules})` : 'the ground rules'
  return [
    '- **invited**: in the group file, without access to this repository yet. Whether the invitation is pending or was never sent, a workflow cannot tell: check Settings → Collaborators. Their issues opened without them as assignees; the next scheduled run assigns them once they accept.',
    '- **accepted**: has access to this repository.',
    `- **committed**: has access and agreed to ${rules} with a 👍 or \`/agree\`.`,
    '- **nominated**: an open **Nomination or interest** issue for this group; read it there. To take the person in, add them as a collaborator, then run "Start a cohort" again with them among the members.',
    '',
    'Running "Start a cohort" again brings this section up to date. It is rewritten each time, so edits inside it are not kept.',
  ].join('\n')
}
