import { describe, expect, it } from 'vitest'
import {
  CORE_SKILLS,
  fieldOf,
  formByTemplate,
  FORM_KINDS,
  FORMS,
  isFormKind,
  templatePath,
} from '../../actions/lib/forms/catalog.js'
import { countWord, formatFormProblems } from '../../actions/lib/forms/problems.js'

describe('catalog', () => {
  it('finds a form by its template file name, as in ?template=homework.yml', () => {
    expect(formByTemplate('check-in.yml')?.kind).toBe('check-in')
    expect(formByTemplate('bug_report.yml')).toBeUndefined()
  })

  it('gives the workspace path the action reads a form from', () => {
    expect(templatePath('reflection')).toBe('.github/ISSUE_TEMPLATE/reflection.yml')
  })

  it('tells form kinds from other strings', () => {
    expect(FORM_KINDS.every(isFormKind)).toBe(true)
    expect(isFormKind('session')).toBe(false)
  })

  it('starts every form with the group, and the session-bound forms with the session', () => {
    for (const kind of FORM_KINDS) expect(FORMS[kind].fields[0]?.id).toBe('group')
    for (const kind of ['homework', 'check-in', 'conversation'] as const) {
      expect(fieldOf(kind, 'session')?.type).toBe('input')
    }
    expect(fieldOf('topic', 'session')).toBeUndefined()
  })

  it('lists the ten core tech-lead skills with kebab-case values', () => {
    expect(CORE_SKILLS.map((skill) => skill.value)).toEqual([
      'communication',
      'delegation',
      'feedback',
      'running-meetings',
      'technical-decision-making',
      'influence-without-authority',
      'hiring-and-interviewing',
      'prioritization',
      'coaching-others',
      'self-care',
    ])
  })
})

describe('problems', () => {
  it('spells small counts as words', () => {
    expect([0, 1, 3, 12].map(countWord)).toEqual(['none', 'one', 'three', '12'])
  })

  it('formats problems as a Markdown list for a reply on the issue', () => {
    const problems = [
      { field: 'work-score', message: 'Pick a work score from 1 to 10.' },
      {
        field: 'circle',
        message: 'Choose exactly two answers to bring to the circle (you chose three).',
      },
    ]
    expect(formatFormProblems(problems)).toBe(
      '- Pick a work score from 1 to 10.\n- Choose exactly two answers to bring to the circle (you chose three).',
    )
  })
})
