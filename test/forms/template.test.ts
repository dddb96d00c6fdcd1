import { describe, expect, it } from 'vitest'
import { readSubmission } from '../../actions/lib/forms/read.js'
import { SCORE_HOMEWORK } from '../../actions/lib/forms/catalog.js'
import {
  checkTemplate,
  defaultFormYaml,
  FormTemplateError,
} from '../../actions/lib/forms/template.js'
import { formYaml } from './helpers.js'

describe('a group that rewords its forms', () => {
  const reworded = formYaml('homework')
    .replace('- label: Work, positive\n', '- label: My job, the good part\n')
    .replace('- label: Family, negative\n', '- label: Home life, the hard part\n')
    .replace("label: 'Self: a score from 1 to 10, if you like'", 'label: Me, myself and I')

  it('still passes checkTemplate: ids, types and option counts are unchanged', () => {
    expect(checkTemplate('homework', reworded)).toEqual([])
  })

  it('has its answers read by option position and by field id', () => {
    const body = [
      '### Group\n\nfall-2026',
      '### Session\n\n3',
      '### Work, positive: what happened\n\nThe team shipped without me.',
      '### Family, negative: what happened\n\nMissed a school play.',
      '### Me, myself and I\n\n8',
      "### The two I'll share in the opening circle\n\n- [X] My job, the good part\n- [ ] Work, negative\n- [ ] Family, positive\n- [X] Home life, the hard part\n- [ ] Self, positive\n- [ ] Self, negative",
    ].join('\n\n')
    const result = readSubmission('homework', body, reworded)
    expect(result).toMatchObject({
      ok: true,
      submission: { scores: { self: 8 }, share: ['work-positive', 'family-negative'] },
    })
  })

  it('keeps reading a repository that still has the score form, reworded', () => {
    const old = defaultFormYaml(SCORE_HOMEWORK)
      .replace('label: Work\n', 'label: My job\n')
      .replace('label: Family\n', 'label: Home life\n')
      .replace('label: "Self: my score"', 'label: Me, myself and I')
    expect(old).toContain('Me, myself and I')
    expect(checkTemplate('homework', old)).toEqual([])
    const body = [
      '### Group\n\nfall-2026',
      '### Session\n\n3',
      '### Work: my score\n\n6',
      '### Family: my score\n\n7',
      '### Me, myself and I\n\n8',
      '### Two answers for the opening circle\n\n- [X] My job\n- [X] Home life\n- [ ] Self',
    ].join('\n\n')
    expect(readSubmission('homework', body, old)).toMatchObject({
      ok: true,
      submission: {
        sheet: 'scores',
        scores: { work: 6, family: 7, self: 8 },
        circle: ['work', 'family'],
      },
    })
  })

  it('reads a sheet filed while the repository still has the score form', () => {
    const old = defaultFormYaml(SCORE_HOMEWORK)
    const body = [
      '### Group\n\nfall-2026',
      '### Session\n\n3',
      '### Work, negative: what happened\n\nA missed deadline.',
      '### Self, positive: what happened\n\nBack to running.',
      "### The two I'll share in the opening circle\n\n- [ ] Work, positive\n- [X] Work, negative\n- [ ] Family, positive\n- [ ] Family, negative\n- [X] Self, positive\n- [ ] Self, negative",
    ].join('\n\n')
    expect(readSubmission('homework', body, old)).toMatchObject({
      ok: true,
      submission: { sheet: 'prompts', share: ['work-negative', 'self-positive'] },
    })
  })

  it('reports what the current sheet needs when a form fits neither shape', () => {
    const broken = formYaml('homework').replace('id: share', 'id: shared')
    expect(checkTemplate('homework', broken)).toEqual([
      {
        field: 'share',
        message:
          'homework.yml has no field with id "share"; the actions need it (a checkboxes with 6 options).',
      },
    ])
  })

  it('keeps a reworded consent box meaning consent', () => {
    const yaml = formYaml('reflection').replace(
      /- label: I agree.*$/m,
      '- label: Yes, you may quote me without my name',
    )
    const body = [
      '### Group\n\nfall-2026',
      '### What did I learn?\n\nx',
      '### Where do I want to be in a year?\n\ny',
      '### Should the group continue?\n\nMonthly',
      '### Quoting this reflection\n\n- [X] Yes, you may quote me without my name',
    ].join('\n\n')
    expect(readSubmission('reflection', body, yaml)).toMatchObject({
      ok: true,
      submission: { consent: true },
    })
  })
})

describe('checkTemplate', () => {
  it('reports a missing field, a changed type, a changed option count and multiple choice', () => {
    const broken = formYaml('check-in')
      .replace('id: commitment', 'id: my-commitment')
      .replace(/type: input\n {4}id: session/, 'type: textarea\n    id: session')
      .replace('        - Not yet\n', '')
      .replace('label: How it went\n', 'label: How it went\n      multiple: true\n')
    expect(checkTemplate('check-in', broken)).toEqual([
      {
        field: 'session',
        message: '"session" in check-in.yml is a textarea; the actions read it as an input.',
      },
      {
        field: 'commitment',
        message:
          'check-in.yml has no field with id "commitment"; the actions need it (a textarea).',
      },
      {
        field: 'outcome',
        message:
          '"outcome" in check-in.yml allows several answers; the actions expect exactly one (remove "multiple").',
      },
      {
        field: 'outcome',
        message:
          '"outcome" in check-in.yml has 2 options; the actions read them by position and expect 3 (Done, Partly, Not yet), in that order.',
      },
    ])
  })

  it('reports YAML that is not an issue form at all', () => {
    expect(checkTemplate('topic', 'name: [unclosed')).toEqual([
      {
        field: '',
        message: expect.stringMatching(
          /^\.github\/ISSUE_TEMPLATE\/topic\.yml: not a readable issue form/,
        ),
      },
    ])
    expect(checkTemplate('topic', 'name: Topic\n')[0]?.message).toContain('missing a body array')
  })

  it('makes readSubmission throw, because the organizer has to fix it, not the member', () => {
    expect(() => readSubmission('topic', '### The topic\n\nx', 'name: Topic\n')).toThrow(
      FormTemplateError,
    )
  })
})
