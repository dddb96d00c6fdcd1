import { GITHUB_LOGIN } from '../group-file/schema.js'
import {
  CATALOG,
  COMMAND_NAMES,
  describePlaces,
  isCommandName,
  worksIn,
  type CommandName,
  type IssueKind,
  type Role,
} from './catalog.js'
import { inertText } from './inert.js'
import { isAsciiName, type ParsedCommand } from './parse.js'

export const RSVP_ANSWERS = ['yes', 'no', 'maybe'] as const
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number]
/** `channel`: stop meeting and keep only the discussion channel. */
export const CONTINUE_CHOICES = ['monthly', 'biweekly', 'stop', 'channel'] as const
export type ContinueChoice = (typeof CONTINUE_CHOICES)[number]

export const HOMEWORK_CHOICES = ['keep', 'drop'] as const
export type HomeworkChoice = (typeof HOMEWORK_CHOICES)[number]

export const SEAT_CHOICES = ['closed', 'nominations', 'open'] as const
export type SeatChoice = (typeof SEAT_CHOICES)[number]

/** The group sizes a `/seats` cap may name (the group file's `continuation.cap`). */
export const SEAT_CAP = { min: 2, max: 50 } as const

export const MAX_TOPIC_CHARS = 200
export const MAX_NOTE_CHARS = 200
export const MAX_THEME_PICKS = 24

/** A command with validated, typed arguments. Logins are as typed, without `@`. */
export type Command =
  | { name: 'rsvp'; answer: RsvpAnswer; note?: string }
  | { name: 'here'; logins: string[] }
  | { name: 'attended'; logins: string[] }
  | { name: 'topic'; text: string }
  | { name: 'themes'; picks: number[] }
  | { name: 'agree' }
  | { name: 'buddy' }
  | { name: 'snooze' }
  | { name: 'unsnooze' }
  | { name: 'skip'; reason?: string }
  | { name: 'swap'; to: string }
  | { name: 'continue'; choice: ContinueChoice | 'confirm' }
  | { name: 'homework'; choice: HomeworkChoice }
  | { name: 'seats'; choice: SeatChoice; cap?: number }
  | { name: 'notes'; text: string }
  | { name: 'help' }

/** Reasons are Markdown, ready to post: anything the member typed is passed through `inertText`. */
export type Interpretation =
  | { ok: true; command: Command }
  | { ok: false; code: 'unknown'; name: string; reason: string }
  | { ok: false; code: 'invalid'; name: CommandName; reason: string }

export interface Refusal {
  code: 'not-facilitator' | 'wrong-issue'
  reason: string
}

const CONTINUE_ALIASES: Readonly<Record<string, ContinueChoice | 'confirm'>> = {
  monthly: 'monthly',
  biweekly: 'biweekly',
  'bi-weekly': 'biweekly',
  fortnightly: 'biweekly',
  stop: 'stop',
  channel: 'channel',
  'channel-only': 'channel',
  confirm: 'confirm',
}

const HOMEWORK_ALIASES: Readonly<Record<string, HomeworkChoice>> = {
  keep: 'keep',
  yes: 'keep',
  drop: 'drop',
  no: 'drop',
}

const SEAT_ALIASES: Readonly<Record<string, SeatChoice>> = {
  closed: 'closed',
  close: 'closed',
  none: 'closed',
  nominations: 'nominations',
  nomination: 'nominations',
  nominate: 'nominations',
  open: 'open',
}

export function interpret(parsed: ParsedCommand): Interpretation {
  const { name } = parsed
  if (!isAsciiName(name) || !isCommandName(name)) return unknown(name)
  const result = PARSERS[name](parsed)
  return typeof result === 'string'
    ? { ok: false, code: 'invalid', name, reason: result }
    : { ok: true, command: result }
}

/** Who may run this command with these arguments. */
export function requiredRole(command: Command): Role {
  if (command.name === 'continue' && command.choice === 'confirm') return 'facilitator'
  return CATALOG[command.name].who
}

/** Whether `role` may run `command` on an issue of `kind`; a polite refusal when not. */
export function authorize(
  command: Command,
  context: { role: Role; kind: IssueKind },
): Refusal | undefined {
  const spec = CATALOG[command.name]
  if (!worksIn(spec, context.kind)) {
    return {
      code: 'wrong-issue',
      reason: `\`/${spec.name}\` works on ${describePlaces(spec.where)}, not here.`,
    }
  }
  if (requiredRole(command) === 'facilitator' && context.role !== 'facilitator') {
    return {
      code: 'not-facilitator',
      reason: `Sorry, \`${usageOf(command)}\` is for the group's facilitators. Ask one of them if it should happen.`,
    }
  }
  return undefined
}

type Parser = (parsed: ParsedCommand) => Command | string

const PARSERS: Readonly<Record<CommandName, Parser>> = {
  rsvp: ({ args, rest }) => {
    const word = keyword(args[0])
    if (!word) return `\`/rsvp\` needs an answer: yes, no or maybe, e.g. \`/rsvp yes\`.`
    if (!(RSVP_ANSWERS as readonly string[]).includes(word)) {
      return `\`/rsvp\` takes yes, no or maybe (then an optional note), not ${shown(args[0])}. For example \`/rsvp maybe back from a trip that day\`.`
    }
    const note = clip(afterFirstWord(rest), MAX_NOTE_CHARS)
    return { name: 'rsvp', answer: word as RsvpAnswer, ...(note ? { note } : {}) }
  },
  here: ({ args }) => {
    const logins = loginList(args, '/here')
    return typeof logins === 'string' ? logins : { name: 'here', logins }
  },
  attended: ({ args }) => {
    if (args.length === 0)
      return '`/attended` needs the people who came, e.g. `/attended @ada @grace`.'
    const logins = loginList(args, '/attended')
    return typeof logins === 'string' ? logins : { name: 'attended', logins }
  },
  topic: ({ rest }) => {
    const text = rest.replace(/\s+/g, ' ').trim()
    if (!text)
      return '`/topic` needs the topic on the same line, e.g. `/topic saying no to my own manager`.'
    if (Array.from(text).length > MAX_TOPIC_CHARS) {
      return `Please keep a topic under ${MAX_TOPIC_CHARS} characters: a title and a few words are plenty, the rest can go in the comment below it.`
    }
    return { name: 'topic', text }
  },
  themes: ({ args }) => {
    const tokens = args
      .join(' ')
      .split(/[\s,;]+/)
      .filter(Boolean)
    if (tokens.length === 0)
      return '`/themes` needs topic numbers from the status comment, e.g. `/themes 1,3,4,6`.'
    const picks: number[] = []
    for (const token of tokens) {
      const match = /^#?(\d{1,3})$/.exec(token)
      const number = match ? Number(match[1]) : 0
      if (number < 1)
        return `\`/themes\` takes topic numbers such as \`1,3,4,6\`; ${shown(token)} is not one.`
      if (picks.includes(number)) return `Topic ${number} is listed twice in \`/themes\`.`
      picks.push(number)
    }
    if (picks.length > MAX_THEME_PICKS)
      return `\`/themes\` takes at most ${MAX_THEME_PICKS} topics.`
    return { name: 'themes', picks }
  },
  agree: () => ({ name: 'agree' }),
  buddy: () => ({ name: 'buddy' }),
  snooze: () => ({ name: 'snooze' }),
  unsnooze: () => ({ name: 'unsnooze' }),
  skip: ({ rest }) => {
    const reason = clip(rest.replace(/\s+/g, ' ').trim(), MAX_NOTE_CHARS)
    return { name: 'skip', ...(reason ? { reason } : {}) }
  },
  swap: ({ args }) => {
    if (args.length !== 1)
      return '`/swap` needs exactly one person to take over, e.g. `/swap @ada`.'
    const logins = loginList(args, '/swap')
    return typeof logins === 'string' ? logins : { name: 'swap', to: logins[0] as string }
  },
  continue: ({ args }) => {
    const choice = CONTINUE_ALIASES[keyword(args[0])]
    if (!choice) {
      return `\`/continue\` takes monthly, biweekly, stop or channel${args[0] ? `, not ${shown(args[0])}` : ''}, e.g. \`/continue monthly\`.`
    }
    return { name: 'continue', choice }
  },
  homework: ({ args }) => {
    const choice = HOMEWORK_ALIASES[keyword(args[0])]
    if (!choice) {
      return `\`/homework\` takes keep or drop${args[0] ? `, not ${shown(args[0])}` : ''}, e.g. \`/homework keep\`.`
    }
    return { name: 'homework', choice }
  },
  seats: ({ args }) => {
    const choice = SEAT_ALIASES[keyword(args[0])]
    if (!choice) {
      return `\`/seats\` takes closed, nominations or open${args[0] ? `, not ${shown(args[0])}` : ''}, then an optional cap on the group's size, e.g. \`/seats nominations 10\`.`
    }
    if (args.length > 2)
      return '`/seats` takes a choice and at most one number, e.g. `/seats open 10`.'
    if (args[1] === undefined) return { name: 'seats', choice }
    const cap = /^\d{1,3}$/.test(args[1]) ? Number(args[1]) : NaN
    if (!(cap >= SEAT_CAP.min && cap <= SEAT_CAP.max)) {
      return `The cap in \`/seats\` is the most members the group grows to, a number from ${SEAT_CAP.min} to ${SEAT_CAP.max}, not ${shown(args[1])}.`
    }
    if (choice === 'closed') return '`/seats closed` takes no cap: nobody new joins.'
    return { name: 'seats', choice, cap }
  },
  notes: ({ rest, block }) => {
    const text = [rest, block].filter(Boolean).join('\n').trim()
    if (!text) return '`/notes` needs the notes, on the same line or the lines below it.'
    return { name: 'notes', text }
  },
  help: () => ({ name: 'help' }),
}

function unknown(name: string): Interpretation {
  if (!isAsciiName(name)) {
    return {
      ok: false,
      code: 'unknown',
      name,
      reason: `${shown(`/${name}`)} is not a command: its name has letters that only look like plain Latin ones. Type it with a standard keyboard layout.`,
    }
  }
  const guess = closestCommand(name)
  return {
    ok: false,
    code: 'unknown',
    name,
    reason: `\`/${name}\` is not a command.${guess ? ` Did you mean \`/${guess}\`?` : ''}`,
  }
}

function closestCommand(name: string): CommandName | undefined {
  let best: CommandName | undefined
  let bestDistance = 3
  for (const candidate of COMMAND_NAMES) {
    const distance = editDistance(name, candidate)
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1)
      next.push(Math.min(substitution, (row[j] as number) + 1, (next[j - 1] as number) + 1))
    }
    row = next
  }
  return row[b.length] as number
}

function loginList(args: readonly string[], command: string): string[] | string {
  const logins: string[] = []
  for (const arg of args) {
    const login = arg.replace(/^@/, '').replace(/[,;.]+$/, '')
    if (!GITHUB_LOGIN.test(login)) {
      return `\`${command}\` takes GitHub logins such as \`@octocat\`; ${shown(arg)} is not one.`
    }
    if (!logins.some((seen) => seen.toLowerCase() === login.toLowerCase())) logins.push(login)
  }
  return logins
}

function usageOf(command: Command): string {
  return command.name === 'continue' && command.choice === 'confirm'
    ? '/continue confirm'
    : `/${command.name}`
}

function keyword(word: string | undefined): string {
  return (word ?? '').toLowerCase().replace(/[.,;:!?]+$/, '')
}

function afterFirstWord(text: string): string {
  return text
    .replace(/^\S+\s*/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function clip(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
}

/** Echo of something the member typed, quoted and inert. */
function shown(text: string | undefined): string {
  return `"${inertText(text ?? '', { maxLength: 40 })}"`
}
