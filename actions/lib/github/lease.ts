import { createHash } from 'node:crypto'
import type { GitHubClient } from './client.js'

/*
 * A lease: at most one run at a time inside a section that creates something (an issue, a closing
 * comment). Two runs started together (a manual run beside the scheduled one) would otherwise both
 * see "missing" and both create. GitHub has no lock, but creating a label is atomic: the second
 * create of the same name is refused (422 already_exists). The holder creates the label, does its
 * look-up-then-create, and deletes the label; anyone else waits and then looks up what the holder
 * made. The label's description says until when the lease holds, so one left behind by a run that
 * died is taken over once it has expired. Labels need only `issues: write`, which every action that
 * creates issues already has (a git ref would need `contents: write`).
 */

export interface LeaseOptions {
  /** How long a lease holds before another run may take it over (default 2 minutes). */
  ttlMs?: number
  /** How long to wait between looks at a lease someone else holds (default 1 s). */
  pollMs?: number
  /** How many looks before giving up (default 60). Counted, so a frozen clock cannot hang a run. */
  maxPolls?: number
  /** The clock the expiry is written and read with (default Date.now). */
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export interface LeaseTarget {
  client: Pick<GitHubClient, 'rest'>
  owner: string
  repo: string
}

const PREFIX = 'skill-share-lease-'
const COLOR = 'ededed'
const DESCRIPTION = /^lease until (\S+)/

/** The label a lease on `key` uses: short (GitHub allows 50 characters) and the same in every run. */
export function leaseLabel(key: string): string {
  return `${PREFIX}${createHash('sha256').update(key).digest('hex').slice(0, 16)}`
}

export class LeaseBusyError extends Error {
  constructor(readonly key: string) {
    super(`another run is still creating ${key}; the next run will finish it`)
    this.name = 'LeaseBusyError'
  }
}

/** Runs `section` holding the lease on `key`; waits while another run holds it. */
export async function withLease<T>(
  target: LeaseTarget,
  key: string,
  section: () => Promise<T>,
  options: LeaseOptions = {},
): Promise<T> {
  const ttl = options.ttlMs ?? 120_000
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)))
  const name = leaseLabel(key)
  const { client, owner, repo } = target
  for (let look = 0; look <= (options.maxPolls ?? 60); look++) {
    if (await acquire(target, name, key, now() + ttl)) {
      try {
        return await section()
      } finally {
        await client.rest.issues
          .deleteLabel({ owner, repo, name })
          .catch((e: unknown) => (statusOf(e) === 404 ? undefined : Promise.reject(e)))
      }
    }
    const until = await expiry(target, name)
    if (until !== undefined && until < now()) {
      // Left behind by a run that died: take it over (whoever creates it next holds it).
      await client.rest.issues.deleteLabel({ owner, repo, name }).catch(() => undefined)
      continue
    }
    await sleep(options.pollMs ?? 1000)
  }
  throw new LeaseBusyError(key)
}

async function acquire(target: LeaseTarget, name: string, key: string, until: number) {
  try {
    await target.client.rest.issues.createLabel({
      owner: target.owner,
      repo: target.repo,
      name,
      color: COLOR,
      description: `lease until ${new Date(until).toISOString()}: ${key}`.slice(0, 100),
      request: { retries: 0 },
    })
    return true
  } catch (e) {
    if (statusOf(e) === 422) return false
    throw e
  }
}

/** When the lease on `name` runs out; undefined when it is gone (released meanwhile) or unreadable. */
async function expiry(target: LeaseTarget, name: string): Promise<number | undefined> {
  try {
    const { data } = await target.client.rest.issues.getLabel({
      owner: target.owner,
      repo: target.repo,
      name,
    })
    const match = DESCRIPTION.exec(data.description ?? '')
    const at = match ? Date.parse(match[1] ?? '') : Number.NaN
    return Number.isNaN(at) ? 0 : at
  } catch (e) {
    if (statusOf(e) === 404) return undefined
    throw e
  }
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error
    ? Number((error as { status: unknown }).status)
    : undefined
}
