import { describe, expect, it } from 'vitest'
import {
  LeaseBusyError,
  leaseLabel,
  withLease,
  type LeaseTarget,
} from '../../actions/lib/github/lease.js'

/** Labels as GitHub keeps them: creating a name that exists is refused with 422. */
function fakeRepository(options: { loseCreateResponses?: number } = {}) {
  const labels = new Map<string, { description: string }>()
  let lose = options.loseCreateResponses ?? 0
  const fail = (status: number) => Object.assign(new Error(String(status)), { status })
  const issues = {
    createLabel: async (p: { name: string; description: string }): Promise<{ data: object }> => {
      if (labels.has(p.name)) throw fail(422)
      labels.set(p.name, { description: p.description })
      // The label is made, but the answer never arrives; the client retries the create.
      if (lose-- > 0) return issues.createLabel(p)
      return { data: {} }
    },
    getLabel: async (p: { name: string }) => {
      const label = labels.get(p.name)
      if (!label) throw fail(404)
      return { data: { name: p.name, description: label.description } }
    },
    deleteLabel: async (p: { name: string }) => {
      if (!labels.delete(p.name)) throw fail(404)
      return { data: {} }
    },
  }
  const target = { client: { rest: { issues } }, owner: 'acme', repo: 'circle' }
  return { target: target as unknown as LeaseTarget, labels }
}

const quick = { sleep: async () => undefined }

describe('a lease on creating something', () => {
  it('runs the section and leaves no label behind', async () => {
    const { target, labels } = fakeRepository()
    expect(await withLease(target, 'session issue fall 1', async () => 'made', quick)).toBe('made')
    expect(labels.size).toBe(0)
  })

  it('names its label within GitHub’s 50 characters, the same in every run', () => {
    const name = leaseLabel(`session issue ${'a'.repeat(40)} 26`)
    expect(name.length).toBeLessThanOrEqual(50)
    expect(leaseLabel('x')).toBe(leaseLabel('x'))
  })

  it('waits while another run holds it, then goes in', async () => {
    const { target, labels } = fakeRepository()
    const name = leaseLabel('k')
    labels.set(name, { description: 'lease until 2999-01-01T00:00:00.000Z by other: k' })
    let looks = 0
    const result = await withLease(target, 'k', async () => 'after', {
      sleep: async () => {
        if (++looks === 3) labels.delete(name)
      },
    })
    expect(result).toBe('after')
    expect(looks).toBe(3)
  })

  it('takes over a lease whose holder died, once it has run out', async () => {
    const { target, labels } = fakeRepository()
    labels.set(leaseLabel('k'), { description: 'lease until 2000-01-01T00:00:00.000Z by gone: k' })
    expect(await withLease(target, 'k', async () => 'taken', quick)).toBe('taken')
  })

  it('knows its own lease when the answer to its create was lost', async () => {
    const { target, labels } = fakeRepository({ loseCreateResponses: 1 })
    expect(await withLease(target, 'k', async () => 'mine', quick)).toBe('mine')
    expect(labels.size).toBe(0)
  })

  it('gives up after a bounded number of looks, leaving the step to the next run', async () => {
    const { target, labels } = fakeRepository()
    labels.set(leaseLabel('k'), { description: 'lease until 2999-01-01T00:00:00.000Z by other: k' })
    let ran = false
    await expect(
      withLease(target, 'k', async () => (ran = true), { ...quick, maxPolls: 5 }),
    ).rejects.toBeInstanceOf(LeaseBusyError)
    expect(ran).toBe(false)
  })

  it('lets the work stand when the lease cannot be removed afterwards', async () => {
    const { target } = fakeRepository()
    const broken = target as unknown as {
      client: { rest: { issues: { deleteLabel: () => Promise<never> } } }
    }
    broken.client.rest.issues.deleteLabel = async () => Promise.reject(new Error('502'))
    expect(await withLease(target, 'k', async () => 'done', quick)).toBe('done')
  })
})
