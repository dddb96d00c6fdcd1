import * as core from '../../lib/runner/core.js'
import { annotateProblems, noticeExamples } from '../../lib/runner/annotate.js'
import {
  repositoryPrivacy,
  resolveNow,
  runnerContext,
  type RunnerContext,
} from '../../lib/runner/context.js'
import { connect } from '../../lib/github/connect.js'
import { loadFormTemplates } from '../../lib/workspace/forms.js'
import { DEFAULT_GROUPS_GLOB, loadGroups, slugOf } from '../../lib/workspace/workspace.js'
import { runForms } from './run.js'
import { writeSummary } from './summary.js'

export interface Inputs {
  token: string
  groups: string
  now: Date
}

export function getInputs(): Inputs {
  return {
    token: core.getInput('github-token'),
    groups: core.getInput('groups') || DEFAULT_GROUPS_GLOB,
    now: resolveNow(core.getInput('now')),
  }
}

export async function run(): Promise<void> {
  const inputs = getInputs()
  const context = runnerContext()
  const issue = eventIssue(context)
  const loaded = await loadGroups(context.workspace, inputs.groups)
  annotateProblems(loaded.problems, { errorsOnly: true })
  noticeExamples(loaded.examples)
  const github = connect(context, inputs.token, { debug: core.debug, warning: core.warning })
  const privacy = repositoryPrivacy(context.event)
  const report = await runForms(
    { issue, now: inputs.now },
    {
      github,
      templates: await loadFormTemplates(context.workspace),
      groups: loaded.groups,
      failedGroups: loaded.failed.map((file) => slugOf(file).toLowerCase()),
      ...(privacy !== undefined ? { repositoryPrivate: privacy } : {}),
      repo: { serverUrl: context.serverUrl, repository: context.repository },
      log: { info: core.info, warning: core.warning },
    },
  )
  core.setOutput('kind', report.kind ?? '')
  core.setOutput('result', report.result)
  await writeSummary(report, inputs)
  if (report.failure) core.setFailed(report.failure)
}

/** The issue an `issues` event is about; the action reads it afresh rather than trusting the payload. */
function eventIssue(context: RunnerContext): number {
  const issue = context.event['issue'] as { number?: unknown } | undefined
  const number = Number(issue?.number)
  if (context.eventName !== 'issues' || !Number.isInteger(number) || number < 1) {
    throw new Error(
      `the forms action runs on "issues" events (opened, edited), not "${context.eventName || 'none'}"`,
    )
  }
  return number
}
