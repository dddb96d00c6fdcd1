import { forbiddenKind } from './forbidden.js'

/**
 * Creates something at most once. A create that fails may still have happened (the response was
 * lost), so before trying again we look for what it would have made, by its hidden marker.
 */
export async function createOnce<T>(steps: {
  create: () => Promise<T>
  lookup: () => Promise<T | undefined>
  attempts?: number
}): Promise<T> {
  const attempts = steps.attempts ?? 3
  let lastError: unknown
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) {
      const existing = await steps.lookup()
      if (existing !== undefined) return existing
    }
    try {
      return await steps.create()
    } catch (e) {
      if (!isTransient(e)) throw e
      lastError = e
    }
  }
  throw lastError
}

/** Worth another try: no answer, a server error, or a rate limit (a 403 for anything else is not). */
function isTransient(error: unknown): boolean {
  const status =
    typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : 0
  return status === 0 || status >= 500 || forbiddenKind(error) === 'rate-limit'
}
