import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'yaml'
import { afterEach, describe, expect, it } from 'vitest'
import type { GitHubEmulator } from '../../emulator/src/index.js'
import {
  CHOOSER_CONFIG,
  groundRulesUrl,
  pointGroundRulesCard,
} from '../../actions/lib/forms/chooser.js'
import { REPO_ROOT } from '../support/cli.js'
import { dispatch, startRepository } from './helpers.js'

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.close()
  gh = undefined
})

type Card = { name: string; url: string; about: string }
const cards = (text: string) => (parse(text) as { contact_links: Card[] }).contact_links
const shipped = () => readFile(path.join(REPO_ROOT, CHOOSER_CONFIG), 'utf8')

describe('the issue chooser\'s "Our ground rules" card', () => {
  it('as shipped, opens the ground-rules issues that mention the member, not GitHub docs', async () => {
    const card = cards(await shipped()).find((c) => c.name === 'Our ground rules')
    expect(card?.url).not.toContain('docs.github.com')
    const url = new URL(card?.url ?? '')
    expect(url.searchParams.get('q')).toBe('is:issue label:ground-rules mentions:@me')
  })

  it('the ground-rules issue it finds carries that label and mentions every member', async () => {
    const template = await readFile(path.join(REPO_ROOT, 'templates/ground-rules.md'), 'utf8')
    expect(template).toMatch(/labels: \[ground-rules\]/)
    expect(template).toContain('{{ members }}')
  })

  it('is narrowed to the repository by the first "Start a cohort", in its pull request', async () => {
    gh = await startRepository()
    const text = await shipped()
    gh.setFiles({ [CHOOSER_CONFIG]: text })
    const result = await dispatch(gh)
    expect(result.exitCode).toBe(0)
    const onBranch = gh.state.file(CHOOSER_CONFIG, 'skill-share/start-fall-2026') ?? ''
    const card = cards(onBranch).find((c) => c.name === 'Our ground rules')
    expect(card?.url).toBe(groundRulesUrl('https://github.com', 'acme/circle'))
    expect(gh.state.file(CHOOSER_CONFIG)).toBe(text)
    expect(onBranch).toContain('# The ground-rules issue of every group')

    const again = await dispatch(gh)
    expect(again.exitCode).toBe(0)
    expect(again.summary).toContain('<td>Ground-rules card</td><td>up to date</td>')
  })

  it('leaves a renamed card, and an already narrowed one, alone', () => {
    const url = groundRulesUrl('https://github.com', 'acme/circle')
    const renamed =
      'contact_links:\n  - name: House rules\n    url: https://example.org\n    about: x\n'
    expect(pointGroundRulesCard(renamed, url)).toBeUndefined()
    const narrowed = `contact_links:\n  - name: Our ground rules\n    url: ${url}\n    about: x\n`
    expect(pointGroundRulesCard(narrowed, url)).toBeUndefined()
  })
})
