import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONSENT_OPTION, SCORE_HOMEWORK } from '../../actions/lib/forms/catalog.js'
import { renderFormBody } from '../../actions/lib/forms/render-body.js'
import { readSubmission } from '../../actions/lib/forms/read.js'
import { TEMPLATE_DIR } from './helpers.js'

const form = (name: string) => readFileSync(`${TEMPLATE_DIR}${name}`, 'utf8')

describe('renderFormBody', () => {
  it('writes a homework sheet the parser reads back to the same answers', () => {
    const body = renderFormBody('homework', {
      group: 'example',
      session: '2',
      'work-positive-what': 'Shipped the migration.',
      'work-positive-significance': 'The team did it without me.',
      'self-negative-what': 'Slept badly.',
      'self-score': '5',
      share: ['work-positive', 'self-negative'],
    })
    expect(body).toContain('### Family, positive: what happened\n\n_No response_')
    expect(body).toMatch(/- \[X\] Work, positive\n- \[ \] Work, negative\n/)
    expect(readSubmission('homework', body, form('homework.yml'))).toEqual({
      ok: true,
      submission: {
        kind: 'homework',
        sheet: 'prompts',
        group: 'example',
        session: 2,
        answers: {
          'work-positive': {
            what: 'Shipped the migration.',
            significance: 'The team did it without me.',
          },
          'self-negative': { what: 'Slept badly.' },
        },
        share: ['work-positive', 'self-negative'],
        scores: { self: 5 },
      },
    })
  })

  it('writes a body on the score form, which still reads against the sheet', () => {
    const body = renderFormBody(
      'homework',
      {
        group: 'example',
        session: '2',
        'work-score': '7',
        'work-notes': 'Shipped the migration.',
        'family-score': '8',
        'self-score': '5',
        'self-notes': 'Slept badly.',
        circle: ['work', 'self'],
      },
      SCORE_HOMEWORK,
    )
    expect(body).toContain('### Family: a few lines\n\n_No response_')
    expect(body).toMatch(/- \[X\] Work\n- \[ \] Family\n- \[X\] Self/)
    expect(readSubmission('homework', body, form('homework.yml'))).toEqual({
      ok: true,
      submission: {
        kind: 'homework',
        sheet: 'scores',
        group: 'example',
        session: 2,
        scores: { work: 7, family: 8, self: 5 },
        notes: { work: 'Shipped the migration.', self: 'Slept badly.' },
        circle: ['work', 'self'],
      },
    })
  })

  it('writes a reflection with the consent box ticked only when asked', () => {
    const answers = {
      group: 'example',
      learned: 'To ask first.',
      'in-a-year': 'Leading leads.',
      continue: 'monthly',
    }
    const without = readSubmission(
      'reflection',
      renderFormBody('reflection', answers),
      form('reflection.yml'),
    )
    const withConsent = readSubmission(
      'reflection',
      renderFormBody('reflection', { ...answers, consent: [CONSENT_OPTION.value] }),
      form('reflection.yml'),
    )
    expect(without.ok && without.submission.consent).toBe(false)
    expect(withConsent.ok && withConsent.submission.consent).toBe(true)
  })
})
