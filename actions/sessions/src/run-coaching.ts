import type { Group } from '../../lib/group-file/schema.js'
import { createIssueAssigning, type Unassigned } from '../../lib/github/assignees.js'
import { cost, type Cost } from '../../lib/budget/budget.js'
import { createOnce } from '../../lib/github/idempotent.js'
import { LeaseBusyError } from '../../lib/github/lease.js'
import { isBudgetExhausted } from '../../lib/github/rate-limit.js'
import { isOwnBot, type IssueView, type Repository } from '../../lib/github/repository.js'
import { findMarker, marker } from '../../lib/markers/markers.js'
import { pairKey, type Conversation } from '../../lib/schedule/coaching.js'
import { collectSubmissions } from '../../lib/github/submissions.js'
import {
  closingMarker,
  conversationAttributes,
  CONVERSATION_MARKER,
  nudgeMarker,
} from '../../lib/sessions/conversation.js'
import {
  groupsOpening,
  planCoaching,
  type CoachingPlan,
  type ConversationCloseStep,
  type ConversationDuplicateStep,
  type ConversationOpenStep,
  type NudgeStep,
  type WriteUp,
} from './plan-coaching.js'
import { closeAsDuplicate, closeWithComment } from './closing.js'
import { noteAssignee } from './assignees.js'
import { waits, type ApplyContext, type GroupReport } from './run.js'

/**
 * Coaching groups, on the observation the circles already made (open session issues, and the
 * closed ones when something was missing). Write-ups are read only for a group with a conversation
 * to open, so a quiet run costs nothing beyond the shared query.
 */
export async function runCoaching(
  groups: readonly Group[],
  observed: { open: readonly IssueView[]; closed: readonly IssueView[] },
  context: ApplyContext,
  now: Date,
): Promise<GroupReport[]> {
  const { coaching } = context.deps
  const opening = new Set(groupsOpening(groups, observed, now).map((g) => g.slug))
  const reports: GroupReport[] = []
  for (const group of groups) {
    const report: GroupReport = { group: group.slug, opened: [], closed: [], status: [] }
    try {
      if (!coaching) {
        throw new Error(
          'templates/conversation.md is missing: copy it from the skill-share template repository so conversation issues can be opened',
        )
      }
      const writeUps = new Map<string, WriteUp[]>()
      if (opening.has(group.slug) && coaching.form !== undefined) {
        writeUps.set(
          group.slug,
          await collectSubmissions(context.deps.github, {
            kind: 'conversation',
            group,
            formYaml: coaching.form,
          }),
        )
      }
      const [plan] = planCoaching(
        [group],
        { ...observed, writeUps },
        now,
        coaching.template,
        context.deps.repo,
      )
      if (plan) await applyPlan(plan, context, report)
    } catch (e) {
      if (isBudgetExhausted(e) || e instanceof LeaseBusyError) waits(report, e.message, context)
      else {
        report.error = e instanceof Error ? e.message : String(e)
        context.deps.log.warning(`group ${group.slug}: ${report.error}`)
      }
    }
    reports.push(report)
  }
  return reports
}

async function applyPlan(
  plan: CoachingPlan,
  context: ApplyContext,
  report: GroupReport,
): Promise<void> {
  const { group } = plan
  if (plan.next) {
    report.next = {
      session: plan.next.conversation.number,
      title: plan.next.title,
      opensAt: plan.next.conversation.opensAt,
    }
  }
  const writes = plan.open.length + plan.close.length + plan.nudge.length + plan.duplicates.length
  if (writes > 0 && !group.public && !(await context.isPrivate())) {
    throw new Error(
      `refusing to post group "${group.slug}" into a public repository: make the repository private, ` +
        'or set "public: true" in its group.yml if the group really wants its conversations public',
    )
  }
  report.nudged = []
  for (const step of plan.duplicates) report.closed.push(await closeDuplicate(step, context))
  // A network of hundreds of pairs can have more due than one run can do: each step asks the
  // budget first, and what does not fit waits for the next run (earliest conversations first).
  const refused = (work: Cost, left: number, what: string) => {
    const refusal = context.deps.budget?.refuse(work)
    if (refusal) waits(report, `${left} ${what}: ${refusal.detail}`, context)
    return refusal !== undefined
  }
  const open = [...plan.open].sort(
    (a, b) => Date.parse(a.conversation.opensAt) - Date.parse(b.conversation.opensAt),
  )
  for (const [index, step] of open.entries()) {
    const work = cost({ reads: 1, creates: step.nudge ? 2 : 1, writes: step.nudge ? 1 : 0 })
    if (refused(work, open.length - index, 'conversation issue(s) to open')) return
    const opened = await openConversation(step, context, report)
    report.opened.push(opened.report)
    if (opened.issue && step.nudge) {
      const nudge = { group, conversation: step.conversation, issue: opened.issue }
      report.nudged.push(await postNudge({ ...nudge, comment: step.nudge }, context))
    }
  }
  for (const [index, step] of plan.nudge.entries()) {
    const work = cost({ reads: 1, creates: 1, writes: 1 })
    if (refused(work, plan.nudge.length - index, 'nudge(s) to post')) return
    report.nudged.push(await postNudge(step, context))
  }
  for (const [index, step] of plan.close.entries()) {
    if (refused(cost({ creates: 1, writes: 1 }), plan.close.length - index, 'to close')) return
    report.closed.push(await closeConversation(step, context))
  }
}

/** Names a conversation in logs without names: the group, the pair's position in the file, the number. */
function where(group: Group, c: Conversation): string {
  const index = (group.pairs ?? []).findIndex((p) => pairKey(p) === c.pair)
  return `group ${group.slug} pair ${index + 1} conversation ${c.number}`
}

async function openConversation(
  step: ConversationOpenStep,
  context: ApplyContext,
  report: GroupReport,
): Promise<{ issue?: IssueView; report: GroupReport['opened'][number] }> {
  const { github, log } = context.deps
  const { group, conversation: c } = step
  const done = { session: c.number, title: step.title }
  if (context.dryRun) {
    log.info(`dry run: would open the issue for ${where(group, c)}`)
    return { report: done }
  }
  await context.ensureLabels(step.labels)
  let unassigned: Unassigned[] = []
  // Under the run's lease, so two runs at once never both open it: the second finds the first's.
  const issue = await context.exclusively(
    async () =>
      context.findKnown((i) => isConversationIssue(i, c)) ??
      createOnce({
        create: async () => {
          const created = await createIssueAssigning(github, {
            title: step.title,
            body: step.body,
            labels: step.labels,
            assignees: step.assignees,
          })
          unassigned = created.unassigned
          return created.issue
        },
        lookup: () => findConversation(github, group, c),
      }),
  )
  context.remember(issue)
  log.info(`opened #${issue.number} for ${where(group, c)}`)
  for (const u of unassigned)
    noteAssignee(report, context, u.issue, u.login, `not assigned yet: ${u.reason}`)
  return { issue, report: { ...done, issue: issue.number } }
}

/** The conversation's issue if some run opened it already, found by its marker. */
async function findConversation(github: Repository, group: Group, c: Conversation) {
  const issues = await github.listIssues({
    labels: ['skill-share', 'session', `group:${group.slug}`],
    state: 'all',
  })
  return issues.find((i) => isOwnBot(i.author) && isConversationIssue(i, c))
}

function isConversationIssue(issue: IssueView, c: Conversation): boolean {
  return findMarker(issue.body, CONVERSATION_MARKER, conversationAttributes(c)) !== undefined
}

/**
 * Posts the nudge once: an earlier run may have posted it and died before recording that in the
 * issue's marker, so the comments are looked at first. Then the marker says `nudge=sent`.
 */
async function postNudge(step: NudgeStep, context: ApplyContext) {
  const { github, log } = context.deps
  const { group, conversation: c, issue } = step
  const done = { issue: issue.number, session: c.number }
  if (context.dryRun) {
    log.info(`dry run: would nudge #${issue.number} (${where(group, c)})`)
    return done
  }
  const wanted = nudgeMarker(c)
  const posted = async () =>
    (await github.listComments(issue.number)).find(
      (comment) => isOwnBot(comment.author) && comment.body.includes(wanted),
    )
  if (!(await posted())) {
    await createOnce({
      create: () => github.createComment(issue.number, step.comment),
      lookup: posted,
    })
    log.info(`nudged #${issue.number} (${where(group, c)})`)
  }
  const current = findMarker(issue.body, CONVERSATION_MARKER, conversationAttributes(c))
  if (current) {
    const body = issue.body.replace(
      marker(CONVERSATION_MARKER, current.attributes),
      marker(CONVERSATION_MARKER, { ...current.attributes, nudge: 'sent' }),
    )
    if (body !== issue.body) await github.updateIssue(issue.number, { body })
  }
  return done
}

async function closeConversation(step: ConversationCloseStep, context: ApplyContext) {
  const { github, log } = context.deps
  const { group, conversation: c } = step
  const done = { issue: step.issue, session: c.number }
  if (context.dryRun) {
    log.info(`dry run: would comment on and close #${step.issue} (${where(group, c)})`)
    return done
  }
  await closeWithComment(
    github,
    step.issue,
    step.comment,
    closingMarker(c),
    (section) => context.exclusively(section),
    () => context.commentCount(step.issue),
  )
  log.info(`closed #${step.issue} (${where(group, c)})`)
  return done
}

async function closeDuplicate(step: ConversationDuplicateStep, context: ApplyContext) {
  const { github, log } = context.deps
  const done = { issue: step.issue, session: step.conversation.number, duplicateOf: step.keep }
  if (context.dryRun) {
    log.info(`dry run: would close #${step.issue} as a duplicate of #${step.keep}`)
    return done
  }
  await closeAsDuplicate(github, step.issue, step.keep)
  log.info(`closed #${step.issue} as a duplicate of #${step.keep}`)
  return done
}
