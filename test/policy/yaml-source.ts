import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml'
import type { Document, Node, Pair } from 'yaml'

/** One policy problem, located in the file a user edits. */
export interface Finding {
  file: string
  line: number
  col: number
  rule: string
  message: string
}

export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.col}: [${finding.rule}] ${finding.message}`
}

export type YamlNode = Node | null | undefined

/** A keyed entry of a YAML mapping, with the node that spells the key (for positions). */
export interface Entry {
  key: string
  keyNode: Node
  value: YamlNode
}

/** A parsed YAML file that can turn nodes and offsets back into line:col findings. */
export class YamlSource {
  readonly doc: Document.Parsed
  readonly syntaxFindings: Finding[]
  private readonly lines = new LineCounter()

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false })
    this.syntaxFindings = this.doc.errors.map((error) => {
      const { line, col } = this.lines.linePos(error.pos[0])
      return { file, line, col, rule: 'yaml-syntax', message: firstLine(error.message) }
    })
  }

  get root(): YamlNode {
    return this.doc.contents
  }

  /** A finding at a node (or the start of the file when there is no node to point at). */
  at(where: Node | Pair | number | undefined, rule: string, message: string): Finding {
    const { line, col } = this.lines.linePos(this.offsetOf(where))
    return { file: this.file, line, col, rule, message }
  }

  /** The text after a scalar on its own line, where a trailing `# comment` lives. */
  restOfLine(node: Node): string {
    const end = node.range?.[1] ?? 0
    const newline = this.text.indexOf('\n', end)
    return this.text.slice(end, newline === -1 ? undefined : newline)
  }

  /**
   * Where `needle` first appears in the source of `node`: block scalars strip indentation, so an
   * index into the parsed string does not map to the file; the literal text does.
   */
  offsetWithin(node: Node, needle: string): number {
    const [start, end] = node.range ?? [0, 0]
    const found = this.text.slice(start, end).indexOf(needle)
    return found === -1 ? start : start + found
  }

  private offsetOf(where: Node | Pair | number | undefined): number {
    if (typeof where === 'number') return where
    if (where === undefined) return 0
    if (isPair(where)) return this.offsetOf(where.key as Node)
    return where.range?.[0] ?? 0
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message
}

export function entries(node: YamlNode): Entry[] {
  if (!isMap(node)) return []
  return node.items.flatMap((pair) => {
    const keyNode = pair.key
    if (!isScalar(keyNode)) return []
    return [{ key: String(keyNode.value), keyNode, value: pair.value as YamlNode }]
  })
}

export function entry(node: YamlNode, key: string): Entry | undefined {
  return entries(node).find((candidate) => candidate.key === key)
}

export function field(node: YamlNode, key: string): YamlNode {
  return entry(node, key)?.value
}

export function items(node: YamlNode): YamlNode[] {
  return isSeq(node) ? (node.items as YamlNode[]) : []
}

/** The plain value of a scalar node; undefined for collections and absent nodes. */
export function scalar(node: YamlNode): unknown {
  return isScalar(node) ? node.value : undefined
}

export function stringValue(node: YamlNode): string | undefined {
  const value = scalar(node)
  return typeof value === 'string' ? value : undefined
}

export { isMap, isScalar, isSeq }
