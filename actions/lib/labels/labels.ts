import type { LabelView } from '../github/repository.js'

/** Every label the product applies, with its colour and a description people see on GitHub. */
const CATALOG: Record<string, { color: string; description: string }> = {
  'skill-share': { color: '5319e7', description: 'Managed by the skill-share automation' },
  session: { color: '1d76db', description: 'A meeting of the group' },
  kickoff: { color: '0e8a16', description: 'Week 1: introductions and topics' },
  theme: { color: '0052cc', description: 'A themed weekly meeting' },
  closing: { color: 'b60205', description: 'The last weekly meeting' },
  monthly: { color: 'c5def5', description: 'A monthly follow-up meeting' },
  biweekly: { color: 'c5def5', description: 'A follow-up every other week' },
  'follow-up': { color: 'c5def5', description: 'A meeting after the weekly phase' },
  'ground-rules': { color: 'fbca04', description: 'The rules every member agrees to' },
  intention: { color: 'd4c5f9', description: 'What a member wants to get better at' },
  homework: { color: 'bfd4f2', description: 'Reflection before a meeting' },
  'check-in': { color: 'bfdadc', description: 'Accountability buddy check-in' },
  buddies: { color: 'bfdadc', description: 'Accountability buddies for one week' },
  topic: { color: 'fef2c0', description: 'A proposed theme' },
  reflection: { color: 'e99695', description: 'Closing reflection' },
  pulse: { color: 'e99695', description: 'The two-question pulse after week 2' },
  nomination: { color: 'fef2c0', description: 'A nomination, or interest in joining' },
  conversation: { color: 'c2e0c6', description: 'A coaching conversation' },
  'sign-up': { color: 'c2e0c6', description: 'Offers or seeks coaching' },
  network: { color: '0e8a16', description: "The coaching network's sign-ups and pairs" },
  'self-evaluation': { color: 'd4c5f9', description: 'A member rates their focus areas' },
  assessment: { color: 'd4c5f9', description: 'An assessment or feedback interview' },
  'needs-fix': { color: 'd93f0b', description: 'A submission with something to fix' },
  organizer: { color: '5319e7', description: 'For the facilitators' },
}

export function labelSpec(name: string): LabelView {
  const known = CATALOG[name]
  if (known) return { name, ...known }
  if (name.startsWith('group:'))
    return { name, color: 'ededed', description: `Group ${name.slice(6)}` }
  if (name.startsWith('session:'))
    return { name, color: 'f9f9f9', description: `Session ${name.slice(8)}` }
  return { name, color: 'ededed', description: null }
}
