import { z } from 'zod'
import { isValidCalendarDate, isValidTimeZone } from '../schedule/time.js'

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

const date = z
  .string()
  .regex(ISO_DATE, { error: (iss) => `${JSON.stringify(iss.input)} is not a date (YYYY-MM-DD)` })
  .refine(isValidCalendarDate, {
    error: (iss) => `${JSON.stringify(iss.input)} is not a real calendar date`,
  })

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

const lead = z.string().regex(LEAD_DURATION, {
  error: (iss) => `${JSON.stringify(iss.input)} is not a duration such as "3d", "72h" or "2d12h"`,
})

export const memberSchema = z
  .strictObject({
    github: login.describe('GitHub login; the member must be a collaborator of the repository.'),
    name: z.string().min(1).describe('Full name, used only for anonymization; never published.'),
    aliases: z
      .array(z.string().min(1))
      .optional()
      .describe('Nicknames and other spellings, also redacted from anything published.'),
    email: z
      .email({ error: (iss) => `${JSON.stringify(iss.input)} is not an email address` })
      .optional(),
    employer: z
      .string()
      .min(1)
      .optional()
      .describe('Keeps coworkers apart in pairings; redacted from anything published.'),
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
    duration: z.number().int().positive().max(600).describe('Length in minutes, e.g. 90.'),
    place: z
      .string()
      .min(1)
      .optional()
      .describe('Where the group meets (an address or a video link).'),
    week: z
      .enum(MONTH_WEEKS)
      .default('first')
      .describe('For `then: monthly`: which weekday of the month, e.g. the first Sunday.'),
  })
  .describe('When and where the group meets, in the group time zone.')

const themeSchema = z.union([
  z.string().min(1),
  z.strictObject({
    title: z.string().min(1),
    agenda: z.enum(AGENDA_STYLES).optional(),
  }),
])

export const pairSchema = z
  .strictObject({
    coach: login.describe('The more experienced lead.'),
    coachee: login,
    cadence: z.enum(CADENCES).default('biweekly'),
    weekday: z.enum(WEEKDAYS),
    time,
    duration: z.number().int().positive().max(600).default(60),
    start: date.describe('Date of the first conversation.'),
    timezone: timezone.optional().describe('Defaults to the group time zone.'),
  })
  .describe('A coaching pair (format: coaching).')

export const groupSchema = z
  .strictObject({
    name: z.string().min(1).describe('The group name, shown in issue titles and the calendar.'),
    format: z
      .enum(FORMATS)
      .default('circle')
      .describe('circle: the skill share; coaching: 1:1 pairs.'),
    timezone: timezone.describe('IANA time zone of the meeting times.'),
    meeting: meetingSchema.optional(),
    start: date.optional().describe('Date of the first meeting; must fall on meeting.weekday.'),
    weekly: z.number().int().min(1).max(26).default(6).describe('Number of weekly meetings.'),
    then: z.enum(THEN).default('monthly').describe('Cadence after the weekly phase.'),
    lead: lead
      .default('3d')
      .describe('How long before a meeting its issue opens, e.g. 3d (Thursday for a Sunday).'),
    skip: z
      .array(date)
      .default([])
      .describe(
        'Meeting dates to skip. A skipped weekly meeting moves the rest of the weekly phase one week later; a skipped follow-up is dropped.',
      ),
    quorum: z
      .number()
      .int()
      .min(2)
      .max(50)
      .default(5)
      .describe('Fewest "yes" RSVPs for a good meeting.'),
    themes: z
      .array(themeSchema)
      .optional()
      .describe('Themes for weeks 2..n-1, a title or { title, agenda }.'),
    agenda: z
      .enum(AGENDA_STYLES)
      .default('discussion')
      .describe('Default agenda for themed weeks.'),
    members: z.array(memberSchema).min(1).describe('The group roster (private to the repository).'),
    redact: z
      .array(z.string().min(1))
      .default([])
      .describe('Extra words never to appear in anything published.'),
    public: z
      .boolean()
      .default(false)
      .describe('Allow posting in a public repository. Leave false: the material is confidential.'),
    pairs: z.array(pairSchema).optional().describe('Coaching pairs (format: coaching).'),
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
