import { createHash, randomUUID } from 'node:crypto'
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
  /**
   * How long a lease holds before another run may take it over (default 10 minutes: far longer
   * than the work, so clocks that differ between runners never let two runs in; a lease left
   * behind is free again before the next hourly run).
   */
  ttlMs?: number
  /**
   * How long to wait between looks at a lease someone else holds (default 0.5 s: the holder's
   * work is a look-up and one create, done in a second or two).
   */
  pollMs?: number
  /**
   * How many looks before giving up (default 40, some 20 s): the step is left to the next run,
   * which finds what the holder made. Counted, not timed, so a frozen clock cannot hang a run.
   */
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

/**
 * The lease a sessions run holds while it creates (session and conversation issues, closing and
 * status comments), and that comment and form events take around a status post: one key, so a
 * status is never posted twice by two workflows at once.
 */
export const RUN_LEASE = 'sessions run'

const PREFIX = 'skill-share-lease-'
/** This run's mark on the leases it takes, so a create whose response was lost is still known as its own. */
const HOLDER = randomUUID().slice(0, 8)
const COLOR = 'ededed'
const DESCRIPTION = /^lease until (\S+)(?: by ([^\s:]+))?/

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
  const lease = await takeLease(target, key, options)
  try {
    return await section()
  } finally {
    await lease.release()
  }
}

export interface HeldLease {
  /** Gives the lease back; one that cannot be removed runs out on its own. */
  release(): Promise<void>
}

/**
 * Takes the lease on `key` and holds it until released: for a run that does many creations, one
 * lease around all of them costs two requests instead of two per creation.
 */
export async function takeLease(
  target: LeaseTarget,
  key: string,
  options: LeaseOptions = {},
): Promise<HeldLease> {
  const ttl = options.ttlMs ?? 600_000
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)))
  const name = leaseLabel(key)
  const { client, owner, repo } = target
  const remove = () =>
    client.rest.issues.deleteLabel({ owner, repo, name }).then(
      () => undefined,
      () => undefined,
    )
  for (let look = 0; look <= (options.maxPolls ?? 40); look++) {
    const held = (await acquire(target, name, key, now() + ttl))
      ? { until: Infinity, mine: true }
      : await holder(target, name)
    if (held?.mine) return { release: remove }
    // Released meanwhile: try again at once.
    if (held === undefined) continue
    if (held.until < now()) {
      // Left behind by a run that died: take it over (whoever creates it next holds it).
      await remove()
      continue
    }
    await sleep(options.pollMs ?? 500)
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
      description: `lease until ${new Date(until).toISOString()} by ${HOLDER}: ${key}`.slice(
        0,
        100,
      ),
    })
    return true
  } catch (e) {
    // Taken: by another run, or by this one when a retried create lost its first response.
    if (statusOf(e) === 422) return false
    throw e
  }
}

/**
 * Who holds the lease on `name` and until when; undefined when it is gone (released meanwhile).
 * An unreadable description counts as expired.
 */
async function holder(
  target: LeaseTarget,
  name: string,
): Promise<{ until: number; mine: boolean } | undefined> {
  try {
    const { data } = await target.client.rest.issues.getLabel({
      owner: target.owner,
      repo: target.repo,
      name,
    })
    const match = DESCRIPTION.exec(data.description ?? '')
    const at = match ? Date.parse(match[1] ?? '') : Number.NaN
    return { until: Number.isNaN(at) ? 0 : at, mine: match?.[2] === HOLDER }
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
