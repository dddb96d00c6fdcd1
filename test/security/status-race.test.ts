import { afterEach, describe, expect, it, vi } from 'vitest'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { createClient } from '../../actions/lib/github/client.js'
import { Repository } from '../../actions/lib/github/repository.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import { buildSchedule } from '../../actions/lib/schedule/schedule.js'
import { startGitHub, type GitHubEmulator } from '../../emulator/src/index.js'
import { REPO_ROOT } from '../support/cli.js'
import { asOwnGroup, EXAMPLE_MEMBERS } from '../support/workspace.js'

const text = asOwnGroup(readFileSync(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8'))
const group = parseGroupFile(text, { file: 'groups/example/group.yml', slug: 'example' }).group!
const session = buildSchedule(group)[1]!

let gh: GitHubEmulator | undefined
afterEach(async () => gh?.close())

function statusComments(emulator: GitHubEmulator, issue: number) {
  return emulator.state
    .comments(issue)
    .filter((c) => (c.body ?? '').includes('<!-- skill-share:status '))
}

describe('the status comment under concurrent runs', () => {
  it('is posted once when two runs (sessions and commands) refresh it at the same moment, and a leftover duplicate is removed', async () => {
    gh = await startGitHub({ repo: 'acme/circle', users: EXAMPLE_MEMBERS, now: session.opensAt })
    const github = () =>
      new Repository(createClient({ token: 'job', baseUrl: gh!.url }), 'acme', 'circle')
    const { data: issue } = await github().client.rest.issues.create({
      owner: 'acme',
      repo: 'circle',
      title: 'Week 2',
    })
    // Each run is its own process on GitHub, with its own lease holder id: a fresh module graph.
    const runs: Array<typeof import('../../actions/lib/github/status.js').refreshStatus> = []
    for (let i = 0; i < 3; i++) {
      vi.resetModules()
      runs.push((await import('../../actions/lib/github/status.js')).refreshStatus)
    }
    const refreshWith = (refreshStatus: (typeof runs)[number]) =>
      refreshStatus(
        github(),
        { group, session, issue: issue.number },
        { now: new Date(session.opensAt), dryRun: false, log: { info: () => undefined } },
      )
    const results = await Promise.all(runs.map(refreshWith))
    expect(statusComments(gh, issue.number)).toHaveLength(1)
    expect(results.map((r) => r.result).sort()).toEqual(['posted', 'updated', 'updated'])

    // A duplicate from before the lease existed: the next refresh removes it, keeping the first.
    const [kept] = statusComments(gh, issue.number)
    await github().client.rest.issues.createComment({
      owner: 'acme',
      repo: 'circle',
      issue_number: issue.number,
      body: kept!.body ?? '',
    })
    await refreshWith(runs[0]!)
    const after = statusComments(gh, issue.number)
    expect(after.map((c) => c.id)).toEqual([kept!.id])
  })
})
