import type { FormKind } from '../../lib/forms/catalog.js'
import type { FormTemplates } from '../../lib/forms/detect.js'
import type { Group } from '../../lib/group-file/schema.js'
import { createOnce } from '../../lib/github/idempotent.js'
import {
  isOwnBot,
  statusOf,
  type CommentView,
  type IssueView,
  type Repository,
} from '../../lib/github/repository.js'
import { labelSpec } from '../../lib/labels/labels.js'
import { findMarker } from '../../lib/markers/markers.js'
import { SESSION_MARKER } from '../../lib/sessions/issue.js'
import { refreshStatus } from '../../lib/github/status.js'
import {
  assigneesAfter,
  homeworkSessions,
  judgeIssue,
  labelChange,
  type SessionRef,
  type Verdict,
} from './plan.js'
import { ensureNetworkIssue } from './network.js'
import { recordPulse } from './pulse.js'
import { REPLY_MARKER, replyFor, replyState } from './replies.js'

export interface Logger {
  info(message: string): void
  warning(message: string): void
}

export interface FormsInputs {
  /** The issue the event is about. */
  issue: number
  now: Date
}

export interface FormsDeps {
  github: Repository
  templates: FormTemplates
  groups: Group[]
  /** Slugs of group files that failed to load. */
  failedGroups: string[]
  /** Whether the repository is private, when the event payload already says so. */
  repositoryPrivate?: boolean
  /** Where form links point; a coaching sign-up needs it to open the network's issue. */
  repo?: { serverUrl: string; repository: string }
  log: Logger
}

export type FormsResult = Verdict['result'] | 'refused'

/** What one run did, in numbers, kinds and slugs only: safe for logs and the job summary. */
export interface FormsReport {
  issue: number
  kind?: FormKind
  result: FormsResult
  /** Why nothing was done, or the problems' count. */
  detail: string
  /** The writes this run made, e.g. `labels +homework`, `reply posted`, `status #4 updated`. */
  changes: string[]
  /** Set when the run must fail: the organizer has something to fix. */
  failure?: string
}

const SESSION_LABELS = ['skill-share', 'session']

/**
 * Reads the issue afresh (a delayed run sees the latest edit), judges it in pure code, then makes
 * GitHub show the verdict: labels, assignee, the one reply, and the session's homework count.
 * Every step compares with what is there first, so a rerun writes nothing.
 */
export async function runForms(inputs: FormsInputs, deps: FormsDeps): Promise<FormsReport> {
  const { github, log } = deps
  const issue = await github.getIssue(inputs.issue)
  const verdict = judgeIssue({
    issue,
    templates: deps.templates,
    groups: deps.groups,
    failedGroups: deps.failedGroups,
    now: inputs.now,
  })
  const report: FormsReport = {
    issue: issue.number,
    ...('kind' in verdict && verdict.kind ? { kind: verdict.kind } : {}),
    result: verdict.result,
    detail: detailOf(verdict),
    changes: [],
  }
  log.info(`#${issue.number}: ${report.kind ?? 'no form'}, ${verdict.result} (${report.detail})`)
  if (verdict.result === 'not-a-form') return report
  if (verdict.result === 'blocked')
    return { ...report, failure: `#${issue.number}: ${verdict.reason}` }

  const group = 'group' in verdict ? verdict.group : undefined
  if (!group?.public && !(await isPrivate(deps))) {
    const failure =
      'refusing to process a submission in a public repository: make the repository private, ' +
      'or set "public: true" in the group.yml if the group really wants its submissions public'
    return { ...report, result: 'refused', detail: 'public repository', failure }
  }

  const labelsBefore = issue.labels.map((l) => l.name)
  const change = labelChange(verdict, labelsBefore)
  if (change.add.length > 0) {
    await ensureLabels(github, change.add)
    await github.addLabels(issue.number, change.add)
    report.changes.push(`labels +${change.add.join(' +')}`)
  }
  for (const name of change.remove) await github.removeLabel(issue.number, name)
  if (change.remove.length > 0) report.changes.push(`labels -${change.remove.join(' -')}`)

  const assignees = assigneesAfter(verdict, issue)
  if (assignees) {
    await github.updateIssue(issue.number, { assignees })
    report.changes.push('author assigned')
  }

  // Homework changes its session's count; homework and check-ins link to their session issue.
  const counted = homeworkSessions(verdict, labelsBefore, deps.groups, inputs.now)
  const linked: SessionRef | undefined =
    verdict.result === 'accepted' && verdict.session
      ? { group: verdict.group, session: verdict.session }
      : undefined
  const sessionIssues = await findSessionIssues(github, linked ? [linked, ...counted] : counted)
  const replied = await upsertReply(
    github,
    issue,
    verdict,
    linked && sessionIssues.get(key(linked)),
  )
  if (replied !== 'unchanged') report.changes.push(`reply ${replied}`)

  if (verdict.result === 'accepted' && verdict.kind === 'pulse') {
    const pulse = await recordPulse(github, verdict.group, issue, deps.templates)
    if (pulse.closed) report.changes.push('pulse answer closed')
    report.changes.push(`pulse ${pulse.result}`)
  }

  if (verdict.result === 'accepted' && verdict.kind === 'sign-up' && deps.repo) {
    const network = await ensureNetworkIssue(github, verdict.group, deps.repo)
    if (network.opened) report.changes.push(`network issue #${network.number} opened`)
  }

  for (const ref of counted) {
    const number = sessionIssues.get(key(ref))
    if (number === undefined) {
      log.info(`group ${ref.group.slug} session ${ref.session.number} has no session issue yet`)
      continue
    }
    const { result } = await refreshStatus(
      github,
      { group: ref.group, session: ref.session, issue: number },
      { now: inputs.now, dryRun: false, log: { info: log.info } },
    )
    if (result !== 'unchanged') report.changes.push(`status #${number} ${result}`)
  }
  return report
}

function detailOf(verdict: Verdict): string {
  switch (verdict.result) {
    case 'not-a-form':
      return verdict.reason
    case 'blocked':
      return 'the repository needs a fix (see the error)'
    case 'outsider':
      return 'the author is on no member list'
    case 'needs-fix': {
      const n = verdict.problems.length
      return `${n} ${n === 1 ? 'problem' : 'problems'}: ${verdict.problems.map((p) => p.field || 'issue').join(', ')}`
    }
    case 'accepted':
      return `group ${verdict.group.slug}${verdict.session ? ` session ${verdict.session.number}` : ''}`
  }
}

async function isPrivate(deps: FormsDeps): Promise<boolean> {
  return deps.repositoryPrivate ?? (await deps.github.get()).private
}

/**
 * Creates the labels the repository lacks, in the catalog's colours; existing ones keep theirs.
 * Each label the submission needs is looked up by name: a listing of every label would grow with
 * the number of groups (one `group:<slug>` label each).
 */
async function ensureLabels(github: Repository, names: readonly string[]) {
  for (const name of names) {
    if (!(await labelExists(github, name))) await github.createLabel(labelSpec(name))
  }
}

async function labelExists(github: Repository, name: string): Promise<boolean> {
  try {
    await github.client.rest.issues.getLabel({ owner: github.owner, repo: github.repo, name })
    return true
  } catch (e) {
    if (statusOf(e) === 404) return false
    throw e
  }
}

function key(ref: SessionRef): string {
  return `${ref.group.slug}#${ref.session.number}`
}

/** The bot's session issue (open or closed) of each session, found by its marker; one query per group. */
async function findSessionIssues(
  github: Repository,
  refs: readonly SessionRef[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>()
  const listed = new Map<string, IssueView[]>()
  for (const ref of refs) {
    const slug = ref.group.slug
    let issues = listed.get(slug)
    if (!issues) {
      issues = await github.listIssues({
        labels: [...SESSION_LABELS, `group:${slug}`],
        state: 'all',
      })
      listed.set(slug, issues)
    }
    const issue = issues
      .filter((i) => isOwnBot(i.author))
      .sort((a, b) => a.number - b.number)
      .find((i) => findMarker(i.body, SESSION_MARKER, { group: slug, n: ref.session.number }))
    if (issue) found.set(key(ref), issue.number)
  }
  return found
}

/** The one reply on the submission: posted once, then edited in place, never stacked. */
async function upsertReply(
  github: Repository,
  issue: IssueView,
  verdict: Verdict,
  sessionIssue: number | undefined,
): Promise<'posted' | 'updated' | 'unchanged'> {
  const find = (comments: readonly CommentView[]) =>
    comments.find((c) => isOwnBot(c.author) && findMarker(c.body, REPLY_MARKER))
  const existing = issue.comments > 0 ? find(await github.listComments(issue.number)) : undefined
  const reply = replyFor(
    verdict,
    existing ? replyState(existing.body) : undefined,
    sessionIssue ? { sessionIssue } : {},
  )
  if (!reply) return 'unchanged'
  if (existing) {
    if (existing.body.trim() === reply.body.trim()) return 'unchanged'
    await github.updateComment(existing.id, reply.body)
    return 'updated'
  }
  await createOnce({
    create: () => github.createComment(issue.number, reply.body),
    lookup: async () => find(await github.listComments(issue.number)),
  })
  return 'posted'
}
