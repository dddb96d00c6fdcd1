import { WORD_JOINER } from './inert.js'

/*
 * The one check everything the bot posts passes, whichever action posts it (the GitHub client layer
 * runs it on every issue, comment and pull request it writes). Renderers already make what people
 * typed inert; this is the net under them: in the final Markdown, outside code, nothing may be a
 * live link, image, mention or HTML unless the bot itself means it.
 *
 * - HTML: only comments (the bot's markers) and a few harmless formatting tags without attributes
 *   (`<br>`, `<details>`, `<summary>`, ...). Anything else is escaped.
 * - Images: none. The `!` is escaped; what is left is judged as a link.
 * - Bare addresses (`https://…`, `www.…`, `<https://…>`): only to the allowed hosts (the
 *   repository's GitHub and Google Calendar); others get a word joiner and stop being links.
 * - Written links (`[text](url)`, reference definitions): relative, `#anchors`, or https anywhere.
 *   Only Markdown meant as Markdown makes one (a template, an organizer's `prep`); typed text
 *   cannot, its brackets are escaped. Any other scheme (`javascript:`, `data:`) loses its link.
 * - Mentions: never a team (`@org/team`); a person only when `mentionable` has them (when given).
 * - E-mail addresses are not linked.
 * - Control characters go, and a body or title longer than GitHub allows is cut with a note.
 */

export type Defused =
  'html' | 'image' | 'link' | 'mention' | 'team' | 'email' | 'control' | 'length'

export interface PostPolicy {
  /** Hosts (and their subdomains) a live link may point to. */
  linkHosts: readonly string[]
  /** Logins (lower case) the bot may mention; undefined: any person, never a team. */
  mentionable?: ReadonlySet<string>
}

export interface GuardResult {
  text: string
  /** What was made inert, by kind; empty when the text was already safe to post. */
  defused: Defused[]
}

/** GitHub's limits on issue and comment bodies and on titles, in characters. */
export const BODY_LIMIT = 65_536
export const TITLE_LIMIT = 256

export const DEFAULT_LINK_HOSTS = [
  'github.com',
  'githubusercontent.com',
  'calendar.google.com',
] as const

const ALLOWED_TAGS = new Set([
  'br',
  'details',
  'summary',
  'sub',
  'sup',
  'b',
  'strong',
  'i',
  'em',
  'code',
  'kbd',
  'p',
  'hr',
  'ins',
  'del',
  's',
])

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g
const FENCE = /^ {0,3}(`{3,}|~{3,})/
const REFERENCE = /^( {0,3})\[([^\]\n]+)\]:[ \t]*<?([^\s>]+)>?(.*)$/

/** One pattern for every live construct, tried left to right; the group names say which matched. */
const LIVE = new RegExp(
  [
    String.raw`(?<!\\)(?<bang>!?)\[(?:[^[\]\\\n]|\\.)*\]\(\s*<?(?<destination>[^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)`,
    String.raw`(?<!\\)(?<comment><!--[\s\S]*?-->)`,
    String.raw`(?<!\\)<(?<angle>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+)>`,
    String.raw`(?<!\\)<\/?(?<tag>[A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\/?>`,
    String.raw`(?<![A-Za-z0-9])(?<url>(?:https?|ftp):\/\/[^\s<>]+)`,
    String.raw`(?<![A-Za-z0-9])(?<www>www\.[^\s<>]+)`,
    String.raw`(?<![A-Za-z0-9_])(?:@|&#0*64;|&#[xX]0*40;|&commat;)(?<mention>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)?)`,
    String.raw`(?<![A-Za-z0-9._%+-])(?<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)`,
  ].join('|'),
  'g',
)

type LiveGroups = Partial<
  Record<
    'bang' | 'destination' | 'comment' | 'angle' | 'tag' | 'url' | 'www' | 'mention' | 'email',
    string
  >
>

/** Makes `markdown` safe to post; an already safe text comes back unchanged, `defused` empty. */
export function guardMarkdown(markdown: string, policy: PostPolicy): GuardResult {
  const defused: Defused[] = []
  let text = markdown.replace(CONTROL, () => {
    defused.push('control')
    return ''
  })
  let fence: string | undefined
  text = text
    .split('\n')
    .map((line) => {
      const opener = FENCE.exec(line)?.[1]
      if (fence) {
        if (opener && opener[0] === fence[0] && opener.length >= fence.length) fence = undefined
        return line
      }
      if (opener) {
        fence = opener
        return line
      }
      return guardLine(line, policy, defused)
    })
    .join('\n')
  if (text.length > BODY_LIMIT) {
    defused.push('length')
    text = cut(text, BODY_LIMIT)
  }
  return { text, defused }
}

/** A title: GitHub renders no links, mentions or HTML there; only control characters and length. */
export function guardTitle(title: string): GuardResult {
  const defused: Defused[] = []
  let text = title.replace(CONTROL, () => {
    defused.push('control')
    return ''
  })
  if (Array.from(text).length > TITLE_LIMIT) {
    defused.push('length')
    text = `${Array.from(text)
      .slice(0, TITLE_LIMIT - 1)
      .join('')}…`
  }
  return { text, defused }
}

function guardLine(line: string, policy: PostPolicy, defused: Defused[]): string {
  const reference = REFERENCE.exec(line)
  if (reference && !writtenLinkAllowed(reference[3] ?? '', policy)) {
    defused.push('link')
    const url = (reference[3] ?? '').replace('://', `:${WORD_JOINER}//`)
    return `${reference[1]}\\[${reference[2]}\\]: ${url}${reference[4]}`
  }
  // Code spans render literally and never link: leave them, judge the text between them.
  return splitCodeSpans(line)
    .map((part) => (part.code ? part.text : guardText(part.text, policy, defused)))
    .join('')
}

function guardText(text: string, policy: PostPolicy, defused: Defused[]): string {
  return text.replace(LIVE, (...args: unknown[]) => {
    const whole = args[0] as string
    return judge(whole, args.at(-1) as LiveGroups, policy, defused)
  })
}

/** What one live construct becomes: itself when the bot may post it, an inert spelling otherwise. */
function judge(whole: string, live: LiveGroups, policy: PostPolicy, defused: Defused[]): string {
  if (live.destination !== undefined) {
    if (live.bang) {
      defused.push('image')
      return `\\!${guardText(whole.slice(1), policy, defused)}`
    }
    if (writtenLinkAllowed(live.destination, policy)) return whole
    defused.push('link')
    // Without its brackets the destination is bare text GitHub would link again: defuse it too.
    return `\\${whole.replace('://', `:${WORD_JOINER}//`)}`
  }
  if (live.comment !== undefined) return whole
  if (live.angle !== undefined) {
    if (linkAllowed(live.angle, policy)) return whole
    defused.push(live.angle.includes('://') ? 'link' : 'email')
    return `&lt;${guardText(live.angle, policy, defused)}&gt;`
  }
  if (live.tag !== undefined) {
    if (ALLOWED_TAGS.has(live.tag.toLowerCase()) && /^<\/?[A-Za-z]+\s*\/?>$/.test(whole))
      return whole
    defused.push('html')
    // What the tag held is text now, and judged as text: an address in it stops being one.
    return `&lt;${guardText(whole.slice(1), policy, defused)}`
  }
  if (live.url !== undefined) {
    if (linkAllowed(live.url, policy)) return whole
    defused.push('link')
    return whole.replace('://', `:${WORD_JOINER}//`)
  }
  if (live.www !== undefined) {
    if (linkAllowed(`https://${live.www}`, policy)) return whole
    defused.push('link')
    return `www${WORD_JOINER}${whole.slice(3)}`
  }
  if (live.mention !== undefined) {
    const login = live.mention
    if (login.includes('/')) defused.push('team')
    else if (!policy.mentionable || policy.mentionable.has(login.toLowerCase())) return whole
    else defused.push('mention')
    return `${whole.slice(0, whole.length - login.length)}${WORD_JOINER}${login}`
  }
  if (live.email !== undefined) {
    defused.push('email')
    return live.email.replace('@', `@${WORD_JOINER}`)
  }
  return whole
}

/** A written Markdown link: what linkAllowed allows, and https to any host. */
function writtenLinkAllowed(url: string, policy: PostPolicy): boolean {
  return linkAllowed(url, policy) || /^https:\/\/[^\s/]+/i.test(url)
}

/** Relative links, anchors, and http(s) links to an allowed host or its subdomains. */
export function linkAllowed(url: string, policy: PostPolicy): boolean {
  if (url === '' || url.startsWith('#')) return true
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url) && !url.startsWith('//')) return true
  let host: string
  try {
    const parsed = new URL(url.startsWith('//') ? `https:${url}` : url)
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false
    host = parsed.hostname.toLowerCase()
  } catch {
    return false
  }
  return policy.linkHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`))
}

interface Part {
  text: string
  code: boolean
}

/** Splits a line into code spans (a run of backticks up to the same run) and the text between. */
function splitCodeSpans(line: string): Part[] {
  const parts: Part[] = []
  let rest = line
  for (;;) {
    const open = /(?<!\\)`+/.exec(rest)
    if (!open) break
    const run = open[0]
    const after = rest.slice(open.index + run.length)
    const close = new RegExp(`(?<!\`)${run}(?!\`)`).exec(after)
    if (!close) break
    parts.push({ text: rest.slice(0, open.index), code: false })
    parts.push({ text: run + after.slice(0, close.index + run.length), code: true })
    rest = after.slice(close.index + run.length)
  }
  parts.push({ text: rest, code: false })
  return parts
}

function cut(text: string, limit: number): string {
  const note = '\n\n… (cut here: GitHub allows 65,536 characters)'
  return `${text.slice(0, limit - note.length)}${note}`
}
