import { z } from 'zod'
import { isValidCalendarDate, isValidTimeZone, leadMinutes } from '../schedule/time.js'
import { firstUnprintable, describeUnprintable } from './printable.js'

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const
export const THEN = ['monthly', 'biweekly', 'none'] as const
export const AGENDA_STYLES = ['discussion', 'roleplay', 'workshop'] as const
export const ROLES = ['facilitator', 'member'] as const
export const FORMATS = ['circle', 'coaching'] as const
export const MONTH_WEEKS = ['first', 'second', 'third', 'fourth', 'last'] as const
export const CADENCES = ['weekly', 'biweekly', 'monthly'] as const

/** GitHub's own rule: alphanumerics and single inner hyphens, at most 39 characters. */
export const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/
export const LEAD_DURATION = /^(?=\d)(\d+d)?(\d+h)?(\d+m)?$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** Dates a group may use; far-off years are a typo, and every date loop stays bounded and fast. */
export const EARLIEST_DATE = '2000-01-01'
export const LATEST_DATE = '2199-12-31'
/** The longest `lead`: four weeks before a meeting (a monthly group's issue still opens after the last meeting). */
export const MAX_LEAD_DAYS = 28

/**
 * The largest roster and coaching network one group file takes: a 500-pair network (100 coaches,
 * 500 coachees) fits, and every loop over members or pairs stays bounded.
 */
export const MAX_MEMBERS = 1_000
export const MAX_PAIRS = 500

/** GitHub's limits on what the bot creates (labels 50, titles 256, bodies 65,536 characters). */
export const GITHUB_LIMITS = { label: 50, title: 256, body: 65_536 } as const
/**
 * Lengths of the organizer's texts, chosen so that every title and label built from them stays
 * within GitHub's limits whatever the template adds (a title carries at most two of them).
 */
export const MAX_TEXT = { name: 100, theme: 100, place: 300, person: 100, word: 100 } as const

const date = z
  .string()
  .regex(ISO_DATE, { error: (iss) => `${JSON.stringify(iss.input)} is not a date (YYYY-MM-DD)` })
  .refine(isValidCalendarDate, {
    error: (iss) => `${JSON.stringify(iss.input)} is not a real calendar date`,
  })
  .refine((d) => d >= EARLIEST_DATE && d <= LATEST_DATE, {
    error: (iss) =>
      `${JSON.stringify(iss.input)} is out of range: use a date from ${EARLIEST_DATE} to ${LATEST_DATE}`,
  })

/**
 * Free text from the organizer: printable (no control characters, no bytes that were not UTF-8),
 * not empty, and short enough for every title, label and body built from it.
 */
/**
 * 1000 as "1,000". Not `toLocaleString`: its first call loads ICU's number formats, about 14 ms of
 * every process that reads a group file, for one message.
 */
function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',')
}

function text(max: number, why: string) {
  return z
    .string()
    .min(1)
    .max(max, { error: `must be at most ${max} characters (${why})` })
    .refine((value) => firstUnprintable(value) === undefined, {
      error: (iss) => describeUnprintable(String(iss.input)),
    })
}
/** A whole number in a range; out of range, the message gives the range. */
function whole(min: number, max: number, unit = '') {
  const range = (input: unknown) => `must be from ${min} to ${max}${unit}, got ${String(input)}`
  return z
    .number()
    .int({
      error: (iss) =>
        `must be a whole number from ${min} to ${max}${unit}, got ${String(iss.input)}`,
    })
    .min(min, { error: (iss) => range(iss.input) })
    .max(max, { error: (iss) => range(iss.input) })
}

const TITLE_TEXT = 'issue titles are built from it, and GitHub allows 256'

const login = z.string().regex(GITHUB_LOGIN, {
  error: (iss) => `${JSON.stringify(iss.input)} is not a valid GitHub login`,
})

const time = z.string().regex(TIME_OF_DAY, {
  error: (iss) => `${JSON.stringify(iss.input)} is not HH:MM (24-hour), e.g. "16:00"`,
})

const timezone = z.string().refine(isValidTimeZone, {
  error: (iss) =>
    `${JSON.stringify(iss.input)} is not an IANA time zone, e.g. "America/Los_Angeles" or "Europe/Berlin"`,
})

const lead = z
  .string()
  .regex(LEAD_DURATION, {
    error: (iss) => `${JSON.stringify(iss.input)} is not a duration such as "3d", "72h" or "2d12h"`,
  })
  .refine((value) => leadMinutes(value) <= MAX_LEAD_DAYS * 24 * 60, {
    error: (iss) =>
      `${JSON.stringify(iss.input)} is too long: a lead may be from 0m to ${MAX_LEAD_DAYS}d (four weeks)`,
  })

export const memberSchema = z
  .strictObject({
    github: login.describe('GitHub login; the member must be a collaborator of the repository.'),
    name: text(MAX_TEXT.person, 'a name is redacted word by word').describe(
      'Full name, used only for anonymization; never published.',
    ),
    aliases: z
      .array(text(MAX_TEXT.person, 'a name is redacted word by word'))
      .max(20, { error: 'must list at most 20 aliases' })
      .optional()
      .describe('Nicknames and other spellings, also redacted from anything published.'),
    email: z
      .email({ error: (iss) => `${JSON.stringify(iss.input)} is not an email address` })
      .optional(),
    employer: text(MAX_TEXT.word, 'an employer is a name')
      .optional()
      .describe(
        'Where the member works. Optional; validate warns when two members of one circle share an employer (coworkers speak less freely), pairings keep them apart, and it is redacted from anything published.',
      ),
    role: z
      .enum(ROLES)
      .default('member')
      .describe('Facilitators lead sessions and may use facilitator commands.'),
  })
  .describe('One member of the group.')

export const meetingSchema = z
  .strictObject({
    weekday: z.enum(WEEKDAYS).describe('Day of the week the group meets.'),
    time: time.describe('Local start time, 24-hour HH:MM.'),
    duration: whole(1, 600, ' minutes').describe('Length in minutes, e.g. 90.'),
    place: text(MAX_TEXT.place, 'it is shown in every session issue')
      .optional()
      .describe('Where the group meets (an address or a video link).'),
    week: z
      .enum(MONTH_WEEKS)
      .default('first')
      .describe('For `then: monthly`: which weekday of the month, e.g. the first Sunday.'),
  })
  .describe('When and where the group meets, in the group time zone.')

const themeTitle = text(MAX_TEXT.theme, TITLE_TEXT)
const themeSchema = z.union([
  themeTitle,
  z.strictObject({
    title: themeTitle,
    agenda: z.enum(AGENDA_STYLES).optional(),
    prep: text(2000, 'it is shown in the session issue and its calendar event')
      .optional()
      .describe(
        'Markdown shown in the session issue and its calendar event: a question to think about, links to read, a guest.',
      ),
  }),
])

/** How new members may join after the weekly phase, as the closing meeting decided. */
export const SEAT_POLICIES = ['closed', 'nominations', 'open'] as const

const continuationSchema = z
  .strictObject({
    homework: z
      .boolean()
      .optional()
      .describe('false: the meetings after the weekly phase go without the homework sheet.'),
    seats: z
      .enum(SEAT_POLICIES)
      .optional()
      .describe('New members: closed, by nomination from the group, or open to anyone invited.'),
    cap: whole(2, 50)
      .optional()
      .describe('The most members the group grows to when it takes new ones.'),
    channel: z
      .boolean()
      .optional()
      .describe('true: the discussion channel stays open (with then: none, it is all that stays).'),
  })
  .describe('What the closing meeting decided beyond the cadence; written by its pull request.')

export const pairSchema = z
  .strictObject({
    coach: login.describe('The more experienced lead.'),
    coachee: login,
    cadence: z.enum(CADENCES).default('biweekly'),
    weekday: z.enum(WEEKDAYS),
    time,
    duration: whole(1, 600, ' minutes').default(60),
    start: date.describe('Date of the first conversation.'),
    timezone: timezone.optional().describe('Defaults to the group time zone.'),
    place: text(MAX_TEXT.place, 'it is shown in every conversation issue')
      .optional()
      .describe('Where the pair meets: a room or a video link.'),
  })
  .describe('A coaching pair (format: coaching).')

export const groupSchema = z
  .strictObject({
    name: text(MAX_TEXT.name, TITLE_TEXT).describe(
      'The group name, shown in issue titles and the calendar.',
    ),
    format: z
      .enum(FORMATS)
      .default('circle')
      .describe('circle: the skill share; coaching: 1:1 pairs.'),
    timezone: timezone.describe('IANA time zone of the meeting times.'),
    meeting: meetingSchema.optional(),
    start: date.optional().describe('Date of the first meeting; must fall on meeting.weekday.'),
    weekly: whole(1, 26).default(6).describe('Number of weekly meetings.'),
    then: z.enum(THEN).default('monthly').describe('Cadence after the weekly phase.'),
    continuation: continuationSchema.optional(),
    lead: lead
      .default('3d')
      .describe('How long before a meeting its issue opens, e.g. 3d (Thursday for a Sunday).'),
    skip: z
      .array(date)
      .max(60, { error: 'must list at most 60 dates' })
      .default([])
      .describe(
        'Meeting dates to skip. A skipped weekly meeting moves the rest of the weekly phase one week later; a skipped follow-up is dropped.',
      ),
    quorum: whole(2, 50).default(5).describe('Fewest "yes" RSVPs for a good meeting.'),
    themes: z
      .array(themeSchema)
      .max(26, { error: 'must list at most 26 themes (one per weekly meeting)' })
      .optional()
      .describe('Themes for weeks 2..n-1, a title or { title, agenda, prep }.'),
    agenda: z
      .enum(AGENDA_STYLES)
      .default('discussion')
      .describe('Default agenda for themed weeks.'),
    members: z
      .array(memberSchema)
      .min(1)
      // A circle has 6 to 10 (validate warns outside that); a coaching network may be large.
      .max(MAX_MEMBERS, {
        error: `must list at most ${withThousands(MAX_MEMBERS)} members`,
      })
      .describe('The group roster (private to the repository).'),
    redact: z
      .array(text(MAX_TEXT.word, 'one word or phrase each'))
      .max(200, { error: 'must list at most 200 words' })
      .default([])
      .describe('Extra words never to appear in anything published.'),
    public: z
      .boolean()
      .default(false)
      .describe('Allow posting in a public repository. Leave false: the material is confidential.'),
    pairs: z
      .array(pairSchema)
      .max(MAX_PAIRS, { error: `must list at most ${MAX_PAIRS} pairs` })
      .optional()
      .describe('Coaching pairs (format: coaching).'),
    example: z
      .boolean()
      .default(false)
      .describe(
        'An example shipped with the template: plan, preview and rehearse use it, the workflows skip it, so it never runs on GitHub. Remove the line to run the group for real.',
      ),
  })
  .describe('A tech leadership peer group: groups/<slug>/group.yml')

export type GroupFile = z.output<typeof groupSchema>
export type Member = z.output<typeof memberSchema>
export type Meeting = z.output<typeof meetingSchema>
export type Pair = z.output<typeof pairSchema>
export type Theme = z.output<typeof themeSchema>
export type Weekday = (typeof WEEKDAYS)[number]
export type AgendaStyle = (typeof AGENDA_STYLES)[number]

/** A validated group together with where it came from. */
export interface Group extends GroupFile {
  slug: string
}

export function groupJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(groupSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://github.com/tech-leads-skill-share/group.schema.json',
    title: 'skill-share group file',
  }
}
