import { data, Evaluator, Lexer, Parser } from '@actions/expressions'
import type { FunctionDefinition } from '@actions/expressions/funcs/info'
import { truthy } from '@actions/expressions/result'
import { isBasicExpression } from '@actions/workflow-parser'
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token'
import { literalText } from './load.js'

/** The contexts a workflow expression may read. */
export type ExpressionContext = Record<string, unknown>

/** How the jobs so far went, for `success()`, `failure()`, `cancelled()` and `always()`. */
export interface StatusState {
  failed: boolean
  cancelled: boolean
}

const CONTEXTS = [
  'github',
  'env',
  'vars',
  'job',
  'jobs',
  'steps',
  'runner',
  'secrets',
  'strategy',
  'matrix',
  'needs',
  'inputs',
]

function statusFunctions(status: StatusState): Map<string, FunctionDefinition> {
  const fn = (name: string, value: () => boolean): [string, FunctionDefinition] => [
    name,
    { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value()) },
  ]
  return new Map([
    fn('success', () => !status.failed && !status.cancelled),
    fn('failure', () => status.failed),
    fn('cancelled', () => status.cancelled),
    fn('always', () => true),
  ])
}

function evaluateExpression(
  expression: string,
  context: ExpressionContext,
  status: StatusState,
): data.ExpressionData {
  const functions = statusFunctions(status)
  const tokens = new Lexer(expression).lex().tokens
  const tree = new Parser(
    tokens,
    CONTEXTS,
    [...functions.values()].map(({ name, minArgs, maxArgs }) => ({ name, minArgs, maxArgs })),
  ).parse()
  const dictionary = JSON.parse(JSON.stringify(context), data.reviver) as data.Dictionary
  // The evaluator matches extension functions by lower-cased name, as GitHub does.
  const lowered = new Map(
    [...functions].map(([name, definition]) => [name.toLowerCase(), definition]),
  )
  return new Evaluator(tree, dictionary, lowered).evaluate()
}

/** A job's or step's `if:` (already carrying GitHub's implicit `success() &&`). */
export function evaluateCondition(
  expression: string,
  context: ExpressionContext,
  status: StatusState,
): boolean {
  return truthy(evaluateExpression(expression, context, status))
}

/** A bare expression (no `${{ }}`) as the string a runner passes on. */
export function evaluateText(expression: string, context: ExpressionContext): string {
  return evaluateExpression(expression, context, { failed: false, cancelled: false }).coerceString()
}

/** A value from the workflow file (a literal, or `${{ }}` text) as the string a runner passes on. */
export function evaluateToString(
  token: TemplateToken,
  context: ExpressionContext,
  status: StatusState = { failed: false, cancelled: false },
): string {
  const literal = literalText(token)
  if (literal !== undefined) return literal
  if (isBasicExpression(token)) {
    return evaluateExpression(token.expression, context, status).coerceString()
  }
  throw new Error(`cannot evaluate a ${token.constructor.name} as a string`)
}
