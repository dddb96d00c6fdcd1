import type { FormTemplates } from '../../lib/forms/detect.js'
import type { Group } from '../../lib/group-file/schema.js'
import {
  branchSha,
  createBranch,
  getFile,
  resetBranch,
  writeFile,
} from '../../lib/github/contents.js'
import { findOpenPull, isPullRequestCreationForbidden, openPull } from '../../lib/github/pulls.js'
import type { Repository } from '../../lib/github/repository.js'
import { compileBinder, type BinderCounts } from '../../lib/binder/compile.js'
import {
  authorize,
  binderBranch,
  binderHtmlPath,
  binderPath,
  type BinderRequest,
} from '../../lib/binder/access.js'
import { binderHtml } from '../../lib/binder/html.js'
import { deliveryRefusal, pullRequestText, type Delivery } from './plan.js'

export interface BinderInputs extends BinderRequest {
  deliver: Delivery
  now: Date
}

export interface BinderDeps {
  github: Repository
  groups: readonly Group[]
  forms: FormTemplates
  /** templates/binder.md */
  template: string
  /** From the event payload when it says; otherwise asked of the API. */
  repository?: { private?: boolean; defaultBranch?: string }
  log: { info(message: string): void }
}

export interface BinderReport {
  /** Set when the request was refused or a write failed; nothing else is reported then. */
  failure?: string
  group?: string
  path?: string
  counts?: BinderCounts
  /** What happened to the file and the pull request, e.g. "opened #12", "updated in #12". */
  result?: string
  pullRequest?: number
  /** The binder itself, only when delivered privately (job summary and artifact). */
  text?: string
  /** The print-friendly HTML of the binder, only when delivered privately. */
  html?: string
}

/** Checks who asked, reads the group's issues once, compiles, then delivers. */
export async function compileAndDeliver(
  inputs: BinderInputs,
  deps: BinderDeps,
): Promise<BinderReport> {
  const access = authorize(deps.groups, inputs)
  if (!access.ok) return { failure: access.reason }
  const { group, member } = access
  const refusal = deliveryRefusal(inputs.deliver, member, inputs.actor)
  if (refusal) return { failure: refusal }
  const report: BinderReport = { group: group.slug, path: binderPath(group, member) }
  try {
    const repository = await repositoryFacts(deps)
    if (!repository.private && !group.public) {
      throw new Error(
        `refusing to publish a binder of group "${group.slug}" in a public repository: make the repository private`,
      )
    }
    const issues = await deps.github.listIssues({ labels: [`group:${group.slug}`], state: 'all' })
    const binder = compileBinder({
      group,
      member,
      issues,
      forms: deps.forms,
      template: deps.template,
      now: inputs.now,
    })
    report.counts = binder.counts
    deps.log.info(`compiled a binder from ${issues.length} issues of group ${group.slug}`)
    const html = binderHtml(binder.text, `Binder: @${member} in ${group.name}`)
    if (inputs.deliver === 'private') {
      report.text = binder.text
      report.html = html
      report.result = 'privately: this job summary and the run artifact, nothing committed'
      return report
    }
    Object.assign(
      report,
      await proposeFile(deps.github, repository.defaultBranch, {
        group,
        member,
        actor: inputs.actor,
        text: binder.text,
        html,
      }),
    )
  } catch (e) {
    report.failure = e instanceof Error ? e.message : String(e)
  }
  return report
}

async function repositoryFacts(deps: BinderDeps) {
  const known = deps.repository
  if (known?.private !== undefined && known.defaultBranch) {
    return { private: known.private, defaultBranch: known.defaultBranch }
  }
  const info = await deps.github.get()
  return { private: info.private, defaultBranch: info.defaultBranch }
}

/**
 * The binder file on its own branch, proposed in a pull request. An open pull request is brought
 * up to date; a branch left from a closed one starts again from the default branch; a binder the
 * default branch already holds word for word needs no pull request at all.
 */
async function proposeFile(
  github: Repository,
  defaultBranch: string,
  binder: { group: Group; member: string; actor: string; text: string; html: string },
): Promise<Pick<BinderReport, 'result' | 'pullRequest'>> {
  const { group, member, text } = binder
  const path = binderPath(group, member)
  const htmlPath = binderHtmlPath(group, member)
  const branch = binderBranch(group, member)
  const pr = pullRequestText(group, member, binder.actor)
  const open = await findOpenPull(github, branch)
  if (
    !open &&
    (await getFile(github, path, defaultBranch))?.text === text &&
    (await getFile(github, htmlPath, defaultBranch))?.text === binder.html
  ) {
    return { result: `already up to date on ${defaultBranch}` }
  }
  if (!open) {
    const base = await branchSha(github, defaultBranch)
    if (!base) throw new Error(`the default branch ${defaultBranch} has no commit`)
    if ((await branchSha(github, branch)) !== undefined) await resetBranch(github, branch, base)
    else await createBranch(github, branch, base)
  }
  const current = await getFile(github, path, branch)
  const written = await writeFile(github, { path, text, message: pr.message, branch }, current)
  const currentHtml = await getFile(github, htmlPath, branch)
  const writtenHtml = await writeFile(
    github,
    { path: htmlPath, text: binder.html, message: `${pr.message}: print-friendly copy`, branch },
    currentHtml,
  )
  if (open) {
    return {
      result:
        written === 'unchanged' && writtenHtml === 'unchanged'
          ? `unchanged in #${open.number}`
          : `updated in #${open.number}`,
      pullRequest: open.number,
    }
  }
  try {
    const pull = await openPull(github, {
      head: branch,
      base: defaultBranch,
      title: pr.title,
      body: pr.body,
    })
    return { result: `proposed in #${pull.number}`, pullRequest: pull.number }
  } catch (e) {
    if (!isPullRequestCreationForbidden(e)) throw e
    throw new Error(
      `GitHub refused to let this workflow open a pull request. Allow it under Settings → Actions → General → ` +
        `Workflow permissions ("Allow GitHub Actions to create and approve pull requests"), or open one from ` +
        `the branch ${branch} yourself (the binder is there), or run again with deliver: private.`,
    )
  }
}
