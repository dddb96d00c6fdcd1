/**
 * What a job's GITHUB_TOKEN may do: the scopes of a workflow's `permissions:` block. GitHub
 * answers a request outside them with 403 "Resource not accessible by integration".
 */
export type Access = 'none' | 'read' | 'write'
export type Scope = 'actions' | 'contents' | 'issues' | 'metadata' | 'pull-requests'
export type TokenPermissions = Partial<Record<Scope, Access>>

const RANK: Record<Access, number> = { none: 0, read: 1, write: 2 }

/** The scopes a `permissions:` value grants (`read-all`, `write-all`, `{}` or a mapping). */
export function permissionsFrom(
  value: string | Record<string, string> | undefined,
  fallback: TokenPermissions,
): TokenPermissions {
  if (value === undefined) return fallback
  const all = (access: Access): TokenPermissions => ({
    actions: access,
    contents: access,
    issues: access,
    'pull-requests': access,
    metadata: 'read',
  })
  if (value === 'read-all') return all('read')
  if (value === 'write-all') return all('write')
  if (typeof value === 'string') return { metadata: 'read' }
  const granted: TokenPermissions = { metadata: 'read' }
  for (const [scope, access] of Object.entries(value)) {
    if (isScope(scope) && isAccess(access)) granted[scope] = access
  }
  return granted
}

/** GitHub's defaults for a repository's GITHUB_TOKEN (Settings → Actions → Workflow permissions). */
export const DEFAULT_TOKEN_PERMISSIONS: Record<'restricted' | 'permissive', TokenPermissions> = {
  restricted: { contents: 'read', metadata: 'read' },
  permissive: {
    actions: 'write',
    contents: 'write',
    issues: 'write',
    'pull-requests': 'write',
    metadata: 'read',
  },
}

function isScope(value: string): value is Scope {
  return ['actions', 'contents', 'issues', 'metadata', 'pull-requests'].includes(value)
}

function isAccess(value: string): value is Access {
  return value === 'none' || value === 'read' || value === 'write'
}

/**
 * The scopes that allow a request (any one of them suffices), per GitHub's "Permissions required
 * for GitHub Apps": labels and milestones belong to issues or pull requests; the issues API
 * serves pull requests' issue side too.
 */
export function requiredScopes(method: string, path: string): { scopes: Scope[]; access: Access } {
  const access: Access = method === 'GET' || method === 'HEAD' ? 'read' : 'write'
  const rest = /^\/repos\/[^/]+\/[^/]+(\/.*)?$/.exec(path)?.[1] ?? ''
  if (rest === '' || /^\/(collaborators|assignees)(\/|$)/.test(rest))
    return { scopes: ['metadata'], access: 'read' }
  if (/^\/(labels|milestones)(\/|$)/.test(rest))
    return { scopes: ['issues', 'pull-requests'], access }
  if (/^\/issues(\/|$)/.test(rest)) return { scopes: ['issues', 'pull-requests'], access }
  if (/^\/pulls(\/|$)/.test(rest)) return { scopes: ['pull-requests'], access }
  if (/^\/actions(\/|$)/.test(rest)) return { scopes: ['actions'], access }
  if (/^\/(contents|git|branches|commits|compare)(\/|$)/.test(rest))
    return { scopes: ['contents'], access }
  return { scopes: ['metadata'], access: 'read' }
}

/** Whether `granted` allows the request. Issues routes need `issues` unless they are a pull request's. */
export function allows(granted: TokenPermissions, method: string, path: string): boolean {
  const { scopes, access } = requiredScopes(method, path)
  const rest = /^\/repos\/[^/]+\/[^/]+(\/.*)?$/.exec(path)?.[1] ?? ''
  // The issues API serves both; our routes act on issues, so `issues` is the scope that counts.
  const needed = /^\/issues(\/|$)/.test(rest) ? (['issues'] as Scope[]) : scopes
  return needed.some((scope) => RANK[granted[scope] ?? 'none'] >= RANK[access])
}

/** GITHUB_TOKEN never holds the `workflows` permission, so it cannot change workflow files. */
export function touchesWorkflowFiles(method: string, path: string): boolean {
  if (method === 'GET') return false
  return /^\/repos\/[^/]+\/[^/]+\/contents\/\.github\/workflows\//.test(path)
}
