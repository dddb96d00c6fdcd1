import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { checkActionMetadata, findInputReads } from './action-metadata.js'
import { exists, filesUnder, foldersIn, readText } from './repository.js'
import { schemaCheck } from './schemas.js'
import { formatFinding } from './yaml-source.js'

/** actions/lib is shared code, not an action. */
const SHARED_FOLDERS = new Set(['actions/lib'])

const actionFolders = foldersIn('actions').filter((folder) => !SHARED_FOLDERS.has(folder))
const actions = actionFolders.filter((folder) => exists(`${folder}/action.yml`))

function inputReadsOf(folder: string) {
  return filesUnder(`${folder}/src`, /\.ts$/).flatMap((file) =>
    findInputReads(file, readText(file)),
  )
}

describe('actions in actions/', () => {
  it('exist', () => {
    expect(actions, 'found no actions/<name>/action.yml').not.toEqual([])
  })

  it('every folder beside actions/lib is an action with an action.yml', () => {
    expect(actionFolders.filter((folder) => !actions.includes(folder))).toEqual([])
  })

  const validAction = schemaCheck('github-action')

  describe.each(actions)('%s', (folder) => {
    const file = `${folder}/action.yml`
    const text = readText(file)

    it("matches GitHub's action metadata schema", () => {
      expect(validAction(parse(text))).toEqual([])
    })

    it('runs dist/index.js on node24, documents itself, and declares exactly the inputs it reads', () => {
      expect(checkActionMetadata(file, text, inputReadsOf(folder)).map(formatFinding)).toEqual([])
    })
  })
})

describe('checkActionMetadata', () => {
  const GOOD = `name: Sessions
description: Opens the session issue for the coming week.
inputs:
  token:
    description: Token with issues write access.
    default: \${{ github.token }}
  dry-run:
    description: Print the plan without writing.
    default: 'false'
outputs:
  issue:
    description: Number of the opened issue.
runs:
  using: node24
  main: dist/index.js
`
  const MAIN = `import * as core from '@actions/core'
import { getBooleanInput } from '@actions/core'

// getInput('commented-out') does not count
export function getInputs() {
  return { token: core.getInput('token', { required: true }), dryRun: getBooleanInput('dry-run') }
}
`
  const reads = findInputReads('actions/sessions/src/main.ts', MAIN)
  const rulesOf = (text: string, source = reads) =>
    checkActionMetadata('actions/sessions/action.yml', text, source).map(({ rule }) => rule)

  it('finds input reads by literal name, as core.x() or imported bare', () => {
    expect(reads).toEqual([
      { name: 'token', file: 'actions/sessions/src/main.ts', line: 6, col: 33 },
      { name: 'dry-run', file: 'actions/sessions/src/main.ts', line: 6, col: 87 },
    ])
  })

  it('passes a complete action.yml whose inputs match its source', () => {
    expect(rulesOf(GOOD)).toEqual([])
  })

  it('passes the schema with node24 and inputs without required: (newer than the installed snapshot)', () => {
    expect(schemaCheck('github-action')(parse(GOOD))).toEqual([])
  })

  it('the action schema rejects a misspelt key', () => {
    expect(schemaCheck('github-action')(parse(GOOD.replace('main:', 'mian:')))).not.toEqual([])
  })

  it.each([
    ['action-name', GOOD.replace('name: Sessions\n', '')],
    ['action-description', GOOD.replace(/^description: .*\n/m, "description: ''\n")],
    ['action-runtime', GOOD.replace('node24', 'node20')],
    ['action-main', GOOD.replace('dist/index.js', 'lib/main.js')],
    [
      'action-input-description',
      GOOD.replace('    description: Token with issues write access.\n', ''),
    ],
    ['action-output-description', GOOD.replace('Number of the opened issue.', "' '")],
  ])('flags %s', (rule, bad) => {
    expect(rulesOf(bad)).toEqual([rule])
  })

  it('flags an input the source reads but action.yml does not declare, at the read', () => {
    const extra = findInputReads('main.ts', `${MAIN}core.getMultilineInput('labels')\n`)
    const findings = checkActionMetadata('actions/sessions/action.yml', GOOD, extra)
    expect(findings).toMatchObject([
      { rule: 'action-input-undeclared', file: 'main.ts', line: 8, col: 24 },
    ])
  })

  it('flags an input declared but never read, at its key in action.yml', () => {
    const findings = checkActionMetadata(
      'actions/sessions/action.yml',
      GOOD,
      reads.filter(({ name }) => name !== 'dry-run'),
    )
    expect(findings).toMatchObject([
      { rule: 'action-input-unused', file: 'actions/sessions/action.yml', line: 7, col: 3 },
    ])
  })

  it('flags an input read by a name the check cannot see', () => {
    const dynamic = findInputReads('main.ts', `${MAIN}const name = 'x'\ncore.getInput(name)\n`)
    expect(rulesOf(GOOD, dynamic)).toEqual(['action-input-dynamic'])
  })

  it('does not require branding', () => {
    expect(GOOD).not.toContain('branding')
    expect(rulesOf(GOOD)).toEqual([])
  })
})
