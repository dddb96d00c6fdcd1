import type { RequestLogEntry } from '../../../emulator/src/index.js'

/** The facilitators' pulse counts carry this marker; the comment holds counts, never names. */
const isPulse = (body: Record<string, unknown>) =>
  String(body['body'] ?? '').includes('<!-- skill-share:pulse ')

/** What a run did, in a line a person can read, from the writes in its request log. */
export function describeWrites(requests: readonly RequestLogEntry[]): string {
  const parts: string[] = []
  const counts = new Map<string, number>()
  const add = (what: string) => counts.set(what, (counts.get(what) ?? 0) + 1)
  for (const r of requests) {
    if (r.method === 'GET' || r.status >= 400) continue
    const body = (r.body ?? {}) as Record<string, unknown>
    const issue = /\/issues\/(\d+)/.exec(r.path)?.[1]
    if (r.method === 'POST' && /\/issues$/.test(r.path))
      parts.push(`opened "${String(body['title'])}"`)
    else if (r.method === 'POST' && /\/pulls$/.test(r.path))
      parts.push(`opened pull request "${String(body['title'])}"`)
    else if (r.method === 'PATCH' && /\/issues\/\d+$/.test(r.path) && body['state'] === 'closed')
      parts.push(
        `closed #${issue}${body['state_reason'] === 'not_planned' ? ' (not planned)' : ''}`,
      )
    else if (r.method === 'POST' && /\/issues\/\d+\/comments$/.test(r.path))
      add(isPulse(body) ? `posted the pulse counts on #${issue}` : `commented on #${issue}`)
    else if (r.method === 'PATCH' && /\/issues\/comments\/\d+$/.test(r.path))
      add(isPulse(body) ? 'updated the pulse counts' : 'updated a comment')
    else if (r.method === 'POST' && /\/reactions$/.test(r.path)) add('acknowledged a command')
    else if (r.method === 'POST' && /\/labels$/.test(r.path) && !issue) add('created a label')
    else if (r.method === 'POST' && /\/issues\/\d+\/labels$/.test(r.path)) add(`labelled #${issue}`)
    else if (r.method === 'POST' && /\/milestones$/.test(r.path)) add('created the milestone')
    else if (r.method === 'PUT' && /\/contents\//.test(r.path))
      add(`wrote ${r.path.split('/contents/')[1]}`)
    else if (r.method === 'PATCH' && /\/issues\/\d+$/.test(r.path)) add(`edited #${issue}`)
    else if (r.method === 'POST' && /\/git\/refs$/.test(r.path))
      add(`created branch ${String(body['ref']).replace(/^refs\/heads\//, '')}`)
    else if (r.method === 'PATCH' && /\/git\/refs\/heads\//.test(r.path))
      add(`moved branch ${r.path.split('/git/refs/heads/')[1]}`)
    else add(`${r.method} ${r.path.replace(/^\/repos\/[^/]+\/[^/]+/, '')}`)
  }
  for (const [what, n] of counts) parts.push(n > 1 ? `${what} (×${n})` : what)
  return parts.length ? parts.join('; ') : 'nothing to do'
}
