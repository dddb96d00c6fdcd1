import type { IncomingHttpHeaders } from 'node:http'
import type { Clock } from './clock.js'
import type { Renderer } from './render.js'
import type { Store } from './state.js'
import type { Permission, StoredUser } from './types.js'

export const DOCS = 'https://docs.github.com/rest'

export interface Actor {
  user: StoredUser
  permission: Permission
}

export interface RouteContext {
  method: string
  /** Decoded path, without the query string. */
  path: string
  query: Record<string, string>
  params: Record<string, string>
  body: unknown
  headers: IncomingHttpHeaders
  actor: Actor
  store: Store
  clock: Clock
  render: Renderer
}

export interface HandlerResult {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** Sent verbatim instead of JSON (e.g. raw file content). */
  raw?: Buffer
}

export type Handler = (ctx: RouteContext) => HandlerResult

/** Thrown by handlers; becomes a GitHub-style error response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message ?? status))
  }
}

/** GitHub's error body: `message`, `documentation_url` and (since 2024) the status as a string. */
export function errorBody(status: number, message: string, documentationUrl = DOCS) {
  return { message, documentation_url: documentationUrl, status: String(status) }
}

export function fail(status: number, message: string, documentationUrl?: string): HttpError {
  return new HttpError(status, errorBody(status, message, documentationUrl))
}

export const notFound = (documentationUrl?: string) => fail(404, 'Not Found', documentationUrl)

export interface ValidationErrorItem {
  resource: string
  code: string
  field?: string
  message?: string
  value?: unknown
}

/** 422 Validation Failed with an `errors` array, e.g. `already_exists`. */
export function validationFailed(
  errors: ValidationErrorItem[],
  documentationUrl = DOCS,
): HttpError {
  return new HttpError(422, {
    message: 'Validation Failed',
    errors,
    documentation_url: documentationUrl,
    status: '422',
  })
}

/** GitHub's 422 for a text over its length limit, e.g. `body is too long (maximum is 65536 characters)`. */
export function checkLength(
  resource: string,
  field: string,
  value: string | null | undefined,
  maximum: number,
  documentationUrl = DOCS,
): void {
  if (typeof value !== 'string' || [...value].length <= maximum) return
  throw validationFailed(
    [
      {
        resource,
        code: 'custom',
        field,
        message: `${field} is too long (maximum is ${maximum} characters)`,
      },
    ],
    documentationUrl,
  )
}

/** 422 for a schema problem, e.g. `Invalid request.\n\n"sha" wasn't supplied.` */
export function invalidRequest(detail: string, documentationUrl = DOCS): HttpError {
  return fail(422, `Invalid request.\n\n${detail}`, documentationUrl)
}

export const ok = (body: unknown, status = 200): HandlerResult => ({ status, body })
export const created = (body: unknown): HandlerResult => ({ status: 201, body })
export const noContent = (): HandlerResult => ({ status: 204 })

// ---------------------------------------------------------------------------------------------
// Request parameter helpers

export function bodyObject(ctx: RouteContext): Record<string, unknown> {
  const body = ctx.body
  if (body === undefined || body === null) return {}
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw fail(400, 'Problems parsing JSON')
  }
  return body as Record<string, unknown>
}

export function optionalString(
  body: Record<string, unknown>,
  key: string,
  docs?: string,
): string | undefined {
  const value = body[key]
  if (value === undefined) return undefined
  if (typeof value !== 'string') {
    throw invalidRequest(`For 'properties/${key}', ${JSON.stringify(value)} is not a string.`, docs)
  }
  return value
}

export function requiredString(body: Record<string, unknown>, key: string, docs?: string): string {
  const value = optionalString(body, key, docs)
  if (value === undefined) throw invalidRequest(`"${key}" wasn't supplied.`, docs)
  return value
}

export function optionalStringArray(
  body: Record<string, unknown>,
  key: string,
  docs?: string,
): string[] | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw invalidRequest(`For 'properties/${key}', ${JSON.stringify(value)} is not an array.`, docs)
  }
  return value as string[]
}

/** A numeric path parameter; anything else is a 404, as on GitHub. */
export function intParam(value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) throw notFound()
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw notFound()
  return n
}

/** Parse a `since`-style timestamp; GitHub answers 422 for garbage. */
export function parseTimestamp(value: string | undefined, key: string): number | undefined {
  if (value === undefined || value === '') return undefined
  const ms = Date.parse(value)
  if (Number.isNaN(ms))
    throw invalidRequest(`For 'properties/${key}', ${value} is not a timestamp.`)
  return ms
}

export const PERMISSION_ORDER: readonly Permission[] = [
  'none',
  'read',
  'triage',
  'write',
  'maintain',
  'admin',
]

export function hasPermission(actor: Actor, needed: Permission): boolean {
  return PERMISSION_ORDER.indexOf(actor.permission) >= PERMISSION_ORDER.indexOf(needed)
}

export function requirePermission(ctx: RouteContext, needed: Permission): void {
  if (!hasPermission(ctx.actor, needed)) {
    throw fail(403, 'Resource not accessible by integration')
  }
}

// ---------------------------------------------------------------------------------------------
// Pagination

export interface PageRequest {
  perPage: number
  page: number
}

export function pageRequest(query: Record<string, string>): PageRequest {
  const perPageRaw = Number(query.per_page)
  const pageRaw = Number(query.page)
  const perPage =
    query.per_page !== undefined && Number.isInteger(perPageRaw) && perPageRaw > 0
      ? Math.min(perPageRaw, 100)
      : 30
  const page = query.page !== undefined && Number.isInteger(pageRaw) && pageRaw > 0 ? pageRaw : 1
  return { perPage, page }
}

/**
 * Slice `items` into the requested page (rendering only that page with `render`) and emit
 * GitHub's `Link` header with absolute URLs.
 */
export function paginate<T>(
  ctx: RouteContext,
  items: readonly T[],
  render: (item: T) => unknown = (item) => item,
): HandlerResult {
  const { perPage, page } = pageRequest(ctx.query)
  const slice = items.slice((page - 1) * perPage, page * perPage).map(render)
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const headers: Record<string, string> = {}
  if (last > 1 || page > 1) {
    const link = (p: number, rel: string) => {
      const params = new URLSearchParams(ctx.query)
      params.set('page', String(p))
      if (ctx.query.per_page !== undefined) params.set('per_page', String(perPage))
      return `<${ctx.render.apiUrl}${encodePath(ctx.path)}?${params.toString()}>; rel="${rel}"`
    }
    const links: string[] = []
    if (page > 1) links.push(link(Math.min(page - 1, last), 'prev'))
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
    if (page > 1) links.push(link(1, 'first'))
    headers.link = links.join(', ')
  }
  return { status: 200, body: slice, headers }
}

export function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')
}
