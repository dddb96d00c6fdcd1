import {
  convertWorkflowTemplate,
  isBoolean,
  isMapping,
  isNumber,
  isSequence,
  isString,
  NoOperationTraceWriter,
  parseWorkflow,
} from '@actions/workflow-parser'
import type { EventsConfig, Job } from '@actions/workflow-parser/model/workflow-template'
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/mapping-token'
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token'

/**
 * A workflow file as the runner needs it, read with GitHub's own parser: the events it runs on,
 * its jobs with their `if:`, `needs`, outputs and steps, and the parts the parser's model leaves
 * out (`permissions`, `timeout-minutes`, a step's `with:`), taken from the same parsed tokens.
 */
export interface LoadedWorkflow {
  /** File name, e.g. `sessions.yml`. */
  file: string
  name: string
  events: EventsConfig
  concurrency?: TemplateToken
  /** The workflow's `permissions:` (undefined: the repository's default token permissions). */
  permissions?: string | Record<string, string>
  jobs: LoadedJob[]
}

export interface LoadedJob {
  id: string
  /** The condition with GitHub's implicit `success() &&`, as the parser converts it. */
  if: string
  needs: string[]
  outputs: [string, TemplateToken][]
  concurrency?: TemplateToken
  permissions?: string | Record<string, string>
  timeoutMinutes: number
  steps: LoadedStep[]
}

export interface LoadedStep {
  id: string
  /** Whether the step had an `id:` in the file (only those expose `steps.<id>.outputs`). */
  named: boolean
  name?: string
  if: string
  uses?: string
  run?: string
  with: [string, TemplateToken][]
}

export class WorkflowError extends Error {}

/** Parse one workflow file; a file GitHub would reject throws with the parser's messages. */
export async function loadWorkflow(file: string, content: string): Promise<LoadedWorkflow> {
  const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter())
  const problems = parsed.context.errors.getErrors()
  if (problems.length > 0 || !parsed.value) {
    throw new WorkflowError(`${file}: ${problems.map((p) => p.message).join('; ')}`)
  }
  const template = await convertWorkflowTemplate(parsed.context, parsed.value)
  if (template.errors?.length) {
    throw new WorkflowError(`${file}: ${template.errors.map((e) => e.Message).join('; ')}`)
  }
  const root = parsed.value as MappingToken
  const rawJobs = mapping(root.find('jobs'))
  const jobs: LoadedJob[] = []
  for (const job of template.jobs) {
    if (job.type !== 'job') throw new WorkflowError(`${file}: reusable workflows are not run here`)
    jobs.push(loadJob(job, mapping(rawJobs?.find(job.id.value))))
  }
  const name = root.find('name')
  return {
    file: file.split('/').pop() as string,
    name: name && isString(name) ? name.value : file,
    events: template.events,
    ...(root.find('concurrency') ? { concurrency: root.find('concurrency') } : {}),
    ...permissionsOf(root),
    jobs,
  }
}

function loadJob(job: Job, raw: MappingToken | undefined): LoadedJob {
  const rawSteps = raw?.find('steps')
  const steps: LoadedStep[] = job.steps.map((step, index) => {
    const rawStep = rawSteps && isSequence(rawSteps) ? mapping(rawSteps.get(index)) : undefined
    const name = step.name && isString(step.name) ? step.name.value : undefined
    return {
      id: step.id,
      named: Boolean(rawStep?.find('id')),
      ...(name !== undefined ? { name } : {}),
      if: step.if?.expression ?? 'success()',
      ...('uses' in step ? { uses: step.uses.value } : {}),
      ...('run' in step ? { run: String(step.run) } : {}),
      with: entries(mapping(rawStep?.find('with'))),
    }
  })
  const timeout = raw?.find('timeout-minutes')
  return {
    id: job.id.value,
    if: job.if.expression,
    needs: (job.needs ?? []).map((n) => n.value),
    outputs: entries(job.outputs),
    ...(job.concurrency ? { concurrency: job.concurrency } : {}),
    ...permissionsOf(raw),
    // GitHub's default job timeout is 360 minutes.
    timeoutMinutes: timeout && isNumber(timeout) ? timeout.value : 360,
    steps,
  }
}

function permissionsOf(token: MappingToken | undefined): {
  permissions?: string | Record<string, string>
} {
  const value = token?.find('permissions')
  if (!value) return {}
  if (isString(value)) return { permissions: value.value }
  const map = mapping(value)
  if (!map) return {}
  const permissions: Record<string, string> = {}
  for (const [key, token] of entries(map)) if (isString(token)) permissions[key] = token.value
  return { permissions }
}

function mapping(token: TemplateToken | undefined): MappingToken | undefined {
  return token && isMapping(token) ? token : undefined
}

function entries(token: MappingToken | undefined): [string, TemplateToken][] {
  if (!token) return []
  const pairs: [string, TemplateToken][] = []
  for (const pair of token) {
    const key = pair.key
    pairs.push([isString(key) ? key.value : String(key), pair.value])
  }
  return pairs
}

/** A literal token's text (`true`, `3`, `text`), or undefined for expressions and structures. */
export function literalText(token: TemplateToken): string | undefined {
  if (isString(token)) return token.value
  if (isBoolean(token) || isNumber(token)) return String(token.value)
  return undefined
}
