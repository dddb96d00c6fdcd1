import type { Handler } from './http.js'

/**
 * A route: method + path pattern → handler. Patterns use `:name` for one path segment and
 * `*name` for the rest of the path (slashes included, possibly empty).
 */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  pattern: string
  handler: Handler
}

export interface CompiledPattern {
  regex: RegExp
  names: string[]
}

export function compilePattern(pattern: string): CompiledPattern {
  const names: string[] = []
  const source = pattern
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1))
        return '([^/]+)'
      }
      if (segment.startsWith('*')) {
        names.push(segment.slice(1))
        return '(.*)'
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('/')
  return { regex: new RegExp(`^${source}$`), names }
}

/** Match a raw (still percent-encoded) path; parameters come back decoded. */
export function matchPattern(
  compiled: CompiledPattern,
  rawPath: string,
): Record<string, string> | undefined {
  const match = compiled.regex.exec(rawPath)
  if (!match) return undefined
  const params: Record<string, string> = {}
  compiled.names.forEach((name, i) => {
    params[name] = safeDecode(match[i + 1] ?? '')
  })
  return params
}

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

export class Router {
  private readonly table: { route: Route; compiled: CompiledPattern }[]

  constructor(routes: readonly Route[]) {
    this.table = routes.map((route) => ({ route, compiled: compilePattern(route.pattern) }))
  }

  match(
    method: string,
    rawPath: string,
  ): { route: Route; params: Record<string, string> } | undefined {
    for (const { route, compiled } of this.table) {
      if (route.method !== method) continue
      const params = matchPattern(compiled, rawPath)
      if (params) return { route, params }
    }
    return undefined
  }

  get routes(): readonly Route[] {
    return this.table.map((entry) => entry.route)
  }
}
