import { DateTime } from 'luxon'
import { CADENCE_CHOICES, CORE_SKILLS, type CoreSkill } from '../forms/catalog.js'
import type { SignUpSubmission } from '../forms/submissions.js'
import type { Group, Member, Pair } from '../group-file/schema.js'
import { minCostAssignment } from '../pairing/assignment.js'
import { sameEmployer } from '../pairing/buddies.js'
import { isoDate } from '../schedule/dates.js'
import { localDateTime } from '../schedule/time.js'
import { formatHours } from './hours.js'

/*
 * Coaching pairs from sign-ups. Every coachee (a sign-up that seeks a skill) gets at most one coach
 * (a sign-up that offers one), and only a coach who:
 *   - offers a skill the coachee seeks,
 *   - does not work for the same employer (the roster's `employer`),
 *   - shares at least CONVERSATION_MINUTES of usual hours with them, in their own time zones,
 *   - still has room: no coach takes more coachees than they offered.
 * A pair already in `pairs:` that still meets these is kept as it is; a pair whose coachee did not
 * sign up again is left alone. The rest is an exact minimum-cost assignment (assignment.ts): first
 * as many coachees as possible, then coachees spread over coaches, then the closer fit.
 */

/** A conversation needs this much shared time; it is also the proposed pair's duration. */
export const CONVERSATION_MINUTES = 60
/** A proposed pair's first conversation is at least this far off, so the pull request can be merged. */
export const FIRST_CONVERSATION_AFTER_DAYS = 7

const UNMATCHED = 1_000_000
const PAIR = 100
const PER_COACHEE_ALREADY = 20
const OTHER_CADENCE = 10
const SKILL_NOT_OFFERED = 5

export interface SignUpEntry {
  /** The author's login as the roster spells it. */
  login: string
  /** The sign-up issue. */
  issue: number
  signUp: SignUpSubmission
}

export interface MatchInput {
  group: Group
  /** Accepted sign-ups of roster members, any order; a later issue replaces an earlier one. */
  signUps: readonly SignUpEntry[]
  /** Sign-ups that cannot count, each with why (not on the roster, answers to fix). */
  refused?: readonly Unmatched[]
  now: Date
}

export interface ProposedPair {
  pair: Pair
  /** Skills the coach offers that the coachee seeks. */
  skills: CoreSkill[]
  /** Already in `pairs:` and still fits. */
  kept: boolean
  /** The sign-up issues it came from (none for a kept pair whose coach did not sign up again). */
  issues: number[]
}

export interface Unmatched {
  login: string
  issue?: number
  reason: string
}

export interface MatchResult {
  /** The new `pairs:`: pairs left alone, kept pairs, then new pairs. */
  pairs: Pair[]
  /** Kept and new pairs, with why. */
  proposed: ProposedPair[]
  /** Pairs in `pairs:` whose coachee signed up again but that no longer fit, with why. */
  ended: Array<{ pair: Pair; reason: string }>
  unmatched: Unmatched[]
  /** Coaches with room left: login and how many more they could take. */
  spare: Array<{ login: string; places: number }>
}

interface Person {
  login: string
  issue: number
  member: Member
  signUp: SignUpSubmission
}

type Fit =
  | { ok: true; skills: CoreSkill[]; slot: Slot; cost: number }
  | { ok: false; why: 'self' | 'skills' | 'employer' | 'hours' | 'mutual' }

interface Slot {
  /** Weekday name in the coachee's time zone. */
  weekday: Pair['weekday']
  time: string
  /** Minutes the two share around that time. */
  overlap: number
}

export function matchCoaching(input: MatchInput): MatchResult {
  const { group } = input
  const people = latestSignUps(group, input.signUps)
  const byLogin = new Map(people.map((p) => [p.login.toLowerCase(), p]))
  const coachees = people.filter((p) => p.signUp.seek.length > 0)
  const coaches = people.filter((p) => p.signUp.offer.length > 0)
  const existing = uniquePairs(group.pairs ?? [])
  const reference = referenceMonday(input.now)

  // Pairs whose coachee did not sign up again (or no longer seeks) stay as they are.
  const untouched = existing.filter((p) => !coachees.some((c) => same(c.login, p.coachee)))
  const kept: ProposedPair[] = []
  const ended: MatchResult['ended'] = []
  const taken = new Map<string, number>()
  const take = (coach: string) => taken.set(coach.toLowerCase(), used(coach) + 1)
  const used = (coach: string) => taken.get(coach.toLowerCase()) ?? 0
  for (const pair of untouched) take(pair.coach)
  for (const pair of existing) {
    const coachee = coachees.find((c) => same(c.login, pair.coachee))
    if (!coachee) continue
    const coach = byLogin.get(pair.coach.toLowerCase())
    const reason = keepReason(group, pair, coach, coachee, reference)
    if (reason !== undefined) {
      ended.push({ pair, reason })
      continue
    }
    kept.push({
      pair,
      skills: coach ? common(coach.signUp.offer, coachee.signUp.seek) : [],
      kept: true,
      issues: coach ? [coach.issue, coachee.issue] : [coachee.issue],
    })
    take(pair.coach)
  }

  const open = coachees.filter((c) => !kept.some((k) => same(k.pair.coachee, c.login)))
  const settled = [...untouched, ...kept.map((k) => k.pair)]
  const places = coaches.flatMap((coach) =>
    Array.from({ length: Math.max(0, coach.signUp.capacity - used(coach.login)) }, (_, k) => ({
      coach,
      rank: used(coach.login) + k,
    })),
  )
  const fits = open.map((coachee) =>
    coaches.map((coach) => fit(coach, coachee, settled, reference)),
  )
  const column = assign(open, coaches, places, fits)

  const proposed: ProposedPair[] = [...kept]
  const left: Array<{ coachee: Person; fits: Fit[] }> = []
  open.forEach((coachee, i) => {
    const j = column[i] as number
    if (j < 0) {
      left.push({ coachee, fits: fits[i] as Fit[] })
      return
    }
    const coach = (places[j] as { coach: Person }).coach
    const found = (fits[i] as Fit[])[coaches.indexOf(coach)] as Extract<Fit, { ok: true }>
    proposed.push({
      pair: newPair(group, coach, coachee, found.slot, input.now),
      skills: found.skills,
      kept: false,
      issues: [coach.issue, coachee.issue].sort((a, b) => a - b),
    })
  })
  const fresh = proposed
    .filter((p) => !p.kept)
    .sort((a, b) => compare(a.pair.coach, b.pair.coach) || compare(a.pair.coachee, b.pair.coachee))
  const keptPairs = new Set(kept.map((k) => k.pair))
  const pairs = [...existing.filter((p) => untouched.includes(p) || keptPairs.has(p))]
  pairs.push(...fresh.map((p) => p.pair))
  const load = (login: string) => pairs.filter((p) => same(p.coach, login)).length
  const unmatched: Unmatched[] = [
    ...(input.refused ?? []),
    ...left.map(({ coachee, fits: row }) => ({
      login: coachee.login,
      issue: coachee.issue,
      reason: whyUnmatched(coachee, coaches, row, load),
    })),
  ]
  const spare = coaches
    .map((c) => ({ login: c.login, places: c.signUp.capacity - load(c.login) }))
    .filter((s) => s.places > 0)
  return {
    pairs,
    proposed: [...kept, ...fresh],
    ended,
    unmatched: unmatched.sort((a, b) => compare(a.login, b.login)),
    spare,
  }
}

/**
 * The exact assignment, with one rule the cost cannot say: two people do not coach each other
 * (a pair is one relationship, whichever way round). Should the optimum hold such a couple, the
 * costlier direction is forbidden and the assignment made again.
 */
function assign(
  open: readonly Person[],
  coaches: readonly Person[],
  places: ReadonlyArray<{ coach: Person; rank: number }>,
  fits: Fit[][],
): number[] {
  for (;;) {
    const column = minCostAssignment(
      open.length,
      places.length,
      (i, j) => {
        const place = places[j] as { coach: Person; rank: number }
        const f = (fits[i] as Fit[])[coaches.indexOf(place.coach)] as Fit
        return f.ok ? f.cost + PER_COACHEE_ALREADY * place.rank : Infinity
      },
      UNMATCHED,
    )
    const pairs = open.flatMap((coachee, i) => {
      const j = column[i] as number
      return j < 0 ? [] : [{ i, coach: (places[j] as { coach: Person }).coach, coachee }]
    })
    const mutual = pairs.find((a) =>
      pairs.some(
        (b) => same(a.coach.login, b.coachee.login) && same(a.coachee.login, b.coach.login),
      ),
    )
    if (!mutual) return column
    const row = fits[mutual.i] as Fit[]
    row[coaches.indexOf(mutual.coach)] = { ok: false, why: 'mutual' }
  }
}

function latestSignUps(group: Group, entries: readonly SignUpEntry[]): Person[] {
  const latest = new Map<string, SignUpEntry>()
  for (const entry of [...entries].sort((a, b) => a.issue - b.issue))
    latest.set(entry.login.toLowerCase(), entry)
  return [...latest.values()]
    .flatMap((entry) => {
      const member = group.members.find((m) => same(m.github, entry.login))
      return member
        ? [{ login: member.github, issue: entry.issue, member, signUp: entry.signUp }]
        : []
    })
    .sort((a, b) => compare(a.login, b.login))
}

function uniquePairs(pairs: readonly Pair[]): Pair[] {
  const seen = new Set<string>()
  return pairs.filter((p) => {
    const key = [p.coach.toLowerCase(), p.coachee.toLowerCase()].sort().join('+')
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Why a pair in the file can no longer be kept; undefined when it can. */
function keepReason(
  group: Group,
  pair: Pair,
  coach: Person | undefined,
  coachee: Person,
  reference: DateTime,
): string | undefined {
  const coachMember = group.members.find((m) => same(m.github, pair.coach))
  if (!coachMember) return `@${pair.coach} is no longer on the member list`
  if (sameEmployer(coachMember, coachee.member)) return 'the two now work for the same employer'
  if (!coach) return undefined // the coach did not sign up again: they never said they stopped
  if (coach.signUp.offer.length === 0) return `@${coach.login} no longer offers coaching`
  if (common(coach.signUp.offer, coachee.signUp.seek).length === 0) {
    return `@${coach.login} no longer offers what @${coachee.login} now seeks (${skillNames(coachee.signUp.seek)})`
  }
  if (!bestSlot(coach, coachee, reference)) return 'their usual hours no longer overlap'
  return undefined
}

function fit(coach: Person, coachee: Person, settled: readonly Pair[], reference: DateTime): Fit {
  if (same(coach.login, coachee.login)) return { ok: false, why: 'self' }
  const skills = common(coach.signUp.offer, coachee.signUp.seek)
  if (skills.length === 0) return { ok: false, why: 'skills' }
  if (sameEmployer(coach.member, coachee.member)) return { ok: false, why: 'employer' }
  if (settled.some((p) => same(p.coach, coachee.login) && same(p.coachee, coach.login)))
    return { ok: false, why: 'mutual' }
  const slot = bestSlot(coach, coachee, reference)
  if (!slot) return { ok: false, why: 'hours' }
  const cost =
    PAIR +
    (coach.signUp.cadence === coachee.signUp.cadence ? 0 : OTHER_CADENCE) +
    SKILL_NOT_OFFERED * (coachee.signUp.seek.length - skills.length) +
    Math.max(0, 3 - Math.floor(slot.overlap / 60))
  return { ok: true, skills, slot, cost }
}

/** The Monday of the week after `now` (UTC): the week whose hours are compared. */
function referenceMonday(now: Date): DateTime {
  const day = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('day')
  return day.plus({ days: 8 - day.weekday })
}

/**
 * Time-zone arithmetic is the costly part of matching (every coach against every coachee), so each
 * person's intervals are computed once per reference week and role.
 */
const intervalCache = new WeakMap<SignUpSubmission, Map<string, Array<[number, number]>>>()

function cachedIntervals(
  person: Person,
  reference: DateTime,
  role: 'coach' | 'coachee',
): Array<[number, number]> {
  const byKey = intervalCache.get(person.signUp) ?? new Map<string, Array<[number, number]>>()
  intervalCache.set(person.signUp, byKey)
  const key = `${reference.toMillis()}:${role}`
  let found = byKey.get(key)
  if (!found) {
    found = intervals(person, reference, role === 'coachee' ? [0] : [-1, 0, 1])
    byKey.set(key, found)
  }
  return found
}

/** A person's usual hours as UTC intervals over weeks `from`..`to` around the reference week. */
function intervals(
  person: Person,
  reference: DateTime,
  weeks: readonly number[],
): Array<[number, number]> {
  const out: Array<[number, number]> = []
  const zone = person.signUp.timezone
  for (const week of weeks) {
    for (let d = 1; d <= 7; d++) {
      const date = isoDate(reference.plus({ weeks: week, days: d - 1 }))
      for (const w of person.signUp.hours) {
        if (!w.days.includes(d)) continue
        const start = localDateTime(date, '00:00', zone).plus({ minutes: w.from })
        out.push([start.toMillis(), start.plus({ minutes: w.to - w.from }).toMillis()])
      }
    }
  }
  return out
}

/**
 * Where the two can meet: among the overlaps of their usual hours (coachee's reference week, the
 * coach's weeks around it, so time zones may shift a day), the longest, then the earliest. The
 * time is the overlap's start, in the coachee's time zone.
 */
function bestSlot(coach: Person, coachee: Person, reference: DateTime): Slot | undefined {
  const theirs = cachedIntervals(coachee, reference, 'coachee')
  const ours = cachedIntervals(coach, reference, 'coach')
  let best: { start: number; length: number } | undefined
  for (const [a0, a1] of theirs) {
    for (const [b0, b1] of ours) {
      const start = Math.max(a0, b0)
      const length = (Math.min(a1, b1) - start) / 60_000
      if (length < CONVERSATION_MINUTES) continue
      if (!best || length > best.length || (length === best.length && start < best.start))
        best = { start, length }
    }
  }
  if (!best) return undefined
  const local = DateTime.fromMillis(best.start, { zone: coachee.signUp.timezone })
  return {
    weekday: local.toFormat('cccc').toLowerCase() as Pair['weekday'],
    time: local.toFormat('HH:mm'),
    overlap: best.length,
  }
}

function newPair(group: Group, coach: Person, coachee: Person, slot: Slot, now: Date): Pair {
  const zone = coachee.signUp.timezone
  let day = DateTime.fromJSDate(now, { zone })
    .startOf('day')
    .plus({ days: FIRST_CONVERSATION_AFTER_DAYS })
  while (day.toFormat('cccc').toLowerCase() !== slot.weekday) day = day.plus({ days: 1 })
  const place = coach.signUp.place ?? coachee.signUp.place
  return {
    coach: coach.login,
    coachee: coachee.login,
    cadence: coachee.signUp.cadence,
    weekday: slot.weekday,
    time: slot.time,
    duration: CONVERSATION_MINUTES,
    start: isoDate(day),
    ...(zone !== group.timezone ? { timezone: zone } : {}),
    ...(place ? { place } : {}),
  }
}

/** One sentence a facilitator can act on: which rule left this coachee without a coach. */
function whyUnmatched(
  coachee: Person,
  coaches: readonly Person[],
  fits: readonly Fit[],
  load: (login: string) => number,
): string {
  const seeks = skillNames(coachee.signUp.seek)
  const others = coaches.filter((_, k) => {
    const f = fits[k] as Fit
    return f.ok || (f.why !== 'skills' && f.why !== 'self')
  })
  if (others.length === 0) return `nobody who signed up offers ${seeks}`
  const count = (why: string) =>
    others.filter((c) => {
      const f = fits[coaches.indexOf(c)] as Fit
      return !f.ok && f.why === why
    }).length
  const full = others.filter((c) => (fits[coaches.indexOf(c)] as Fit).ok)
  const parts: string[] = []
  const employer = count('employer')
  const hours = count('hours')
  const mutual = count('mutual')
  if (employer) parts.push(`${employer} ${employer === 1 ? 'works' : 'work'} for the same employer`)
  if (hours) {
    parts.push(
      `${hours} ${hours === 1 ? 'shares' : 'share'} no ${CONVERSATION_MINUTES} minutes of usual hours with ${formatHours(coachee.signUp.hours)} (${coachee.signUp.timezone})`,
    )
  }
  if (mutual) parts.push(`${mutual} ${mutual === 1 ? 'is' : 'are'} coached by them already`)
  if (full.length) {
    const names = full.map(
      (c) => `@${c.login} (coaches ${load(c.login)}, offered ${c.signUp.capacity})`,
    )
    parts.push(
      `${full.length} ${full.length === 1 ? 'has' : 'have'} no place left: ${names.join(', ')}`,
    )
  }
  return `${others.length} ${others.length === 1 ? 'coach offers' : 'coaches offer'} ${seeks}, but ${parts.join('; ')}`
}

function common(offer: readonly CoreSkill[], seek: readonly CoreSkill[]): CoreSkill[] {
  return seek.filter((s) => offer.includes(s))
}

export function skillNames(skills: readonly CoreSkill[]): string {
  const names = skills.map((s) => CORE_SKILLS.find((k) => k.value === s)?.label.toLowerCase() ?? s)
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`
}

export function cadenceName(cadence: Pair['cadence']): string {
  return CADENCE_CHOICES.find((c) => c.value === cadence)?.label.toLowerCase() ?? cadence
}

export function describeSlot(pair: Pair, groupZone: string): string {
  const zone = pair.timezone ?? groupZone
  return `${capitalize(pair.weekday)}s ${pair.time} (${zone}), ${cadenceName(pair.cadence)}, from ${pair.start}`
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

function compare(a: string, b: string): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  return x < y ? -1 : x > y ? 1 : 0
}
