import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { actionlint } from './actionlint.js'
import { checkLocalActionCalls, readActionInterface } from './local-actions.js'
import type { ActionInterface } from './local-actions.js'
import { exists, filesIn, readText } from './repository.js'
import { schemaCheck } from './schemas.js'
import { checkWorkflow } from './workflow-policy.js'
import { formatFinding } from './yaml-source.js'

const workflows = filesIn('.github/workflows', /\.ya?ml$/)

function lookupLocalAction(folder: string): ActionInterface | undefined {
  const metadata = ['action.yml', 'action.yaml']
    .map((name) => `${folder}/${name}`)
    .find((path) => exists(path))
  return metadata === undefined ? undefined : readActionInterface(readText(metadata))
}

function lintLines(
  problems: Array<{ line: number; column: number; kind: string; message: string }>,
) {
  return problems.map(({ line, column, kind, message }) => `${line}:${column} [${kind}] ${message}`)
}

describe('workflows in .github/workflows', () => {
  it('exist', () => {
    expect(workflows, 'found no workflow files in .github/workflows').not.toEqual([])
  })

  const validWorkflow = schemaCheck('github-workflow')

  describe.each(workflows)('%s', (file) => {
    const text = readText(file)

    it('follows the hardening policy', () => {
      expect(checkWorkflow(file, text).map(formatFinding)).toEqual([])
    })

    it("matches GitHub's workflow schema", () => {
      expect(validWorkflow(parse(text))).toEqual([])
    })

    it('passes actionlint', async () => {
      expect(lintLines(await actionlint(file, text))).toEqual([])
    })

    it('calls local actions with the inputs and outputs their action.yml declares', () => {
      expect(checkLocalActionCalls(file, text, lookupLocalAction).map(formatFinding)).toEqual([])
    })
  })
})

describe('the workflow checks agree with each other', () => {
  const file = 'test/policy/fixtures/compliant-workflow.yml'
  const text = readText(file)
  const commands: ActionInterface = {
    inputs: new Map([['dry-run', { required: false }]]),
    outputs: new Set(['reply']),
  }

  it('a workflow written to the policy passes the policy, the schema, actionlint and the local-action check', async () => {
    expect(checkWorkflow(file, text).map(formatFinding)).toEqual([])
    expect(schemaCheck('github-workflow')(parse(text))).toEqual([])
    expect(lintLines(await actionlint(file, text))).toEqual([])
    const lookup = (folder: string) => (folder === 'actions/commands' ? commands : undefined)
    expect(checkLocalActionCalls(file, text, lookup).map(formatFinding)).toEqual([])
  })
})

describe('the workflow checks are live', () => {
  const broken = `on:
  issues:
    types: [opend]
jobs:
  run:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ steps.nope.outputs.x }}"
        shell: bashh
`

  it('actionlint reports a broken workflow', async () => {
    const problems = await actionlint('.github/workflows/broken.yml', broken)
    expect(problems.map(({ kind }) => kind)).toEqual(expect.arrayContaining(['events']))
    expect(problems.length).toBeGreaterThanOrEqual(2)
  })

  it('actionlint does not trip on local actions it cannot read', async () => {
    const local = `on: push
permissions: {}
jobs:
  run:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - id: plan
        uses: ./actions/sessions
        with:
          token: \${{ github.token }}
      - run: echo "$WEEK"
        env:
          WEEK: \${{ steps.plan.outputs.week }}
`
    expect(await actionlint('.github/workflows/local.yml', local)).toEqual([])
  })

  it('the workflow schema rejects a misspelt key', () => {
    expect(schemaCheck('github-workflow')(parse(broken.replace('runs-on', 'run-on')))).not.toEqual(
      [],
    )
  })

  describe('local action calls', () => {
    const sessions = readActionInterface(`name: Sessions
description: Opens session issues.
inputs:
  token:
    description: GitHub token.
    required: true
  dry-run:
    description: Print the plan only.
    required: true
    default: 'false'
outputs:
  week:
    description: The week opened.
runs:
  using: node24
  main: dist/index.js
`)
    const lookup = (folder: string) => (folder === 'actions/sessions' ? sessions : undefined)
    const workflow = (step: string) => `on: push
jobs:
  run:
    runs-on: ubuntu-latest
    steps:
${step}`

    it('accepts declared inputs and outputs', () => {
      const good = workflow(`      - id: plan
        uses: ./actions/sessions/
        with:
          token: x
      - run: echo "$WEEK"
        env:
          WEEK: \${{ steps.plan.outputs.week }}
`)
      expect(checkLocalActionCalls('w.yml', good, lookup)).toEqual([])
    })

    it('reports a folder without action.yml', () => {
      const bad = workflow('      - uses: ./actions/nowhere\n')
      expect(checkLocalActionCalls('w.yml', bad, lookup)).toMatchObject([
        { rule: 'local-action-missing', line: 6, col: 15 },
      ])
    })

    it('reports an undeclared input and a missing required one', () => {
      const bad = workflow(`      - uses: ./actions/sessions
        with:
          tokn: x
`)
      expect(
        checkLocalActionCalls('w.yml', bad, lookup).map(({ rule, line }) => [rule, line]),
      ).toEqual([
        ['local-action-input', 8],
        ['local-action-input', 6],
      ])
    })

    it('reports an undeclared output', () => {
      const bad = workflow(`      - id: plan
        uses: ./actions/sessions
        with:
          token: x
      - run: echo "\${{ steps.plan.outputs.wek }}"
`)
      expect(checkLocalActionCalls('w.yml', bad, lookup)).toMatchObject([
        { rule: 'local-action-output', line: 10, col: 24 },
      ])
    })
  })
})
