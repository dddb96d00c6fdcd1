import ts from 'typescript'
import { YamlSource, entries, field, isMap, stringValue } from './yaml-source.js'
import type { Finding, YamlNode } from './yaml-source.js'

/** What every actions/<name>/action.yml of this repository promises, one id per rule. */
export const ACTION_RULES = {
  'yaml-syntax': 'The file parses as a YAML mapping.',
  'action-name': 'The action has a non-empty name.',
  'action-description': 'The action has a non-empty description.',
  'action-runtime': 'runs.using is node24.',
  'action-main': 'runs.main is dist/index.js, the committed ncc bundle.',
  'action-input-description': 'Every input has a non-empty description.',
  'action-output-description': 'Every output has a non-empty description.',
  'action-input-undeclared': 'Every input the source reads is declared in action.yml.',
  'action-input-unused': 'Every declared input is read by the source.',
  'action-input-dynamic': 'Inputs are read by literal name, so the two lists can be compared.',
} as const

export type ActionRule = keyof typeof ACTION_RULES

const RUNTIME = 'node24'
const MAIN = 'dist/index.js'

/** The @actions/core functions that read an input by name. */
const INPUT_READERS = new Set(['getInput', 'getBooleanInput', 'getMultilineInput'])

export interface InputRead {
  /** The input name, or undefined when the call does not spell it as a string literal. */
  name: string | undefined
  file: string
  line: number
  col: number
}

/**
 * Finds every getInput/getBooleanInput/getMultilineInput call in one TypeScript file, whether
 * called as `core.getInput(...)` or imported bare. Parsed, not grepped: comments and strings that
 * mention getInput do not count.
 */
export function findInputReads(file: string, source: string): InputRead[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const reads: InputRead[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && INPUT_READERS.has(calleeName(node.expression) ?? '')) {
      const argument = node.arguments[0]
      const where = tree.getLineAndCharacterOfPosition((argument ?? node).getStart(tree))
      reads.push({
        name:
          argument !== undefined && ts.isStringLiteralLike(argument) ? argument.text : undefined,
        file,
        line: where.line + 1,
        col: where.character + 1,
      })
    }
    ts.forEachChild(node, visit)
  }
  visit(tree)
  return reads
}

function calleeName(callee: ts.Expression): string | undefined {
  if (ts.isIdentifier(callee)) return callee.text
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text
  return undefined
}

/** Checks one action.yml against the repository's rules and against what its source reads. */
export function checkActionMetadata(file: string, text: string, reads: InputRead[]): Finding[] {
  const source = new YamlSource(file, text)
  if (source.syntaxFindings.length > 0) return source.syntaxFindings
  const root = source.root
  if (!isMap(root)) return [source.at(undefined, 'yaml-syntax', 'action.yml is a YAML mapping')]
  return [
    ...checkIdentity(source, root),
    ...checkRuns(source, root),
    ...checkDescriptions(source, field(root, 'inputs'), 'input'),
    ...checkDescriptions(source, field(root, 'outputs'), 'output'),
    ...checkInputsAgainstSource(source, root, reads),
  ]
}

function checkIdentity(source: YamlSource, root: YamlNode): Finding[] {
  const findings: Finding[] = []
  if (!stringValue(field(root, 'name'))?.trim()) {
    findings.push(source.at(undefined, 'action-name', 'the action has no name:'))
  }
  if (!stringValue(field(root, 'description'))?.trim()) {
    findings.push(
      source.at(undefined, 'action-description', 'the action has no description: (one sentence)'),
    )
  }
  return findings
}

function checkRuns(source: YamlSource, root: YamlNode): Finding[] {
  const runs = field(root, 'runs')
  const findings: Finding[] = []
  const using = field(runs, 'using')
  if (stringValue(using) !== RUNTIME) {
    findings.push(
      source.at(
        using ?? runs ?? undefined,
        'action-runtime',
        `runs.using is ${JSON.stringify(stringValue(using) ?? null)}; use "${RUNTIME}"`,
      ),
    )
  }
  const main = field(runs, 'main')
  if (stringValue(main) !== MAIN) {
    findings.push(
      source.at(
        main ?? runs ?? undefined,
        'action-main',
        `runs.main is ${JSON.stringify(stringValue(main) ?? null)}; use "${MAIN}" (the ncc bundle built by npm run package)`,
      ),
    )
  }
  return findings
}

function checkDescriptions(
  source: YamlSource,
  declarations: YamlNode,
  kind: 'input' | 'output',
): Finding[] {
  return entries(declarations)
    .filter(({ value }) => !stringValue(field(value, 'description'))?.trim())
    .map(({ key, keyNode }) =>
      source.at(
        keyNode,
        `action-${kind}-description`,
        `${kind} "${key}" has no description; say what it is and its format`,
      ),
    )
}

function checkInputsAgainstSource(
  source: YamlSource,
  root: YamlNode,
  reads: InputRead[],
): Finding[] {
  const declared = entries(field(root, 'inputs'))
  const declaredNames = new Set(declared.map(({ key }) => key))
  const readNames = new Set(reads.flatMap(({ name }) => (name === undefined ? [] : [name])))
  const dynamic = reads
    .filter(({ name }) => name === undefined)
    .map((read) => ({
      ...read,
      rule: 'action-input-dynamic',
      message: `${source.file}: this input read does not spell its name as a string literal; write getInput('name') so the check can match it to action.yml`,
    }))
  const undeclared = reads
    .filter(({ name }) => name !== undefined && !declaredNames.has(name))
    .map(({ name, ...where }) => ({
      ...where,
      rule: 'action-input-undeclared',
      message: `input "${name}" is read here but ${source.file} does not declare it; add it under inputs: with a description`,
    }))
  const unused = declared
    .filter(({ key }) => !readNames.has(key))
    .map(({ key, keyNode }) =>
      source.at(
        keyNode,
        'action-input-unused',
        `input "${key}" is declared but the action's source never reads it; remove it or read it in getInputs()`,
      ),
    )
  return [...dynamic, ...undeclared, ...unused]
}
