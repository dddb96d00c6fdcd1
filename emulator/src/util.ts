import { createHash } from 'node:crypto'

export function sha1(text: string | Buffer): string {
  return createHash('sha1').update(text).digest('hex')
}

/** Git's blob id: sha1("blob <size>\0<content>"). */
export function gitBlobSha(content: Buffer): string {
  return sha1(Buffer.concat([Buffer.from(`blob ${content.length}\0`), content]))
}

/** GitHub wraps base64 file content at 60 characters per line, with a trailing newline. */
export function wrapBase64(base64: string): string {
  if (base64 === '') return ''
  return (base64.match(/.{1,60}/g) ?? []).join('\n') + '\n'
}

/** Deterministic PRNG (mulberry32) for seeded fault injection. */
export function seededPrng(seed: number | string): () => number {
  let state = typeof seed === 'number' ? seed >>> 0 : hashString(seed)
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function hashString(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** A GraphQL-style node id: opaque, stable, derived from the type and database id. */
export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`
}
