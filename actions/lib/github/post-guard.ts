import type { Octokit } from '@octokit/rest'
import {
  DEFAULT_LINK_HOSTS,
  guardMarkdown,
  guardTitle,
  type Defused,
  type PostPolicy,
} from '../markdown/guard.js'

/** Writes whose `body` is Markdown GitHub renders and whose `title` it shows: issues, comments, PRs. */
const RENDERED = /\/(?:issues|pulls|milestones)(?:\/|$)/
const WRITES = new Set(['POST', 'PATCH', 'PUT'])

/**
 * Runs every write through the one check (actions/lib/markdown/guard.ts) before it leaves: whatever
 * action, whatever method of ours built it, nothing reaches GitHub with a live link, image, mention
 * or HTML the bot did not mean, or over GitHub's lengths. What it changes is reported by kind and
 * endpoint only, never with the text (it may be a member's).
 */
export function guardWrites(
  octokit: Pick<Octokit, 'hook'>,
  policy: PostPolicy,
  warn: (message: string) => void,
): void {
  octokit.hook.before('request', (options) => {
    const method = String(options.method).toUpperCase()
    const url = String(options.url)
    if (!WRITES.has(method) || !RENDERED.test(url)) return
    const params = options as Record<string, unknown>
    const defused: Defused[] = []
    if (typeof params['body'] === 'string') {
      const guarded = guardMarkdown(params['body'], policy)
      params['body'] = guarded.text
      defused.push(...guarded.defused)
    }
    if (typeof params['title'] === 'string') {
      const guarded = guardTitle(params['title'])
      params['title'] = guarded.text
      defused.push(...guarded.defused)
    }
    if (defused.length > 0)
      warn(`made ${[...new Set(defused)].join(', ')} inert before ${method} ${url}`)
  })
}

/** The hosts a bot's link may point to: GitHub itself (or the Enterprise server behind the API). */
export function defaultPostPolicy(apiUrl: string): PostPolicy {
  let server: string | undefined
  try {
    server = new URL(apiUrl).hostname.toLowerCase().replace(/^api\./, '')
  } catch {
    server = undefined
  }
  return { linkHosts: server ? [...DEFAULT_LINK_HOSTS, server] : [...DEFAULT_LINK_HOSTS] }
}
