import { describe, expect, it } from 'vitest'
import { describeForm } from '../../actions/lib/forms/describe.js'

describe('describeForm', () => {
  it('writes a form as a member meets it: text, questions, hints and choices', () => {
    const yaml = [
      'name: Pulse',
      'description: Two questions.',
      'body:',
      '  - type: markdown',
      '    attributes: { value: "Two clicks, once." }',
      '  - type: dropdown',
      '    id: ease',
      '    attributes: { label: It feels, description: Since week 1., options: [Easier, Same] }',
      '    validations: { required: true }',
      '  - type: checkboxes',
      '    id: share',
      '    attributes: { label: Share, options: [{ label: Work }, { label: Self }] }',
    ].join('\n')
    expect(describeForm(yaml)).toBe(
      [
        '# Pulse',
        '',
        '_Two questions._',
        '',
        'Two clicks, once.',
        '',
        '**It feels** _(required)_ · one choice',
        '',
        '> Since week 1.',
        '',
        '- Easier',
        '- Same',
        '',
        '**Share** · tick boxes',
        '',
        '- [ ] Work',
        '- [ ] Self',
        '',
      ].join('\n'),
    )
  })
})
