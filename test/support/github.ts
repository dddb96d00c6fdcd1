import { Octokit } from '@octokit/rest'
import type { GitHubEmulator } from '../../emulator/src/index.js'

/** An octokit acting as one member (the emulator's `x-emulator-user` header), to comment and react. */
export function asMember(gh: GitHubEmulator, login: string): Octokit {
  const octokit = new Octokit({ baseUrl: gh.url, auth: `token-of-${login}` })
  octokit.hook.before('request', (request) => {
    Object.assign(request.headers, gh.userHeaders(login))
  })
  return octokit
}

export const OWNER = 'acme'
export const REPO = 'circle'

/** The bot's comments on an issue, by marker kind (status, closing, ...). */
export function botComments(gh: GitHubEmulator, issue: number, kind: string) {
  return gh.state
    .comments(issue)
    .filter(
      (c) =>
        c.user?.login === 'github-actions[bot]' &&
        (c.body ?? '').includes(`<!-- skill-share:${kind} `),
    )
}

/** A comparable picture of the repository: what a person would see, without ids or timestamps. */
export function snapshot(gh: GitHubEmulator) {
  return gh.state.issues({ state: 'all' }).map((issue) => ({
    number: issue.number,
    title: issue.title,
    state: issue.state,
    stateReason: issue.state_reason ?? null,
    labels: issue.labels.map((l) => (typeof l === 'string' ? l : l.name)).sort(),
    assignees: (issue.assignees ?? []).map((a) => a.login).sort(),
    milestone: issue.milestone?.title ?? null,
    botComments: gh.state
      .comments(issue.number)
      .filter((c) => c.user?.login === 'github-actions[bot]')
      .map((c) => (c.body ?? '').match(/<!-- skill-share:([a-z-]+)/)?.[1] ?? 'unmarked'),
  }))
}
