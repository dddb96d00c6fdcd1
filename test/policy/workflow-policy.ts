import type { Node, Scalar } from 'yaml'
import {
  YamlSource,
  entries,
  entry,
  field,
  isMap,
  isScalar,
  isSeq,
  items,
  scalar,
  stringValue,
} from './yaml-source.js'
import type { Entry, Finding, YamlNode } from './yaml-source.js'

/** The hardening policy every workflow in .github/workflows follows, one id per rule. */
export const WORKFLOW_RULES = {
  'yaml-syntax': 'The file parses as a YAML mapping.',
  'permissions-top-level': 'The workflow declares a top-level permissions block.',
  'permissions-broad': 'Neither the workflow nor a job uses read-all or write-all.',
  'permissions-top-level-write':
    'Write scopes are granted on the job that needs them, never to the whole workflow.',
  'permissions-unused-write': 'A job granted a write scope has a step that can use the token.',
  'pinned-uses': 'Every remote uses: is pinned to a full commit SHA followed by a version comment.',
  'checkout-credentials': 'actions/checkout runs with persist-credentials: false.',
  'dangerous-trigger': 'No pull_request_target or workflow_run trigger.',
  'script-injection':
    'No event data, inputs or secrets are expanded with ${{ }} inside a script; they go through env:.',
  'job-timeout': 'Every job sets timeout-minutes.',
  concurrency:
    'Workflows triggered by issues, comments or pull requests run in a concurrency group with cancel-in-progress: false.',
} as const

export type WorkflowRule = keyof typeof WORKFLOW_RULES

const DANGEROUS_TRIGGERS = ['pull_request_target', 'workflow_run']

/** Events that carry a user's command; a cancelled run would silently drop it. */
const COMMAND_TRIGGERS = [
  'issues',
  'issue_comment',
  'pull_request',
  'pull_request_review',
  'pull_request_review_comment',
]

const BROAD_PERMISSIONS = ['read-all', 'write-all']

/** Actions that never need a write scope of GITHUB_TOKEN; alone they don't justify one. */
const READ_ONLY_ACTIONS = [
  'actions/checkout',
  'actions/setup-node',
  'actions/cache',
  'actions/upload-artifact',
  'actions/download-artifact',
]

const TOKEN_MENTION = /\bgithub\.token\b|\bGITHUB_TOKEN\b|\bGH_TOKEN\b/

const PINNED_REF = /^[^@\s]+@[0-9a-f]{40}$/
const VERSION_COMMENT = /^\s+#\s*v?\d+(?:\.\d+)*(?:[-+][\w.]+)?\s*$/

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g

/** What may not be expanded into a script, spotted inside the text of one ${{ }} expression. */
const UNTRUSTED_CONTEXTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(?<![\w.-])github\s*(?:\.\s*event(?![\w-])|\[\s*['"]event['"]\s*\])/, 'github.event'],
  [/(?<![\w.-])github\s*(?:\.\s*head_ref(?![\w-])|\[\s*['"]head_ref['"]\s*\])/, 'github.head_ref'],
  [/(?<![\w.-])github(?!\s*[.[\w-])/, 'the whole github context'],
  [/(?<![\w.-])inputs(?![\w-])/, 'inputs'],
  [/(?<![\w.-])secrets(?![\w-])/, 'secrets'],
]

interface Step {
  node: YamlNode
  label: string
  uses: YamlNode
  ref: string | undefined
}

interface Job extends Entry {
  steps: Step[]
}

interface Workflow {
  source: YamlSource
  root: YamlNode
  triggers: Array<{ name: string; node: Node }>
  jobs: Job[]
}

/** Checks one workflow file against the policy; returns every finding, empty when it complies. */
export function checkWorkflow(file: string, text: string): Finding[] {
  const source = new YamlSource(file, text)
  if (source.syntaxFindings.length > 0) return source.syntaxFindings
  if (!isMap(source.root)) {
    return [source.at(undefined, 'yaml-syntax', 'a workflow is a YAML mapping with on: and jobs:')]
  }
  const workflow = readWorkflow(source)
  return [
    ...checkTriggers(workflow),
    ...checkPermissions(workflow),
    ...checkConcurrency(workflow),
    ...workflow.jobs.flatMap((job) => checkJob(workflow, job)),
  ].sort((a, b) => a.line - b.line || a.col - b.col)
}

function readWorkflow(source: YamlSource): Workflow {
  const root = source.root
  return { source, root, triggers: readTriggers(field(root, 'on')), jobs: readJobs(root) }
}

/** `on:` may be one event name, a list of names, or a mapping keyed by event. */
function readTriggers(on: YamlNode): Workflow['triggers'] {
  if (isScalar(on)) return [{ name: String(on.value), node: on }]
  if (isSeq(on)) {
    return items(on).flatMap((node) => (isScalar(node) ? [{ name: String(node.value), node }] : []))
  }
  return entries(on).map(({ key, keyNode }) => ({ name: key, node: keyNode }))
}

function readJobs(root: YamlNode): Job[] {
  return entries(field(root, 'jobs')).map((job) => ({
    ...job,
    steps: items(field(job.value, 'steps')).map((node, index) => {
      const uses = field(node, 'uses')
      const name = stringValue(field(node, 'name')) ?? stringValue(field(node, 'id'))
      return {
        node,
        uses,
        ref: stringValue(uses),
        label: `job ${job.key} step ${index + 1}${name === undefined ? '' : ` (${name})`}`,
      }
    }),
  }))
}

function checkTriggers({ source, triggers }: Workflow): Finding[] {
  return triggers
    .filter(({ name }) => DANGEROUS_TRIGGERS.includes(name))
    .map(({ name, node }) =>
      source.at(
        node,
        'dangerous-trigger',
        `${name} runs with write access and secrets on behalf of code or events the repository does not control; use a safer trigger (pull_request, push, issues, schedule, workflow_dispatch)`,
      ),
    )
}

function checkPermissions(workflow: Workflow): Finding[] {
  const { source, root, jobs } = workflow
  const findings: Finding[] = []
  const top = entry(root, 'permissions')
  if (top === undefined) {
    findings.push(
      source.at(
        undefined,
        'permissions-top-level',
        'no top-level permissions block: every job would get the repository default token scopes; add "permissions: {}" (or read scopes such as "contents: read") and grant writes per job',
      ),
    )
  } else {
    findings.push(...broadPermission(source, top, 'the workflow'))
    for (const scope of writeScopes(top.value)) {
      findings.push(
        source.at(
          scope.keyNode,
          'permissions-top-level-write',
          `top-level "${scope.key}: write" reaches every job; declare it on the jobs that need it`,
        ),
      )
    }
  }
  for (const job of jobs) {
    const own = entry(job.value, 'permissions')
    if (own === undefined) continue
    findings.push(...broadPermission(source, own, `job ${job.key}`))
    const writes = writeScopes(own.value)
    if (writes.length > 0 && !canUseToken(workflow, job)) {
      findings.push(
        source.at(
          own.keyNode,
          'permissions-unused-write',
          `job ${job.key} is granted ${writes.map((s) => `${s.key}: write`).join(', ')} but no step can use the token (no action beyond ${READ_ONLY_ACTIONS.join('/')}, no github.token or GITHUB_TOKEN in a script or env); drop the write scopes`,
        ),
      )
    }
  }
  return findings
}

function broadPermission(source: YamlSource, permissions: Entry, owner: string): Finding[] {
  const value = stringValue(permissions.value)
  if (value === undefined || !BROAD_PERMISSIONS.includes(value)) return []
  return [
    source.at(
      permissions.value ?? permissions.keyNode,
      'permissions-broad',
      `${owner} uses "permissions: ${value}"; list only the scopes it needs, e.g. "permissions: { contents: read, issues: write }"`,
    ),
  ]
}

function writeScopes(permissions: YamlNode): Entry[] {
  return entries(permissions).filter((scope) => scalar(scope.value) === 'write')
}

/** Can anything in the job hand GITHUB_TOKEN to the API? Only then does a write scope make sense. */
function canUseToken({ source, root }: Workflow, job: Job): boolean {
  if (field(job.value, 'uses') !== undefined) return true
  const callsAnAction = job.steps.some(
    ({ ref }) => ref !== undefined && !READ_ONLY_ACTIONS.includes(actionName(ref)),
  )
  return (
    callsAnAction || mentionsToken(source, job.value) || mentionsToken(source, field(root, 'env'))
  )
}

function mentionsToken(source: YamlSource, node: YamlNode): boolean {
  if (!node?.range) return false
  return TOKEN_MENTION.test(source.text.slice(node.range[0], node.range[2]))
}

/** `owner/repo/path@ref` -> `owner/repo/path`, lower-cased as GitHub resolves it. */
function actionName(ref: string): string {
  return ref.split('@')[0]!.toLowerCase()
}

function isRemote(ref: string): boolean {
  return !ref.startsWith('./') && !ref.startsWith('docker://')
}

function checkConcurrency({ source, root, triggers, jobs }: Workflow): Finding[] {
  const commandTriggers = triggers
    .map(({ name }) => name)
    .filter((name) => COMMAND_TRIGGERS.includes(name))
  if (commandTriggers.length === 0) return []
  const events = commandTriggers.join(', ')
  const top = entry(root, 'concurrency')
  const findings: Finding[] = []
  if (top === undefined) {
    for (const job of jobs.filter(
      (candidate) => entry(candidate.value, 'concurrency') === undefined,
    )) {
      findings.push(
        source.at(
          job.keyNode,
          'concurrency',
          `the workflow runs on ${events} but job ${job.key} has no concurrency group; add a top-level "concurrency: { group: ..., cancel-in-progress: false }" (or one on every job) so runs for the same issue queue instead of racing`,
        ),
      )
    }
  }
  const groups = [top, ...jobs.map((job) => entry(job.value, 'concurrency'))]
  for (const group of groups) {
    if (group !== undefined) findings.push(...checkConcurrencyGroup(source, group, events))
  }
  return findings
}

function checkConcurrencyGroup(source: YamlSource, concurrency: Entry, events: string): Finding[] {
  const why = `a cancelled run on ${events} silently drops the command that triggered it`
  if (!isMap(concurrency.value)) {
    return [
      source.at(
        concurrency.value ?? concurrency.keyNode,
        'concurrency',
        `write the concurrency group as a mapping with "cancel-in-progress: false" spelled out: ${why}`,
      ),
    ]
  }
  const findings: Finding[] = []
  if (field(concurrency.value, 'group') === undefined) {
    findings.push(source.at(concurrency.keyNode, 'concurrency', 'concurrency has no group:'))
  }
  const cancel = entry(concurrency.value, 'cancel-in-progress')
  if (cancel === undefined || scalar(cancel.value) !== false) {
    findings.push(
      source.at(
        cancel?.value ?? concurrency.keyNode,
        'concurrency',
        `set "cancel-in-progress: false" explicitly: ${why}`,
      ),
    )
  }
  return findings
}

function checkJob(workflow: Workflow, job: Job): Finding[] {
  const { source } = workflow
  const findings: Finding[] = []
  const reusableWorkflow = field(job.value, 'uses')
  if (reusableWorkflow !== undefined) {
    // A job that calls a reusable workflow may not set timeout-minutes; the called jobs do.
    findings.push(...checkPinned(source, reusableWorkflow, `job ${job.key}`))
  } else if (field(job.value, 'timeout-minutes') === undefined) {
    findings.push(
      source.at(
        job.keyNode,
        'job-timeout',
        `job ${job.key} has no timeout-minutes; a hung step would hold the runner for 6 hours (e.g. "timeout-minutes: 10")`,
      ),
    )
  }
  for (const step of job.steps) {
    findings.push(...checkPinned(source, step.uses, step.label))
    findings.push(...checkCheckout(source, step))
    findings.push(...checkScripts(source, step))
  }
  return findings
}

function checkPinned(source: YamlSource, uses: YamlNode, where: string): Finding[] {
  const ref = stringValue(uses)
  if (uses == null || ref === undefined || !isRemote(ref)) return []
  const name = ref.split('@')[0]
  if (!PINNED_REF.test(ref)) {
    return [
      source.at(
        uses,
        'pinned-uses',
        `${where}: "${ref}" is not pinned to a full 40-character commit SHA; write "uses: ${name}@<commit sha> # <version>" so a moved tag cannot change what runs`,
      ),
    ]
  }
  if (!VERSION_COMMENT.test(source.restOfLine(uses))) {
    return [
      source.at(
        uses,
        'pinned-uses',
        `${where}: "${ref}" has no version comment; end the line with the release the SHA stands for, e.g. "uses: ${ref} # v4.2.2"`,
      ),
    ]
  }
  return []
}

function checkCheckout(source: YamlSource, step: Step): Finding[] {
  if (step.ref === undefined || actionName(step.ref) !== 'actions/checkout') return []
  const persist = scalar(field(field(step.node, 'with'), 'persist-credentials'))
  if (persist === false || persist === 'false') return []
  return [
    source.at(
      step.uses ?? undefined,
      'checkout-credentials',
      `${step.label}: actions/checkout leaves the token in .git/config for every later step; add "with: { persist-credentials: false }"`,
    ),
  ]
}

/** Inline scripts: every step's run:, and the JavaScript that actions/github-script evaluates. */
function scriptsOf(step: Step): Array<{ key: string; node: Scalar }> {
  const scripts: Array<{ key: string; node: Scalar }> = []
  const run = field(step.node, 'run')
  if (isScalar(run)) scripts.push({ key: 'run', node: run })
  if (step.ref !== undefined && actionName(step.ref) === 'actions/github-script') {
    const script = field(field(step.node, 'with'), 'script')
    if (isScalar(script)) scripts.push({ key: 'with.script', node: script })
  }
  return scripts
}

function checkScripts(source: YamlSource, step: Step): Finding[] {
  return scriptsOf(step).flatMap(({ key, node }) => {
    const text = String(node.value ?? '')
    return [...text.matchAll(EXPRESSION)].flatMap(([expression, body]) => {
      const untrusted = UNTRUSTED_CONTEXTS.find(([pattern]) => pattern.test(body ?? ''))
      if (untrusted === undefined) return []
      return [
        source.at(
          source.offsetWithin(node, expression),
          'script-injection',
          `${step.label}: ${expression} expands ${untrusted[1]} inside ${key}, where its text becomes code; pass it through env: (e.g. "env: { VALUE: ${expression} }") and read "$VALUE"`,
        ),
      ]
    })
  })
}
