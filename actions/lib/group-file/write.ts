import { DateTime } from 'luxon'
import {
  Document,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type Node,
} from 'yaml'
import { parseGroupFile } from './load.js'
import { formatProblem, type Problem, type Severity } from './problems.js'
import type { Group } from './schema.js'

/*
 * Writing a group file from a short form: the "Start a cohort" workflow's inputs and the flags of
 * `skill-share init`. The form is read into a draft, the draft is rendered as YAML (a fresh,
 * commented file, or an update of an existing one that keeps everything the form does not cover),
 * and the YAML is checked by the same validator as `skill-share validate`, its problems mapped
 * back to the form field a person can fix.
 */

/** The form's fields: action inputs and CLI flags (`--timezone`) share these names. */
export const COHORT_FIELDS = [
  'slug',
  'name',
  'start',
  'weekday',
  'time',
  'timezone',
  'weekly',
  'then',
  'facilitators',
  'members',
  'skip',
] as const
export type CohortField = (typeof COHORT_FIELDS)[number]

/** The form as typed: every value a string, absent or empty when left blank. */
export type CohortForm = Partial<Record<CohortField, string>>

/** The form read into group-file values; still unvalidated (the validator judges them). */
export interface GroupDraft {
  slug: string
  name?: string
  timezone?: string
  /** The first meeting's date as given. */
  start?: string
  weekday?: string
  /** True when the weekday was given rather than taken from the start date. */
  weekdayGiven: boolean
  time?: string
  /** A number when it looks like one, else the text, so the validator can say what is wrong. */
  weekly: number | string
  then: string
  skip: string[]
  facilitators: string[]
  /** Members who are not facilitators, in the order given. */
  members: string[]
  /** Set `public: true` (only when the organizer explicitly allowed a public repository). */
  public?: boolean
}

/** A problem with the form, attached to the field to fix; `field` is absent for the file itself. */
export interface FormProblem {
  field?: CohortField
  message: string
  severity: Severity
}

export const DEFAULT_DURATION_MINUTES = 90
export const DEFAULT_WEEKLY = 6
const REQUIRED: readonly CohortField[] = ['slug', 'name', 'start', 'timezone', 'facilitators']

/** Folder, label (`group:<slug>`) and branch names are made from it: keep it plain. */
export const SLUG = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,39}$/
const START = /^(\d{4}-\d{2}-\d{2})(?:[ T]+(\d{1,2}:\d{2}))?$/

export function groupFilePath(slug: string): string {
  return `groups/${slug}/group.yml`
}

// ------------------------------------------------------------------------------------------------
// Reading the form

/** Splits "@ana, bart\npriya" into logins; the @ is optional, any comma or whitespace separates. */
export function splitLogins(text: string | undefined): string[] {
  return splitList(text).map((item) => item.replace(/^@/, ''))
}

export function splitList(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,;]+/).filter(Boolean)
}

export function readCohortForm(form: CohortForm): { draft: GroupDraft; problems: FormProblem[] } {
  const problems: FormProblem[] = []
  const error = (field: CohortField, message: string) =>
    problems.push({ field, message, severity: 'error' })
  const value = (field: CohortField) => form[field]?.trim() || undefined

  const slug = value('slug') ?? ''
  if (slug && !SLUG.test(slug))
    error(
      'slug',
      `${JSON.stringify(slug)} is not a slug: use lowercase letters, digits and single hyphens (at most 40), e.g. "fall-2026"`,
    )

  const startText = value('start')
  const startMatch = startText ? START.exec(startText) : null
  const start = startMatch?.[1] ?? startText
  const startTime = startMatch?.[2] ? padHour(startMatch[2]) : undefined
  const timeInput = value('time')
  const time = timeInput ? padHour(timeInput) : startTime
  if (timeInput && startTime && padHour(timeInput) !== startTime)
    error('time', `"${timeInput}" disagrees with the time in start (${startTime}); give it once`)
  if (!time && startMatch)
    error(
      'time',
      'is required: the local start time, e.g. "16:00", or as part of start: "2026-10-25 16:00"',
    )

  const weekdayInput = value('weekday')?.toLowerCase()
  const weekday = weekdayInput ?? weekdayOf(start)

  const weeklyText = value('weekly')
  const weekly = weeklyText === undefined ? DEFAULT_WEEKLY : numberOrText(weeklyText)

  const facilitators = unique(splitLogins(form.facilitators))
  const members: string[] = []
  const seen = new Map(facilitators.map((login) => [login.toLowerCase(), 'facilitators']))
  for (const login of splitLogins(form.members)) {
    const already = seen.get(login.toLowerCase())
    if (already === undefined) {
      seen.set(login.toLowerCase(), 'members')
      members.push(login)
    } else {
      error(
        'members',
        `"${login}" is listed twice (${already === 'members' ? 'earlier in members' : 'also in facilitators'})`,
      )
    }
  }
  for (const login of duplicates(splitLogins(form.facilitators)))
    error('facilitators', `"${login}" is listed twice`)

  for (const field of REQUIRED) {
    const missing = field === 'facilitators' ? facilitators.length === 0 : !value(field)
    if (!missing) continue
    if (field === 'facilitators')
      error('facilitators', 'name at least one facilitator (a GitHub login)')
    else error(field, 'is required')
  }

  const draft: GroupDraft = {
    slug,
    weekdayGiven: weekdayInput !== undefined,
    weekly,
    then: value('then')?.toLowerCase() ?? 'monthly',
    skip: splitList(form.skip),
    facilitators,
    members,
    ...defined({ name: value('name'), timezone: value('timezone'), start, weekday, time }),
  }
  return { draft, problems }
}

function padHour(time: string): string {
  return /^\d:\d{2}$/.test(time) ? `0${time}` : time
}

function weekdayOf(date: string | undefined): string | undefined {
  if (!date) return undefined
  const day = DateTime.fromISO(date, { zone: 'utc' })
  return day.isValid ? day.toFormat('cccc').toLowerCase() : undefined
}

function numberOrText(text: string): number | string {
  return /^\d+$/.test(text) ? Number(text) : text
}

function unique(logins: string[]): string[] {
  const seen = new Set<string>()
  return logins.filter((login) => {
    const key = login.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function duplicates(logins: string[]): string[] {
  const seen = new Set<string>()
  const twice = new Set<string>()
  for (const login of logins) {
    if (seen.has(login.toLowerCase())) twice.add(login)
    seen.add(login.toLowerCase())
  }
  return [...twice]
}

function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>
}

// ------------------------------------------------------------------------------------------------
// Rendering

/**
 * The group file for a draft. With `existing` text (the file on the default branch, or on the open
 * pull request's branch), the form's fields are updated in place and everything else stays as the
 * organizer left it: member names, employers, themes, comments. Rendering twice from the same
 * draft gives the same text, which is what makes a second dispatch a no-op.
 */
export function renderGroupFile(draft: GroupDraft, existing?: string): string {
  const base = existing === undefined ? undefined : parseDocument(existing)
  const doc = base && isUpdatable(base) ? base : freshDocument(draft)
  applyDraft(doc, draft)
  return doc.toString({ lineWidth: 100 })
}

/**
 * An existing file that is not a YAML mapping cannot be updated in place, and starting it afresh
 * would lose what the organizer wrote: callers refuse with this problem instead.
 */
export function unreadableGroupFile(existing: string, where: string): FormProblem | undefined {
  const doc = parseDocument(existing)
  if (isUpdatable(doc)) return undefined
  const reason = doc.errors[0]?.message.split('\n')[0] ?? 'it is not a mapping of fields'
  return {
    severity: 'error',
    message: `${where} cannot be updated: ${reason}. Fix the file (skill-share validate shows where) and run this again`,
  }
}

function isUpdatable(doc: Document.Parsed): boolean {
  return doc.errors.length === 0 && isMap(doc.contents)
}

function freshDocument(draft: GroupDraft): Document {
  const doc = new Document({})
  doc.commentBefore = [
    ' yaml-language-server: $schema=../group.schema.json',
    ` Written by "Start a cohort" (or skill-share init). Edit freely: the sessions workflow reads`,
    ' this file from the default branch. Field reference: README.md#the-group-file',
  ].join('\n')
  const root = doc.contents as YAMLMap
  // Fields the form left blank are left out, so the validator says "is required".
  const set = (map: YAMLMap, key: string, value: unknown, comment?: string) => {
    if (value === undefined) return
    map.set(key, comment ? withComment(value, comment) : value)
  }
  set(root, 'name', draft.name)
  set(root, 'format', 'circle')
  set(root, 'timezone', draft.timezone)
  const meeting = new YAMLMap()
  set(meeting, 'weekday', draft.weekday)
  set(meeting, 'time', draft.time === undefined ? undefined : quoted(draft.time))
  set(meeting, 'duration', DEFAULT_DURATION_MINUTES, ' minutes')
  meeting.comment =
    ' place: where you meet, an address or a video link (shown in every session issue)'
  root.set('meeting', meeting)
  set(root, 'start', draft.start, ' the first meeting')
  set(root, 'weekly', draft.weekly, ' consecutive weekly meetings')
  set(root, 'then', draft.then, ' monthly, biweekly or none, after the weekly phase')
  const skip = new YAMLSeq()
  skip.flow = true
  root.set(
    'skip',
    withComment(skip, ' meeting dates to skip; a skipped weekly meeting moves the rest a week'),
  )
  const members = new YAMLSeq()
  members.commentBefore = [
    ' Names are used only to redact them from anything the group publishes (retrospectives,',
    ' summaries); they never appear in issues. The form only knew logins, so each name below is',
    " a login: please replace it with the member's full name (nicknames go in aliases: [...]).",
    ' An employer (employer: Acme) keeps coworkers apart in pairings.',
  ].join('\n')
  root.set('members', members)
  root.set(
    'public',
    withComment(false, ' the material is confidential: keep this repository private'),
  )
  return doc
}

function applyDraft(doc: Document, draft: GroupDraft): void {
  setScalar(doc, ['name'], draft.name)
  setScalar(doc, ['timezone'], draft.timezone)
  if (!isMap(doc.get('meeting', true))) doc.set('meeting', new YAMLMap())
  setScalar(doc, ['meeting', 'weekday'], draft.weekday)
  setScalar(doc, ['meeting', 'time'], draft.time, 'QUOTE_DOUBLE')
  if (!doc.hasIn(['meeting', 'duration']))
    setScalar(doc, ['meeting', 'duration'], DEFAULT_DURATION_MINUTES)
  setScalar(doc, ['start'], draft.start)
  setScalar(doc, ['weekly'], draft.weekly)
  setScalar(doc, ['then'], draft.then)
  setSkip(doc, draft.skip)
  setMembers(doc, draft)
  if (draft.public) setScalar(doc, ['public'], true)
}

function setScalar(
  doc: Document,
  path: string[],
  value: string | number | boolean | undefined,
  type?: Scalar.Type,
): void {
  if (value === undefined) return
  const node = doc.getIn(path, true)
  if (isScalar(node)) {
    if (node.value !== value) node.value = value
    return
  }
  doc.setIn(path, type ? quoted(value, type) : value)
}

function setSkip(doc: Document, skip: string[]): void {
  const node = doc.get('skip', true)
  const current = isSeq(node) ? node.items.map((item) => (isScalar(item) ? item.value : item)) : []
  if (isSeq(node) && sameList(current, skip)) return
  const seq = isSeq(node) ? node : new YAMLSeq()
  seq.flow = true
  seq.items = skip.map((date) => new Scalar(date))
  if (!isSeq(node)) doc.set('skip', seq)
}

/**
 * Facilitators first, then members, in the form's order. A login already in the file keeps its
 * entry (name, aliases, employer, comments); only its role follows the form.
 */
function setMembers(doc: Document, draft: GroupDraft): void {
  const node = doc.get('members', true)
  const seq = isSeq(node) ? node : new YAMLSeq()
  const existing = new Map<string, YAMLMap>()
  for (const item of seq.items) {
    if (!isMap(item)) continue
    const login = item.get('github')
    if (typeof login === 'string') existing.set(login.toLowerCase(), item)
  }
  const entries = [
    ...draft.facilitators.map((login) => ({ login, facilitator: true })),
    ...draft.members.map((login) => ({ login, facilitator: false })),
  ]
  const items = entries.map(({ login, facilitator }) => {
    const entry = existing.get(login.toLowerCase()) ?? newMember(login)
    const role = entry.get('role')
    if (facilitator && role !== 'facilitator') entry.set('role', 'facilitator')
    if (!facilitator && role === 'facilitator') entry.delete('role')
    return entry
  })
  const unchanged =
    items.length === seq.items.length && items.every((item, index) => item === seq.items[index])
  if (!unchanged) seq.items = items
  if (!isSeq(node)) doc.set('members', seq)
}

function newMember(login: string): YAMLMap {
  const entry = new YAMLMap()
  entry.flow = true
  entry.set('github', login)
  entry.set('name', login)
  return entry
}

function quoted(value: string | number | boolean, type: Scalar.Type = 'QUOTE_DOUBLE'): Scalar {
  const scalar = new Scalar(value)
  scalar.type = type
  return scalar
}

function withComment(value: unknown, comment: string): Node {
  const node = value instanceof YAMLSeq || value instanceof Scalar ? value : new Scalar(value)
  node.comment = comment
  return node
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index])
}

// ------------------------------------------------------------------------------------------------
// Validating

/**
 * Validates a rendered group file exactly as `skill-share validate` does, and words each problem
 * for the form: a problem in a field the form filled is attached to that field, with the
 * validator's own message; a problem elsewhere in an existing file keeps its file:line:col.
 * A single-valued field the form already found wrong is not reported twice.
 */
export function validateGroupDraft(
  text: string,
  draft: GroupDraft,
  formProblems: readonly FormProblem[] = [],
): { group?: Group; problems: FormProblem[] } {
  // A slug the form has already refused is not reported again as a folder name.
  const slug = SLUG.test(draft.slug) ? draft.slug : 'new'
  const file = groupFilePath(slug)
  const { group, problems } = parseGroupFile(text, { file, slug })
  // A list field (members, skip) can have several problems; a single value only its first.
  const lists: ReadonlyArray<CohortField | undefined> = ['members', 'facilitators', 'skip']
  const reported = new Set(formProblems.map((p) => p.field).filter((f) => !lists.includes(f)))
  const mapped = problems.flatMap((problem): FormProblem[] => {
    const field = formFieldOf(problem, draft)
    if (field === null) return []
    if (field === undefined)
      return [
        { message: formatProblem({ ...problem, severity: 'error' }), severity: problem.severity },
      ]
    if (reported.has(field)) return []
    if (!lists.includes(field)) reported.add(field)
    return [{ field, message: problem.message, severity: problem.severity }]
  })
  return {
    ...(group ? { group } : {}),
    problems: [...mapped, ...(group ? sharedEmployers(group, file) : [])],
  }
}

/** The form field a validator problem belongs to; undefined: elsewhere in the file; null: drop it. */
function formFieldOf(problem: Problem, draft: GroupDraft): CohortField | undefined | null {
  const path = problem.field
  const direct: Record<string, CohortField> = {
    name: 'name',
    timezone: 'timezone',
    start: 'start',
    weekly: 'weekly',
    then: 'then',
    skip: 'skip',
  }
  if (direct[path]) return direct[path]
  if (path.startsWith('skip[')) return 'skip'
  // The form sets no quorum; with too few members for the default one, the roster warning says it.
  if (path === 'quorum' && problem.severity === 'warning') return null
  // sharedEmployers below says it in the form's words.
  if (/^members\[\d+\]\.employer$/.test(path)) return null
  // Without a time the form has already said why: no time given, or a start it could not read.
  if (path === 'meeting.time') return draft.time === undefined ? null : 'time'
  // A weekday taken from the start date cannot be wrong on its own: the start's problem says it.
  if (path === 'meeting.weekday') return draft.weekdayGiven ? 'weekday' : null
  // With no facilitator the form has said so; "no member is a facilitator" would only repeat it.
  if (path === 'members') return draft.facilitators.length === 0 ? null : 'members'
  const member = /^members\[(\d+)\](?:\.(github|role))?$/.exec(path)
  if (member) return Number(member[1]) < draft.facilitators.length ? 'facilitators' : 'members'
  return undefined
}

/** The playbook keeps people who work together in different groups; only a file names employers. */
export function sharedEmployers(group: Group, file: string): FormProblem[] {
  const byEmployer = new Map<string, string[]>()
  for (const member of group.members) {
    const employer = member.employer?.trim().toLowerCase()
    if (!employer) continue
    byEmployer.set(employer, [...(byEmployer.get(employer) ?? []), member.github])
  }
  return [...byEmployer.values()]
    .filter((logins) => logins.length > 1)
    .map((logins) => ({
      field: 'members' as const,
      severity: 'warning' as const,
      message: `${logins.map((l) => `@${l}`).join(' and ')} share an employer (see ${file}); the playbook keeps people who work together in different groups`,
    }))
}

/** `timezone: ...` for the action's inputs, `--timezone: ...` for the CLI's flags. */
export function formatFormProblem(problem: FormProblem, prefix = ''): string {
  const severity = problem.severity === 'warning' ? 'warning: ' : ''
  return problem.field
    ? `${prefix}${problem.field}: ${severity}${problem.message}`
    : `${severity}${problem.message}`
}
