import { readFile } from 'node:fs/promises'
import path from 'node:path'
import * as core from '../../lib/runner/core.js'
import { groupFilePath } from '../../lib/group-file/write.js'
import { jobBudget, jobClockFrom, watchRequests } from '../../lib/github/rate-limit.js'
import { annotateProblems, noticeExamples } from '../../lib/runner/annotate.js'
import {
  defaultBranchOf,
  repositoryPrivacy,
  resolveNow,
  runnerContext,
  type RunnerContext,
} from '../../lib/runner/context.js'
import { connect } from '../../lib/github/connect.js'
import type { FrontMatterDocument } from '../../lib/templates/front-matter.js'
import { calendarPath } from '../../lib/sessions/links.js'
import { loadGroups, loadSessionTemplates, readTemplate } from '../../lib/workspace/workspace.js'
import { parseRequests, formatRequests, type GroupChangeRequest } from './plan-group-files.js'
import { runCommands, type CommandsInputs, type CommandsReport } from './run.js'
import { writeSummary } from './summary.js'

/**
 * `timeout-minutes` of the commands workflow's jobs: work that would not end before it waits. In
 * the sessions job, the sessions step has recorded the job's start and timeout instead.
 */
const JOB_TIMEOUT_MINUTES = 10

export interface Inputs {
  token: string
  groups: string
  now: Date
  dryRun: boolean
  /** A manual run's issue to reconcile. */
  issue?: number
  groupChanges: GroupChangeRequest[]
}

export function getInputs(): Inputs {
  const issue = core.getInput('issue').trim().replace(/^#/, '')
  if (issue && !/^\d{1,9}$/.test(issue))
    throw new Error(`issue: "${issue}" is not an issue number, e.g. 12`)
  return {
    token: core.getInput('github-token'),
    groups: core.getInput('groups') || 'groups/*/group.yml',
    now: resolveNow(core.getInput('now')),
    dryRun: core.getBooleanInput('dry-run'),
    ...(issue ? { issue: Number(issue) } : {}),
    groupChanges: parseRequests(core.getInput('group-changes')),
  }
}

export async function run(): Promise<void> {
  const inputs = getInputs()
  const context = runnerContext()
  const loaded = await loadGroups(context.workspace, inputs.groups)
  annotateProblems(loaded.problems)
  noticeExamples(loaded.examples)
  const github = connect(context, inputs.token, { debug: core.debug, warning: core.warning })
  const budget = jobBudget(
    watchRequests(github.client),
    jobClockFrom(process.env) ?? { timeoutMinutes: JOB_TIMEOUT_MINUTES },
  )
  const privacy = repositoryPrivacy(context.event)
  const defaultBranch = defaultBranchOf(context.event)
  const checkInTemplate = await optionalTemplate(context.workspace, 'check-in.md')
  const checkInForm = await readOptional(context.workspace, '.github/ISSUE_TEMPLATE/check-in.yml')
  const signUpForm = await readOptional(
    context.workspace,
    '.github/ISSUE_TEMPLATE/coaching-sign-up.yml',
  )
  const report = await runCommands(
    {
      now: inputs.now,
      dryRun: inputs.dryRun,
      groupChanges: inputs.groupChanges,
      ...eventTarget(context, inputs),
    },
    {
      github,
      repo: { serverUrl: context.serverUrl, repository: context.repository },
      groups: loaded.groups,
      groupFile: (slug) => readOptional(context.workspace, groupFilePath(slug)),
      calendar: {
        file: (slug) => readOptional(context.workspace, calendarPath(slug)),
        templates: () => loadSessionTemplates(context.workspace),
      },
      ...(checkInTemplate ? { checkInTemplate } : {}),
      ...(checkInForm !== undefined ? { checkInForm } : {}),
      ...(signUpForm !== undefined ? { signUpForm } : {}),
      ...(privacy !== undefined ? { repositoryPrivate: privacy } : {}),
      ...(defaultBranch !== undefined ? { defaultBranch } : {}),
      log: { info: core.info, warning: core.warning },
      budget,
    },
  )
  setOutputs(report)
  await writeSummary(report, loaded.failed, inputs)
  if (report.errors.length > 0)
    core.setFailed(
      `failed for: ${report.errors.map((e) => e.split(':')[0]).join(', ')} (see the job summary)`,
    )
}

/**
 * The issue and comment an `issue_comment` event is about, from the event file. Only numbers are
 * taken from it: the comment itself is read from the API with every other comment of the issue.
 */
function eventTarget(
  context: RunnerContext,
  inputs: Inputs,
): Pick<CommandsInputs, 'issue' | 'trigger'> {
  if (inputs.issue !== undefined) return { issue: inputs.issue }
  if (context.eventName !== 'issue_comment') return {}
  const event = context.event as {
    action?: string
    issue?: { number?: unknown }
    comment?: { id?: unknown }
  }
  const issue = Number(event.issue?.number)
  const comment = Number(event.comment?.id)
  if (!Number.isInteger(issue)) return {}
  const action = event.action
  const known = action === 'created' || action === 'edited' || action === 'deleted'
  return {
    issue,
    ...(known && Number.isInteger(comment) ? { trigger: { commentId: comment, action } } : {}),
  }
}

async function readOptional(root: string, file: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(root, file), 'utf8')
  } catch {
    return undefined
  }
}

async function optionalTemplate(
  root: string,
  name: string,
): Promise<FrontMatterDocument | undefined> {
  if ((await readOptional(root, path.join('templates', name))) === undefined) return undefined
  return readTemplate(root, name)
}

function setOutputs(report: CommandsReport): void {
  core.setOutput('group-changes', formatRequests(report.groupChanges))
  core.setOutput('pull-requests', report.pullRequests.join(','))
  core.setOutput('pair-issues', report.pairIssues.join(','))
}
