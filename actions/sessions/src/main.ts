import { existsSync } from 'node:fs'
import path from 'node:path'
import * as core from '../../lib/runner/core.js'
import { annotateProblems, noticeExamples } from '../../lib/runner/annotate.js'
import { calendarPath } from '../../lib/sessions/links.js'
import type { Group } from '../../lib/group-file/schema.js'
import {
  defaultBranchOf,
  repositoryPrivacy,
  resolveNow,
  runnerContext,
} from '../../lib/runner/context.js'
import { connect } from '../../lib/github/connect.js'
import { JOB_CLOCK_ENV, jobBudget, watchRequests } from '../../lib/github/rate-limit.js'
import { loadFormTemplates } from '../../lib/workspace/forms.js'
import { loadGroups, loadSessionTemplates, readTemplate } from '../../lib/workspace/workspace.js'
import { retroToPropose } from './retro.js'
import { JOB_TIMEOUT_MINUTES } from './budget.js'
import { runSessions, type GroupReport } from './run.js'
import { createStatusRefresher } from './status.js'
import { writeSummary } from './summary.js'

export interface Inputs {
  token: string
  groups: string
  now: Date
  dryRun: boolean
}

export function getInputs(): Inputs {
  return {
    token: core.getInput('github-token'),
    groups: core.getInput('groups') || 'groups/*/group.yml',
    now: resolveNow(core.getInput('now')),
    dryRun: core.getBooleanInput('dry-run'),
  }
}

export async function run(): Promise<void> {
  const inputs = getInputs()
  const context = runnerContext()
  const loaded = await loadGroups(context.workspace, inputs.groups)
  annotateProblems(loaded.problems)
  noticeExamples(loaded.examples)
  const github = connect(context, inputs.token, { debug: core.debug, warning: core.warning })
  const budget = jobBudget(watchRequests(github.client), { timeoutMinutes: JOB_TIMEOUT_MINUTES })
  // The commands sweep runs next in this job: its budget is the time this job has left.
  core.exportVariable(JOB_CLOCK_ENV.startedAt, String(Date.now() - process.uptime() * 1000))
  core.exportVariable(JOB_CLOCK_ENV.timeoutMinutes, String(JOB_TIMEOUT_MINUTES))
  const repo = {
    serverUrl: context.serverUrl,
    repository: context.repository,
    // GitHub resolves HEAD to the default branch in links, when the event does not name it.
    defaultBranch: defaultBranchOf(context.event) ?? 'HEAD',
  }
  const privacy = repositoryPrivacy(context.event)
  const reports = await runSessions(
    { now: inputs.now, dryRun: inputs.dryRun },
    {
      github,
      repo,
      groups: loaded.groups,
      templates: await loadSessionTemplates(context.workspace),
      calendars: new Set(
        loaded.groups
          .map((g) => g.slug)
          .filter((slug) => existsSync(path.join(context.workspace, calendarPath(slug)))),
      ),
      ...(privacy !== undefined ? { repositoryPrivate: privacy } : {}),
      refreshStatus: createStatusRefresher(github, inputs.now, { info: core.info }),
      log: { info: core.info, warning: core.warning },
      budget,
      ...(await loadCoaching(context.workspace, loaded.groups)),
    },
  )
  setOutputs(reports)
  const retro = inputs.dryRun
    ? undefined
    : await retroToPropose(github, loaded.groups, inputs.now, defaultBranchOf(context.event))
  core.setOutput('retro-group', retro?.group ?? '')
  core.setOutput('retro-date', retro?.date ?? '')
  await writeSummary(reports, loaded.failed, inputs)
  const failures = [...loaded.failed, ...reports.filter((r) => r.error).map((r) => r.group)]
  if (failures.length > 0)
    core.setFailed(`failed for: ${failures.join(', ')} (see the job summary)`)
}

/** The conversation template and form, read only when a coaching group needs them. */
async function loadCoaching(root: string, groups: readonly Group[]) {
  if (!groups.some((g) => g.format === 'coaching')) return {}
  let template
  try {
    template = await readTemplate(root, 'conversation.md')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw e
  }
  const form = (await loadFormTemplates(root)).conversation
  return { coaching: { template, ...(form !== undefined ? { form } : {}) } }
}

function setOutputs(reports: readonly GroupReport[]): void {
  core.setOutput(
    'opened',
    reports.flatMap((r) => r.opened.map((o) => o.issue).filter(Boolean)).join(','),
  )
  core.setOutput('closed', reports.flatMap((r) => r.closed.map((c) => c.issue)).join(','))
}
