import { createHash } from 'node:crypto'
import { isMap, isNode, isScalar, isSeq, parseDocument, stringify, type YAMLMap } from 'yaml'
import type { MatchResult } from '../../lib/coaching/match.js'
import { pairNotes, pairsPullText, proposalValue, writePairs } from '../../lib/coaching/proposal.js'
import { inertText } from '../../lib/commands/inert.js'
import type { SessionState } from '../../lib/commands/state.js'
import {
  chosenTopics,
  fillThemes,
  type RankedTopic,
  type ThemeAssignment,
} from '../../lib/commands/topics.js'
import { parseGroupFile } from '../../lib/group-file/load.js'
import type { Group } from '../../lib/group-file/schema.js'
import { groupFilePath } from '../../lib/group-file/write.js'
import type { PullView } from '../../lib/github/pulls.js'
import { isOwnBot } from '../../lib/markers/ownership.js'
import { findMarker, marker } from '../../lib/markers/markers.js'

/*
 * Group decisions that change the group file reach it the way every change to a group file does:
 * as a pull request the facilitators review and merge. `/continue confirm` on the closing issue
 * proposes `then:`; `/themes` on the kickoff issue (or, once week 1 is over without one, the most
 * voted topics) proposes `themes:` for the themed weeks the file leaves open. The sessions workflow
 * reads the file from the default branch, so issues opened after the merge carry the themes; theme
 * issues already open when it is merged are retitled by the scheduled run (see plan-sweep.ts).
 *
 * Each proposal lives on its own branch, `skill-share/<slug>/<change>`, and its pull request body
 * carries `<!-- skill-share:group-change group=<slug> change=<change> value=<v> -->`. The same
 * value is proposed once: a pull request that was merged or closed with it is the group's answer.
 */

export const GROUP_CHANGE_MARKER = 'group-change'
export const GROUP_CHANGES = ['continue', 'themes', 'pairs'] as const
export type GroupChangeKind = (typeof GROUP_CHANGES)[number]

/** A decision to look at again, passed between the workflow's two jobs: `example/continue#6`. */
export interface GroupChangeRequest {
  slug: string
  kind: GroupChangeKind
  issue: number
}

/** The closing decisions beyond the cadence, as the group file's `continuation:` writes them. */
export type Continuation = NonNullable<Group['continuation']>

export type GroupChange =
  | {
      kind: 'continue'
      slug: string
      issue: number
      then: 'monthly' | 'biweekly' | 'none'
      /** What else the closing votes decided; absent when they decided nothing else. */
      continuation?: Continuation
    }
  | {
      kind: 'themes'
      slug: string
      issue: number
      themes: ThemeAssignment[]
      /** Picked by a facilitator with `/themes`, rather than taken from the votes. */
      chosen: boolean
    }
  | {
      kind: 'pairs'
      slug: string
      /** The network's issue, where a facilitator commented `/match`. */
      issue: number
      /** The pairs matched from the sign-ups, with who could not be matched and why. */
      match: MatchResult
    }

const REQUEST = /^([a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,39})\/(continue|themes|pairs)#(\d{1,9})$/

export function formatRequests(requests: readonly GroupChangeRequest[]): string {
  return requests.map((r) => `${r.slug}/${r.kind}#${r.issue}`).join(' ')
}

/** Reads the `group-changes` input; anything else in it is an error, never guessed at. */
export function parseRequests(text: string): GroupChangeRequest[] {
  const words = text.split(/[\s,]+/).filter(Boolean)
  const bad = words.filter((word) => !REQUEST.test(word))
  if (bad.length > 0) {
    throw new Error(
      `group-changes: ${bad.map((w) => JSON.stringify(w)).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not <slug>/<continue|themes|pairs>#<issue>, e.g. "fall-2026/continue#12"`,
    )
  }
  return words.map((word) => {
    const [, slug, kind, issue] = REQUEST.exec(word) as RegExpExecArray
    return { slug: slug as string, kind: kind as GroupChangeKind, issue: Number(issue) }
  })
}

/** The confirmed `/continue` vote, as a value of `then:`. */
export function continueChange(
  group: Pick<Group, 'slug'>,
  issue: number,
  state: Pick<
    SessionState,
    'continueConfirmed' | 'continueDecision' | 'homeworkDecision' | 'seatDecision'
  >,
): GroupChange | undefined {
  const decision = state.continueDecision
  if (!state.continueConfirmed || !decision) return undefined
  const then = decision === 'stop' || decision === 'channel' ? 'none' : decision
  const continuation: Continuation = {
    ...(state.homeworkDecision ? { homework: state.homeworkDecision === 'keep' } : {}),
    ...(state.seatDecision ? { seats: state.seatDecision.choice } : {}),
    ...(state.seatDecision?.cap ? { cap: state.seatDecision.cap } : {}),
    // Stopping closes the channel; `channel` keeps it as all that remains.
    ...(then === 'none' ? { channel: decision === 'channel' } : {}),
  }
  return {
    kind: 'continue',
    slug: group.slug,
    issue,
    then,
    ...(Object.keys(continuation).length > 0 ? { continuation } : {}),
  }
}

/**
 * Themes for the open themed weeks: the topics a facilitator picked with `/themes`, else (when
 * `ranked` is given, i.e. once week 1 is over) the topics by votes, ties to the earliest proposal.
 */
export function themesChange(
  group: Pick<Group, 'slug' | 'weekly' | 'themes'>,
  issue: number,
  state: Pick<SessionState, 'topics' | 'themesChosen'>,
  ranked?: readonly RankedTopic[],
): GroupChange | undefined {
  const chosen = state.themesChosen !== undefined
  const picks = state.themesChosen ? chosenTopics(state.topics, state.themesChosen) : (ranked ?? [])
  const themes = fillThemes(group, picks)
  if (themes.length === 0) return undefined
  return { kind: 'themes', slug: group.slug, issue, themes, chosen }
}

/** What identifies a proposal: the same value is never proposed twice. */
export function changeValue(change: GroupChange): string {
  if (change.kind === 'continue') return [change.then, ...continuationWords(change)].join('.')
  if (change.kind === 'pairs') return proposalValue(change.match.pairs)
  const text = change.themes.map((t) => `${t.week}:${t.title}`).join('\n')
  return createHash('sha256').update(text).digest('hex').slice(0, 12)
}

/** `homework-drop`, `seats-nominations`, `cap-10`, `channel`: the decision in marker-safe words. */
function continuationWords(change: Extract<GroupChange, { kind: 'continue' }>): string[] {
  const c = change.continuation ?? {}
  return [
    c.homework === undefined ? '' : `homework-${c.homework ? 'keep' : 'drop'}`,
    c.seats ? `seats-${c.seats}` : '',
    c.cap ? `cap-${c.cap}` : '',
    c.channel === undefined ? '' : c.channel ? 'channel' : 'no-channel',
  ].filter(Boolean)
}

export function changeBranch(change: Pick<GroupChange, 'slug' | 'kind'>): string {
  return `skill-share/${change.slug}/${change.kind}`
}

export function changeMarker(change: GroupChange): string {
  return marker(GROUP_CHANGE_MARKER, {
    group: change.slug,
    change: change.kind,
    value: changeValue(change),
  })
}

/**
 * The group file with the change made as a small text edit: one value replaced or a few lines
 * added, so the pull request's diff shows exactly the decision and every comment, alignment and
 * flow style the organizer wrote stays. Throws when the result would not be a valid group file
 * with the change: nothing broken is ever proposed.
 */
export function editGroupFile(text: string, change: GroupChange): string {
  const doc = parseDocument(text)
  const root = doc.contents
  const file = groupFilePath(change.slug)
  if (doc.errors.length > 0 || !isMap(root))
    throw new Error(`${file} is not a YAML mapping; fix it first`)
  if (change.kind === 'pairs')
    return writePairs(text, change, change.match.pairs, pairNotes(change.match))
  const edited =
    change.kind === 'continue' ? withDecision(text, change) : withThemes(text, root, change)
  const { group, problems } = parseGroupFile(edited, { file, slug: change.slug })
  if (!group) {
    const first = problems.find((p) => p.severity === 'error')
    throw new Error(`the change would make ${file} invalid: ${first?.field}: ${first?.message}`)
  }
  const applied =
    change.kind === 'continue'
      ? group.then === change.then &&
        Object.entries(change.continuation ?? {}).every(
          ([key, value]) => group.continuation?.[key as keyof Continuation] === value,
        )
      : change.themes.every((t) => themeAt(group, t.week) === t.title)
  if (!applied) throw new Error(`could not write the ${change.kind} change into ${file}`)
  return edited
}

/** `then:` and, when the votes decided more, the `continuation:` block right after it. */
function withDecision(text: string, change: Extract<GroupChange, { kind: 'continue' }>): string {
  const afterThen = withThen(text, parseDocument(text).contents as YAMLMap, change.then)
  if (!change.continuation) return afterThen
  return withContinuation(afterThen, change.continuation)
}

/**
 * Replaces the `continuation:` block (or adds it after `then:`) with the decided values merged
 * into what it already says, written in block style.
 */
function withContinuation(text: string, decided: Continuation): string {
  const root = parseDocument(text).contents as YAMLMap
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'continuation')
  const current: unknown = isMap(pair?.value) ? (pair.value.toJSON() as unknown) : {}
  if (pair && !isMap(pair.value)) throw new Error('continuation: is not a mapping; fix it first')
  const merged = { ...(current as object), ...decided }
  const block = stringify({ continuation: merged }, { lineWidth: 0 })
  const keyStart = isNode(pair?.key) ? pair.key.range?.[0] : undefined
  const valueEnd = isNode(pair?.value) ? pair.value.range?.[1] : undefined
  if (keyStart !== undefined && valueEnd !== undefined) {
    const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1
    const lineEnd = text.indexOf('\n', Math.max(valueEnd - 1, keyStart))
    return splice(text, lineStart, lineEnd < 0 ? text.length : lineEnd + 1, block)
  }
  const then = root.items.find((p) => isScalar(p.key) && p.key.value === 'then')
  const thenEnd = isNode(then?.value) ? then.value.range?.[1] : undefined
  if (thenEnd === undefined) return insertLinesBefore(text, root, ['quorum', 'members'], block)
  const lineEnd = text.indexOf('\n', thenEnd)
  return splice(
    text,
    lineEnd < 0 ? text.length : lineEnd + 1,
    lineEnd < 0 ? text.length : lineEnd + 1,
    block,
  )
}

function withThen(text: string, root: YAMLMap, then: string): string {
  const node: unknown = root.get('then', true)
  if (isScalar(node) && node.range)
    return splice(text, node.range[0], node.range[1], scalarText(then))
  if (node !== undefined) throw new Error('then: is not a single value; fix it first')
  return insertLinesBefore(text, root, ['quorum', 'members'], `then: ${scalarText(then)}\n`)
}

function withThemes(text: string, root: YAMLMap, change: Extract<GroupChange, { kind: 'themes' }>) {
  const node: unknown = root.get('themes', true)
  const existing = isSeq(node) ? node.items.length : 0
  change.themes.forEach((theme, index) => {
    if (theme.week - 2 !== existing + index)
      throw new Error(`week ${theme.week} does not follow the themes already in the file`)
  })
  const titles = change.themes.map((t) => scalarText(t.title))
  if (node === undefined) {
    const block = `themes:\n${titles.map((t) => `  - ${t}\n`).join('')}`
    return insertLinesBefore(text, root, ['members'], block)
  }
  if (!isSeq(node) || !node.range) throw new Error('themes: is not a list; fix it first')
  const items = node.items.filter(isNode)
  const last = items.at(-1)
  if (node.flow || !last?.range) {
    const kept = items.map((item) => text.slice(item.range?.[0], item.range?.[1]))
    return splice(text, node.range[0], node.range[1], `[${[...kept, ...titles].join(', ')}]`)
  }
  const first = items[0]?.range?.[0] ?? last.range[0]
  const prefix = text.slice(text.lastIndexOf('\n', first - 1) + 1, first)
  const lineEnd = text.indexOf('\n', last.range[1])
  const at = lineEnd < 0 ? text.length : lineEnd
  return splice(text, at, at, titles.map((t) => `\n${prefix}${t}`).join(''))
}

function themeAt(group: Group, week: number): string | undefined {
  const theme = group.themes?.[week - 2]
  return typeof theme === 'string' ? theme : theme?.title
}

/** Inserts whole lines before the first of `keys` present (at the start of its line), else at the end. */
function insertLinesBefore(
  text: string,
  root: YAMLMap,
  keys: readonly string[],
  lines: string,
): string {
  for (const key of keys) {
    const pair = root.items.find((p) => isScalar(p.key) && p.key.value === key)
    const start = isNode(pair?.key) ? pair.key.range?.[0] : undefined
    if (start !== undefined) {
      const lineStart = text.lastIndexOf('\n', start - 1) + 1
      return splice(text, lineStart, lineStart, lines)
    }
  }
  return `${text.endsWith('\n') || text === '' ? text : `${text}\n`}${lines}`
}

/** A value as one line of YAML: plain when it can be, quoted when it must. */
function scalarText(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd()
}

function splice(text: string, from: number, to: number, insert: string): string {
  return `${text.slice(0, from)}${insert}${text.slice(to)}`
}

export interface PullText {
  title: string
  body: string
  /** The commit message. */
  message: string
}

export function pullText(change: GroupChange, group: Pick<Group, 'name' | 'timezone'>): PullText {
  const file = groupFilePath(change.slug)
  if (change.kind === 'pairs') {
    const text = pairsPullText({ ...group, slug: change.slug }, change.match, change.issue)
    return { ...text, body: `${text.body}\n\n${changeMarker(change)}` }
  }
  if (change.kind === 'continue') {
    const how =
      change.then === 'none'
        ? change.continuation?.channel
          ? 'to stop meeting after the weekly meetings and keep only the discussion channel'
          : 'to stop after the weekly meetings'
        : change.then === 'monthly'
          ? 'to go on meeting monthly'
          : 'to go on meeting every other week'
    const c = change.continuation ?? {}
    const decided = [
      `- \`then: ${change.then}\`: ${how.replace(/^to /, '')}.`,
      ...(c.homework === undefined
        ? []
        : [
            `- \`homework: ${c.homework}\`: ${c.homework ? 'the meetings after the weekly phase keep the homework sheet' : 'the meetings after the weekly phase go without homework'}.`,
          ]),
      ...(c.seats
        ? [
            `- \`seats: ${c.seats}\`${c.cap ? `, \`cap: ${c.cap}\`` : ''}: ${c.seats === 'closed' ? 'no new members for now' : c.seats === 'nominations' ? 'new members by nomination from the group' : 'new members welcome when someone invites them'}${c.cap ? `, up to ${c.cap} members in all` : ''}.`,
          ]
        : []),
      ...(c.channel === undefined
        ? []
        : [
            `- \`channel: ${c.channel}\`: the discussion channel ${c.channel ? 'stays' : 'closes'}.`,
          ]),
    ]
    const todo = [
      ...(change.then === 'none' && c.channel === false
        ? ['- [ ] Close the discussion channel (after a last message thanking everyone).']
        : []),
      ...(c.channel ? ['- [ ] Tell the members the channel stays, and who looks after it.'] : []),
      ...(c.seats === 'nominations'
        ? [
            `- [ ] Ask the members for nominations${c.cap ? ` (room for ${c.cap} in all)` : ''}; add newcomers to \`${file}\` once they are collaborators.`,
          ]
        : []),
      ...(c.seats === 'open'
        ? [
            `- [ ] Invite newcomers as collaborators, then add them to \`${file}\`${c.cap ? ` (at most ${c.cap} members)` : ''}.`,
          ]
        : []),
      "- [ ] Read the retrospective's pull request when it arrives, and merge it for the next organizer.",
    ]
    return {
      title: `${group.name}: what comes after the weekly meetings`,
      message: `${group.name}: then ${change.then}${c.homework === undefined && !c.seats && c.channel === undefined ? '' : ', with the other closing decisions'} (decided in #${change.issue})`,
      body: [
        `The group voted in #${change.issue} ${how}, and a facilitator confirmed the votes with \`/continue confirm\`. Merging this writes the decisions into \`${file}\`:`,
        decided.join('\n'),
        'The sessions workflow reads the file from the default branch and schedules the meetings after the weekly phase from it.',
        '### Checklist',
        todo.join('\n'),
        changeMarker(change),
      ].join('\n\n'),
    }
  }
  const how = change.chosen
    ? 'as a facilitator picked them with `/themes`'
    : 'the most voted topics, ties going to the earliest proposal'
  const weeks = change.themes.map(
    (t) => `- Week ${t.week}: ${inertText(t.title, { maxLength: 100 })}`,
  )
  return {
    title: `${group.name}: themes for weeks ${change.themes[0]?.week}–${change.themes.at(-1)?.week}`,
    message: `${group.name}: themes from the topics in #${change.issue}`,
    body: [
      `Themes for the weeks \`${file}\` leaves open, from the topics proposed in #${change.issue}, ${how}:`,
      weeks.join('\n'),
      'Edit the titles here if you like before merging. Session issues opened after the merge carry their theme; one already open is retitled within the hour.',
      changeMarker(change),
    ].join('\n\n'),
  }
}

export type PullPlan =
  { action: 'none'; reason: string } | { action: 'update'; pull: number } | { action: 'open' }

/**
 * Whether a change still needs a pull request. `pulls` are every pull request from the change's
 * branch, open or closed. Nothing to do when the file already says so, or when a pull request
 * proposed this very value (open: it is there; closed or merged: the facilitators decided).
 */
export function planPull(
  change: GroupChange,
  files: { base: string; edited: string },
  pulls: readonly PullView[],
): PullPlan {
  if (files.base === files.edited)
    return { action: 'none', reason: 'the group file already says so' }
  const value = changeValue(change)
  const ours = pulls
    .filter((pull) => isOwnBot(pull.author))
    .map((pull) => ({
      pull,
      found: findMarker(pull.body, GROUP_CHANGE_MARKER, {
        group: change.slug,
        change: change.kind,
      }),
    }))
    .filter((p) => p.found !== undefined)
  const same = ours.find((p) => p.found?.attributes['value'] === value)
  if (same) {
    return {
      action: 'none',
      reason:
        same.pull.state === 'open'
          ? `pull request #${same.pull.number} proposes it`
          : `pull request #${same.pull.number} proposed it and was closed`,
    }
  }
  const open = ours.find((p) => p.pull.state === 'open')
  return open ? { action: 'update', pull: open.pull.number } : { action: 'open' }
}
