import { isMap, isNode, isScalar, isSeq, parseDocument, stringify, type Node } from 'yaml'
import { FORMS } from '../forms/catalog.js'
import { readSubmission } from '../forms/read.js'
import type { IssueView } from '../github/repository.js'
import { parseGroupFile } from '../group-file/load.js'
import type { Group, Pair } from '../group-file/schema.js'
import { groupFilePath } from '../group-file/write.js'
import { NEEDS_FIX_LABEL } from '../submissions/collect.js'
import {
  describeSlot,
  skillNames,
  type MatchResult,
  type SignUpEntry,
  type Unmatched,
} from './match.js'

/*
 * From sign-up issues to the pull request that changes `pairs:`. The same functions serve the
 * commands action (which opens the pull request) and `skill-share match` (which prints it), so both
 * show the same pairs for the same issues.
 */

/**
 * The sign-ups a proposal counts, and the ones it cannot count with why: the latest valid sign-up
 * of each roster member who names this group; a sign-up with answers to fix or from someone not on
 * the roster is explained instead. Bots' issues and pull requests are no sign-ups.
 */
export function readSignUps(
  issues: readonly IssueView[],
  group: Group,
  formYaml: string,
): { signUps: SignUpEntry[]; refused: Unmatched[] } {
  const slug = group.slug.toLowerCase()
  const signUps: SignUpEntry[] = []
  const refused = new Map<string, Unmatched>()
  const label = FORMS['sign-up'].label
  const ordered = [...issues]
    .filter(
      (issue) =>
        !issue.isPullRequest &&
        issue.author.type !== 'Bot' &&
        issue.labels.some((l) => l.name === label),
    )
    .sort((a, b) => a.number - b.number)
  for (const issue of ordered) {
    const login = issue.author.login
    const read = readSubmission('sign-up', issue.body, formYaml)
    if (read.ok && read.submission.group.toLowerCase() !== slug) continue
    // A sign-up that does not read may still be for another network: only count it here when it
    // carries this group's label or names the group in its first answer.
    if (!read.ok && !namesGroup(issue, slug)) continue
    const member = group.members.find((m) => m.github.toLowerCase() === login.toLowerCase())
    const key = login.toLowerCase()
    if (!member) {
      refused.set(key, {
        login,
        issue: issue.number,
        reason: `not on the member list of ${groupFilePath(group.slug)} yet: add them (with their employer), then ask again`,
      })
      continue
    }
    if (!read.ok || issue.labels.some((l) => l.name === NEEDS_FIX_LABEL)) {
      refused.set(key, {
        login: member.github,
        issue: issue.number,
        reason: `their sign-up #${issue.number} has answers to fix (the reply on it says which)`,
      })
      continue
    }
    refused.delete(key)
    signUps.push({ login: member.github, issue: issue.number, signUp: read.submission })
  }
  // A later valid sign-up wins over an earlier broken one, and the other way round.
  const latestValid = new Map(signUps.map((s) => [s.login.toLowerCase(), s.issue]))
  const stillRefused = [...refused.values()].filter(
    (r) => (latestValid.get(r.login.toLowerCase()) ?? 0) < (r.issue ?? 0),
  )
  const refusedLogins = new Set(stillRefused.map((r) => r.login.toLowerCase()))
  return {
    signUps: signUps.filter((s) => !refusedLogins.has(s.login.toLowerCase())),
    refused: stillRefused,
  }
}

function namesGroup(issue: IssueView, slug: string): boolean {
  if (issue.labels.some((l) => l.name.toLowerCase() === `group:${slug}`)) return true
  const answer = /^###[^\n]*\n+\s*([^\n]+)/.exec(issue.body)?.[1]?.trim().toLowerCase() ?? ''
  return answer.replace(/^groups\//, '').replace(/\/$/, '') === slug
}

/**
 * The group file with `pairs:` as the proposal has it, edited as text: pairs that end are removed
 * line by line, new pairs appended below the last one, and everything else (comments, alignment,
 * the pairs that stay) is left as the organizer wrote it. Throws when the result is not a valid
 * group file with exactly these pairs: nothing broken is ever proposed.
 */
export function writePairs(
  text: string,
  group: Pick<Group, 'slug'>,
  pairs: readonly Pair[],
  notes?: ReadonlyMap<Pair, string>,
): string {
  const file = groupFilePath(group.slug)
  const doc = parseDocument(text)
  const root = doc.contents
  if (doc.errors.length > 0 || !isMap(root))
    throw new Error(`${file} is not a YAML mapping; fix it first`)
  const node: unknown = root.get('pairs', true)
  const wanted = new Set(pairs.map(pairKey))
  let edited: string
  if (node === undefined || (isSeq(node) && node.flow && node.items.length === 0)) {
    const block = `pairs:\n${pairs.map((p) => renderPair(p, '  - ', notes?.get(p))).join('')}`
    edited = node === undefined ? appendBlock(text, root, block) : replaceKeyLine(text, root, block)
  } else {
    if (!isSeq(node) || node.flow || !node.range)
      throw new Error('pairs: is not a block list; fix it first')
    const items = node.items.filter(isNode)
    const present = new Map<string, Node>()
    for (const item of items) {
      const key = itemKey(item)
      if (key) present.set(key, item)
    }
    const first = items[0]?.range?.[0]
    const last = items.at(-1)?.range?.[1]
    if (first === undefined || last === undefined) throw new Error('pairs: is empty; fix it first')
    const prefix = text.slice(text.lastIndexOf('\n', first - 1) + 1, first)
    const added = pairs.filter((p) => !present.has(pairKey(p)))
    const at = lineAfter(text, last)
    edited = splice(text, at, at, added.map((p) => renderPair(p, prefix, notes?.get(p))).join(''))
    const removed = items
      .filter((item) => !wanted.has(itemKey(item) ?? ''))
      .sort((a, b) => (b.range?.[0] ?? 0) - (a.range?.[0] ?? 0))
    for (const item of removed) {
      const start = item.range?.[0] ?? 0
      const end = item.range?.[1] ?? start
      const from = text.lastIndexOf('\n', start - 1) + 1
      edited = splice(edited, from, lineAfter(text, end), '')
    }
  }
  const { group: parsed, problems } = parseGroupFile(edited, { file, slug: group.slug })
  if (!parsed) {
    const firstError = problems.find((p) => p.severity === 'error')
    throw new Error(
      `the proposal would make ${file} invalid: ${firstError?.field}: ${firstError?.message}`,
    )
  }
  const written = (parsed.pairs ?? []).map(pairKey).sort()
  if (written.join(' ') !== [...wanted].sort().join(' '))
    throw new Error(`could not write the proposed pairs into ${file}`)
  return edited
}

function itemKey(item: Node): string | undefined {
  if (!isMap(item)) return undefined
  const coach = item.get('coach')
  const coachee = item.get('coachee')
  return typeof coach === 'string' && typeof coachee === 'string'
    ? pairKey({ coach, coachee })
    : undefined
}

function pairKey(pair: Pick<Pair, 'coach' | 'coachee'>): string {
  return `${pair.coach}>${pair.coachee}`.toLowerCase()
}

const FIELD_ORDER: ReadonlyArray<keyof Pair> = [
  'coach',
  'coachee',
  'cadence',
  'weekday',
  'time',
  'duration',
  'start',
  'timezone',
  'place',
]

/** One pair as block YAML under `prefix` (e.g. "  - "), with an optional comment line above. */
function renderPair(pair: Pair, prefix: string, note?: string): string {
  const indent = ' '.repeat(prefix.length)
  const head = prefix.slice(0, prefix.indexOf('-'))
  const lines = FIELD_ORDER.filter((k) => pair[k] !== undefined).map((k, i) => {
    const field = pair[k]
    const value =
      k === 'time'
        ? `"${pair.time}"`
        : typeof field === 'number'
          ? String(field)
          : scalar(String(field))
    return `${i === 0 ? prefix : indent}${k}: ${value}\n`
  })
  return `${note ? `${head}# ${note.replace(/\n/g, ' ')}\n` : ''}${lines.join('')}`
}

function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd()
}

function appendBlock(
  text: string,
  root: ReturnType<typeof parseDocument>['contents'],
  block: string,
): string {
  // Before `public:` when the file ends with it (as the examples do), else at the end.
  if (isMap(root)) {
    const pub = root.items.find((p) => isScalar(p.key) && p.key.value === 'public')
    const start = isNode(pub?.key) ? pub.key.range?.[0] : undefined
    if (start !== undefined) {
      const lineStart = text.lastIndexOf('\n', start - 1) + 1
      return splice(text, lineStart, lineStart, block)
    }
  }
  return `${text.endsWith('\n') || text === '' ? text : `${text}\n`}${block}`
}

/** Replaces the line `pairs: []` with a block. */
function replaceKeyLine(
  text: string,
  root: ReturnType<typeof parseDocument>['contents'],
  block: string,
): string {
  if (!isMap(root)) return text
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'pairs')
  const start = isNode(pair?.key) ? pair.key.range?.[0] : undefined
  if (start === undefined) return text
  const from = text.lastIndexOf('\n', start - 1) + 1
  const stop = text.indexOf('\n', start)
  return splice(text, from, stop < 0 ? text.length : stop + 1, block)
}

/** Where the line holding offset `end` (exclusive) ends, its newline included. */
function lineAfter(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end
  const stop = text.indexOf('\n', end)
  return stop < 0 ? text.length : stop + 1
}

function splice(text: string, from: number, to: number, insert: string): string {
  return `${text.slice(0, from)}${insert}${text.slice(to)}`
}

/** The comment a new pair carries in the file: what matched it, never anything personal. */
export function pairNotes(result: MatchResult): Map<Pair, string> {
  return new Map(
    result.proposed
      .filter((p) => !p.kept)
      .map((p) => [
        p.pair,
        `matched on ${skillNames(p.skills)} (sign-ups ${p.issues.map((n) => `#${n}`).join(', ')})`,
      ]),
  )
}

export interface PairsPullText {
  title: string
  body: string
  message: string
}

/** A short fingerprint of the proposal, so the same pairs are not proposed twice. */
export function proposalValue(pairs: readonly Pair[]): string {
  let hash = 2166136261
  for (const ch of pairs.map((p) => `${pairKey(p)}@${p.weekday}${p.time}${p.start}`).join(';')) {
    hash ^= ch.charCodeAt(0)
    hash = Math.imul(hash, 16777619) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}

/** The proposal in words: the pull request's body and `skill-share match`'s output share it. */
export function describeProposal(
  group: Pick<Group, 'slug' | 'timezone'>,
  result: MatchResult,
): string {
  const lines: string[] = []
  const fresh = result.proposed.filter((p) => !p.kept)
  const kept = result.proposed.filter((p) => p.kept)
  if (fresh.length) {
    lines.push('New pairs:', '')
    for (const p of fresh)
      lines.push(
        `- @${p.pair.coach} coaches @${p.pair.coachee} on ${skillNames(p.skills)}: ${describeSlot(p.pair, group.timezone)}${p.pair.place ? ', place given' : ''}`,
      )
    lines.push('')
  }
  if (kept.length) {
    lines.push('Kept (already in pairs: and still a fit):', '')
    for (const p of kept) lines.push(`- @${p.pair.coach} coaches @${p.pair.coachee}`)
    lines.push('')
  }
  if (result.ended.length) {
    lines.push('Ending (the coachee signed up again, and the pair no longer fits):', '')
    for (const e of result.ended)
      lines.push(`- @${e.pair.coach} and @${e.pair.coachee}: ${e.reason}`)
    lines.push('')
  }
  if (result.unmatched.length) {
    lines.push('Not matched:', '')
    for (const u of result.unmatched)
      lines.push(`- @${u.login}${u.issue ? ` (#${u.issue})` : ''}: ${u.reason}`)
    lines.push('')
  }
  if (result.spare.length) {
    lines.push(
      `Coaches with room for more: ${result.spare.map((s) => `@${s.login} (${s.places})`).join(', ')}`,
      '',
    )
  }
  if (lines.length === 0) lines.push('No sign-ups to match yet.', '')
  return lines.join('\n').trimEnd()
}

export function pairsPullText(
  group: Pick<Group, 'slug' | 'name' | 'timezone'>,
  result: MatchResult,
  issue: number,
): PairsPullText {
  const fresh = result.proposed.filter((p) => !p.kept).length
  const file = groupFilePath(group.slug)
  return {
    title: `${group.name}: ${fresh} new coaching ${fresh === 1 ? 'pair' : 'pairs'}`,
    message: `${group.name}: coaching pairs from the sign-ups (asked for in #${issue})`,
    body: [
      `Coaching pairs from the sign-ups, as a facilitator asked in #${issue}. Merging this sets \`pairs:\` in \`${file}\`; each pair's conversation issues open from its start date, assigned to both.`,
      'Every pair follows the rules: the coach offers a skill the coachee seeks, the two work for different employers, their usual hours overlap by at least an hour in their own time zones, and no coach has more coachees than they offered. Pairs already in the file that still fit are kept. Edit the day, time or start here before merging if the two agree on another.',
      describeProposal(group, result),
    ].join('\n\n'),
  }
}
