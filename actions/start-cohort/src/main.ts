import { existsSync } from 'node:fs'
import path from 'node:path'
import * as core from '../../lib/runner/core.js'
import { calendarPath } from '../../lib/sessions/links.js'
import { formatFormProblem, type CohortForm } from '../../lib/group-file/write.js'
import { resolveNow, runnerContext } from '../../lib/runner/context.js'
import { connect } from '../../lib/github/connect.js'
import type { Mode } from './plan.js'
import { startCohort, type CohortReport } from './run.js'
import { writeSummary } from './summary.js'
import { hasIntentionForm, loadCohortTemplates } from '../../lib/workspace/cohort-templates.js'

export interface Inputs {
  token: string
  form: CohortForm
  mode: Mode
  dryRun: boolean
  allowPublic: boolean
  now: Date
}

export function getInputs(): Inputs {
  return {
    token: core.getInput('github-token'),
    form: {
      slug: core.getInput('slug'),
      name: core.getInput('name'),
      start: core.getInput('start'),
      weekday: core.getInput('weekday'),
      time: core.getInput('time'),
      timezone: core.getInput('timezone'),
      weekly: core.getInput('weekly'),
      then: core.getInput('then'),
      facilitators: core.getInput('facilitators'),
      members: core.getInput('members'),
      skip: core.getInput('skip'),
    },
    mode: parseMode(core.getInput('mode')),
    dryRun: parseBoolean(core.getInput('dry-run'), 'dry-run'),
    allowPublic: parseBoolean(core.getInput('allow-public'), 'allow-public'),
    now: resolveNow(''),
  }
}

export async function run(): Promise<void> {
  const inputs = getInputs()
  const context = runnerContext()
  const github = connect(context, inputs.token, { debug: core.debug, warning: core.warning })
  const report = await startCohort(inputs, {
    github,
    serverUrl: context.serverUrl,
    templates: await loadCohortTemplates(context.workspace),
    intentionForm: hasIntentionForm(context.workspace),
    hasCalendar: (slug) => existsSync(path.join(context.workspace, calendarPath(slug))),
    log: { info: core.info, warning: core.warning },
  })
  annotate(report)
  setOutputs(report)
  await writeSummary(report)
  if (report.failure) core.setFailed(`${report.failure} (see the job summary)`)
}

function annotate(report: CohortReport): void {
  for (const problem of report.problems) {
    const say = problem.severity === 'error' ? core.error : core.warning
    say(formatFormProblem(problem))
  }
}

function setOutputs(report: CohortReport): void {
  core.setOutput(
    'group-file',
    report.failure && !report.rows.length ? '' : report.outputs.groupFile,
  )
  core.setOutput('pull-request', report.outputs.pullRequest ?? '')
  core.setOutput('kickoff-issue', report.outputs.kickoffIssue ?? '')
}

function parseMode(text: string): Mode {
  const mode = text.trim() || 'pull-request'
  if (mode === 'pull-request' || mode === 'commit') return mode
  throw new Error(`mode: "${text}" is not one of: pull-request, commit`)
}

/** Like core.getBooleanInput, but an input left empty is false (the default of both). */
function parseBoolean(text: string, name: string): boolean {
  const value = text.trim()
  if (['', 'false', 'False', 'FALSE'].includes(value)) return false
  if (['true', 'True', 'TRUE'].includes(value)) return true
  throw new Error(`${name}: "${text}" is not true or false`)
}
