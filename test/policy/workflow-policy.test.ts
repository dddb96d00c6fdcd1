import { describe, expect, it } from 'vitest'
import { WORKFLOW_RULES, checkWorkflow } from './workflow-policy.js'
import type { WorkflowRule } from './workflow-policy.js'

const CHECKOUT = 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683'

/** A workflow that follows every rule; each bad sample below breaks exactly one. */
const GOOD = `name: Sessions
on:
  issue_comment:
    types: [created]
  workflow_dispatch:
permissions:
  contents: read
concurrency:
  group: sessions-\${{ github.event.issue.number }}
  cancel-in-progress: false
jobs:
  run:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: read
      issues: write
    steps:
      - uses: ${CHECKOUT} # v4.2.2
        with:
          persist-credentials: false
      - uses: ./actions/sessions
        with:
          token: \${{ github.token }}
      - name: Greet
        env:
          TITLE: \${{ github.event.issue.title }}
        run: echo "$TITLE"
`

function rulesOf(text: string): string[] {
  return checkWorkflow('.github/workflows/sample.yml', text).map((finding) => finding.rule)
}

function findingsOf(text: string) {
  return checkWorkflow('.github/workflows/sample.yml', text)
}

describe('checkWorkflow', () => {
  it('passes a workflow that follows every rule', () => {
    expect(findingsOf(GOOD)).toEqual([])
  })

  it('gives every rule an id and a one-line statement', () => {
    for (const [id, statement] of Object.entries(WORKFLOW_RULES)) {
      expect(id).toMatch(/^[a-z-]+$/)
      expect(statement.length).toBeGreaterThan(10)
    }
  })

  it('reports YAML syntax errors with their position', () => {
    const findings = findingsOf('on: push\njobs: [\n')
    expect(findings[0]).toMatchObject({ rule: 'yaml-syntax', file: '.github/workflows/sample.yml' })
    expect(findings[0]!.line).toBeGreaterThan(1)
  })

  it('reports a file that is not a mapping', () => {
    expect(rulesOf('- just a list\n')).toEqual(['yaml-syntax'])
  })

  describe('permissions-top-level', () => {
    it('flags a workflow without a top-level permissions block', () => {
      const bad = GOOD.replace('permissions:\n  contents: read\n', '')
      expect(rulesOf(bad)).toEqual(['permissions-top-level'])
    })

    it('accepts an empty permissions block', () => {
      expect(
        rulesOf(GOOD.replace('permissions:\n  contents: read\n', 'permissions: {}\n')),
      ).toEqual([])
    })
  })

  describe('permissions-broad', () => {
    it.each(['write-all', 'read-all'])('flags top-level permissions: %s', (broad) => {
      const bad = GOOD.replace('permissions:\n  contents: read\n', `permissions: ${broad}\n`)
      expect(rulesOf(bad)).toEqual(['permissions-broad'])
    })

    it('flags a job with permissions: write-all and points at the value', () => {
      const bad = GOOD.replace(
        '    permissions:\n      contents: read\n      issues: write\n',
        '    permissions: write-all\n',
      )
      const findings = findingsOf(bad)
      expect(findings.map((finding) => finding.rule)).toEqual(['permissions-broad'])
      expect(findings[0]).toMatchObject({ line: 15, col: 18 })
    })
  })

  describe('permissions-top-level-write', () => {
    it('flags a write scope granted to the whole workflow', () => {
      const bad = GOOD.replace(
        'permissions:\n  contents: read\n',
        'permissions:\n  issues: write\n',
      )
      const findings = findingsOf(bad)
      expect(findings.map((finding) => finding.rule)).toEqual(['permissions-top-level-write'])
      expect(findings[0]).toMatchObject({ line: 7, col: 3 })
    })
  })

  describe('permissions-unused-write', () => {
    const onlyScripts = `on: push
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: write
    steps:
      - uses: ${CHECKOUT} # v4.2.2
        with:
          persist-credentials: false
      - run: npm test
`

    it('flags a write scope on a job whose steps never use the token', () => {
      expect(rulesOf(onlyScripts)).toEqual(['permissions-unused-write'])
    })

    it('accepts the write scope once a script is handed the token', () => {
      const good = `${onlyScripts}      - run: git push
        env:
          GH_TOKEN: \${{ github.token }}
`
      expect(rulesOf(good)).toEqual([])
    })

    it('accepts the write scope for a job that calls an action', () => {
      expect(rulesOf(`${onlyScripts}      - uses: ./actions/publish\n`)).toEqual([])
    })
  })

  describe('pinned-uses', () => {
    it('flags an action pinned to a tag', () => {
      const bad = GOOD.replace(`${CHECKOUT} # v4.2.2`, 'actions/checkout@v4')
      const findings = findingsOf(bad)
      expect(findings.map((finding) => finding.rule)).toEqual(['pinned-uses'])
      expect(findings[0]).toMatchObject({ line: 19, col: 15 })
      expect(findings[0]!.message).toContain('"actions/checkout@v4" is not pinned')
    })

    it('flags a short SHA', () => {
      const bad = GOOD.replace(`${CHECKOUT} # v4.2.2`, 'actions/checkout@11bd719 # v4.2.2')
      expect(rulesOf(bad)).toEqual(['pinned-uses'])
    })

    it('flags a SHA without a version comment', () => {
      expect(rulesOf(GOOD.replace(`${CHECKOUT} # v4.2.2`, CHECKOUT))).toEqual(['pinned-uses'])
    })

    it('flags a SHA whose comment is not a version', () => {
      const bad = GOOD.replace(`${CHECKOUT} # v4.2.2`, `${CHECKOUT} # latest`)
      expect(rulesOf(bad)).toEqual(['pinned-uses'])
    })

    it('flags a reusable workflow called by tag', () => {
      const bad = `on: push
permissions: {}
jobs:
  call:
    uses: octo/workflows/.github/workflows/ci.yml@main
`
      expect(rulesOf(bad)).toEqual(['pinned-uses'])
    })

    it('accepts local actions, docker images and version comments without a v', () => {
      const good = GOOD.replace(`${CHECKOUT} # v4.2.2`, `${CHECKOUT} # 4.2.2`).replace(
        '      - name: Greet\n',
        '      - uses: docker://alpine:3.20\n      - name: Greet\n',
      )
      expect(rulesOf(good)).toEqual([])
    })
  })

  describe('checkout-credentials', () => {
    it('flags checkout that keeps the token in .git/config', () => {
      const bad = GOOD.replace('        with:\n          persist-credentials: false\n', '')
      expect(rulesOf(bad)).toEqual(['checkout-credentials'])
    })

    it('flags persist-credentials: true', () => {
      const bad = GOOD.replace('persist-credentials: false', 'persist-credentials: true')
      expect(rulesOf(bad)).toEqual(['checkout-credentials'])
    })
  })

  describe('dangerous-trigger', () => {
    it.each(['pull_request_target', 'workflow_run'])('flags the %s trigger', (trigger) => {
      const bad = GOOD.replace('  workflow_dispatch:\n', `  workflow_dispatch:\n  ${trigger}:\n`)
      const findings = findingsOf(bad)
      expect(findings.map((finding) => finding.rule)).toEqual(['dangerous-trigger'])
      expect(findings[0]).toMatchObject({ line: 6, col: 3 })
    })

    it('finds the trigger in the list and single-event forms of on:', () => {
      const listed = GOOD.replace(
        'on:\n  issue_comment:\n    types: [created]\n  workflow_dispatch:\n',
        'on: [issue_comment, workflow_run]\n',
      )
      expect(rulesOf(listed)).toEqual(['dangerous-trigger'])
      const single = `on: pull_request_target
permissions: {}
jobs: {}
`
      expect(rulesOf(single)).toEqual(['dangerous-trigger'])
    })
  })

  describe('script-injection', () => {
    it.each([
      '${{ github.event.issue.title }}',
      '${{ github.event.inputs.week }}',
      '${{ inputs.week }}',
      '${{ secrets.BOT_TOKEN }}',
      '${{ github.head_ref }}',
      "${{ format('{0}', github.event.comment.body) }}",
      '${{ toJSON(github) }}',
      '${{ toJSON(secrets) }}',
    ])('flags %s expanded inside run:', (expression) => {
      const bad = GOOD.replace('run: echo "$TITLE"', `run: echo "${expression}"`)
      const findings = findingsOf(bad)
      expect(findings.map((finding) => finding.rule)).toEqual(['script-injection'])
      expect(findings[0]).toMatchObject({ line: 28, col: 20 })
    })

    it('points at the expression inside a block script', () => {
      const bad = GOOD.replace(
        'run: echo "$TITLE"',
        'run: |\n          echo start\n          echo "${{ inputs.week }}"',
      )
      const findings = findingsOf(bad)
      expect(findings.map((finding) => finding.rule)).toEqual(['script-injection'])
      expect(findings[0]).toMatchObject({ line: 30, col: 17 })
    })

    it('flags event data in the script of actions/github-script', () => {
      const bad = GOOD.replace(
        '      - name: Greet\n',
        `      - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1
        with:
          script: console.log('\${{ github.event.comment.body }}')
      - name: Greet
`,
      )
      expect(rulesOf(bad)).toEqual(['script-injection'])
    })

    it.each([
      '${{ github.event_name }}',
      '${{ github.repository }}',
      '${{ steps.plan.outputs.week }}',
      '${{ steps.read-inputs.outputs.week }}',
      '${{ env.TITLE }}',
      '${{ matrix.node }}',
    ])('accepts %s inside run:', (expression) => {
      expect(rulesOf(GOOD.replace('run: echo "$TITLE"', `run: echo "${expression}"`))).toEqual([])
    })
  })

  describe('job-timeout', () => {
    it('flags a job without timeout-minutes at the job key', () => {
      const findings = findingsOf(GOOD.replace('    timeout-minutes: 10\n', ''))
      expect(findings.map((finding) => finding.rule)).toEqual(['job-timeout'])
      expect(findings[0]).toMatchObject({ line: 12, col: 3 })
    })

    it('does not ask a reusable-workflow call for one (GitHub rejects it there)', () => {
      const good = `on: push
permissions: {}
jobs:
  call:
    uses: ./.github/workflows/ci.yml
`
      expect(rulesOf(good)).toEqual([])
    })
  })

  describe('concurrency', () => {
    const withoutGroup = GOOD.replace(
      'concurrency:\n  group: sessions-${{ github.event.issue.number }}\n  cancel-in-progress: false\n',
      '',
    )

    it.each(['issues', 'issue_comment', 'pull_request'])(
      'flags a workflow on %s without a concurrency group',
      (trigger) => {
        const bad = withoutGroup.replace('  issue_comment:\n', `  ${trigger}:\n`)
        expect(rulesOf(bad)).toEqual(['concurrency'])
      },
    )

    it('accepts a concurrency group on every job instead of the workflow', () => {
      const good = withoutGroup.replace(
        '    timeout-minutes: 10\n',
        '    timeout-minutes: 10\n    concurrency:\n      group: sessions\n      cancel-in-progress: false\n',
      )
      expect(rulesOf(good)).toEqual([])
    })

    it('flags cancel-in-progress: true', () => {
      const bad = GOOD.replace('cancel-in-progress: false', 'cancel-in-progress: true')
      expect(rulesOf(bad)).toEqual(['concurrency'])
    })

    it('flags a group that leaves cancel-in-progress implicit', () => {
      expect(rulesOf(GOOD.replace('  cancel-in-progress: false\n', ''))).toEqual(['concurrency'])
      const shorthand = withoutGroup.replace('jobs:\n', 'concurrency: sessions\njobs:\n')
      expect(rulesOf(shorthand)).toEqual(['concurrency'])
    })

    it('does not ask scheduled workflows for a group', () => {
      const scheduled = withoutGroup.replace(
        '  issue_comment:\n    types: [created]\n',
        "  schedule:\n    - cron: '0 6 * * *'\n",
      )
      expect(rulesOf(scheduled)).toEqual([])
    })
  })

  it('reports findings in file order with the file name', () => {
    const bad = GOOD.replace('    timeout-minutes: 10\n', '').replace(
      `${CHECKOUT} # v4.2.2`,
      'actions/checkout@v4',
    )
    const findings = findingsOf(bad)
    expect(findings.map((finding) => finding.rule)).toEqual(['job-timeout', 'pinned-uses'])
    expect(new Set(findings.map((finding) => finding.file))).toEqual(
      new Set(['.github/workflows/sample.yml']),
    )
  })

  it('names a rule from WORKFLOW_RULES in every finding', () => {
    const everythingWrong = `on: [workflow_run, issues]
permissions: write-all
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "\${{ github.event.issue.body }}"
`
    const rules = new Set(rulesOf(everythingWrong))
    for (const rule of rules) expect(Object.keys(WORKFLOW_RULES)).toContain(rule as WorkflowRule)
    expect(rules).toEqual(
      new Set([
        'dangerous-trigger',
        'permissions-broad',
        'concurrency',
        'job-timeout',
        'pinned-uses',
        'checkout-credentials',
        'script-injection',
      ]),
    )
  })
})
