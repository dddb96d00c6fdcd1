import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import { cronLines, dueMoments, firings, type DueMoment } from '../../actions/lib/schedule/due.js'
import { REPO_ROOT } from '../support/cli.js'

function load(slug: string) {
  const file = `groups/${slug}/group.yml`
  const { group } = parseGroupFile(readFileSync(path.join(REPO_ROOT, file), 'utf8'), { file, slug })
  if (!group) throw new Error(`${file} is invalid`)
  return group
}
const example = load('example')

const FROM = new Date('2026-10-20T00:00:00Z')
const UNTIL = new Date('2026-12-31T00:00:00Z')

/** The same moments for `n` groups that meet at the same hour. */
function copies(moments: readonly DueMoment[], n: number): DueMoment[] {
  return Array.from({ length: n }, (_, i) => moments.map((m) => ({ ...m, group: `g${i}` }))).flat()
}

const iso = (dates: readonly Date[]) => dates.map((d) => d.toISOString().slice(0, 16))

describe('the firings of the scheduled workflow', () => {
  it('are one per due moment for a group, with no follow-up', () => {
    const moments = dueMoments(example, FROM, UNTIL)
    const one = firings(moments)
    expect(one.length).toBeGreaterThan(10)
    expect(firings(copies(moments, 10))).toEqual(one)
  })

  it('add the next slots when one run cannot do a crowded moment: 100 circles ending together', () => {
    const ends = dueMoments(example, FROM, UNTIL).filter((m) => m.what === 'ends')
    const first = ends[0]!
    const alone = iso(firings([first]))
    expect(alone).toHaveLength(1)
    // 100 closings and pair draws: about 1,600 s of paced creations, three runs of 600 s.
    const crowded = iso(firings(copies([first], 100)))
    const at = Date.parse(`${alone[0]}:00Z`)
    expect(crowded).toEqual(iso([0, 2, 4].map((h) => new Date(at + h * 3_600_000))))
    // The follow-ups are cron lines like any other.
    const hours = cronLines(copies([first], 100)).map((line) => Number(line.split(' ')[1]))
    expect(hours).toEqual([0, 2, 4].map((h) => new Date(at + h * 3_600_000).getUTCHours()))
  })

  it('count a coaching network by its conversations, which cost less than a circle', () => {
    const [conversation] = dueMoments(load('example-coaching'), FROM, UNTIL).filter(
      (m) => m.what === 'opens',
    )
    const [session] = dueMoments(example, FROM, UNTIL).filter((m) => m.what === 'opens')
    expect(conversation!.cost!.seconds).toBeLessThan(session!.cost!.seconds)
    // 500 conversations opening at the same hour: 2,000 s of creations, four runs.
    expect(firings(copies([conversation!], 500))).toHaveLength(4)
    expect(firings(copies([conversation!], 100))).toHaveLength(1)
  })
})
