import {
  bodyObject,
  checkLength,
  created,
  fail,
  hasPermission,
  intParam,
  invalidRequest,
  noContent,
  notFound,
  ok,
  optionalString,
  paginate,
  requirePermission,
  validationFailed,
  type HandlerResult,
  type RouteContext,
} from '../http.js'
import { diffTrees, pullDiff } from '../render.js'
import type { Route } from '../router.js'
import { BOT_LOGIN, LIMITS } from '../state.js'
import type { ApiDiffEntry, Schemas, StoredIssue, StoredPull } from '../types.js'
import { insertIssue, setIssueState } from './issues.js'

const P = '/repos/:owner/:repo'
const DOCS = 'https://docs.github.com/rest/pulls/pulls'

function findPull(ctx: RouteContext): { pull: StoredPull; issue: StoredIssue } {
  const number = intParam(ctx.params.pull_number)
  const pull = ctx.store.pull(number)
  const issue = ctx.store.issue(number)
  if (!pull || !issue || issue.deleted) throw notFound(`${DOCS}#get-a-pull-request`)
  return { pull, issue }
}

/** `branch` or `owner:branch` (only this repository's owner: forks are not emulated). */
function branchName(ctx: RouteContext, value: string): string | undefined {
  const colon = value.indexOf(':')
  if (colon === -1) return value
  const owner = value.slice(0, colon)
  if (owner.toLowerCase() !== ctx.store.repo.owner.toLowerCase()) return undefined
  return value.slice(colon + 1)
}

function createPull(ctx: RouteContext): HandlerResult {
  // The repository setting "Allow GitHub Actions to create and approve pull requests" binds the
  // GITHUB_TOKEN only: a personal or app token is not GitHub Actions.
  if (ctx.actor.user.login === BOT_LOGIN && !ctx.store.actionsCanCreatePullRequests) {
    throw fail(403, 'GitHub Actions is not permitted to create or approve pull requests.', DOCS)
  }
  const body = bodyObject(ctx)
  const title = optionalString(body, 'title', DOCS)
  const head = optionalString(body, 'head', DOCS)
  const base = optionalString(body, 'base', DOCS)
  if (head === undefined) throw invalidRequest(`"head" wasn't supplied.`, DOCS)
  if (base === undefined) throw invalidRequest(`"base" wasn't supplied.`, DOCS)
  if (title === undefined) throw invalidRequest(`"title" wasn't supplied.`, DOCS)
  checkLength('PullRequest', 'title', title, LIMITS.issueTitle, DOCS)
  checkLength('PullRequest', 'body', body.body as string | null | undefined, LIMITS.body, DOCS)
  const store = ctx.store
  const headBranch = branchName(ctx, head)
  const headSha = headBranch === undefined ? undefined : store.branchSha(headBranch)
  if (headBranch === undefined || headSha === undefined) {
    throw validationFailed([{ resource: 'PullRequest', field: 'head', code: 'invalid' }], DOCS)
  }
  const baseSha = store.branchSha(base)
  if (baseSha === undefined) {
    throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }], DOCS)
  }
  const duplicate = store.data.pulls.find(
    (p) => p.head === headBranch && p.base === base && store.issue(p.number)?.state === 'open',
  )
  if (duplicate) {
    throw validationFailed(
      [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: `A pull request already exists for ${store.repo.owner}:${headBranch}.`,
        },
      ],
      DOCS,
    )
  }
  if (store.isAncestor(headSha, baseSha)) {
    throw validationFailed(
      [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: `No commits between ${base} and ${headBranch}`,
        },
      ],
      DOCS,
    )
  }
  const issue = insertIssue(ctx, {
    title,
    body: (body.body as string | null | undefined) ?? null,
    labels: [],
    assignees: [],
    milestone: null,
    pull_request: true,
  })
  const pull: StoredPull = {
    number: issue.number,
    id: store.nextId(),
    head: headBranch,
    base,
    head_sha: headSha,
    base_sha: baseSha,
    draft: body.draft === true,
    maintainer_can_modify: body.maintainer_can_modify !== false,
    merged_at: null,
    merged_by: null,
    merge_commit_sha: null,
  }
  store.data.pulls.push(pull)
  return created(ctx.render.pull(pull))
}

function listPulls(ctx: RouteContext): HandlerResult {
  const q = ctx.query
  const state = q.state ?? 'open'
  const head = q.head === undefined ? undefined : branchName(ctx, q.head)
  const store = ctx.store
  const rows = store.data.pulls
    .map((pull) => ({ pull, issue: store.issue(pull.number) as StoredIssue }))
    .filter(({ pull, issue }) => {
      if (issue.deleted) return false
      if (state !== 'all' && issue.state !== state) return false
      if (q.head !== undefined && pull.head !== head) return false
      if (q.base !== undefined && pull.base !== q.base) return false
      return true
    })
  const sort = q.sort ?? 'created'
  const direction = (q.direction ?? (sort === 'long-running' ? 'asc' : 'desc')) === 'asc' ? 1 : -1
  const key = ({ issue }: { issue: StoredIssue }): number =>
    sort === 'updated'
      ? Date.parse(issue.updated_at)
      : sort === 'popularity'
        ? store.commentsOf(issue.number).length
        : Date.parse(issue.created_at)
  rows.sort((a, b) => direction * (key(a) - key(b) || a.pull.number - b.pull.number))
  return paginate(ctx, rows, ({ pull }) => ctx.render.pullSimple(pull))
}

function getPull(ctx: RouteContext): HandlerResult {
  return ok(ctx.render.pull(findPull(ctx).pull))
}

function updatePull(ctx: RouteContext): HandlerResult {
  const { pull, issue } = findPull(ctx)
  const isAuthor = issue.user.toLowerCase() === ctx.actor.user.login.toLowerCase()
  if (!isAuthor && !hasPermission(ctx.actor, 'write')) {
    throw fail(403, 'Must have push access to repository', DOCS)
  }
  const body = bodyObject(ctx)
  const title = optionalString(body, 'title', DOCS)
  checkLength('PullRequest', 'title', title, LIMITS.issueTitle, DOCS)
  checkLength('PullRequest', 'body', body.body as string | null | undefined, LIMITS.body, DOCS)
  const state = body.state
  if (state !== undefined && state !== 'open' && state !== 'closed') {
    throw validationFailed([{ resource: 'PullRequest', field: 'state', code: 'invalid' }], DOCS)
  }
  const base = optionalString(body, 'base', DOCS)
  if (base !== undefined && !ctx.store.branchSha(base)) {
    throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }], DOCS)
  }
  if (state === 'open' && issue.state === 'closed') {
    if (pull.merged_at !== null) {
      throw validationFailed(
        [
          {
            resource: 'PullRequest',
            code: 'custom',
            message: 'Cannot reopen a merged pull request',
          },
        ],
        DOCS,
      )
    }
    if (!ctx.store.branchSha(pull.head)) {
      throw validationFailed(
        [
          {
            resource: 'PullRequest',
            code: 'custom',
            message: 'state cannot be changed. The head branch was deleted.',
          },
        ],
        DOCS,
      )
    }
  }
  if (title !== undefined) issue.title = title
  if (body.body !== undefined) issue.body = body.body as string | null
  if (base !== undefined) pull.base = base
  if (typeof body.maintainer_can_modify === 'boolean') {
    pull.maintainer_can_modify = body.maintainer_can_modify
  }
  if (state !== undefined) setIssueState(ctx, issue, state, undefined)
  issue.updated_at = ctx.clock.iso()
  return ok(ctx.render.pull(pull))
}

function listFiles(ctx: RouteContext): HandlerResult {
  const { pull } = findPull(ctx)
  const api = ctx.render.repoApi
  const headSha = ctx.render.headSha(pull)
  const files: ApiDiffEntry[] = pullDiff(ctx.store, pull).files.map((f) => ({
    sha: f.sha,
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.additions + f.deletions,
    blob_url: `${ctx.render.repoHtml}/blob/${headSha}/${f.filename}`,
    raw_url: `${ctx.render.repoHtml}/raw/${headSha}/${f.filename}`,
    contents_url: `${api}/contents/${f.filename}?ref=${headSha}`,
    patch: f.patch,
  }))
  return paginate(ctx, files)
}

function mergePull(ctx: RouteContext): HandlerResult {
  requirePermission(ctx, 'write')
  const { pull, issue } = findPull(ctx)
  if (issue.state !== 'open') throw fail(405, 'Pull Request is not mergeable', DOCS)
  const body = bodyObject(ctx)
  const store = ctx.store
  const headSha = store.branchSha(pull.head) ?? pull.head_sha
  const baseSha = store.branchSha(pull.base)
  if (!baseSha) throw fail(405, 'Base branch was deleted', DOCS)
  const expected = optionalString(body, 'sha', DOCS)
  if (expected !== undefined && expected !== headSha) {
    throw fail(409, 'Head branch was modified. Review and try the merge again.', DOCS)
  }
  const mergeBase = store.mergeBase(baseSha, headSha) ?? baseSha
  const changes: Record<string, Buffer | null> = {}
  for (const change of diffTrees(store, mergeBase, headSha)) {
    changes[change.filename] =
      change.sha === null ? null : (store.blob(change.sha) ?? Buffer.alloc(0))
  }
  const now = ctx.clock.iso()
  const login = ctx.actor.user.login
  const title =
    optionalString(body, 'commit_title', DOCS) ??
    `Merge pull request #${pull.number} from ${store.repo.owner}/${pull.head}`
  const message = optionalString(body, 'commit_message', DOCS) ?? issue.title
  const commit = store.commitChanges({
    branch: pull.base,
    changes,
    message: `${title}\n\n${message}`,
    authorLogin: login,
    date: now,
  })
  commit.parents = [baseSha, headSha]
  pull.merged_at = now
  pull.merged_by = login
  pull.merge_commit_sha = commit.sha
  setIssueState(ctx, issue, 'closed', undefined)
  pull.head_sha = headSha
  issue.updated_at = now
  const result: Schemas['pull-request-merge-result'] = {
    sha: commit.sha,
    merged: true,
    message: 'Pull Request successfully merged',
  }
  return ok(result)
}

function checkMerged(ctx: RouteContext): HandlerResult {
  const { pull } = findPull(ctx)
  if (pull.merged_at === null) throw notFound(DOCS)
  return noContent()
}

export const pullRoutes: Route[] = [
  { method: 'GET', pattern: `${P}/pulls`, handler: listPulls },
  { method: 'POST', pattern: `${P}/pulls`, handler: createPull },
  { method: 'GET', pattern: `${P}/pulls/:pull_number`, handler: getPull },
  { method: 'PATCH', pattern: `${P}/pulls/:pull_number`, handler: updatePull },
  { method: 'GET', pattern: `${P}/pulls/:pull_number/files`, handler: listFiles },
  { method: 'GET', pattern: `${P}/pulls/:pull_number/merge`, handler: checkMerged },
  { method: 'PUT', pattern: `${P}/pulls/:pull_number/merge`, handler: mergePull },
]
