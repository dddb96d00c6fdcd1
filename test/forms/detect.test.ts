import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FORM_KINDS, FORMS } from '../../actions/lib/forms/catalog.js'
import { detectForm } from '../../actions/lib/forms/detect.js'
import { allFormYaml, formYaml, GOLDEN_DIR } from './helpers.js'

const golden = (folder: string) => readFileSync(`${GOLDEN_DIR}${folder}/issue.md`, 'utf8')

describe('detectForm by label', () => {
  it.each(FORM_KINDS)('knows a %s issue by its label, whatever the body says', (kind) => {
    const issue = { labels: [{ name: 'skill-share' }, { name: FORMS[kind].label }], body: '' }
    expect(detectForm(issue)).toEqual({ kind, by: 'label' })
  })

  it('accepts label names as plain strings and in any case', () => {
    expect(detectForm({ labels: ['Check-In'], body: null })).toEqual({
      kind: 'check-in',
      by: 'label',
    })
  })

  it('ignores labels that belong to no form', () => {
    const issue = { labels: ['skill-share', 'session', 'kickoff'], body: golden('topic--full') }
    expect(detectForm(issue)).toEqual({ kind: 'topic', by: 'headings' })
  })

  it('lets the headings choose when two form labels are on one issue', () => {
    const issue = { labels: ['homework', 'reflection'], body: golden('reflection--with-consent') }
    expect(detectForm(issue)).toEqual({ kind: 'reflection', by: 'headings' })
  })
})

describe('detectForm by headings', () => {
  it.each([
    ['homework--sheet-full', 'homework'],
    ['homework--sheet-two-answers-crlf', 'homework'],
    ['homework--score-form-full', 'homework'],
    ['homework--score-form-crlf-whitespace', 'homework'],
    ['homework--score-form-missing-required', 'homework'],
    ['intention--full', 'intention'],
    ['check-in--full', 'check-in'],
    ['topic--full', 'topic'],
    ['reflection--consent-removed', 'reflection'],
    ['conversation--full', 'conversation'],
  ])('recognizes %s without labels', (folder, kind) => {
    expect(detectForm({ labels: [], body: golden(folder) })).toEqual({ kind, by: 'headings' })
  })

  it('still recognizes a form after some sections were deleted', () => {
    const body =
      '### Group\n\nfall-2026\n\n### How it went\n\nDone\n\n### My commitment this week\n\nShip it'
    expect(detectForm({ body })).toEqual({ kind: 'check-in', by: 'headings' })
  })

  it('needs two of a form’s own questions; group and session alone say nothing', () => {
    expect(detectForm({ body: '### Group\n\nfall-2026\n\n### Session\n\n3' })).toBeUndefined()
    expect(detectForm({ body: '### How it went\n\nDone' })).toBeUndefined()
  })

  it('gives up on a tie rather than guess', () => {
    const body =
      '### How it went\n\nDone\n\n### Why it matters to me\n\nx\n\n### My commitment this week\n\ny\n\n### The topic\n\nz'
    expect(detectForm({ body })).toBeUndefined()
  })

  it('returns nothing for a free-form issue', () => {
    expect(
      detectForm({ labels: ['skill-share'], body: golden('homework--not-a-form') }),
    ).toBeUndefined()
    expect(detectForm({})).toBeUndefined()
  })

  it('reads headings from the repository’s own, reworded form when given', () => {
    const reworded = formYaml('topic').replace('label: The topic', 'label: Mein Thema')
    const body = '### Group\n\nfall-2026\n\n### Mein Thema\n\nx\n\n### Why it matters to me\n\ny'
    expect(detectForm({ body }, { ...allFormYaml(), topic: reworded })).toEqual({
      kind: 'topic',
      by: 'headings',
    })
    expect(detectForm({ body: body.replace('### Why it matters to me\n\ny', '') })).toBeUndefined()
  })
})
