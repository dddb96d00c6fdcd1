import { FORMS, type FormKind } from './catalog.js'

export interface FormUrlOptions {
  /** e.g. https://github.com, or a GitHub Enterprise Server address. */
  serverUrl: string
  /** owner/name */
  repository: string
  /** The form's file name, e.g. `homework.yml`. */
  template: string
  title?: string
  /** Field ids to prefill, e.g. `{ group: 'fall-2026', session: 3 }`; undefined values are left out. */
  fields?: Readonly<Record<string, string | number | undefined>>
}

const REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/

/**
 * The "new issue" address of a form with answers filled in through query parameters. Each part is
 * percent-encoded (spaces as %20, not +), so titles with `#`, `&` or `·` arrive intact.
 */
export function formUrl({
  serverUrl,
  repository,
  template,
  title,
  fields = {},
}: FormUrlOptions): string {
  if (!REPOSITORY.test(repository)) {
    throw new Error(`repository ${JSON.stringify(repository)} is not owner/name, e.g. "acme/leads"`)
  }
  const params: Array<[string, string]> = [['template', template]]
  if (title !== undefined) params.push(['title', title])
  for (const [id, value] of Object.entries(fields)) {
    if (value !== undefined) params.push([id, String(value)])
  }
  const query = params
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&')
  return `${serverUrl.replace(/\/+$/, '')}/${repository}/issues/new?${query}`
}

/** A title that tells submissions apart in the issue list: `Homework · fall-2026 · session 3`. */
export function formTitle(kind: FormKind, group: string, session?: number): string {
  const base = `${FORMS[kind].title}${group}`
  if (session === undefined) return base
  return `${base} · ${kind === 'conversation' ? 'conversation' : 'session'} ${session}`
}
