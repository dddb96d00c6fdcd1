/**
 * Hidden markers identify what the bot wrote: `<!-- skill-share:session group=fall-2026 n=3 -->`.
 * They carry no personal data. A marker only counts on something the bot itself authored, because
 * anyone can paste one into a comment; callers check the author (see github/ownership.ts).
 */
export type MarkerAttributes = Record<string, string | number>

const MARKER = /<!-- skill-share:([a-z-]+)((?: [a-z-]+=[A-Za-z0-9._:-]+)*) -->/g

export function marker(kind: string, attributes: MarkerAttributes = {}): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}=${String(value)}`)
    .join('')
  return `<!-- skill-share:${kind}${attrs} -->`
}

export interface ParsedMarker {
  kind: string
  attributes: Record<string, string>
}

export function parseMarkers(body: string | null | undefined): ParsedMarker[] {
  if (!body) return []
  return [...body.matchAll(MARKER)].map((match) => ({
    kind: match[1] as string,
    attributes: Object.fromEntries(
      (match[2] ?? '')
        .trim()
        .split(' ')
        .filter(Boolean)
        .map((pair) => pair.split('=') as [string, string]),
    ),
  }))
}

/** The first marker of a kind whose attributes include all of `match`. */
export function findMarker(
  body: string | null | undefined,
  kind: string,
  match: MarkerAttributes = {},
): ParsedMarker | undefined {
  return parseMarkers(body).find(
    (m) =>
      m.kind === kind &&
      Object.entries(match).every(([key, value]) => m.attributes[key] === String(value)),
  )
}

export function withMarker(body: string, kind: string, attributes: MarkerAttributes): string {
  return `${body.trimEnd()}\n\n${marker(kind, attributes)}\n`
}
