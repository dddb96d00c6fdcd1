import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { REPO_ROOT } from '../support/cli.js'

const workflow = parse(readFileSync(path.join(REPO_ROOT, '.github/workflows/forms.yml'), 'utf8'))
const job = workflow.jobs.forms

// What the job's `if:` lets through is tested by running the file: test/workflows/forms-filter.test.ts.
describe('the forms workflow', () => {
  it('runs on issues opened or edited, one run at a time per issue, none cancelled', () => {
    expect(workflow.on).toEqual({ issues: { types: ['opened', 'edited'] } })
    expect(workflow.concurrency).toEqual({
      group: 'skill-share-forms-${{ github.event.issue.number }}',
      'cancel-in-progress': false,
    })
  })

  it('holds only what it needs: issues write, contents read', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' })
    expect(job.permissions).toEqual({ contents: 'read', issues: 'write' })
  })

  it('runs the forms action from the checkout', () => {
    expect(job.steps.at(-1)).toEqual({ uses: './actions/forms' })
  })
})
