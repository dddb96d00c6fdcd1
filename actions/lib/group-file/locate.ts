import { isMap, isSeq, LineCounter, type Document, type Node, type Pair } from 'yaml'
import type { FieldPath } from './problems.js'

export interface Position {
  line: number
  col: number
}

/**
 * Finds where a field lives in the YAML source. `key: true` points at the key of the last path
 * element (for unknown keys); otherwise at the value, falling back to the nearest existing parent.
 */
export function locate(
  doc: Document,
  lines: LineCounter,
  path: FieldPath,
  options: { key?: boolean } = {},
): Position {
  let node: unknown = doc.contents
  let best: Node | undefined = doc.contents ?? undefined
  for (const [index, step] of path.entries()) {
    const pair = findPair(node, step)
    if (!pair) break
    const isLast = index === path.length - 1
    if (isLast && options.key && pair.key && typeof pair.key === 'object') {
      best = pair.key as Node
      break
    }
    node = pair.value
    if (node && typeof node === 'object' && 'range' in node) best = node as Node
  }
  const offset = best?.range?.[0] ?? 0
  return lines.linePos(offset)
}

function findPair(
  node: unknown,
  step: string | number,
): { key: unknown; value: unknown } | undefined {
  if (isSeq(node) && typeof step === 'number') {
    const item = node.items[step]
    return item === undefined ? undefined : { key: undefined, value: item }
  }
  if (isMap(node)) {
    return node.items.find((pair: Pair) => keyText(pair.key) === String(step))
  }
  return undefined
}

function keyText(key: unknown): string | undefined {
  if (key && typeof key === 'object' && 'value' in key)
    return String((key as { value: unknown }).value)
  return key === null || key === undefined ? undefined : String(key)
}
