import { readFile } from 'node:fs/promises'
import path from 'node:path'
import * as core from '../../lib/runner/core.js'
import { DateTime } from 'luxon'
import { hasErrors } from '../../lib/group-file/problems.js'
import { annotateProblems } from '../../lib/runner/annotate.js'
import { proposeFile } from '../../lib/github/propose.js'
import { compileCoachingRetro } from '../../lib/retro/coaching.js'
import { FORMS } from '../../lib/forms/catalog.js'
import type { Group } from '../../lib/group-file/schema.js'
import { collectSubmissions } from '../../lib/github/submissions.js'
import { resolveNow, runnerContext, type RunnerContext } from '../../lib/runner/context.js'
import { connect } from '../../lib/github/connect.js'
import { buildSchedule } from '../../lib/schedule/schedule.js'
import { loadGroupAt } from '../../lib/workspace/workspace.js'
import { formYaml, githubMaterial, notesFiles } from './gather.js'
import { aggregates, consentedReflections } from './plan.js'
import { retroBranch } from '../../lib/retro/due.js'
import { pullBody } from './report.js'

export interface Inputs {
  token: string
  group: string
  date: string
  now: Date
  dryRun: boolean
}

export function getInputs(): Inputs {
  const now = resolveNow(core.getInput('now'))
  const date = core.getInput('date') || DateTime.fromJSDate(now, { zone: 'utc' }).toISODate() || ''
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw new Error(`date: "${date}" is not a date (YYYY-MM-DD)`)
  return {
    token: core.getInput('github-token'),
    group: core.getInput('group'),
    date,
    now,
    dryRun: core.getBooleanInput('dry-run'),
  }
}

export async function run(): Promise<void> {
  const inputs = getInputs()
  const context = runnerContext()
  const slug = inputs.group || groupOfEvent(context)
  if (!slug) throw new Error('group: name the group to compile (the folder under groups/)')
  const { group, problems } = await loadGroupAt(context.workspace, `groups/${slug}`)
  annotateProblems(problems)
  if (!group || hasErrors(problems))
    throw new Error(`groups/${slug}/group.yml is invalid or missing; nothing was written`)
  const github = connect(context, inputs.token, { debug: core.debug, warning: core.warning })
  const repository = await github.get()
  if (!repository.private && !group.public) {
    throw new Error(
      `refusing to publish the retrospective of "${slug}" in a public repository: make the repository private, ` +
        'or set "public: true" in its group.yml',
    )
  }

  if (group.format === 'coaching') {
    await coachingRetro(group, inputs, {
      github,
      defaultBranch: repository.defaultBranch,
      workspace: context.workspace,
    })
    return
  }
  const sessions = buildSchedule(group, { until: inputs.date })
  const material = await githubMaterial(github, group, sessions, {
    homework: await formYaml(context.workspace, 'homework'),
    reflection: await formYaml(context.workspace, 'reflection'),
  })
  // The name detection (compromise) loads only when there is a circle's retrospective to compile:
  // a refused run or a coaching network's starts without it.
  const { compileRetro } = await import('../../lib/retro/compile.js')
  const result = compileRetro({
    group,
    sessions,
    date: inputs.date,
    notes: await notesFiles(context.workspace, group),
    comments: material.comments,
    reflections: consentedReflections(material.reflections.map((r) => r.submission)),
    aggregates: aggregates(sessions, material.observed, material.homework, inputs.now),
  })
  const counts = Object.entries(result.report.replacements)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')
  core.info(`compiled ${result.path}: ${result.report.points.kept} points; replacements: ${counts}`)
  if (result.report.leaks.length > 0) {
    const where = result.report.leaks
      .map((l) => `${l.category} at ${l.line}:${l.column}`)
      .join(', ')
    throw new Error(
      `the leak check found roster identifiers in the retrospective (${where}); nothing was written`,
    )
  }
  core.setOutput('file', result.path)
  await core.summary
    .addHeading(`Retrospective for \`${group.slug}\``, 2)
    .addRaw(
      `${result.path}: ${result.report.points.kept} points, ${result.report.flagged.length} outside names flagged for review.`,
      true,
    )
    .write()
  if (inputs.dryRun) {
    core.info('dry run: nothing written')
    return
  }
  const { pull } = await proposeFile(github, {
    branch: retroBranch(group, inputs.date),
    base: repository.defaultBranch,
    path: result.path,
    text: result.markdown,
    message: `Retrospective for ${group.slug} (${inputs.date})`,
    title: `Retrospective: ${group.slug}, ${inputs.date}`,
    body: pullBody(result.path, result.report),
  })
  core.setOutput('pull-request', String(pull.number))
  core.info(`proposed ${result.path} in pull request #${pull.number}`)
}

/**
 * A coaching network's retrospective: figures over at least three people from the conversation
 * issues and the write-ups, never a pair's own words; proposed like a circle's.
 */
async function coachingRetro(
  group: Group,
  inputs: Inputs,
  repo: { github: ReturnType<typeof connect>; defaultBranch: string; workspace: string },
): Promise<void> {
  const { github } = repo
  const issues = await github.listIssues({
    labels: ['skill-share', 'conversation', `group:${group.slug}`],
    state: 'all',
  })
  const writeUps = await collectSubmissions(github, {
    kind: 'conversation',
    group,
    formYaml: await readFile(
      path.join(repo.workspace, '.github/ISSUE_TEMPLATE', FORMS.conversation.template),
      'utf8',
    ),
  })
  const result = compileCoachingRetro({ group, issues, writeUps, date: inputs.date })
  if (result.leaks > 0) {
    throw new Error(
      `the leak check found ${result.leaks} roster identifiers in the coaching retrospective; nothing was written`,
    )
  }
  core.setOutput('file', result.path)
  await core.summary
    .addHeading(`Retrospective for \`${group.slug}\``, 2)
    .addRaw(
      `${result.path}: figures only; ${result.hidden.length} left out as they would cover fewer than three people.`,
      true,
    )
    .write()
  if (inputs.dryRun) {
    core.info('dry run: nothing written')
    return
  }
  const { pull } = await proposeFile(github, {
    branch: retroBranch(group, inputs.date),
    base: repo.defaultBranch,
    path: result.path,
    text: result.markdown,
    message: `Retrospective for ${group.slug} (${inputs.date})`,
    title: `Retrospective: ${group.slug}, ${inputs.date}`,
    body: [
      `This pull request proposes the coaching network's retrospective, \`${result.path}\`: conversations held, write-ups filed and next steps followed through, as figures over at least three people. No pair is shown on its own and nobody's words are quoted.`,
      '',
      result.hidden.length
        ? `Left out: ${result.hidden.join('; ')}.`
        : 'Nothing had to be left out.',
      '',
    ].join('\n'),
  })
  core.setOutput('pull-request', String(pull.number))
  core.info(`proposed ${result.path} in pull request #${pull.number}`)
}

function groupOfEvent(context: RunnerContext): string {
  const issue = context.event['issue'] as { labels?: Array<{ name?: string }> } | undefined
  const label = issue?.labels?.find((l) => l.name?.startsWith('group:'))?.name
  return label ? label.slice('group:'.length) : ''
}
