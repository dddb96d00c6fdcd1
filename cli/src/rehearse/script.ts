import { PULSE_MIN_ANSWERS } from '../../../actions/lib/forms/pulse.js'
import { formTitle } from '../../../actions/lib/forms/prefill.js'
import { renderFormBody } from '../../../actions/lib/forms/render-body.js'
import type { Group } from '../../../actions/lib/group-file/schema.js'
import type { Session } from '../../../actions/lib/schedule/schedule.js'

const HOUR = 3_600_000

/** Something a scripted member does in the rehearsal. */
export type MemberAction =
  | { kind: 'comment'; session: number; author: string; body: string }
  | { kind: 'react'; session: number; author: string }
  | {
      kind: 'form'
      form: 'homework' | 'reflection' | 'pulse'
      author: string
      title: string
      body: string
    }

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

/** One story per session, told by a member; `{name}` and `{employer}` are theirs. */
const STORIES = [
  '{name} wrote the decision down before the meeting at {employer}, and the meeting took ten minutes.',
  '{name} asked "what would you do?" before giving advice, and the conversation changed.',
  '{name} blocked one focus morning a week; keeping it was harder than starting it.',
  '{name} named the feeling first, and the hard conversation with the team at {employer} was shorter.',
  '{name} stopped reviewing every pull request; nothing broke, and two people grew.',
  '{name} told the manager at {employer} "not this quarter", and the sky did not fall.',
]

/** What a scribe notes per session: [what worked, what was hard, what we learned]. */
const NOTES: Array<[string, string, string]> = [
  [
    'Everyone brought a real story to the homework circle.',
    'Introductions ran long; we started the topics late.',
    'Most of us carry the same few worries.',
  ],
  [
    'Role play in pairs made delegation concrete.',
    'Letting go of a project we love is harder than it sounds.',
    'Delegating the outcome, not the task, leaves room to grow.',
  ],
  [
    'Practising the first sentence of a hard conversation out loud.',
    'Two of us had the same conversation waiting at home, not at work.',
    'Silence after a hard sentence is fine; it is not ours to fill.',
  ],
  [
    'The five-minute silence before the circle.',
    'Admitting we were tired took most of the meeting.',
    'A stop-doing list helps more than a to-do list.',
  ],
  [
    'Swapping interview questions that actually predict the job.',
    'Hiring for the bar we set, when the team is short of people.',
    'A scorecard written before the first interview keeps us honest.',
  ],
  [
    'Looking back at the intentions from week 1.',
    'Saying goodbye to the weekly rhythm.',
    'The group is where we say what we cannot say at work.',
  ],
]

/** Closing reflections, one per member who writes one (quoted only with consent). */
const REFLECTIONS: Array<[string, string]> = [
  [
    'Most of my problems were shared problems; saying them out loud made them smaller.',
    'Leading a team of leads without being the bottleneck.',
  ],
  [
    'I delegate the outcome now, and check in instead of checking up.',
    'Running the planning without owning every decision in it.',
  ],
  [
    'A hard conversation goes better when I name the feeling first.',
    'Coaching a new lead through their first year.',
  ],
]

/**
 * The scribe's `/notes` after a session, in the shape of templates/notes.md, with the names of
 * members and their employers as a scribe would write them (the retrospective must scrub them).
 */
function scribeNotes(group: Group, n: number): string {
  const [worked, hard, learned] = NOTES[(n - 1) % NOTES.length] as [string, string, string]
  const teller = group.members[n % group.members.length]
  const story = (STORIES[(n - 1) % STORIES.length] as string)
    .replace('{name}', teller?.aliases?.[0] ?? teller?.name.split(' ')[0] ?? 'Someone')
    .replace('{employer}', teller?.employer ?? 'work')
  return [
    '/notes',
    '### What worked',
    `- ${worked}`,
    '### What was hard',
    `- ${hard}`,
    '### What we learned',
    `- ${learned}`,
    '### Stories and takeaways',
    `- ${story}`,
  ].join('\n')
}

/**
 * A plausible week for a group: RSVPs soon after an issue opens, some homework before the meeting,
 * attendance and a scribe's notes after it, topics in week 1 and reflections at the close. The
 * same group always gets the same script.
 */
export function memberScript(group: Group, sessions: readonly Session[]): ScriptedStep[] {
  const members = group.members.map((m) => m.github)
  const lead = group.members.find((m) => m.role === 'facilitator')?.github ?? members[0] ?? ''
  const steps: ScriptedStep[] = []
  for (const session of sessions.filter((s) => s.week === undefined)) {
    // A monthly meeting: a few RSVPs and the scribe's notes, no homework or buddies.
    const n = session.number
    const opens = Date.parse(session.opensAt)
    steps.push({
      at: new Date(opens + 3 * HOUR),
      actions: members
        .slice(0, 3)
        .map((author, i): MemberAction =>
          i === 0
            ? { kind: 'react', session: n, author }
            : { kind: 'comment', session: n, author, body: `/rsvp ${i === 1 ? 'yes' : 'maybe'}` },
        ),
      note: `RSVPs for session ${n}`,
    })
    steps.push({
      at: new Date(Date.parse(session.endsAt) + HOUR),
      actions: [{ kind: 'comment', session: n, author: lead, body: scribeNotes(group, n) }],
      note: `after session ${n}`,
    })
  }
  for (const session of sessions.filter((s) => s.week !== undefined)) {
    const n = session.number
    const opens = Date.parse(session.opensAt)
    const rsvps: MemberAction[] = members.map((author, i): MemberAction => {
      const answer =
        i === members.length - 1
          ? 'no travelling that weekend'
          : i === members.length - 2
            ? 'maybe'
            : 'yes'
      // Half of those who come just react 👍 (no workflow runs for a reaction; the next scheduled
      // run counts it); the rest answer with a command, as people do.
      if (answer === 'yes' && i % 2 === 0) return { kind: 'react', session: n, author }
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
        'work-positive-what': 'A hard conversation went better than I feared.',
        'work-positive-significance':
          'I prepared the first sentence and then let the silence work.',
        'work-negative-what': 'A busy week, with the roadmap changing twice.',
        'family-positive-what': 'A long walk with my partner, phones at home.',
        'self-negative-what': 'Sleeping badly when I check chat at night.',
        'self-negative-significance': 'It is the first thing that slips when work gets loud.',
        // Scores are an optional extra: one member of four leaves them out.
        ...(i === 1
          ? {}
          : {
              'work-score': String(5 + ((i + n) % 4)),
              'family-score': String(6 + ((i * 2 + n) % 3)),
              'self-score': String(4 + ((i + 2 * n) % 5)),
            }),
        share: i % 2 ? ['work-positive', 'self-negative'] : ['work-negative', 'family-positive'],
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
      { kind: 'comment', session: n, author: lead, body: scribeNotes(group, n) },
    ]
    if (session.kind === 'closing') {
      members.slice(0, 5).forEach((author, i) => {
        after.push({
          kind: 'comment',
          session: n,
          author,
          body: `/continue ${i === 4 ? 'biweekly' : 'monthly'}\n/homework ${i < 3 ? 'keep' : 'drop'}\n/seats nominations${i === 0 ? ' 10' : ''}`,
        })
      })
      after.push({ kind: 'comment', session: n, author: lead, body: '/continue confirm' })
      members.slice(0, REFLECTIONS.length).forEach((author, i) => {
        const [learned, inAYear] = REFLECTIONS[i] as [string, string]
        after.push({
          kind: 'form',
          form: 'reflection',
          author,
          title: `Reflection · ${group.slug}`,
          body: renderFormBody('reflection', {
            group: group.slug,
            learned,
            'in-a-year': inAYear,
            continue: 'monthly',
            consent: ['quote-anonymously'],
          }),
        })
      })
    }
    steps.push({
      at: new Date(Date.parse(session.endsAt) + HOUR),
      actions: after,
      note: `after session ${n}`,
    })
    if (session.week === 2)
      steps.push({
        at: new Date(Date.parse(session.endsAt) + 6 * HOUR),
        actions: pulseAnswers(group, members),
        note: 'the pulse after week 2',
      })
  }
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime())
}

/** How the members who answer the pulse feel, in turn: mostly better, one or two not yet. */
const PULSE_ANSWERS: ReadonlyArray<{ ease: string; belonging: string }> = [
  { ease: 'easier', belonging: 'yes' },
  { ease: 'easier', belonging: 'partly' },
  { ease: 'same', belonging: 'yes' },
  { ease: 'easier', belonging: 'yes' },
  { ease: 'same', belonging: 'not-yet' },
]

/**
 * The pulse form after week 2, filed by all but two members (never fewer than the three it takes
 * for the facilitators to see the counts), so the rehearsal shows the counts arriving.
 */
function pulseAnswers(group: Group, members: readonly string[]): MemberAction[] {
  const answering = members.slice(0, Math.max(PULSE_MIN_ANSWERS, members.length - 2))
  return answering.map((author, i) => {
    const answer = PULSE_ANSWERS[i % PULSE_ANSWERS.length] as (typeof PULSE_ANSWERS)[number]
    return {
      kind: 'form',
      form: 'pulse',
      author,
      title: formTitle('pulse', group.slug),
      body: renderFormBody('pulse', { group: group.slug, ...answer }),
    }
  })
}
