import type { components } from '@octokit/openapi-types'

/** Response shapes, straight from GitHub's OpenAPI description: a field GitHub does not return can't be invented. */
export type Schemas = components['schemas']
export type ApiUser = Schemas['simple-user']
export type ApiPublicUser = Schemas['public-user']
export type ApiRepository = Schemas['full-repository']
export type ApiIssue = Schemas['issue']
export type ApiIssueComment = Schemas['issue-comment']
export type ApiLabel = Schemas['label']
export type ApiMilestone = Schemas['milestone']
export type ApiReaction = Schemas['reaction']
export type ApiReactionRollup = Schemas['reaction-rollup']
export type ApiCollaboratorPermission = Schemas['repository-collaborator-permission']
export type ApiCollaborator = Schemas['collaborator']
export type ApiContentFile = Schemas['content-file']
export type ApiContentDirectory = Schemas['content-directory']
export type ApiFileCommit = Schemas['file-commit']
export type ApiGitRef = Schemas['git-ref']
export type ApiCommit = Schemas['commit']
export type ApiShortBranch = Schemas['short-branch']
export type ApiBranch = Schemas['branch-with-protection']
export type ApiPullRequest = Schemas['pull-request']
export type ApiPullRequestSimple = Schemas['pull-request-simple']
export type ApiDiffEntry = Schemas['diff-entry']
export type ApiRateLimitOverview = Schemas['rate-limit-overview']
export type AuthorAssociation = Schemas['author-association']
export type ReactionContent = ApiReaction['content']

export const REACTION_CONTENTS: readonly ReactionContent[] = [
  '+1',
  '-1',
  'laugh',
  'confused',
  'heart',
  'hooray',
  'rocket',
  'eyes',
]

/** A configured user's relationship to the repository. `none`: exists on GitHub, no repository
 * access. `invited`: a collaborator invitation is pending (no access until it is accepted). */
export type UserRole = 'owner' | 'member' | 'collaborator' | 'invited' | 'none'
/** The GitHub plan of the repository's owner. */
export type Plan = 'free' | 'pro' | 'team' | 'enterprise'
export const PLANS: readonly Plan[] = ['free', 'pro', 'team', 'enterprise']
/** What a Free-plan private repository does with a second assignee: GitHub documents the limit
 * ("one person per issue") but not the API's answer, so the emulator can do either. */
export type AssigneeMode = 'refuse' | 'first'
export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'

// ---------------------------------------------------------------------------------------------
// Stored records: plain JSON, rendered into API shapes on the way out.

export interface StoredUser {
  login: string
  id: number
  type: 'User' | 'Bot' | 'Organization'
  role: UserRole
  /** Overrides the permission implied by the role. */
  permission?: Permission
  name?: string | null
  email?: string | null
  created_at: string
}

export interface StoredRepo {
  id: number
  owner: string
  name: string
  private: boolean
  description: string | null
  default_branch: string
  created_at: string
  updated_at: string
  pushed_at: string
  /** Absent in state files written before plans existed: `free`. */
  plan?: Plan
  /** Absent: `refuse`. */
  assignee_mode?: AssigneeMode
  /** "Allow GitHub Actions to create and approve pull requests". Absent: true. */
  actions_can_create_pull_requests?: boolean
}

export type StateReason = 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null
export type LockReason = 'off-topic' | 'too heated' | 'resolved' | 'spam'

export interface StoredIssue {
  number: number
  id: number
  title: string
  body: string | null
  user: string
  state: 'open' | 'closed'
  state_reason: StateReason
  /** Label ids. */
  labels: number[]
  assignees: string[]
  /** Milestone number. */
  milestone: number | null
  locked: boolean
  active_lock_reason: LockReason | null
  created_at: string
  updated_at: string
  closed_at: string | null
  closed_by: string | null
  /** Set when this issue is the issue side of a pull request. */
  pull_request: boolean
  /** Deleted (410 Gone) issues stay here as tombstones. */
  deleted?: boolean
}

export interface StoredComment {
  id: number
  issue_number: number
  body: string
  user: string
  created_at: string
  updated_at: string
}

export interface StoredLabel {
  id: number
  name: string
  color: string
  description: string | null
  default: boolean
}

export interface StoredMilestone {
  id: number
  number: number
  title: string
  description: string | null
  state: 'open' | 'closed'
  due_on: string | null
  creator: string
  created_at: string
  updated_at: string
  closed_at: string | null
}

export interface StoredReaction {
  id: number
  subject: 'issue' | 'comment'
  /** Issue number or comment id. */
  subject_id: number
  user: string
  content: ReactionContent
  created_at: string
}

export interface GitIdentity {
  name: string
  email: string
  date: string
}

export interface StoredCommit {
  sha: string
  tree_sha: string
  /** path → blob sha: a full snapshot of the branch's files at this commit. */
  tree: Record<string, string>
  parents: string[]
  message: string
  author: GitIdentity
  committer: GitIdentity
  /** GitHub login of the author, when known. */
  author_login: string | null
}

export interface StoredPull {
  number: number
  id: number
  head: string
  base: string
  /** Last known head/base SHAs (kept once the branch is gone or the pull request closed). */
  head_sha: string
  base_sha: string
  draft: boolean
  maintainer_can_modify: boolean
  merged_at: string | null
  merged_by: string | null
  merge_commit_sha: string | null
}

export interface SerializedState {
  version: 1
  now: string
  next_id: number
  next_number: number
  repo: StoredRepo
  users: StoredUser[]
  issues: StoredIssue[]
  comments: StoredComment[]
  /** Deleted comments, kept so `issue_comment.deleted` payloads can still be built. */
  deleted_comments: StoredComment[]
  labels: StoredLabel[]
  milestones: StoredMilestone[]
  next_milestone_number: number
  reactions: StoredReaction[]
  /** Full ref name (refs/heads/main) → commit sha. */
  refs: Record<string, string>
  commits: Record<string, StoredCommit>
  /** Blob sha → base64 content. */
  blobs: Record<string, string>
  pulls: StoredPull[]
}
