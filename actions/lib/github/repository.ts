import { BOT_LOGIN, type UserRef } from '../markers/ownership.js'
import type { GitHubClient } from './client.js'

export { BOT_LOGIN, isOwnBot, type UserRef } from '../markers/ownership.js'

/** The fields of an issue our actions read; everything else GitHub returns is ignored. */
export interface IssueView {
  number: number
  title: string
  state: 'open' | 'closed'
  stateReason: string | null
  body: string
  author: UserRef
  labels: LabelView[]
  assignees: string[]
  milestone?: { number: number; title: string }
  comments: number
  plusOnes: number
  createdAt: string
  updatedAt: string
  closedAt: string | null
  isPullRequest: boolean
  htmlUrl: string
}

export interface LabelView {
  name: string
  color: string
  description: string | null
}

export interface CommentView {
  id: number
  body: string
  author: UserRef
  createdAt: string
  updatedAt: string
  plusOnes: number
  htmlUrl: string
}

export interface ReactionView {
  id: number
  content: string
  user: UserRef
}

export interface NewIssue {
  title: string
  body: string
  labels: string[]
  assignees?: string[]
  milestone?: number
}

// A create is never retried blindly: the caller looks its marker up first (see createOnce).
const NO_RETRY = { request: { retries: 0 } } as const

type RawIssue = Awaited<ReturnType<GitHubClient['rest']['issues']['get']>>['data']
type RawComment = Awaited<ReturnType<GitHubClient['rest']['issues']['getComment']>>['data']

/**
 * The thin layer between our actions and GitHub's REST API: one method per call we make, typed
 * views of what we read. No business logic lives here.
 */
export class Repository {
  private identity?: Promise<string>

  constructor(
    readonly client: GitHubClient,
    readonly owner: string,
    readonly repo: string,
  ) {}

  /**
   * The login the token acts as: `github-actions[bot]` for GITHUB_TOKEN, `<app>[bot]` for a GitHub
   * App installation token, the user for a personal token. GraphQL's `viewer` answers for all
   * three (REST `GET /user` is 403 for installation tokens). Asked once per run, and only when
   * something that carries a marker was written by someone other than `github-actions[bot]`.
   */
  whoAmI(): Promise<string> {
    this.identity ??= this.client
      .graphql<{ viewer: { login: string } }>('query { viewer { login } }')
      .then(
        (data) => data.viewer.login,
        (e: unknown) => {
          // Guessing would count the bot's own markers as someone else's and post everything again.
          throw new Error(
            `could not learn which account github-token acts as (GitHub's GraphQL API answered: ${e instanceof Error ? e.message : String(e)}); ` +
              'the issues it wrote cannot be told from pasted copies until it can',
          )
        },
      )
    return this.identity
  }

  /**
   * The token's own login when `raws` hold something it may have written (a marker by an author
   * other than github-actions[bot]), so views can mark those authors `self`; else undefined and
   * no request.
   */
  async selfAmong(
    raws: ReadonlyArray<{ user?: { login: string } | null; body?: string | null }>,
  ): Promise<string | undefined> {
    const matters = raws.some(
      (r) => r.user && r.user.login !== BOT_LOGIN && (r.body ?? '').includes(MARKER_START),
    )
    return matters ? (await this.whoAmI()).toLowerCase() : undefined
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`
  }

  async get() {
    const { data } = await this.client.rest.repos.get({ owner: this.owner, repo: this.repo })
    return {
      private: data.private,
      visibility: data.visibility,
      defaultBranch: data.default_branch,
    }
  }

  async listIssues(filter: {
    labels: string[]
    state: 'open' | 'closed' | 'all'
    since?: string
  }): Promise<IssueView[]> {
    const raw = await this.client.paginate(this.client.rest.issues.listForRepo, {
      owner: this.owner,
      repo: this.repo,
      labels: filter.labels.join(','),
      state: filter.state,
      ...(filter.since ? { since: filter.since } : {}),
      per_page: 100,
    })
    const self = await this.selfAmong(raw)
    return raw
      .map((issue) => issueView(issue as RawIssue, self))
      .filter((issue) => !issue.isPullRequest)
  }

  async getIssue(number: number): Promise<IssueView> {
    const { data } = await this.client.rest.issues.get({
      owner: this.owner,
      repo: this.repo,
      issue_number: number,
    })
    return issueView(data, await this.selfAmong([data]))
  }

  async createIssue(issue: NewIssue): Promise<IssueView> {
    const { data } = await this.client.rest.issues.create({
      owner: this.owner,
      repo: this.repo,
      ...issue,
      ...NO_RETRY,
    })
    return issueView(data, await this.selfAmong([data]))
  }

  async updateIssue(
    number: number,
    patch: {
      title?: string
      body?: string
      state?: 'open' | 'closed'
      state_reason?: 'completed' | 'not_planned' | 'reopened'
      labels?: string[]
      assignees?: string[]
    },
  ): Promise<IssueView> {
    const { data } = await this.client.rest.issues.update({
      owner: this.owner,
      repo: this.repo,
      issue_number: number,
      ...patch,
    })
    return issueView(data, await this.selfAmong([data]))
  }

  async addLabels(number: number, labels: string[]): Promise<void> {
    await this.client.rest.issues.addLabels({
      owner: this.owner,
      repo: this.repo,
      issue_number: number,
      labels,
    })
  }

  /** Removes one label from an issue; a label that is already gone is fine. */
  async removeLabel(number: number, name: string): Promise<void> {
    try {
      await this.client.rest.issues.removeLabel({
        owner: this.owner,
        repo: this.repo,
        issue_number: number,
        name,
      })
    } catch (e) {
      if (statusOf(e) !== 404) throw e
    }
  }

  /** The issue's comments, oldest first; with `since`, only those created or edited since then. */
  async listComments(number: number, since?: string): Promise<CommentView[]> {
    const raw = await this.client.paginate(this.client.rest.issues.listComments, {
      owner: this.owner,
      repo: this.repo,
      issue_number: number,
      ...(since ? { since } : {}),
      per_page: 100,
    })
    const self = await this.selfAmong(raw)
    return raw.map((c) => commentView(c as RawComment, self))
  }

  async createComment(number: number, body: string): Promise<CommentView> {
    const { data } = await this.client.rest.issues.createComment({
      owner: this.owner,
      repo: this.repo,
      issue_number: number,
      body,
      ...NO_RETRY,
    })
    return commentView(data, await this.selfAmong([data]))
  }

  async updateComment(id: number, body: string): Promise<void> {
    await this.client.rest.issues.updateComment({
      owner: this.owner,
      repo: this.repo,
      comment_id: id,
      body,
    })
  }

  async deleteComment(id: number): Promise<void> {
    await this.client.rest.issues.deleteComment({
      owner: this.owner,
      repo: this.repo,
      comment_id: id,
    })
  }

  async listIssueReactions(number: number): Promise<ReactionView[]> {
    const raw = await this.client.paginate(this.client.rest.reactions.listForIssue, {
      owner: this.owner,
      repo: this.repo,
      issue_number: number,
      per_page: 100,
    })
    return raw.map(reactionView)
  }

  async listCommentReactions(id: number): Promise<ReactionView[]> {
    const raw = await this.client.paginate(this.client.rest.reactions.listForIssueComment, {
      owner: this.owner,
      repo: this.repo,
      comment_id: id,
      per_page: 100,
    })
    return raw.map(reactionView)
  }

  async reactToComment(id: number, content: '+1' | 'eyes' | 'confused'): Promise<void> {
    await this.client.rest.reactions.createForIssueComment({
      owner: this.owner,
      repo: this.repo,
      comment_id: id,
      content,
    })
  }

  async listLabels(): Promise<LabelView[]> {
    const raw = await this.client.paginate(this.client.rest.issues.listLabelsForRepo, {
      owner: this.owner,
      repo: this.repo,
      per_page: 100,
    })
    return raw.map((l) => ({ name: l.name, color: l.color, description: l.description ?? null }))
  }

  /** Creates a label; one that already exists (someone made it, or a concurrent run) is left alone. */
  async createLabel(label: LabelView): Promise<'created' | 'exists'> {
    try {
      await this.client.rest.issues.createLabel({
        owner: this.owner,
        repo: this.repo,
        name: label.name,
        color: label.color,
        ...(label.description ? { description: label.description } : {}),
      })
      return 'created'
    } catch (e) {
      if (isAlreadyExists(e)) return 'exists'
      throw e
    }
  }

  async listMilestones(): Promise<Array<{ number: number; title: string; state: string }>> {
    const raw = await this.client.paginate(this.client.rest.issues.listMilestones, {
      owner: this.owner,
      repo: this.repo,
      state: 'all',
      per_page: 100,
    })
    return raw.map((m) => ({ number: m.number, title: m.title, state: m.state }))
  }

  async createMilestone(milestone: {
    title: string
    description?: string
    due_on?: string
  }): Promise<number> {
    const { data } = await this.client.rest.issues.createMilestone({
      owner: this.owner,
      repo: this.repo,
      ...milestone,
      ...NO_RETRY,
    })
    return data.number
  }

  async collaboratorPermission(
    login: string,
  ): Promise<'admin' | 'write' | 'read' | 'none' | 'unknown-user'> {
    try {
      const { data } = await this.client.rest.repos.getCollaboratorPermissionLevel({
        owner: this.owner,
        repo: this.repo,
        username: login,
      })
      return data.permission as 'admin' | 'write' | 'read' | 'none'
    } catch (e) {
      if (statusOf(e) === 404) return 'unknown-user'
      throw e
    }
  }
}

export function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error
    ? Number((error as { status: unknown }).status)
    : undefined
}

export function isAlreadyExists(error: unknown): boolean {
  if (statusOf(error) !== 422) return false
  const errors = (error as { response?: { data?: { errors?: Array<{ code?: string }> } } }).response
    ?.data?.errors
  return Array.isArray(errors) && errors.some((e) => e.code === 'already_exists')
}

const MARKER_START = '<!-- skill-share:'

/** A user as our views carry it; `self` when it is the login the token acts as (lower case). */
export function userRef(
  raw: { login: string; type?: string } | null | undefined,
  self?: string,
): UserRef {
  const login = raw?.login ?? 'ghost'
  return {
    login,
    type: raw?.type ?? 'User',
    ...(self !== undefined && login.toLowerCase() === self ? { self: true } : {}),
  }
}

function issueView(raw: RawIssue, self?: string): IssueView {
  return {
    number: raw.number,
    title: raw.title,
    state: raw.state === 'closed' ? 'closed' : 'open',
    stateReason: raw.state_reason ?? null,
    body: raw.body ?? '',
    author: userRef(raw.user, self),
    labels: raw.labels.map((l) =>
      typeof l === 'string'
        ? { name: l, color: '', description: null }
        : { name: l.name ?? '', color: l.color ?? '', description: l.description ?? null },
    ),
    assignees: (raw.assignees ?? []).map((a) => a.login),
    ...(raw.milestone
      ? { milestone: { number: raw.milestone.number, title: raw.milestone.title } }
      : {}),
    comments: raw.comments,
    plusOnes: raw.reactions?.['+1'] ?? 0,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    closedAt: raw.closed_at ?? null,
    isPullRequest: Boolean(raw.pull_request),
    htmlUrl: raw.html_url,
  }
}

function commentView(raw: RawComment, self?: string): CommentView {
  return {
    id: raw.id,
    body: raw.body ?? '',
    author: userRef(raw.user, self),
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    plusOnes: raw.reactions?.['+1'] ?? 0,
    htmlUrl: raw.html_url,
  }
}

function reactionView(raw: {
  id: number
  content: string
  user: { login: string; type?: string } | null
}): ReactionView {
  return { id: raw.id, content: raw.content, user: userRef(raw.user) }
}
