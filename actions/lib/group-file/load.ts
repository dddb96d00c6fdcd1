import { LineCounter, parseDocument, YAMLError } from 'yaml'
import type { core } from 'zod'
import { locate } from './locate.js'
import { unprintableInFile } from './printable.js'
import { formatFieldPath, type Problem } from './problems.js'
import {
  checkGroupRules,
  checkGroupRulesLeniently,
  type Finding,
  type RuleOptions,
} from './rules.js'
import { groupSchema, type Group } from './schema.js'

/** Group files are a screenful of YAML; anything far larger is a mistake or an attack. */
export const MAX_GROUP_FILE_BYTES = 256 * 1024
/** The group's folder names its label `group:<folder>` (GitHub: at most 50 characters, no commas). */
const FOLDER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/
/** Anchors are fine for a few shared values; expansion bombs ("billion laughs") are not. */
const MAX_ALIAS_COUNT = 50

export interface GroupFileResult {
  group?: Group
  problems: Problem[]
}

/**
 * Parses and validates a group file. Never throws on bad input: every problem is returned, located
 * by line and column, so a user can fix them in one pass. `group` is set only when there are no errors.
 */
export function parseGroupFile(
  text: string,
  where: { file: string; slug: string },
  options: RuleOptions = {},
): GroupFileResult {
  const at = (line: number, col: number, field: string, message: string): Problem => ({
    file: where.file,
    line,
    col,
    field,
    message,
    severity: 'error',
  })
  if (Buffer.byteLength(text, 'utf8') > MAX_GROUP_FILE_BYTES) {
    return { problems: [at(1, 1, '', `file is larger than ${MAX_GROUP_FILE_BYTES / 1024} KiB`)] }
  }
  if (!FOLDER_NAME.test(where.slug)) {
    return {
      problems: [
        at(
          1,
          1,
          '',
          `the folder name ${JSON.stringify(where.slug)} must be 1 to 40 letters, digits, ".", "_" or "-": the label "group:<folder>" is made from it, and GitHub allows 50 characters`,
        ),
      ],
    }
  }
  // Checked on the text, before YAML reads it: a terminal shows comments too, and a byte that was
  // not UTF-8 is only recognisable here (as U+FFFD).
  const unprintable = unprintableInFile(text)
  if (unprintable.length > 0) {
    return { problems: unprintable.map((u) => at(u.line, u.col, '', u.message)) }
  }
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  // An unknown tag (`!!js/function`, `!!python/object`) is never executed, only kept as text; a
  // group file has no use for tags, so one is reported rather than silently ignored.
  const unsupported = doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED')
  if (doc.errors.length > 0 || unsupported.length > 0) {
    return { problems: [...doc.errors, ...unsupported].map((e) => yamlProblem(e, lines, at)) }
  }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    return { problems: [at(1, 1, '', `YAML could not be expanded: ${reason}`)] }
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      problems: [at(1, 1, '', 'expected a mapping of fields such as name, timezone, meeting')],
    }
  }

  const locateFinding = (finding: Finding): Problem => {
    const { line, col } = locate(doc, lines, finding.path, { key: finding.atKey ?? false })
    return {
      file: where.file,
      line,
      col,
      field: formatFieldPath(finding.path),
      message: finding.message,
      severity: finding.severity,
    }
  }

  const parsed = groupSchema.safeParse(data, { error: describeIssue, reportInput: true })
  if (!parsed.success) {
    const schemaFindings = parsed.error.issues.flatMap(issueFindings)
    // Cross-field rules still speak, but only those whose fields all passed the schema.
    const broken = new Set(schemaFindings.map((f) => String(f.path[0] ?? '')))
    const ruleFindings = checkGroupRulesLeniently(data as Record<string, unknown>, broken).filter(
      (f) => f.severity === 'error',
    )
    return { problems: sortProblems([...schemaFindings, ...ruleFindings].map(locateFinding)) }
  }
  const problems = sortProblems(checkGroupRules(parsed.data, options).map(locateFinding))
  const failed = problems.some((p) => p.severity === 'error')
  return failed ? { problems } : { group: { ...parsed.data, slug: where.slug }, problems }
}

function yamlProblem(
  error: YAMLError,
  lines: LineCounter,
  at: (line: number, col: number, field: string, message: string) => Problem,
): Problem {
  const { line, col } = lines.linePos(error.pos[0])
  const message =
    error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML'
  return at(line, col, '', `invalid YAML: ${message}`)
}

function issueFindings(issue: core.$ZodIssue): Finding[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: [...issue.path.map(pathKey), key],
      message: `unknown field "${key}"`,
      severity: 'error' as const,
      atKey: true,
    }))
  }
  const missing = issue.code === 'invalid_type' && issue.input === undefined
  return [
    { path: issue.path.map(pathKey), message: issue.message, severity: 'error', atKey: missing },
  ]
}

function pathKey(key: PropertyKey): string | number {
  return typeof key === 'number' ? key : String(key)
}

/** Messages for the generic schema checks; field-specific ones are written next to each field. */
function describeIssue(issue: core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required'
      return `expected ${article(issue.expected)}, got ${describeValue(issue.input)}`
    case 'invalid_value':
      return `${describeValue(issue.input)} is not one of: ${issue.values.map(String).join(', ')}`
    case 'too_small':
      if (issue.origin === 'array') return `must list at least ${issue.minimum}`
      if (issue.origin === 'string') return 'must not be empty'
      if (issue.minimum === 0 && !issue.inclusive)
        return `must be positive, got ${describeValue(issue.input)}`
      return `must be at least ${issue.minimum}, got ${describeValue(issue.input)}`
    case 'too_big':
      if (issue.origin === 'array') return `must list at most ${issue.maximum}`
      return `must be at most ${issue.maximum}, got ${describeValue(issue.input)}`
    case 'invalid_union':
      return `${describeValue(issue.input)} has the wrong shape`
    default:
      return undefined
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}

function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  return String(value)
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.line - b.line || a.col - b.col)
}
