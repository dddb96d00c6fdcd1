import { mkdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as core from '../../lib/runner/core.js'
import { annotateProblems, noticeExamples } from '../../lib/runner/annotate.js'
import {
  defaultBranchOf,
  repositoryPrivacy,
  resolveNow,
  runnerContext,
} from '../../lib/runner/context.js'
import { connect } from '../../lib/github/connect.js'
import { loadFormTemplates } from '../../lib/workspace/forms.js'
import { loadGroups } from '../../lib/workspace/workspace.js'
import { parseDelivery, type Delivery } from './plan.js'
import { compileAndDeliver, type BinderReport } from './run.js'
import { writeSummary } from './summary.js'

export interface Inputs {
  token: string
  member: string
  group: string
  deliver: Delivery
  now: Date
}

export function getInputs(): Inputs {
  return {
    token: core.getInput('github-token'),
    member: core.getInput('member', { required: true }),
    group: core.getInput('group'),
    deliver: parseDelivery(core.getInput('deliver')),
    now: resolveNow(''),
  }
}

export async function run(): Promise<void> {
  const inputs = getInputs()
  const context = runnerContext()
  const loaded = await loadGroups(context.workspace)
  annotateProblems(loaded.problems, { errorsOnly: true })
  noticeExamples(loaded.examples)
  const github = connect(context, inputs.token, { debug: core.debug, warning: core.warning })
  const privacy = repositoryPrivacy(context.event)
  const defaultBranch = defaultBranchOf(context.event)
  const report = await compileAndDeliver(
    { ...inputs, actor: actorOf(context.event) },
    {
      github,
      groups: loaded.groups,
      forms: await loadFormTemplates(context.workspace),
      template: await readFile(path.join(context.workspace, 'templates', 'binder.md'), 'utf8'),
      repository: {
        ...(privacy !== undefined ? { private: privacy } : {}),
        ...(defaultBranch ? { defaultBranch } : {}),
      },
      log: { info: core.info },
    },
  )
  // The repository path only means something when the binder is proposed there.
  const proposed = !report.failure && report.text === undefined
  core.setOutput('path', proposed ? (report.path ?? '') : '')
  core.setOutput('pull-request', report.pullRequest ?? '')
  const files = report.text !== undefined ? await writePrivateCopy(report, inputs.member) : ''
  core.setOutput('files', files)
  await writeSummary(report)
  if (report.failure) {
    const broken = loaded.failed.length ? ` (invalid group files: ${loaded.failed.join(', ')})` : ''
    core.setFailed(`${report.failure}${broken}`)
  }
}

/**
 * Who asked for the binder: the sender GitHub records on the workflow_dispatch event (not an input,
 * which anyone dispatching could fill in), else the run's actor.
 */
function actorOf(event: Record<string, unknown>): string {
  const sender = event['sender']
  if (sender && typeof sender === 'object' && 'login' in sender) {
    const login = (sender as { login: unknown }).login
    if (typeof login === 'string' && login) return login
  }
  return process.env['GITHUB_ACTOR'] ?? ''
}

/**
 * The private delivery's files, for the workflow's upload-artifact step: the markdown and the
 * print-friendly HTML in a folder of the runner's temporary directory, which the job deletes.
 * Returns the folder, or '' when there is nothing to write.
 */
async function writePrivateCopy(report: BinderReport, member: string): Promise<string> {
  if (report.text === undefined || report.html === undefined) return ''
  const base = process.env['RUNNER_TEMP'] || os.tmpdir()
  const name = `binder-${report.group ?? 'group'}-${member.replace(/^@/, '').toLowerCase()}`
  const dir = path.join(base, name)
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, `${name}.md`), report.text)
  await writeFile(path.join(dir, `${name}.html`), report.html)
  core.info(`wrote the binder to ${dir} for the run's artifact`)
  return dir
}
