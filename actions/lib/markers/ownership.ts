/** Who wrote something, as GitHub reports it. */
export interface UserRef {
  login: string
  type: string
}

/** The token's identity when a workflow uses GITHUB_TOKEN. */
export const BOT_LOGIN = 'github-actions[bot]'

/** Markers only count on what the bot itself wrote: anyone can paste a marker into a comment. */
export function isOwnBot(user: UserRef): boolean {
  return user.type === 'Bot' && user.login === BOT_LOGIN
}
