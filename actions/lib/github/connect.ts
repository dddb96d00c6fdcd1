import { createClient } from './client.js'
import { Repository } from './repository.js'
import type { RunnerContext } from '../runner/context.js'

/** The one way an action gets its GitHub client: reliable octokit, pointed where the runner says. */
export function connect(
  context: RunnerContext,
  token: string,
  log: { debug(message: string): void; warning(message: string): void },
): Repository {
  if (!token)
    throw new Error('github-token is empty: pass ${{ github.token }} or a token with issues: write')
  const client = createClient({
    token,
    baseUrl: context.apiUrl,
    log,
  })
  return new Repository(client, context.owner, context.repo)
}
