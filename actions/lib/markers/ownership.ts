/** Who wrote something, as GitHub reports it. */
export interface UserRef {
  login: string
  type: string
  /**
   * Set by the GitHub layer when this is the identity the run's token acts as: a group that runs
   * the actions with a personal or GitHub App token writes as that user or app, not as the bot.
   */
  self?: boolean
}

/** The token's identity when a workflow uses GITHUB_TOKEN. */
export const BOT_LOGIN = 'github-actions[bot]'

/**
 * Markers only count on what the bot itself wrote: anyone can paste a marker into a comment. The
 * bot is `github-actions[bot]` (only this repository's workflows write as it, so what it wrote
 * counts even after a group switched tokens) or whatever identity the run's token has.
 */
export function isOwnBot(user: UserRef): boolean {
  return (user.type === 'Bot' && user.login === BOT_LOGIN) || user.self === true
}
