import type { Folded } from './fold.js'

/** A contact detail found in a skeleton (offsets in the skeleton). */
export interface ContactMatch {
  from: number
  to: number
  /** `link-markup` is the "[" of a markdown link to a person, `link-target` its "](address)". */
  kind: 'email' | 'phone' | 'link' | 'link-markup' | 'link-target'
  /** Set when the address or profile belongs to a member (by login or email). */
  member?: number
}

// Each pattern starts at something rare ("@", a domain name), so the regex engine does not try
// every position of a long text; the surroundings are then read by hand or with a sticky regex.
const EMAIL_AT = /@|[[(]at[\])]/g
const EMAIL_FROM_LOCAL_PART =
  /[\p{L}\p{N}._%+-]+(?:@|\s?[[(]at[\])]\s?)[\p{L}\p{N}-]+(?:(?:\.|\s?[[(]dot[\])]\s?)[\p{L}\p{N}-]+)*(?:\.|\s?[[(]dot[\])]\s?)\p{L}{2,}(?![\p{L}\p{N}])/uy
const LOCAL_PART_CHAR = /[\p{L}\p{N}._%+-]/u
const PHONE = /(?<![\p{L}\p{N}+])(?:\+|00)?\d[\d ()./-]{7,}\d(?![\p{L}\p{N}])/gu
const URL_REST = /[^\s<>"'\])]*/uy
/** Profile pages: the whole address points at one person. */
const PROFILE =
  /linkedin\.com\/(?:in|pub|profile)|(?:twitter|facebook|instagram|tiktok|medium)\.com|x\.com|fb\.com|threads\.net|keybase\.io|about\.me|dev\.to|bsky\.app\/profile|t\.me|wa\.me|mastodon\.[a-z.]+\/@|mailto:|tel:|sms:/g
/** A GitHub or GitLab address: a profile when it stops at the owner, or when the owner is a member. */
const FORGE = /(?:github|gitlab)\.com\/([a-z0-9][a-z0-9-]{0,38})(?![a-z0-9-])/g
const MARKDOWN_LINK = /\[([^\]\n\uE002]{1,300})\]\(\s*<?([^\s)>]+)>?(?:\s+"[^"\n]*")?\s*\)/gu

interface Link {
  from: number
  to: number
  /** The owner of a GitHub or GitLab address, when it is one. */
  owner?: string
  /** The address goes on past the owner ("github.com/owner/repo"). */
  deeper: boolean
}

/** Profile and forge addresses in a skeleton, with their scheme and "www." if any. */
function findLinks(text: string): Link[] {
  const out: Link[] = []
  for (const m of text.matchAll(PROFILE)) {
    const from = linkStart(text, m.index)
    if (from < 0) continue
    out.push({ from, to: trimUrl(text, restEnd(text, m.index + m[0].length)), deeper: false })
  }
  for (const m of text.matchAll(FORGE)) {
    const from = linkStart(text, m.index)
    if (from < 0) continue
    const ownerEnd = m.index + m[0].length
    const to = trimUrl(text, restEnd(text, ownerEnd))
    const deeper = text.slice(ownerEnd, to).replace(/^\/+|\/+$/g, '') !== ''
    out.push({ from, to, owner: m[1] as string, deeper })
  }
  return out
}

/** Where an address found at `at` really starts ("https://www." included); -1 inside a longer word. */
function linkStart(text: string, at: number): number {
  let from = at
  if (text.startsWith('www.', from - 4)) from -= 4
  else if (
    /^[a-z]{2}\.$/.test(text.slice(from - 3, from)) &&
    !/[\p{L}\p{N}.-]/u.test(text[from - 4] ?? ' ')
  )
    from -= 3
  if (text.startsWith('https://', from - 8)) from -= 8
  else if (text.startsWith('http://', from - 7)) from -= 7
  return /[\p{L}\p{N}.-]/u.test(text[from - 1] ?? ' ') ? -1 : from
}

function restEnd(text: string, from: number): number {
  URL_REST.lastIndex = from
  return URL_REST.test(text) ? URL_REST.lastIndex : from
}

function findEmails(text: string): Array<{ from: number; to: number; address: string }> {
  const out: Array<{ from: number; to: number; address: string }> = []
  let resumeAt = 0
  for (const m of text.matchAll(EMAIL_AT)) {
    if (m.index < resumeAt) continue
    let localEnd = m.index
    if (m[0] !== '@' && text[localEnd - 1] === ' ') localEnd--
    let from = localEnd
    while (from > 0 && LOCAL_PART_CHAR.test(text[from - 1] as string)) from--
    if (from === localEnd) continue
    EMAIL_FROM_LOCAL_PART.lastIndex = from
    const email = EMAIL_FROM_LOCAL_PART.exec(text)
    if (!email) continue
    resumeAt = from + email[0].length
    const address = email[0].replace(/\s?[[(]at[\])]\s?/g, '@').replace(/\s?[[(]dot[\])]\s?/g, '.')
    out.push({ from, to: resumeAt, address })
  }
  return out
}

export interface ContactContext {
  /** Folded login → member index. */
  logins: ReadonlyMap<string, number>
  /** Folded email → member index. */
  emails: ReadonlyMap<string, number>
}

/** Emails, phone numbers and links to a person's profile; markdown links to them lose the link. */
export function findContacts(folded: Folded, context: ContactContext): ContactMatch[] {
  const text = folded.text
  const out: ContactMatch[] = []
  for (const m of text.matchAll(MARKDOWN_LINK)) {
    const url = m[2] as string
    const owner = personLinkOwner(url, context)
    if (owner === false) continue
    const start = m.index
    const labelEnd = start + 1 + (m[1] as string).length
    // Keep the label (it is anonymized like any text); drop "[" and "](url)".
    out.push({ from: start, to: start + 1, kind: 'link-markup' })
    out.push({ from: labelEnd, to: start + m[0].length, kind: 'link-target', ...owner })
  }
  for (const email of findEmails(text)) {
    const member = context.emails.get(email.address)
    out.push({
      from: email.from,
      to: email.to,
      kind: 'email',
      ...(member === undefined ? {} : { member }),
    })
  }
  for (const link of findLinks(text)) {
    const member = link.owner === undefined ? undefined : context.logins.get(link.owner)
    if (link.owner !== undefined && member === undefined && link.deeper) continue
    out.push({
      from: link.from,
      to: link.to,
      kind: 'link',
      ...(member === undefined ? {} : { member }),
    })
  }
  for (const m of text.matchAll(PHONE)) {
    if (isPhoneNumber(m[0])) out.push({ from: m.index, to: m.index + m[0].length, kind: 'phone' })
  }
  return out
}

/** `false` when the address is not a person's; otherwise the member it belongs to, if any. */
function personLinkOwner(url: string, context: ContactContext): false | { member?: number } {
  const link = findLinks(url).find((l) => l.from === 0)
  if (!link) return false
  const member = link.owner === undefined ? undefined : context.logins.get(link.owner)
  if (member !== undefined) return { member }
  return link.owner !== undefined && link.deeper ? false : {}
}

/** Sentence punctuation right after a link belongs to the sentence. */
function trimUrl(text: string, end: number): number {
  let to = end
  while (to > 0 && '.,;:!?'.includes(text[to - 1] as string)) to--
  return to
}

/** Nine to fifteen digits, not a date, a time range or a list of years. */
function isPhoneNumber(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '')
  if (digits.length < 9 || digits.length > 15) return false
  if (/^\d{4}-\d{2}-\d{2}/.test(candidate)) return false
  if (/^(?:(?:19|20)\d{2}[ ,/-]+)+(?:19|20)\d{2}$/.test(candidate)) return false
  return true
}
