// Generated README sections: action reference, group-file reference, commands, forms.
// `npm run readme` rewrites them; a test fails when the committed README is stale.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'
import { parse as parseYaml } from 'yaml'
import { CATALOG, COMMAND_NAMES, describePlaces } from '../../actions/lib/commands/catalog.js'
import { groupJsonSchema } from '../../actions/lib/group-file/schema.js'

type Section = (root: string) => Promise<string>

interface ActionMetadata {
  name: string
  description: string
  inputs?: Record<string, { description: string; default?: string; required?: boolean }>
  outputs?: Record<string, { description: string }>
}

function cell(text: unknown): string {
  return String(text ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim()
}

const actions: Section = async (root) => {
  const files = (await glob('actions/*/action.yml', { cwd: root })).sort()
  const parts: string[] = []
  for (const file of files) {
    const meta = parseYaml(await readFile(path.join(root, file), 'utf8')) as ActionMetadata
    const name = path.basename(path.dirname(file))
    parts.push(`### \`${name}\`: ${meta.name}`, '', cell(meta.description), '')
    const inputs = Object.entries(meta.inputs ?? {})
    if (inputs.length) {
      parts.push('| Input | Default | Description |', '| --- | --- | --- |')
      for (const [key, input] of inputs) {
        const fallback =
          input.default === undefined || input.default === '' ? '' : `\`${cell(input.default)}\``
        parts.push(
          `| \`${key}\`${input.required ? ' (required)' : ''} | ${fallback} | ${cell(input.description)} |`,
        )
      }
      parts.push('')
    }
    const outputs = Object.entries(meta.outputs ?? {})
    if (outputs.length) {
      parts.push('| Output | Description |', '| --- | --- |')
      for (const [key, output] of outputs)
        parts.push(`| \`${key}\` | ${cell(output.description)} |`)
      parts.push('')
    }
  }
  return parts.join('\n').trim()
}

interface JsonSchemaNode {
  type?: string | string[]
  description?: string
  default?: unknown
  enum?: unknown[]
  properties?: Record<string, JsonSchemaNode>
  required?: string[]
  items?: JsonSchemaNode
  anyOf?: JsonSchemaNode[]
  oneOf?: JsonSchemaNode[]
  pattern?: string
}

function typeOf(node: JsonSchemaNode): string {
  if (node.enum) return node.enum.map((v) => `\`${String(v)}\``).join(' \\| ')
  if (node.anyOf || node.oneOf) return (node.anyOf ?? node.oneOf ?? []).map(typeOf).join(' or ')
  if (node.type === 'array' && node.items) return `list of ${typeOf(node.items)}`
  if (node.type === 'object') return 'mapping'
  return Array.isArray(node.type) ? node.type.join(' or ') : (node.type ?? 'any')
}

function fieldRows(node: JsonSchemaNode, prefix: string): string[] {
  const rows: string[] = []
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const name = `${prefix}${key}`
    const required = node.required?.includes(key) ? 'yes' : ''
    const fallback = child.default === undefined ? '' : `\`${JSON.stringify(child.default)}\``
    rows.push(
      `| \`${name}\` | ${typeOf(child)} | ${required} | ${fallback} | ${cell(child.description)} |`,
    )
    const nested = child.type === 'array' ? child.items : child
    if (nested?.properties)
      rows.push(...fieldRows(nested, child.type === 'array' ? `${name}[].` : `${name}.`))
  }
  return rows
}

const groupFile: Section = async () => {
  const schema = groupJsonSchema() as JsonSchemaNode
  return [
    '| Field | Type | Required | Default | Description |',
    '| --- | --- | --- | --- | --- |',
    ...fieldRows(schema, ''),
  ].join('\n')
}

const commands: Section = async () => {
  const rows = COMMAND_NAMES.map((name) => {
    const spec = CATALOG[name]
    const who = spec.who === 'facilitator' ? 'facilitators' : 'members'
    return `| \`${cell(spec.usage)}\` | ${who} | ${cell(describePlaces(spec.where))} | ${cell(spec.summary)} |`
  })
  return ['| Command | Who | Where | What it does |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  )
}

const forms: Section = async (root) => {
  const files = (await glob('.github/ISSUE_TEMPLATE/*.yml', { cwd: root }))
    .filter((f) => !f.endsWith('config.yml'))
    .sort()
  const rows: string[] = []
  for (const file of files) {
    const form = parseYaml(await readFile(path.join(root, file), 'utf8')) as {
      name: string
      description: string
    }
    rows.push(
      `| [\`${path.basename(file)}\`](${file}) | ${cell(form.name)} | ${cell(form.description)} |`,
    )
  }
  return ['| Form | Name | What it is for |', '| --- | --- | --- |', ...rows].join('\n')
}

export const SECTIONS: Record<string, Section> = {
  actions,
  'group-file': groupFile,
  commands,
  forms,
}

/** Replaces the body between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` markers. */
export async function renderReadme(root: string, readme: string): Promise<string> {
  let out = readme
  for (const [name, section] of Object.entries(SECTIONS)) {
    const pattern = new RegExp(
      `(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`,
    )
    if (!pattern.test(out)) continue
    const body = await section(root)
    out = out.replace(pattern, (_m, open: string, close: string) => `${open}\n${body}\n${close}`)
  }
  return out
}
