/*
 * The playbook's advice on a circle's size, in one place: `skill-share validate` (through the group
 * file's rules) and the organizer's checklist both say it in these words.
 *
 * The roster should hold six to ten people, around eight being best. Members commit to four of the
 * six weekly meetings, so a roster of six to ten usually puts five to nine in the room: under five
 * makes for a thin discussion, over nine leaves too little airtime.
 */

export const ROSTER_MIN = 6
export const ROSTER_MAX = 10
export const ROSTER_BEST = 8

export interface RosterSize {
  size: number
  /** `thin` under ROSTER_MIN, `crowded` over ROSTER_MAX, `good` within. */
  fit: 'thin' | 'good' | 'crowded'
  /** One sentence that starts with the count, e.g. "5 members: fewer than ...". */
  message: string
}

/** How a roster of `size` members compares with the playbook's six to ten. */
export function rosterSize(size: number): RosterSize {
  const count = `${size} member${size === 1 ? '' : 's'}`
  const range = `the playbook's ${ROSTER_MIN} to ${ROSTER_MAX}`
  if (size < ROSTER_MIN)
    return {
      size,
      fit: 'thin',
      message: `${count}: fewer than ${range}; with one or two away, under 5 are left in the room, which makes for a thin discussion`,
    }
  if (size > ROSTER_MAX)
    return {
      size,
      fit: 'crowded',
      message: `${count}: more than ${range}; a full room of over 9 leaves too little airtime, so consider two groups`,
    }
  const best = `around ${ROSTER_BEST} is best`
  const full =
    size === ROSTER_MAX
      ? '; when all ten say they are coming, the status suggests a random split into two circles'
      : ''
  return { size, fit: 'good', message: `${count}: within ${range} (${best})${full}` }
}
