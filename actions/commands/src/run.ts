import { UNLIMITED, type RunBudget } from '../../lib/budget/budget.js'
import type { Group } from '../../lib/group-file/schema.js'
import { statusOf, type Repository } from '../../lib/github/repository.js'
import type { SessionTemplates } from '../../lib/sessions/issue.js'
import type { RepositoryRef } from '../../lib/sessions/links.js'
import type { FrontMatterDocument } from '../../lib/templates/front-matter.js'
import { proposeChanges } from './group-files.js'
import type { GroupChangeRequest } from './plan-group-files.js'
import { reconcileIssue } from './reconcile.js'
import { sweep } from './sweep.js'

export interface Logger {
  info(message: string): void
  warning(message: string): void
}

export interface CommandsInputs {
  now: Date
  dryRun: boolean
  /** The issue to reconcile: the commented one, or the `issue` input of a manual run. */
  issue?: number
  /** The comment whose event started the run. */
  trigger?: { commentId: number; action: 'created' | 'edited' | 'deleted' }
  /** Set in the workflow's second job: decisions to turn into pull requests. */
  groupChanges: GroupChangeRequest[]
}

export interface CommandsDeps {
  github: Repository
  repo: Pick<RepositoryRef, 'serverUrl' | 'repository'>
  groups: Group[]
  /** The text of `groups/<slug>/group.yml` in the checkout (the default branch). */
  groupFile(slug: string): Promise<string | undefined>
  /**
   * The group's published calendar in the checkout, and the session templates its titles come
   * from; a pull request that changes the group file refreshes the calendar with it.
   */
  calendar?: {
    file(slug: string): Promise<string | undefined>
    templates(): Promise<SessionTemplates>
  }
  /** templates/check-in.md, the pair issue (only the scheduled run needs it). */
  checkInTemplate?: FrontMatterDocument
  /** .github/ISSUE_TEMPLATE/check-in.yml, to read which group a check-in names. */
  checkInForm?: string
  /** .github/ISSUE_TEMPLATE/coaching-sign-up.yml, to read a coaching network's sign-ups. */
  signUpForm?: string
  /** Whether the repository is private, when the event payload already says so. */
  repositoryPrivate?: boolean
  /** The default branch, when the event payload already says so. */
  defaultBranch?: string
  log: Logger
  /** The hour's requests and the job's time left (see lib/budget); unlimited when not given. */
  budget?: RunBudget
}

export type Mode = 'issue' | 'sweep' | 'group-files'

export interface ReportRow {
  group: string
  what: string
  /** `#12`, a branch, a week. Numbers and slugs only: never a body or a member's name. */
  where: string
  result: string
}

export interface CommandsReport {
  mode: Mode
  rows: ReportRow[]
  /** Decisions for the workflow's pull-request job (output `group-changes`). */
  groupChanges: GroupChangeRequest[]
  pullRequests: number[]
  pairIssues: number[]
  errors: string[]
  /** Work that was due but did not fit this run's budget: the next run takes it up. */
  waiting: WaitingWork[]
}

export interface WaitingWork {
  group: string
  what: string
  /** When it became due (ISO); the earliest goes first next time too. */
  dueAt: string
  /** Why it waits: requests left this hour, or time left before the job's timeout. */
  reason: string
}

/** One run: reconcile the commented issue, sweep on schedule, or propose group-file changes. */
export async function runCommands(
  inputs: CommandsInputs,
  deps: CommandsDeps,
): Promise<CommandsReport> {
  const mode: Mode =
    inputs.groupChanges.length > 0 ? 'group-files' : inputs.issue !== undefined ? 'issue' : 'sweep'
  const context = new RunContext(inputs, deps, mode)
  if (mode === 'group-files') await proposeChanges(inputs.groupChanges, context)
  else if (mode === 'issue') await reconcileIssue(inputs.issue as number, inputs.trigger, context)
  else await sweep(context)
  return context.report
}

/** What every part of a run shares: inputs, dependencies, the report and the write guards. */
export class RunContext {
  readonly report: CommandsReport
  private privacy?: boolean
  private branch?: string

  constructor(
    readonly inputs: CommandsInputs,
    readonly deps: CommandsDeps,
    mode: Mode,
  ) {
    this.report = {
      mode,
      rows: [],
      groupChanges: [],
      pullRequests: [],
      pairIssues: [],
      errors: [],
      waiting: [],
    }
    if (deps.repositoryPrivate !== undefined) this.privacy = deps.repositoryPrivate
    if (deps.defaultBranch !== undefined) this.branch = deps.defaultBranch
  }

  /** The branch pull requests go to (a schedule event does not say; then it is asked once). */
  async defaultBranch(): Promise<string> {
    this.branch ??= (await this.github.get()).defaultBranch
    return this.branch
  }

  get github(): Repository {
    return this.deps.github
  }

  get budget(): RunBudget {
    return this.deps.budget ?? UNLIMITED
  }

  /** Records work left for the next run; logged with group and kind only. */
  wait(work: WaitingWork): void {
    this.report.waiting.push(work)
    this.deps.log.info(`${work.group}: ${work.what} waits for the next run (${work.reason})`)
  }

  get now(): Date {
    return this.inputs.now
  }

  get dryRun(): boolean {
    return this.inputs.dryRun
  }

  row(group: string, what: string, where: string, result: string): void {
    this.report.rows.push({ group, what, where, result })
    this.deps.log.info(`${group}: ${what}${where ? ` ${where}` : ''}: ${result}`)
  }

  fail(group: string, error: unknown): void {
    const message = describeError(error)
    this.report.errors.push(`${group}: ${message}`)
    this.deps.log.warning(`group ${group}: ${message}`)
  }

  /** Writes for a confidential group stop here when the repository is public (as in sessions). */
  async mayWrite(group: Group): Promise<void> {
    if (group.public) return
    this.privacy ??= (await this.github.get()).private
    if (!this.privacy) {
      throw new Error(
        `refusing to post for group "${group.slug}" in a public repository: make the repository private, ` +
          'or set "public: true" in its group.yml if the group really wants its sessions public',
      )
    }
  }

  /**
   * Runs a write, or logs it in a dry run. A 404 means the thing is gone (a concurrent run deleted
   * a duplicate, a member deleted a comment): there is nothing left to write to.
   */
  async write(
    description: string,
    action: () => Promise<unknown>,
  ): Promise<'done' | 'gone' | 'dry-run'> {
    if (this.dryRun) {
      this.deps.log.info(`dry run: would ${description}`)
      return 'dry-run'
    }
    try {
      await action()
      return 'done'
    } catch (e) {
      if (statusOf(e) === 404) return 'gone'
      throw e
    }
  }
}

/**
 * An error as the summary may show it. GitHub's answers can quote what was sent (a login in a
 * rejected assignee list), so for those only the status and GitHub's headline are kept.
 */
function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const status = statusOf(error)
  if (status === undefined) return message
  const headline = message.split(/[:{\n]/)[0]?.trim()
  return `GitHub answered ${status}${headline ? ` (${headline})` : ''}`
}
