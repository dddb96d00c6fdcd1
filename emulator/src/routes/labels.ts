import {
  bodyObject,
  checkLength,
  created,
  fail,
  invalidRequest,
  noContent,
  notFound,
  ok,
  optionalString,
  paginate,
  requirePermission,
  validationFailed,
  type HandlerResult,
  type RouteContext,
} from '../http.js'
import type { Route } from '../router.js'
import { LIMITS } from '../state.js'
import type { StoredIssue, StoredLabel } from '../types.js'
import { findIssue, labelIds, labelNames } from './issues.js'

const P = '/repos/:owner/:repo'
const DOCS = 'https://docs.github.com/rest/issues/labels'

function findLabel(ctx: RouteContext): StoredLabel {
  const label = ctx.store.label(ctx.params.name ?? '')
  if (!label) throw notFound(`${DOCS}#get-a-label`)
  return label
}

function color(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const hex = value.replace(/^#/, '')
  if (!/^[0-9a-fA-F]{6}$/.test(hex)) {
    throw validationFailed([{ resource: 'Label', code: 'invalid', field: 'color' }], DOCS)
  }
  return hex.toLowerCase()
}

function byName(a: StoredLabel, b: StoredLabel): number {
  return a.name.toLowerCase().localeCompare(b.name.toLowerCase())
}

function listLabels(ctx: RouteContext): HandlerResult {
  const labels = [...ctx.store.data.labels].sort(byName)
  return paginate(ctx, labels, (l) => ctx.render.label(l))
}

function getLabel(ctx: RouteContext): HandlerResult {
  return ok(ctx.render.label(findLabel(ctx)))
}

function createLabel(ctx: RouteContext): HandlerResult {
  requirePermission(ctx, 'triage')
  const body = bodyObject(ctx)
  const name = optionalString(body, 'name', DOCS)
  if (name === undefined) throw invalidRequest(`"name" wasn't supplied.`, DOCS)
  if (name.trim() === '') {
    throw validationFailed([{ resource: 'Label', code: 'missing_field', field: 'name' }], DOCS)
  }
  checkLength('Label', 'name', name.trim(), LIMITS.labelName, DOCS)
  if (ctx.store.label(name)) {
    throw validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }], DOCS)
  }
  const label: StoredLabel = {
    id: ctx.store.nextId(),
    name: name.trim(),
    color: color(optionalString(body, 'color', DOCS)) ?? 'ededed',
    description: (body.description as string | null | undefined) ?? null,
    default: false,
  }
  ctx.store.data.labels.push(label)
  return created(ctx.render.label(label))
}

function updateLabel(ctx: RouteContext): HandlerResult {
  requirePermission(ctx, 'triage')
  const label = findLabel(ctx)
  const body = bodyObject(ctx)
  const newName = optionalString(body, 'new_name', DOCS)
  const newColor = color(optionalString(body, 'color', DOCS))
  if (newName !== undefined) {
    checkLength('Label', 'name', newName.trim(), LIMITS.labelName, DOCS)
    const clash = ctx.store.label(newName)
    if (clash && clash.id !== label.id) {
      throw validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }], DOCS)
    }
    label.name = newName
  }
  if (newColor !== undefined) label.color = newColor
  if (body.description !== undefined) label.description = body.description as string | null
  return ok(ctx.render.label(label))
}

function deleteLabel(ctx: RouteContext): HandlerResult {
  requirePermission(ctx, 'triage')
  const label = findLabel(ctx)
  const data = ctx.store.data
  data.labels = data.labels.filter((l) => l.id !== label.id)
  for (const issue of data.issues) issue.labels = issue.labels.filter((id) => id !== label.id)
  return noContent()
}

function issueLabels(ctx: RouteContext, issue: StoredIssue): HandlerResult {
  const labels = issue.labels
    .map((id) => ctx.store.labelById(id))
    .filter((l): l is StoredLabel => l !== undefined)
  return paginate(ctx, labels, (l) => ctx.render.label(l))
}

/** `{ labels: [...] }`, a bare array, or `{ labels: [{ name }] }`. */
function requestedLabels(ctx: RouteContext): string[] {
  const body = ctx.body
  const names = Array.isArray(body)
    ? labelNames(body)
    : labelNames((body as { labels?: unknown } | undefined)?.labels)
  if (names === undefined) throw invalidRequest(`"labels" wasn't supplied.`, DOCS)
  return names
}

function listIssueLabels(ctx: RouteContext): HandlerResult {
  return issueLabels(ctx, findIssue(ctx))
}

function addIssueLabels(ctx: RouteContext): HandlerResult {
  const issue = findIssue(ctx)
  requirePermission(ctx, 'triage')
  const ids = labelIds(ctx.store, requestedLabels(ctx))
  const before = issue.labels.length
  issue.labels = [...issue.labels, ...ids.filter((id) => !issue.labels.includes(id))]
  if (issue.labels.length !== before) issue.updated_at = ctx.clock.iso()
  return issueLabels(ctx, issue)
}

function setIssueLabels(ctx: RouteContext): HandlerResult {
  const issue = findIssue(ctx)
  requirePermission(ctx, 'triage')
  issue.labels = labelIds(ctx.store, requestedLabels(ctx))
  issue.updated_at = ctx.clock.iso()
  return issueLabels(ctx, issue)
}

function removeIssueLabel(ctx: RouteContext): HandlerResult {
  const issue = findIssue(ctx)
  requirePermission(ctx, 'triage')
  const label = ctx.store.label(ctx.params.name ?? '')
  if (!label || !issue.labels.includes(label.id)) {
    throw fail(404, 'Label does not exist', `${DOCS}#remove-a-label-from-an-issue`)
  }
  issue.labels = issue.labels.filter((id) => id !== label.id)
  issue.updated_at = ctx.clock.iso()
  return issueLabels(ctx, issue)
}

function removeAllIssueLabels(ctx: RouteContext): HandlerResult {
  const issue = findIssue(ctx)
  requirePermission(ctx, 'triage')
  issue.labels = []
  issue.updated_at = ctx.clock.iso()
  return noContent()
}

export const labelRoutes: Route[] = [
  { method: 'GET', pattern: `${P}/labels`, handler: listLabels },
  { method: 'POST', pattern: `${P}/labels`, handler: createLabel },
  { method: 'GET', pattern: `${P}/labels/:name`, handler: getLabel },
  { method: 'PATCH', pattern: `${P}/labels/:name`, handler: updateLabel },
  { method: 'DELETE', pattern: `${P}/labels/:name`, handler: deleteLabel },
  { method: 'GET', pattern: `${P}/issues/:issue_number/labels`, handler: listIssueLabels },
  { method: 'POST', pattern: `${P}/issues/:issue_number/labels`, handler: addIssueLabels },
  { method: 'PUT', pattern: `${P}/issues/:issue_number/labels`, handler: setIssueLabels },
  { method: 'DELETE', pattern: `${P}/issues/:issue_number/labels`, handler: removeAllIssueLabels },
  {
    method: 'DELETE',
    pattern: `${P}/issues/:issue_number/labels/:name`,
    handler: removeIssueLabel,
  },
]
