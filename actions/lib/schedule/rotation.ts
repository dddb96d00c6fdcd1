import type { Member } from '../group-file/schema.js'
import { seededShuffle } from '../random/seeded.js'

export interface Facilitation {
  facilitator: string
  coFacilitator?: string
}

/**
 * Facilitators take turns leading; everyone else co-facilitates in a seeded round robin, so each
 * member co-facilitates once before anyone does it twice. When the group has only facilitators,
 * they co-facilitate for each other.
 */
export function facilitationRotation(members: readonly Member[], seed: string) {
  const leads = members.filter((m) => m.role === 'facilitator').map((m) => m.github)
  const others = members.filter((m) => m.role !== 'facilitator').map((m) => m.github)
  const pool = seededShuffle(others.length > 0 ? others : leads, `${seed}:co-facilitation`)
  let next = 0
  return (index: number): Facilitation => {
    const facilitator = leads[index % leads.length] ?? members[0]?.github ?? ''
    if (pool.length === 0 || (pool.length === 1 && pool[0] === facilitator)) return { facilitator }
    let co = pool[next % pool.length] as string
    if (co === facilitator) {
      next++
      co = pool[next % pool.length] as string
    }
    next++
    return { facilitator, coFacilitator: co }
  }
}
