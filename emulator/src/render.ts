import { BOT_LOGIN, type Store } from './state.js'
import type {
  ApiBranch,
  ApiCollaborator,
  ApiCommit,
  ApiGitRef,
  ApiIssue,
  ApiIssueComment,
  ApiLabel,
  ApiMilestone,
  ApiPublicUser,
  ApiPullRequest,
  ApiPullRequestSimple,
  ApiReaction,
  ApiReactionRollup,
  ApiRepository,
  ApiUser,
  Permission,
  Schemas,
  StoredComment,
  StoredCommit,
  StoredIssue,
  StoredLabel,
  StoredMilestone,
  StoredPull,
  StoredReaction,
  StoredUser,
} from './types.js'
import { nodeId, sha1 } from './util.js'

export const WEB_URL = 'https://github.com'

/** Turns stored records into GitHub's JSON shapes. API URLs point at the emulator. */
export class Renderer {
  constructor(
    readonly store: Store,
    readonly apiUrl: string,
  ) {}

  get repoApi(): string {
    const { owner, name } = this.store.repo
    return `${this.apiUrl}/repos/${owner}/${name}`
  }

  get repoHtml(): string {
    const { owner, name } = this.store.repo
    return `${WEB_URL}/${owner}/${name}`
  }

  // -------------------------------------------------------------------------------------------
  // Users

  private userRecord(login: string): StoredUser {
    return (
      this.store.user(login) ?? {
        login,
        id: parseInt(sha1(login).slice(0, 7), 16),
        type: 'User',
        role: 'none',
        created_at: this.store.repo.created_at,
      }
    )
  }

  user(login: string): ApiUser {
    const u = this.userRecord(login)
    const api = `${this.apiUrl}/users/${encodeURIComponent(u.login)}`
    const isBot = u.type === 'Bot'
    const user: ApiUser = {
      login: u.login,
      id: u.id,
      node_id: nodeId(isBot ? 'BOT' : u.type === 'Organization' ? 'O' : 'U', u.id),
      avatar_url:
        u.login === BOT_LOGIN
          ? 'https://avatars.githubusercontent.com/in/15368?v=4'
          : `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: isBot
        ? `${WEB_URL}/apps/${u.login.replace(/\[bot\]$/, '')}`
        : `${WEB_URL}/${u.login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: u.type,
      user_view_type: 'public',
      site_admin: false,
    }
    return user
  }

  publicUser(login: string): ApiPublicUser {
    const u = this.userRecord(login)
    const { user_view_type: _view, ...simple } = this.user(login)
    return {
      ...simple,
      name: u.name ?? null,
      company: null,
      blog: '',
      location: null,
      email: u.email ?? null,
      hireable: null,
      bio: null,
      twitter_username: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: u.created_at,
      updated_at: u.created_at,
    }
  }

  collaborator(login: string, permission: Permission): ApiCollaborator {
    return {
      ...this.user(login),
      permissions: permissionFlags(permission),
      role_name: permission,
    }
  }

  // -------------------------------------------------------------------------------------------
  // Repository

  repository(permission?: Permission): ApiRepository & Schemas['repository'] {
    const r = this.store.repo
    const api = this.repoApi
    const html = this.repoHtml
    const openIssues = this.store.data.issues.filter((i) => i.state === 'open' && !i.deleted).length
    const repo: ApiRepository & Schemas['repository'] = {
      id: r.id,
      node_id: nodeId('R', r.id),
      name: r.name,
      full_name: `${r.owner}/${r.name}`,
      private: r.private,
      owner: this.user(r.owner),
      html_url: html,
      description: r.description,
      fork: false,
      url: api,
      archive_url: `${api}/{archive_format}{/ref}`,
      assignees_url: `${api}/assignees{/user}`,
      blobs_url: `${api}/git/blobs{/sha}`,
      branches_url: `${api}/branches{/branch}`,
      collaborators_url: `${api}/collaborators{/collaborator}`,
      comments_url: `${api}/comments{/number}`,
      commits_url: `${api}/commits{/sha}`,
      compare_url: `${api}/compare/{base}...{head}`,
      contents_url: `${api}/contents/{+path}`,
      contributors_url: `${api}/contributors`,
      deployments_url: `${api}/deployments`,
      downloads_url: `${api}/downloads`,
      events_url: `${api}/events`,
      forks_url: `${api}/forks`,
      git_commits_url: `${api}/git/commits{/sha}`,
      git_refs_url: `${api}/git/refs{/sha}`,
      git_tags_url: `${api}/git/tags{/sha}`,
      git_url: `git://github.com/${r.owner}/${r.name}.git`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      issue_events_url: `${api}/issues/events{/number}`,
      issues_url: `${api}/issues{/number}`,
      keys_url: `${api}/keys{/key_id}`,
      labels_url: `${api}/labels{/name}`,
      languages_url: `${api}/languages`,
      merges_url: `${api}/merges`,
      milestones_url: `${api}/milestones{/number}`,
      notifications_url: `${api}/notifications{?since,all,participating}`,
      pulls_url: `${api}/pulls{/number}`,
      releases_url: `${api}/releases{/id}`,
      ssh_url: `git@github.com:${r.owner}/${r.name}.git`,
      stargazers_url: `${api}/stargazers`,
      statuses_url: `${api}/statuses/{sha}`,
      subscribers_url: `${api}/subscribers`,
      subscription_url: `${api}/subscription`,
      tags_url: `${api}/tags`,
      teams_url: `${api}/teams`,
      trees_url: `${api}/git/trees{/sha}`,
      clone_url: `${html}.git`,
      mirror_url: null,
      hooks_url: `${api}/hooks`,
      svn_url: html,
      homepage: null,
      language: null,
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      size: 0,
      default_branch: r.default_branch,
      open_issues_count: openIssues,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: true,
      has_wiki: !r.private,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: r.private ? 'private' : 'public',
      pushed_at: r.pushed_at,
      created_at: r.created_at,
      updated_at: r.updated_at,
      allow_forking: !r.private,
      web_commit_signoff_required: false,
      subscribers_count: 0,
      network_count: 0,
      license: null,
      forks: 0,
      open_issues: openIssues,
      watchers: 0,
    }
    if (permission) repo.permissions = permissionFlags(permission)
    return repo
  }

  // -------------------------------------------------------------------------------------------
  // Issues and comments

  label(label: StoredLabel): ApiLabel {
    return {
      id: label.id,
      node_id: nodeId('LA', label.id),
      url: `${this.repoApi}/labels/${encodeURIComponent(label.name)}`,
      name: label.name,
      color: label.color,
      default: label.default,
      description: label.description,
    }
  }

  milestone(m: StoredMilestone): ApiMilestone {
    const issues = this.store.data.issues.filter((i) => i.milestone === m.number && !i.deleted)
    return {
      url: `${this.repoApi}/milestones/${m.number}`,
      html_url: `${this.repoHtml}/milestone/${m.number}`,
      labels_url: `${this.repoApi}/milestones/${m.number}/labels`,
      id: m.id,
      node_id: nodeId('MI', m.id),
      number: m.number,
      title: m.title,
      description: m.description,
      creator: this.user(m.creator),
      open_issues: issues.filter((i) => i.state === 'open').length,
      closed_issues: issues.filter((i) => i.state === 'closed').length,
      state: m.state,
      created_at: m.created_at,
      updated_at: m.updated_at,
      due_on: m.due_on,
      closed_at: m.closed_at,
    }
  }

  rollup(subject: 'issue' | 'comment', subjectId: number, url: string): ApiReactionRollup {
    const rollup: ApiReactionRollup = {
      url,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    }
    for (const r of this.store.data.reactions) {
      if (r.subject !== subject || r.subject_id !== subjectId) continue
      rollup[r.content] += 1
      rollup.total_count += 1
    }
    return rollup
  }

  reaction(r: StoredReaction): ApiReaction {
    return {
      id: r.id,
      node_id: nodeId('REA', r.id),
      user: this.user(r.user),
      content: r.content,
      created_at: r.created_at,
    }
  }

  private issueLabels(issue: StoredIssue): ApiLabel[] {
    return issue.labels
      .map((id) => this.store.labelById(id))
      .filter((l): l is StoredLabel => l !== undefined)
      .map((l) => this.label(l))
  }

  issue(issue: StoredIssue): ApiIssue {
    const api = `${this.repoApi}/issues/${issue.number}`
    const milestone = issue.milestone === null ? undefined : this.store.milestone(issue.milestone)
    const assignees = issue.assignees.map((login) => this.user(login))
    const rendered: ApiIssue = {
      url: api,
      repository_url: this.repoApi,
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: `${this.repoHtml}/${issue.pull_request ? 'pull' : 'issues'}/${issue.number}`,
      id: issue.id,
      node_id: nodeId('I', issue.id),
      number: issue.number,
      title: issue.title,
      user: this.user(issue.user),
      labels: this.issueLabels(issue),
      state: issue.state,
      locked: issue.locked,
      assignee: assignees[0] ?? null,
      assignees,
      milestone: milestone ? this.milestone(milestone) : null,
      comments: this.store.commentsOf(issue.number).length,
      created_at: issue.created_at,
      updated_at: issue.updated_at,
      closed_at: issue.closed_at,
      author_association: this.store.association(issue.user),
      active_lock_reason: issue.active_lock_reason,
      body: issue.body,
      closed_by: issue.closed_by === null ? null : this.user(issue.closed_by),
      reactions: this.rollup('issue', issue.number, `${api}/reactions`),
      timeline_url: `${api}/timeline`,
      performed_via_github_app: null,
      state_reason: issue.state_reason,
    }
    if (issue.pull_request) {
      const pull = this.store.pull(issue.number)
      const html = `${this.repoHtml}/pull/${issue.number}`
      rendered.draft = pull?.draft ?? false
      rendered.pull_request = {
        url: `${this.repoApi}/pulls/${issue.number}`,
        html_url: html,
        diff_url: `${html}.diff`,
        patch_url: `${html}.patch`,
        merged_at: pull?.merged_at ?? null,
      }
    }
    return rendered
  }

  comment(comment: StoredComment): ApiIssueComment {
    const issue = this.store.issue(comment.issue_number)
    const url = `${this.repoApi}/issues/comments/${comment.id}`
    const kind = issue?.pull_request ? 'pull' : 'issues'
    return {
      url,
      html_url: `${this.repoHtml}/${kind}/${comment.issue_number}#issuecomment-${comment.id}`,
      issue_url: `${this.repoApi}/issues/${comment.issue_number}`,
      id: comment.id,
      node_id: nodeId('IC', comment.id),
      user: this.user(comment.user),
      created_at: comment.created_at,
      updated_at: comment.updated_at,
      author_association: this.store.association(comment.user),
      body: comment.body,
      reactions: this.rollup('comment', comment.id, `${url}/reactions`),
      performed_via_github_app: null,
    }
  }

  // -------------------------------------------------------------------------------------------
  // Git

  gitRef(ref: string, sha: string): ApiGitRef {
    return {
      ref,
      node_id: nodeId('REF', parseInt(sha1(ref).slice(0, 7), 16)),
      url: `${this.repoApi}/git/${ref}`,
      object: { sha, type: 'commit', url: `${this.repoApi}/git/commits/${sha}` },
    }
  }

  commit(c: StoredCommit): ApiCommit {
    const author = c.author_login ? this.user(c.author_login) : null
    return {
      url: `${this.repoApi}/commits/${c.sha}`,
      sha: c.sha,
      node_id: nodeId('C', parseInt(c.sha.slice(0, 7), 16)),
      html_url: `${this.repoHtml}/commit/${c.sha}`,
      comments_url: `${this.repoApi}/commits/${c.sha}/comments`,
      commit: {
        url: `${this.repoApi}/git/commits/${c.sha}`,
        author: c.author,
        committer: c.committer,
        message: c.message,
        comment_count: 0,
        tree: { sha: c.tree_sha, url: `${this.repoApi}/git/trees/${c.tree_sha}` },
        verification: {
          verified: false,
          reason: 'unsigned',
          signature: null,
          payload: null,
          verified_at: null,
        },
      },
      author,
      committer: author,
      parents: c.parents.map((sha) => ({
        sha,
        url: `${this.repoApi}/commits/${sha}`,
        html_url: `${this.repoHtml}/commit/${sha}`,
      })),
    }
  }

  branch(name: string, sha: string): ApiBranch {
    const commit = this.store.commit(sha)
    const protectionUrl = `${this.repoApi}/branches/${encodeURIComponent(name)}/protection`
    return {
      name,
      commit: commit
        ? this.commit(commit)
        : this.commit({
            sha,
            tree_sha: sha,
            tree: {},
            parents: [],
            message: '',
            author: { name: '', email: '', date: this.store.repo.created_at },
            committer: { name: '', email: '', date: this.store.repo.created_at },
            author_login: null,
          }),
      _links: {
        self: `${this.repoApi}/branches/${encodeURIComponent(name)}`,
        html: `${this.repoHtml}/tree/${name}`,
      },
      protected: false,
      protection: {
        enabled: false,
        required_status_checks: {
          enforcement_level: 'off',
          contexts: [],
          checks: [],
        },
      },
      protection_url: protectionUrl,
    }
  }

  // -------------------------------------------------------------------------------------------
  // Pull requests

  private pullSide(branch: string, sha: string) {
    const { owner } = this.store.repo
    return {
      label: `${owner}:${branch}`,
      ref: branch,
      sha,
      user: this.user(owner),
      repo: this.repository(),
    }
  }

  pullSimple(pull: StoredPull): ApiPullRequestSimple {
    const common = this.pullCommon(pull)
    // The OpenAPI description types label.description as string here; GitHub sends null too.
    return { ...common, labels: common.labels as ApiPullRequestSimple['labels'] }
  }

  private pullCommon(pull: StoredPull) {
    const issue = this.store.issue(pull.number) as StoredIssue
    const n = pull.number
    const api = `${this.repoApi}/pulls/${n}`
    const html = `${this.repoHtml}/pull/${n}`
    const assignees = issue.assignees.map((login) => this.user(login))
    const milestone = issue.milestone === null ? undefined : this.store.milestone(issue.milestone)
    const headSha = this.headSha(pull)
    const baseSha = this.baseSha(pull)
    return {
      url: api,
      id: pull.id,
      node_id: nodeId('PR', pull.id),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: `${this.repoApi}/issues/${n}`,
      commits_url: `${api}/commits`,
      review_comments_url: `${api}/comments`,
      review_comment_url: `${this.repoApi}/pulls/comments{/number}`,
      comments_url: `${this.repoApi}/issues/${n}/comments`,
      statuses_url: `${this.repoApi}/statuses/${headSha}`,
      number: n,
      state: issue.state,
      locked: issue.locked,
      title: issue.title,
      user: this.user(issue.user),
      body: issue.body,
      labels: this.issueLabels(issue),
      milestone: milestone ? this.milestone(milestone) : null,
      active_lock_reason: issue.active_lock_reason,
      created_at: issue.created_at,
      updated_at: issue.updated_at,
      closed_at: issue.closed_at,
      merged_at: pull.merged_at,
      merge_commit_sha: pull.merge_commit_sha,
      assignee: assignees[0] ?? null,
      assignees,
      requested_reviewers: [],
      requested_teams: [],
      head: this.pullSide(pull.head, headSha),
      base: this.pullSide(pull.base, baseSha),
      _links: {
        self: { href: api },
        html: { href: html },
        issue: { href: `${this.repoApi}/issues/${n}` },
        comments: { href: `${this.repoApi}/issues/${n}/comments` },
        review_comments: { href: `${api}/comments` },
        review_comment: { href: `${this.repoApi}/pulls/comments{/number}` },
        commits: { href: `${api}/commits` },
        statuses: { href: `${this.repoApi}/statuses/${headSha}` },
      },
      author_association: this.store.association(issue.user),
      auto_merge: null,
      draft: pull.draft,
    }
  }

  pull(pull: StoredPull): ApiPullRequest {
    const common = this.pullCommon(pull)
    const issue = this.store.issue(pull.number) as StoredIssue
    const diff = pullDiff(this.store, pull)
    return {
      ...common,
      merged: pull.merged_at !== null,
      mergeable: issue.state === 'open' ? true : null,
      rebaseable: issue.state === 'open' ? true : null,
      mergeable_state: issue.state === 'open' ? 'clean' : 'unknown',
      merged_by: pull.merged_by === null ? null : this.user(pull.merged_by),
      comments: this.store.commentsOf(pull.number).length,
      review_comments: 0,
      maintainer_can_modify: pull.maintainer_can_modify,
      commits: diff.commits,
      additions: diff.files.reduce((sum, f) => sum + f.additions, 0),
      deletions: diff.files.reduce((sum, f) => sum + f.deletions, 0),
      changed_files: diff.files.length,
    }
  }

  /** Live head SHA while the pull request is open and its branch exists. */
  headSha(pull: StoredPull): string {
    const issue = this.store.issue(pull.number)
    if (issue?.state === 'open') return this.store.branchSha(pull.head) ?? pull.head_sha
    return pull.head_sha
  }

  baseSha(pull: StoredPull): string {
    const issue = this.store.issue(pull.number)
    if (issue?.state === 'open') return this.store.branchSha(pull.base) ?? pull.base_sha
    return pull.base_sha
  }
}

export function permissionFlags(permission: Permission) {
  const order: Permission[] = ['none', 'read', 'triage', 'write', 'maintain', 'admin']
  const level = order.indexOf(permission)
  return {
    admin: level >= 5,
    maintain: level >= 4,
    push: level >= 3,
    triage: level >= 2,
    pull: level >= 1,
  }
}

export interface FileChange {
  filename: string
  status: 'added' | 'removed' | 'modified'
  sha: string | null
  additions: number
  deletions: number
  patch: string
}

/** What a pull request changes: head against the merge base of head and base (three-dot). */
export function pullDiff(store: Store, pull: StoredPull): { files: FileChange[]; commits: number } {
  const issue = store.issue(pull.number)
  const open = issue?.state === 'open'
  const headSha = (open ? store.branchSha(pull.head) : undefined) ?? pull.head_sha
  const baseSha = (open ? store.branchSha(pull.base) : undefined) ?? pull.base_sha
  const mergeBase = store.mergeBase(baseSha, headSha) ?? baseSha
  const fromAncestors = store.ancestors(mergeBase)
  const commits = [...store.ancestors(headSha)].filter((sha) => !fromAncestors.has(sha)).length
  return { files: diffTrees(store, mergeBase, headSha), commits }
}

export function diffTrees(store: Store, fromSha: string, toSha: string): FileChange[] {
  const from = store.commit(fromSha)?.tree ?? {}
  const to = store.commit(toSha)?.tree ?? {}
  const paths = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort()
  const changes: FileChange[] = []
  for (const path of paths) {
    const before = from[path]
    const after = to[path]
    if (before === after) continue
    const oldLines = before ? splitLines(store.blob(before)) : []
    const newLines = after ? splitLines(store.blob(after)) : []
    const status = before === undefined ? 'added' : after === undefined ? 'removed' : 'modified'
    const patch = [
      `@@ -${oldLines.length ? 1 : 0},${oldLines.length} +${newLines.length ? 1 : 0},${newLines.length} @@`,
      ...oldLines.map((l) => `-${l}`),
      ...newLines.map((l) => `+${l}`),
    ].join('\n')
    changes.push({
      filename: path,
      status,
      sha: after ?? null,
      additions: newLines.length,
      deletions: oldLines.length,
      patch,
    })
  }
  return changes
}

function splitLines(content: Buffer | undefined): string[] {
  if (!content || content.length === 0) return []
  const text = content.toString('utf8')
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}
