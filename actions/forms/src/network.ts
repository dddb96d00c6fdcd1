import { findNetworkIssue, networkLabels, renderNetworkIssue } from '../../lib/coaching/network.js'
import type { Group } from '../../lib/group-file/schema.js'
import { createOnce } from '../../lib/github/idempotent.js'
import type { Repository } from '../../lib/github/repository.js'
import { labelSpec } from '../../lib/labels/labels.js'

/**
 * A coaching network's first accepted sign-up opens the network's issue, where a facilitator
 * comments `/match`. Later sign-ups find it (one query) and leave it alone. Returns the issue's
 * number and whether this run opened it.
 */
export async function ensureNetworkIssue(
  github: Repository,
  group: Group,
  repo: { serverUrl: string; repository: string },
): Promise<{ number: number; opened: boolean }> {
  const lookup = async () =>
    findNetworkIssue(await github.listIssues({ labels: networkLabels(group), state: 'all' }), group)
  const existing = await lookup()
  if (existing) return { number: existing.number, opened: false }
  const issue = renderNetworkIssue(group, repo)
  const labels = new Set((await github.listLabels()).map((l) => l.name))
  for (const name of issue.labels) if (!labels.has(name)) await github.createLabel(labelSpec(name))
  const created = await createOnce({ create: () => github.createIssue(issue), lookup })
  return { number: created.number, opened: true }
}
