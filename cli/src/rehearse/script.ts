import { renderFormBody } from '../../../actions/lib/forms/render-body.js'
import type { Group } from '../../../actions/lib/group-file/schema.js'
import type { Session } from '../../../actions/lib/schedule/schedule.js'

const HOUR = 3_600_000

/** Something a scripted member does in the rehearsal. */
export type MemberAction =
  | { kind: 'comment'; session: number; author: string; body: string }
  | { kind: 'react'; session: number; author: string }
  | { kind: 'form'; form: 'homework' | 'reflection'; author: string; title: string; body: string }

export interface ScriptedStep {
  at: Date
  /** The member actions of one burst; the workflows run once after each burst. */
  actions: MemberAction[]
  note: string
}

const THEMES_TOPICS = [
  'Saying no to my own manager',
  'Delegating work I love doing myself',
  'Coping when the team is burning out',
]

const STORIES = [
  'We tried writing the decision down before the meeting, and the meeting took ten minutes.',
  'Asking "what would you do?" before giving advice changed the conversation.',
  'Blocking one focus morning a week was harder to keep than to start.',
  'Naming the feeling first made the hard conversation shorter.',
]

/**
 * A plausible week for a group: RSVPs soon after an issue opens, some homework before the meeting,
 * attendance and a scribe's notes after it, topics in week 1 and reflections at the close. The
 * same group always gets the same script.
 */
export function memberScript(group: Group, sessions: readonly Session[]): ScriptedStep[] {
  const members = group.members.map((m) => m.github)
  const lead = group.members.find((m) => m.role === 'facilitator')?.github ?? members[0] ?? ''
  const steps: ScriptedStep[] = []
  for (const session of sessions.filter((s) => s.week !== undefined)) {
    const n = session.number
    const opens = Date.parse(session.opensAt)
    const rsvps: MemberAction[] = members.map((author, i) => {
      const answer =
        i === members.length - 1
          ? 'no travelling that weekend'
          : i === members.length - 2
            ? 'maybe'
            : 'yes'
      return { kind: 'comment', session: n, author, body: `/rsvp ${answer}` }
    })
    if (session.kind === 'kickoff') {
      THEMES_TOPICS.forEach((topic, i) => {
        rsvps.push({
          kind: 'comment',
          session: n,
          author: members[(i + 1) % members.length] ?? lead,
          body: `/topic ${topic}`,
        })
      })
    }
    steps.push({ at: new Date(opens + 2 * HOUR), actions: rsvps, note: `RSVPs for session ${n}` })
    const homework: MemberAction[] = members.slice(0, 4).map((author, i) => ({
      kind: 'form',
      form: 'homework',
      author,
      title: `Homework · ${group.slug} · session ${n}`,
      body: renderFormBody('homework', {
        group: group.slug,
        session: String(n),
        'work-score': String(5 + ((i + n) % 4)),
        'work-notes': 'A busy week with one hard conversation.',
        'family-score': String(6 + ((i * 2 + n) % 3)),
        'self-score': String(4 + ((i + 2 * n) % 5)),
        'self-notes': 'Sleeping better since I stopped checking chat at night.',
        circle: i % 2 ? ['work', 'self'] : ['work', 'family'],
      }),
    }))
    steps.push({
      at: new Date(opens + 20 * HOUR),
      actions: homework,
      note: `homework for session ${n}`,
    })
    const after: MemberAction[] = [
      {
        kind: 'comment',
        session: n,
        author: lead,
        body: `/attended ${members
          .slice(0, -1)
          .map((m) => `@${m}`)
          .join(' ')}`,
      },
      { kind: 'comment', session: n, author: lead, body: `/notes ${STORIES[n % STORIES.length]}` },
    ]
    if (session.kind === 'closing') {
      members.slice(0, 5).forEach((author, i) => {
        after.push({
          kind: 'comment',
          session: n,
          author,
          body: `/continue ${i === 4 ? 'biweekly' : 'monthly'}`,
        })
      })
      after.push({ kind: 'comment', session: n, author: lead, body: '/continue confirm' })
      for (const author of members.slice(0, 3)) {
        after.push({
          kind: 'form',
          form: 'reflection',
          author,
          title: `Reflection · ${group.slug}`,
          body: renderFormBody('reflection', {
            group: group.slug,
            learned:
              'Most of my problems were shared problems; saying them out loud made them smaller.',
            'in-a-year': 'Leading a team of leads without being the bottleneck.',
            continue: 'monthly',
            consent: ['quote-anonymously'],
          }),
        })
      }
    }
    steps.push({
      at: new Date(Date.parse(session.endsAt) + HOUR),
      actions: after,
      note: `after session ${n}`,
    })
  }
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime())
}
