import { describe, expect, it } from 'vitest'
import {
  cost,
  PacedClock,
  requestKind,
  RunBudget,
  secondsOf,
} from '../../actions/lib/budget/budget.js'

describe('production pacing', () => {
  it('tells reads, writes and creations apart as the client paces them', () => {
    expect(requestKind('GET', '/repos/acme/circle/issues')).toBe('read')
    expect(requestKind('POST', '/repos/acme/circle/issues')).toBe('create')
    expect(requestKind('POST', '/repos/acme/circle/issues/12/comments')).toBe('create')
    expect(requestKind('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments')).toBe(
      'create',
    )
    expect(requestKind('POST', '/repos/acme/circle/pulls')).toBe('create')
    expect(requestKind('PATCH', '/repos/acme/circle/issues/12')).toBe('write')
    expect(requestKind('PATCH', '/repos/acme/circle/issues/comments/7')).toBe('write')
    expect(requestKind('POST', '/repos/acme/circle/labels')).toBe('write')
    expect(requestKind('DELETE', '/repos/acme/circle/issues/comments/7')).toBe('write')
  })

  it('spaces creations 3 s and writes 1 s apart, reads only by their round trip', () => {
    const clock = new PacedClock()
    clock.add('read')
    expect(clock.seconds).toBeCloseTo(0.3)
    clock.add('create')
    clock.add('create')
    // The second creation waits until 3 s after the first started (at 0.3 s).
    expect(clock.seconds).toBeCloseTo(3.6)
    clock.add('write')
    // A write waits 1 s after the previous write's start (3.3 s).
    expect(clock.seconds).toBeCloseTo(4.6)
    expect(clock.requests).toBe(4)
    expect(clock.counts).toEqual({ read: 1, write: 1, create: 2 })
  })

  it('estimates a group of pair issues at about 3 s each', () => {
    expect(secondsOf(cost({ reads: 2, creates: 4 }))).toBeCloseTo(12.6)
  })
})

describe('the run budget', () => {
  const budget = (remaining: number | undefined, elapsed: number, seconds = 540) =>
    new RunBudget({
      remaining: () => remaining,
      elapsedSeconds: () => elapsed,
      seconds,
      reserve: 5,
    })

  it('lets work start that fits the hour and the job', () => {
    expect(budget(100, 0).refuse(cost({ reads: 10, creates: 4 }))).toBeUndefined()
    expect(budget(undefined, 0).refuse(cost({ reads: 10 }))).toBeUndefined()
  })

  it('keeps work that would run past the hourly requests for the next run', () => {
    expect(budget(20, 0).refuse(cost({ reads: 10, creates: 6 }))).toEqual({
      reason: 'requests',
      detail: 'needs about 16 requests, 20 left this hour',
    })
  })

  it("keeps work that would outlast the job's timeout for the next run", () => {
    const refusal = budget(900, 530).refuse(cost({ creates: 4 }))
    expect(refusal?.reason).toBe('time')
    expect(refusal?.detail).toBe("needs about 12 s, 10 s left before the job's timeout")
  })
})
