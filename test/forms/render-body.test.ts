import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONSENT_OPTION } from '../../actions/lib/forms/catalog.js'
import { renderFormBody } from '../../actions/lib/forms/render-body.js'
import { readSubmission } from '../../actions/lib/forms/read.js'
import { REPO_ROOT } from '../support/cli.js'

const form = (name: string) =>
  readFileSync(path.join(REPO_ROOT, '.github/ISSUE_TEMPLATE', name), 'utf8')

describe('renderFormBody', () => {
  it('writes a homework body the parser reads back to the same answers', () => {
    const body = renderFormBody('homework', {
      group: 'example',
      session: '2',
      'work-score': '7',
      'work-notes': 'Shipped the migration.',
      'family-score': '8',
      'self-score': '5',
      'self-notes': 'Slept badly.',
      circle: ['work', 'self'],
    })
    expect(body).toContain('### Family: a few lines\n\n_No response_')
    expect(body).toMatch(/- \[X\] Work\n- \[ \] Family\n- \[X\] Self/)
    expect(readSubmission('homework', body, form('homework.yml'))).toEqual({
      ok: true,
      submission: {
        kind: 'homework',
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
