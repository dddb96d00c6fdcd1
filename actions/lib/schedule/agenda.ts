import type { AgendaStyle } from '../group-file/schema.js'

export type AgendaKind = AgendaStyle | 'kickoff' | 'closing' | 'follow-up'

export interface AgendaItem {
  title: string
  minutes: number
}

/** The playbook's agendas for a 90-minute meeting; other lengths are scaled to sum exactly. */
const AGENDAS: Record<AgendaKind, ReadonlyArray<readonly [string, number]>> = {
  kickoff: [
    ['Welcome', 5],
    ['Introductions, and how each of us is connected to the organizers', 25],
    ['Homework circle: two answers each, and your intention for the six weeks', 40],
    ['Gather topics and coalesce them into four themes for the weeks ahead', 15],
    ['Close: buddies for the week, next session', 5],
  ],
  discussion: [
    ['Homework circle: two answers each', 10],
    ['Facilitated discussion of the theme', 70],
    ['Closing round: one thing I take away', 10],
  ],
  roleplay: [
    ['Homework circle: two answers each', 10],
    ['Gather scenarios from our own weeks', 10],
    ['Role play in pairs', 30],
    ['Re-enact for the group, and feedback', 40],
  ],
  workshop: [
    ['Homework circle: two answers each', 15],
    ['Two subgroups workshop different questions', 45],
    ['Report back and discuss', 30],
  ],
  closing: [
    ['Homework circle: what did I learn, where do I want to be in a year', 20],
    ['What the group did for each of us', 40],
    ['Decide together: continue? how often, with homework or not, and who may join', 25],
    ['Close', 5],
  ],
  'follow-up': [
    ['Homework circle: two answers each', 15],
    // Follow-ups have no theme: the group talks about what its members bring.
    ['Open discussion: what each of us brings since last time', 65],
    ['Closing round', 10],
  ],
}

const BASE_MINUTES = 90

/** Scales an agenda to the meeting length in 5-minute steps; the longest item absorbs rounding. */
export function agendaFor(kind: AgendaKind, duration: number): AgendaItem[] {
  const blocks = AGENDAS[kind]
  const items = blocks.map(([title, minutes]) => ({
    title,
    minutes: Math.max(5, Math.round((minutes * duration) / BASE_MINUTES / 5) * 5),
  }))
  const longest = items.reduce((a, b) => (b.minutes > a.minutes ? b : a))
  longest.minutes += duration - items.reduce((sum, item) => sum + item.minutes, 0)
  return items
}
