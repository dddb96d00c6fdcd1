import { describe, expect, it } from 'vitest'
import { pulseAggregate, renderPulse, type PulseEntry } from '../../actions/lib/forms/pulse.js'

const answer = (
  author: string,
  ease: 'easier' | 'same' | 'harder',
  belonging: 'yes' | 'partly' | 'not-yet',
): PulseEntry => ({ author, submission: { kind: 'pulse', group: 'fall-2026', ease, belonging } })

describe('the pulse after week 2', () => {
  it('shows nothing while fewer than three members have answered', () => {
    expect(pulseAggregate([answer('ana', 'easier', 'yes'), answer('bo', 'same', 'partly')])).toBe(
      undefined,
    )
  })

  it('counts each member once, by their latest answer, whatever the login case', () => {
    const aggregate = pulseAggregate([
      answer('ana', 'same', 'not-yet'),
      answer('bo', 'easier', 'yes'),
      answer('ANA', 'easier', 'partly'),
      answer('cy', 'harder', 'yes'),
    ])
    expect(aggregate).toEqual({
      answers: 3,
      ease: { easier: 2, same: 0, harder: 1 },
      belonging: { yes: 2, partly: 1, 'not-yet': 0 },
    })
  })

  it('renders counts only, never a login, with a hint when someone is not part of it yet', () => {
    const entries = [
      answer('ana-login', 'easier', 'yes'),
      answer('bo-login', 'easier', 'not-yet'),
      answer('cy-login', 'same', 'yes'),
    ]
    const text = renderPulse(pulseAggregate(entries)!, 8)
    expect(text).toContain('3 of 8 answered')
    expect(text).toContain(
      'Less awkward than at the start: 2 · About the same: 1 · More awkward: 0',
    )
    expect(text).toContain('Yes: 2 · Partly: 0 · Not yet: 1')
    expect(text).toContain('Some do not feel part of it yet')
    expect(text).not.toMatch(/login/)
  })
})
