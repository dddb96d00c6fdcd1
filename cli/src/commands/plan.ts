import { DateTime } from 'luxon'
import type { Group } from '../../../actions/lib/group-file/schema.js'
import {
  buildCoachingSchedule,
  openConversationsAt,
  type Conversation,
} from '../../../actions/lib/schedule/coaching.js'
import {
  buildSchedule,
  openSessionsAt,
  type Session,
} from '../../../actions/lib/schedule/schedule.js'
import { onePositional, parseCommandArgs, requireDate, requireInstant } from '../args.js'
import { EXIT_OK } from '../errors.js'
import type { Io } from '../io.js'
import { loadGroupForCommand } from '../load.js'
import { renderTable } from '../table.js'

export const usage = 'skill-share plan <group-dir> [--json] [--at ISO-8601] [--until DATE]'

export async function plan(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('plan', args, {
    json: { type: 'boolean' },
    at: { type: 'string' },
    until: { type: 'string' },
  })
  const dir = onePositional(positionals, '<group-dir>', 'plan')
  const until = requireDate(values.until, '--until', 'plan')
  const at = requireInstant(values.at, '--at', 'plan')
  const group = await loadGroupForCommand(io, dir)
  if (group.format === 'coaching') return planCoaching(group, { json: values.json, until, at }, io)
  const sessions = buildSchedule(group, until ? { until } : {})
  const open = at ? openSessionsAt(sessions, at) : undefined
  if (values.json) {
    io.out(
      JSON.stringify(
        open
          ? { sessions, openAt: { at: at?.toISOString(), sessions: open.map((s) => s.number) } }
          : sessions,
        null,
        2,
      ),
    )
    return EXIT_OK
  }
  io.out(`${group.name} (${group.slug}), times in ${group.timezone}\n`)
  io.out(
    renderTable(
      ['#', 'Kind', 'Local start', 'UTC start', 'Issue opens', 'Theme', 'Facilitators'],
      sessions.map(planRow),
    ),
  )
  if (open && at) {
    const names = open.map((s) => `#${s.number} ${s.kind}`).join(', ')
    io.out(
      `\nAt ${at.toISOString()}: ${open.length ? `open: ${names}` : 'no session issue is open'}`,
    )
  }
  return EXIT_OK
}

function planRow(session: Session): string[] {
  const local = DateTime.fromISO(session.localStart, { setZone: true })
  const opens = DateTime.fromISO(session.opensAt).setZone(session.timezone)
  return [
    String(session.number),
    session.kind,
    local.toFormat('ccc yyyy-MM-dd HH:mm'),
    DateTime.fromISO(session.startsAt, { zone: 'utc' }).toFormat('ccc MM-dd HH:mm'),
    opens.toFormat('ccc MM-dd HH:mm'),
    session.theme ?? '',
    [session.facilitator, session.coFacilitator]
      .filter(Boolean)
      .map((l) => `@${l}`)
      .join(', '),
  ]
}

/** Coaching: every pair's conversations, by default for 12 weeks after the earliest start. */
function planCoaching(
  group: Group,
  options: { json: boolean | undefined; until: string | undefined; at: Date | undefined },
  io: Io,
): number {
  const { json, until, at } = options
  const conversations = buildCoachingSchedule(group, until ? { until } : {})
  const open = at ? openConversationsAt(conversations, at) : undefined
  if (json) {
    const listed = open
      ? {
          conversations,
          openAt: { at: at?.toISOString(), conversations: open.map((c) => [c.pair, c.number]) },
        }
      : conversations
    io.out(JSON.stringify(listed, null, 2))
    return EXIT_OK
  }
  io.out(`${group.name} (${group.slug}), coaching: each pair's times in its own time zone\n`)
  io.out(
    renderTable(
      ['Pair', '#', 'Cadence', 'Local start', 'Time zone', 'UTC start', 'Issue opens (UTC)'],
      conversations.map(conversationRow),
    ),
  )
  if (open && at) {
    const names = open.map((c) => `${c.pair} #${c.number}`).join(', ')
    io.out(
      `\nAt ${at.toISOString()}: ${open.length ? `open: ${names}` : 'no conversation issue is open'}`,
    )
  }
  return EXIT_OK
}

function conversationRow(c: Conversation): string[] {
  const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toFormat('ccc MM-dd HH:mm')
  return [
    `@${c.coach} → @${c.coachee}`,
    String(c.number),
    c.cadence,
    DateTime.fromISO(c.localStart, { setZone: true }).toFormat('ccc yyyy-MM-dd HH:mm'),
    c.timezone,
    utc(c.startsAt),
    utc(c.opensAt),
  ]
}
