import { describe, expect, it } from 'vitest'
import type { AssessmentSubmission } from '../../actions/lib/forms/submissions.js'
import { checkNoNames } from '../../actions/lib/forms/membership.js'
import { groupSchema } from '../../actions/lib/group-file/schema.js'

const GROUP = {
  ...groupSchema.parse({
    name: 'Fall',
    timezone: 'Europe/Berlin',
    start: '2026-10-25',
    meeting: { weekday: 'sunday', time: '16:00', duration: 90 },
    members: [
      { github: 'octo-ana', name: 'Ana Lima', role: 'facilitator' },
      { github: 'bkowalski', name: 'Bartosz Kowalski', aliases: ['Bart'] },
    ],
  }),
  slug: 'fall',
}

const assessment = (fields: Partial<AssessmentSubmission>): AssessmentSubmission => ({
  kind: 'assessment',
  group: 'fall',
  what: 'Feedback interview',
  with: 'peer',
  summary: 'I decide too fast.',
  ...fields,
})

describe('an assessment names a role, never a person', () => {
  it('accepts roles and ordinary words', () => {
    expect(
      checkNoNames(assessment({ summary: 'My peer said I decide too fast.' }), GROUP, 'octo-ana'),
    ).toEqual([])
    // "Barthold" is not "Bart"; the author's own name is hers to use.
    expect(
      checkNoNames(
        assessment({ summary: 'Barthold Street office. Ana Lima here.' }),
        GROUP,
        'octo-ana',
      ),
    ).toEqual([])
  })

  it("flags another member's name, alias or login, in every field, without repeating it", () => {
    const problems = checkNoNames(
      assessment({
        what: 'Interview with @bkowalski',
        summary: 'bart thinks so',
        takeaway: 'Ask Bartosz Kowalski again',
      }),
      GROUP,
      'octo-ana',
    )
    expect(problems.map((p) => p.field)).toEqual(['what', 'summary', 'takeaway'])
    for (const p of problems) expect(p.message).not.toMatch(/Bart|kowalski/i)
  })
})
