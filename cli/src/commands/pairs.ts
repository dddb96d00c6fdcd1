import { DateTime } from 'luxon'
import { buddyWeeks, plannedPairs } from '../../../actions/lib/pairing/weeks.js'
import { buildSchedule } from '../../../actions/lib/schedule/schedule.js'
import { onePositional, parseCommandArgs } from '../args.js'
import { EXIT_OK, UsageError } from '../errors.js'
import type { Io } from '../io.js'
import { loadGroupForCommand } from '../load.js'

export const usage = 'skill-share pairs <group-dir> --week N [--json]'

/**
 * The accountability buddies the scheduled workflow opens after week N's meeting, drawn offline:
 * each week with the earlier weeks as history and nobody snoozed. A `/snooze`, a called-off
 * meeting or a roster change on GitHub makes the real draw differ from then on.
 */
export async function pairs(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('pairs', args, {
    week: { type: 'string' },
    json: { type: 'boolean' },
  })
  const dir = onePositional(positionals, '<group-dir>', 'pairs')
  if (values.week === undefined) throw new UsageError('missing --week N', 'pairs')
  const group = await loadGroupForCommand(io, dir)
  const weeks = buddyWeeks(buildSchedule(group))
  const week = Number(values.week)
  if (!/^\d+$/.test(values.week) || !weeks.some((w) => w.week === week)) {
    throw new UsageError(
      weeks.length === 0
        ? `--week: ${group.slug} has no buddy weeks (buddies pair up after weekly meetings 1 to ${group.weekly - 1})`
        : `--week: "${values.week}" is not a buddy week; buddies pair up after weeks 1 to ${weeks.length}`,
      'pairs',
    )
  }
  const drawn = plannedPairs(group, week).at(-1)?.pairs ?? []
  if (values.json) {
    io.out(JSON.stringify({ group: group.slug, week, pairs: drawn }, null, 2))
    return EXIT_OK
  }
  const buddyWeek = weeks.find((w) => w.week === week)
  const after = buddyWeek
    ? DateTime.fromISO(buddyWeek.session.localStart, { setZone: true }).toFormat('ccc d LLL')
    : ''
  io.out(`${group.name} (${group.slug}): buddies after week ${week} (${after})\n`)
  drawn.forEach((buddies, index) => {
    const trio = buddies.length === 3 ? ' (trio)' : ''
    io.out(`  ${index + 1}. ${buddies.map((login) => `@${login}`).join(' & ')}${trio}`)
  })
  if (drawn.length === 0) io.out('  nobody to pair: the group needs at least two members')
  return EXIT_OK
}
