import type { SessionKind } from '../schedule/schedule.js'

/** The kind of issue a comment was made on: a session issue of any kind, or a group-wide issue. */
export type IssueKind = SessionKind | 'ground-rules' | 'check-in'

/** Where a command works; one issue can be several places (the kickoff is also a session). */
export type Place = 'session' | 'kickoff' | 'closing' | 'follow-up' | 'ground-rules' | 'check-in'

export type Role = 'member' | 'facilitator'

export const COMMAND_NAMES = [
  'rsvp',
  'here',
  'attended',
  'topic',
  'themes',
  'agree',
  'buddy',
  'snooze',
  'unsnooze',
  'skip',
  'swap',
  'continue',
  'homework',
  'seats',
  'notes',
  'help',
] as const

export type CommandName = (typeof COMMAND_NAMES)[number]

export interface CommandSpec {
  name: CommandName
  usage: string
  summary: string
  /** The role needed for the common use; `requiredRole` in interpret.ts refines it per argument. */
  who: Role
  where: readonly Place[]
}

const ANY_ISSUE: readonly Place[] = ['session', 'ground-rules', 'check-in']

export const CATALOG: Readonly<Record<CommandName, CommandSpec>> = {
  rsvp: {
    name: 'rsvp',
    usage: '/rsvp yes|no|maybe [note]',
    summary: 'Say whether you are coming, with an optional short note.',
    who: 'member',
    where: ['session'],
  },
  here: {
    name: 'here',
    usage: '/here [@login ...]',
    summary: 'Mark yourself present at the meeting; facilitators may list others too.',
    who: 'member',
    where: ['session'],
  },
  attended: {
    name: 'attended',
    usage: '/attended @login @login ...',
    summary: 'Record who attended, after the meeting.',
    who: 'facilitator',
    where: ['session'],
  },
  topic: {
    name: 'topic',
    usage: '/topic <text>',
    summary: 'Propose a topic, one per comment; vote for topics with 👍 on their comment.',
    who: 'member',
    where: ['kickoff', 'follow-up'],
  },
  themes: {
    name: 'themes',
    usage: '/themes 1,3,4,6',
    summary:
      'Turn topics (by their number in the status comment) into the themes of the coming weeks.',
    who: 'facilitator',
    where: ['kickoff'],
  },
  agree: {
    name: 'agree',
    usage: '/agree',
    summary: 'Agree to the ground rules.',
    who: 'member',
    where: ['ground-rules'],
  },
  buddy: {
    name: 'buddy',
    usage: '/buddy',
    summary: 'Say that you checked in with your accountability buddy this week.',
    who: 'member',
    where: ['check-in'],
  },
  snooze: {
    name: 'snooze',
    usage: '/snooze',
    summary: 'Sit out buddy pairing until you /unsnooze.',
    who: 'member',
    where: ['session', 'check-in'],
  },
  unsnooze: {
    name: 'unsnooze',
    usage: '/unsnooze',
    summary: 'Be paired with a buddy again.',
    who: 'member',
    where: ['session', 'check-in'],
  },
  skip: {
    name: 'skip',
    usage: '/skip [reason]',
    summary: 'Call off this meeting.',
    who: 'facilitator',
    where: ['session'],
  },
  swap: {
    name: 'swap',
    usage: '/swap @login',
    summary: 'Hand the facilitation of this meeting to another member.',
    who: 'facilitator',
    where: ['session'],
  },
  continue: {
    name: 'continue',
    usage: '/continue monthly|biweekly|stop|channel',
    summary:
      'Vote on whether the group goes on (channel: stop meeting, keep only the discussion channel); a facilitator closes all the closing votes with /continue confirm.',
    who: 'member',
    where: ['closing'],
  },
  homework: {
    name: 'homework',
    usage: '/homework keep|drop',
    summary: 'Vote on keeping the homework sheet for the meetings after the weekly phase.',
    who: 'member',
    where: ['closing'],
  },
  seats: {
    name: 'seats',
    usage: '/seats closed|nominations|open [cap]',
    summary:
      'Vote on whether new members may join (by nomination, or anyone invited), optionally up to a group size, e.g. /seats nominations 10.',
    who: 'member',
    where: ['closing'],
  },
  notes: {
    name: 'notes',
    usage: '/notes <text>',
    summary:
      'Scribe notes for the anonymous retrospective; the lines below the command belong to the note too. No names, please.',
    who: 'member',
    where: ['session'],
  },
  help: {
    name: 'help',
    usage: '/help',
    summary: 'List the commands available here.',
    who: 'member',
    where: ANY_ISSUE,
  },
}

const PLACE_NAMES: Readonly<Record<Place, string>> = {
  session: 'a session issue',
  kickoff: 'the kickoff (week 1) issue',
  closing: 'the closing issue',
  'follow-up': 'a follow-up session issue',
  'ground-rules': 'the ground rules issue',
  'check-in': 'a buddy check-in issue',
}

export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name)
}

export function placesOf(kind: IssueKind): Place[] {
  switch (kind) {
    case 'ground-rules':
    case 'check-in':
      return [kind]
    case 'kickoff':
    case 'closing':
      return ['session', kind]
    case 'monthly':
    case 'biweekly':
      return ['session', 'follow-up']
    case 'theme':
      return ['session']
  }
}

export function worksIn(spec: CommandSpec, kind: IssueKind): boolean {
  const places = placesOf(kind)
  return spec.where.some((place) => places.includes(place))
}

/** "the kickoff (week 1) issue or a follow-up session issue" */
export function describePlaces(places: readonly Place[]): string {
  const names = places.map((place) => PLACE_NAMES[place])
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} or ${names.at(-1) as string}`
}

export function commandsAvailable(kind: IssueKind): CommandSpec[] {
  return COMMAND_NAMES.map((name) => CATALOG[name]).filter((spec) => worksIn(spec, kind))
}

/** The reply to `/help` and to an unknown command: the commands that work on this issue. */
export function helpText(kind: IssueKind): string {
  const lines = commandsAvailable(kind).map((spec) => {
    const who = spec.who === 'facilitator' ? ' _(facilitators)_' : ''
    return `- \`${spec.usage}\`${who}: ${spec.summary}`
  })
  return [
    '**The commands available here.** Start a line of a comment with the command; several lines make several commands.',
    '',
    ...lines,
    '',
    'To change your mind, post the command again or edit your comment. Commands inside quotes and code are ignored.',
  ].join('\n')
}
