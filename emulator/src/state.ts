import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { isoSeconds } from './clock.js'
import type {
  AssigneeMode,
  AuthorAssociation,
  GitIdentity,
  Permission,
  Plan,
  SerializedState,
  StoredComment,
  StoredCommit,
  StoredIssue,
  StoredLabel,
  StoredMilestone,
  StoredPull,
  StoredUser,
  UserRole,
} from './types.js'
import { gitBlobSha, sha1 } from './util.js'

/** The identity behind any plain token: the GITHUB_TOKEN of a workflow run. */
export const BOT_LOGIN = 'github-actions[bot]'
export const BOT_ID = 41898282

export interface UserOptions {
  /** owner → OWNER/admin, member → MEMBER/write, collaborator (default) → COLLABORATOR/write,
   * invited → invitation pending (no access yet), none → exists on GitHub without repository access. */
  role?: UserRole
  /** Overrides the permission implied by the role. */
  permission?: Permission
  name?: string | null
  email?: string | null
  type?: 'User' | 'Bot'
  id?: number
}

export interface UserSpec extends UserOptions {
  login: string
}

export interface CreateStateOptions {
  repo: string
  private: boolean
  users: readonly (UserSpec | string)[]
  now: Date
  defaultBranch?: string
  description?: string | null
  /** Default `free`. */
  plan?: Plan
  /** Default `refuse`. */
  assigneeMode?: AssigneeMode
  /** Default true (the README's quick start turns the setting on). */
  actionsCanCreatePullRequests?: boolean
}

/** GitHub's length limits, in characters, as its API enforces them. */
export const LIMITS = { labelName: 50, issueTitle: 256, body: 65_536 } as const

const ROLE_PERMISSION: Record<UserRole, Permission> = {
  owner: 'admin',
  member: 'write',
  collaborator: 'write',
  invited: 'none',
  none: 'none',
}

const ROLE_ASSOCIATION: Record<UserRole, AuthorAssociation | undefined> = {
  owner: 'OWNER',
  member: 'MEMBER',
  collaborator: 'COLLABORATOR',
  invited: undefined,
  none: undefined,
}

export function parseRepo(fullName: string): { owner: string; name: string } {
  const match = /^([A-Za-z0-9-_.]+)\/([A-Za-z0-9-_.]+)$/.exec(fullName)
  if (!match) throw new Error(`repository must look like owner/name, got "${fullName}"`)
  return { owner: match[1] as string, name: match[2] as string }
}

/**
 * The emulator's state: a JSON-serializable document (`data`) plus lookups and the small git
 * object model (commits with full file snapshots, blobs, refs) that contents, refs and pull
 * requests share. Route handlers mutate `data` through these helpers.
 */
export class Store {
  constructor(public data: SerializedState) {}

  static create(options: CreateStateOptions): Store {
    const { owner, name } = parseRepo(options.repo)
    const now = isoSeconds(options.now)
    const store = new Store({
      version: 1,
      now,
      next_id: 100_000_001,
      next_number: 1,
      next_milestone_number: 1,
      repo: {
        id: 0,
        owner,
        name,
        private: options.private,
        description: options.description ?? null,
        default_branch: options.defaultBranch ?? 'main',
        created_at: now,
        updated_at: now,
        pushed_at: now,
        plan: options.plan ?? 'free',
        assignee_mode: options.assigneeMode ?? 'refuse',
        actions_can_create_pull_requests: options.actionsCanCreatePullRequests ?? true,
      },
      users: [],
      issues: [],
      comments: [],
      deleted_comments: [],
      labels: [],
      milestones: [],
      reactions: [],
      refs: {},
      commits: {},
      blobs: {},
      pulls: [],
    })
    store.data.repo.id = store.nextId()
    store.data.users.push({
      login: BOT_LOGIN,
      id: BOT_ID,
      type: 'Bot',
      role: 'none',
      permission: 'write',
      created_at: now,
    })
    const ownerIsUser = options.users.some(
      (u) => (typeof u === 'string' ? u : u.login).toLowerCase() === owner.toLowerCase(),
    )
    if (!ownerIsUser) {
      store.data.users.push({
        login: owner,
        id: store.nextId(),
        type: 'Organization',
        role: 'none',
        created_at: now,
      })
    }
    for (const spec of options.users) {
      const user = typeof spec === 'string' ? { login: spec } : spec
      const isOwner = user.login.toLowerCase() === owner.toLowerCase()
      store.addUser(user.login, { ...user, role: user.role ?? (isOwner ? 'owner' : undefined) })
    }
    const initial = store.createCommit({
      parents: [],
      tree: {},
      message: 'Initial commit',
      author: store.gitIdentity(owner, now),
      authorLogin: null,
    })
    store.data.refs[`refs/heads/${store.data.repo.default_branch}`] = initial.sha
    return store
  }

  static fromJSON(json: unknown): Store {
    const data = json as SerializedState
    if (!data || typeof data !== 'object' || data.version !== 1 || !data.repo) {
      throw new Error('not an emulator state file (expected {"version": 1, ...})')
    }
    return new Store(structuredClone(data))
  }

  static load(file: string): Store {
    return Store.fromJSON(JSON.parse(readFileSync(file, 'utf8')))
  }

  toJSON(): SerializedState {
    return structuredClone(this.data)
  }

  /** Write atomically (temp file + rename) so a crash never leaves half a state file. */
  save(file: string, now: Date): void {
    this.data.now = isoSeconds(now)
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify(this.data, null, 2) + '\n')
    renameSync(tmp, file)
  }

  /** Monotonically increasing id shared by every object type. */
  nextId(): number {
    return this.data.next_id++
  }

  get repo() {
    return this.data.repo
  }

  get fullName(): string {
    return `${this.data.repo.owner}/${this.data.repo.name}`
  }

  // -------------------------------------------------------------------------------------------
  // Users

  user(login: string): StoredUser | undefined {
    const wanted = login.toLowerCase()
    return this.data.users.find((u) => u.login.toLowerCase() === wanted)
  }

  addUser(login: string, options: UserOptions = {}): StoredUser {
    const existing = this.user(login)
    const now = this.data.now
    if (existing) {
      if (options.role !== undefined) existing.role = options.role
      if (options.permission !== undefined) existing.permission = options.permission
      if (options.name !== undefined) existing.name = options.name
      if (options.email !== undefined) existing.email = options.email
      if (existing.type === 'Organization') existing.type = options.type ?? 'User'
      return existing
    }
    if (!/^[A-Za-z0-9-]+(\[bot\])?$/.test(login)) throw new Error(`invalid login "${login}"`)
    const user: StoredUser = {
      login,
      id: options.id ?? this.nextId(),
      type: options.type ?? (login.endsWith('[bot]') ? 'Bot' : 'User'),
      role: options.role ?? 'collaborator',
      created_at: now,
    }
    if (options.permission !== undefined) user.permission = options.permission
    if (options.name !== undefined) user.name = options.name
    if (options.email !== undefined) user.email = options.email
    this.data.users.push(user)
    return user
  }

  /** A user record for any login, registering unknown ones as outsiders (role none). */
  ensureUser(login: string): StoredUser {
    return this.user(login) ?? this.addUser(login, { role: 'none' })
  }

  permission(login: string): Permission {
    const user = this.user(login)
    let permission: Permission = 'none'
    if (user && user.type !== 'Organization') {
      permission = user.permission ?? ROLE_PERMISSION[user.role]
    }
    if (permission === 'none' && !this.data.repo.private) permission = 'read'
    return permission
  }

  /** A collaborator: a configured user with a role, or an explicit permission above none. */
  isCollaborator(login: string): boolean {
    const user = this.user(login)
    if (!user || user.type === 'Organization') return false
    if (user.permission !== undefined) return user.permission !== 'none' && user.type !== 'Bot'
    return user.role !== 'none' && user.role !== 'invited'
  }

  /** A Free-plan private repository: one assignee per issue. */
  get singleAssignee(): boolean {
    return (this.data.repo.plan ?? 'free') === 'free' && this.data.repo.private
  }

  get assigneeMode(): AssigneeMode {
    return this.data.repo.assignee_mode ?? 'refuse'
  }

  get actionsCanCreatePullRequests(): boolean {
    return this.data.repo.actions_can_create_pull_requests ?? true
  }

  /** The invitee accepts: from then on a collaborator with write access. */
  acceptInvitation(login: string): StoredUser {
    const user = this.user(login)
    if (!user || user.role !== 'invited') {
      throw new Error(`acceptInvitation: ${login} has no pending invitation`)
    }
    user.role = 'collaborator'
    return user
  }

  /** OWNER/MEMBER/COLLABORATOR from the configured role; CONTRIBUTOR once the login has
   * authored a commit in the repository; NONE otherwise. */
  association(login: string): AuthorAssociation {
    const user = this.user(login)
    const fromRole = user ? ROLE_ASSOCIATION[user.role] : undefined
    if (fromRole) return fromRole
    const wanted = login.toLowerCase()
    const committed = Object.values(this.data.commits).some(
      (c) => c.author_login?.toLowerCase() === wanted,
    )
    return committed ? 'CONTRIBUTOR' : 'NONE'
  }

  gitIdentity(login: string, date: string): GitIdentity {
    const user = this.user(login)
    const name = user?.name ?? login
    const email =
      user?.email ??
      (user
        ? `${user.id}+${user.login}@users.noreply.github.com`
        : `${login}@users.noreply.github.com`)
    return { name, email, date }
  }

  // -------------------------------------------------------------------------------------------
  // Issues, comments, labels, milestones

  issue(number: number): StoredIssue | undefined {
    return this.data.issues.find((i) => i.number === number)
  }

  comment(id: number): StoredComment | undefined {
    return this.data.comments.find((c) => c.id === id)
  }

  commentsOf(number: number): StoredComment[] {
    return this.data.comments.filter((c) => c.issue_number === number)
  }

  label(name: string): StoredLabel | undefined {
    const wanted = name.toLowerCase()
    return this.data.labels.find((l) => l.name.toLowerCase() === wanted)
  }

  labelById(id: number): StoredLabel | undefined {
    return this.data.labels.find((l) => l.id === id)
  }

  /** Find a label by name, creating it (grey, like GitHub) when missing. */
  ensureLabel(name: string): StoredLabel {
    const existing = this.label(name)
    if (existing) return existing
    const label: StoredLabel = {
      id: this.nextId(),
      name,
      color: 'ededed',
      description: null,
      default: false,
    }
    this.data.labels.push(label)
    return label
  }

  milestone(number: number): StoredMilestone | undefined {
    return this.data.milestones.find((m) => m.number === number)
  }

  pull(number: number): StoredPull | undefined {
    return this.data.pulls.find((p) => p.number === number)
  }

  // -------------------------------------------------------------------------------------------
  // Git objects

  putBlob(content: Buffer): string {
    const sha = gitBlobSha(content)
    this.data.blobs[sha] = content.toString('base64')
    return sha
  }

  blob(sha: string): Buffer | undefined {
    const base64 = this.data.blobs[sha]
    return base64 === undefined ? undefined : Buffer.from(base64, 'base64')
  }

  commit(sha: string): StoredCommit | undefined {
    return this.data.commits[sha]
  }

  createCommit(input: {
    parents: string[]
    tree: Record<string, string>
    message: string
    author: GitIdentity
    authorLogin: string | null
  }): StoredCommit {
    const tree = Object.fromEntries(
      Object.entries(input.tree).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    )
    const treeSha = treeShaOf(tree)
    const salt = this.nextId()
    const sha = sha1(
      `commit\n${treeSha}\n${input.parents.join(',')}\n${input.message}\n${input.author.date}\n${salt}`,
    )
    const commit: StoredCommit = {
      sha,
      tree_sha: treeSha,
      tree,
      parents: input.parents,
      message: input.message,
      author: input.author,
      committer: input.author,
      author_login: input.authorLogin,
    }
    this.data.commits[sha] = commit
    return commit
  }

  branchSha(branch: string): string | undefined {
    return this.data.refs[`refs/heads/${branch}`]
  }

  /** Resolve a branch name, tag, full ref or (abbreviated) commit sha to a commit sha. */
  resolveRef(ref: string): string | undefined {
    const direct =
      this.data.refs[ref] ??
      this.data.refs[`refs/heads/${ref}`] ??
      this.data.refs[`refs/tags/${ref}`]
    if (direct) return direct
    if (/^[0-9a-f]{7,40}$/i.test(ref)) {
      const lower = ref.toLowerCase()
      if (this.data.commits[lower]) return lower
      const matches = Object.keys(this.data.commits).filter((sha) => sha.startsWith(lower))
      if (matches.length === 1) return matches[0]
    }
    return undefined
  }

  /** Files (path → content) at a branch, ref or commit; undefined when it doesn't resolve. */
  filesAt(ref: string): Map<string, Buffer> | undefined {
    const sha = this.resolveRef(ref)
    const commit = sha ? this.commit(sha) : undefined
    if (!commit) return undefined
    const files = new Map<string, Buffer>()
    for (const [path, blobSha] of Object.entries(commit.tree)) {
      files.set(path, this.blob(blobSha) ?? Buffer.alloc(0))
    }
    return files
  }

  /**
   * Commit a set of changes (path → new content, or null to delete) on top of a branch and move
   * the branch to the new commit.
   */
  commitChanges(input: {
    branch: string
    changes: Record<string, Buffer | null>
    message: string
    authorLogin: string | null
    author?: GitIdentity
    date: string
  }): StoredCommit {
    const parentSha = this.branchSha(input.branch)
    if (!parentSha) throw new Error(`branch ${input.branch} does not exist`)
    const parent = this.commit(parentSha)
    const tree = { ...(parent?.tree ?? {}) }
    for (const [path, content] of Object.entries(input.changes)) {
      if (content === null) delete tree[path]
      else tree[path] = this.putBlob(content)
    }
    const commit = this.createCommit({
      parents: [parentSha],
      tree,
      message: input.message,
      author:
        input.author ?? this.gitIdentity(input.authorLogin ?? this.data.repo.owner, input.date),
      authorLogin: input.authorLogin,
    })
    this.data.refs[`refs/heads/${input.branch}`] = commit.sha
    this.data.repo.pushed_at = input.date
    return commit
  }

  /** All commits reachable from `sha` (itself included). */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>()
    const stack = [sha]
    while (stack.length > 0) {
      const current = stack.pop() as string
      if (seen.has(current)) continue
      seen.add(current)
      const commit = this.commit(current)
      if (commit) stack.push(...commit.parents)
    }
    return seen
  }

  isAncestor(ancestor: string, descendant: string): boolean {
    return this.ancestors(descendant).has(ancestor)
  }

  /** The nearest common ancestor (breadth-first from `b`), as `git merge-base` would pick. */
  mergeBase(a: string, b: string): string | undefined {
    const fromA = this.ancestors(a)
    const queue = [b]
    const seen = new Set<string>()
    while (queue.length > 0) {
      const current = queue.shift() as string
      if (seen.has(current)) continue
      seen.add(current)
      if (fromA.has(current)) return current
      queue.push(...(this.commit(current)?.parents ?? []))
    }
    return undefined
  }
}

export function treeShaOf(tree: Record<string, string>): string {
  return sha1(
    `tree\n${Object.entries(tree)
      .map(([path, sha]) => `${sha} ${path}`)
      .join('\n')}`,
  )
}
