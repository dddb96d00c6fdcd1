import { GITHUB_LOGIN, type Group } from '../group-file/schema.js'

export interface BinderRequest {
  /** The member whose binder is compiled. */
  member: string
  /** The group's slug; empty: the one group the member is in. */
  group: string
  /** Who asked: the workflow_dispatch sender. */
  actor: string
}

export type Authorization =
  { ok: true; group: Group; member: string } | { ok: false; reason: string }

/**
 * A binder holds one member's own words, so only that member or a facilitator of their group may
 * compile it. The group is the one named, or the only group the member is in.
 */
export function authorize(groups: readonly Group[], request: BinderRequest): Authorization {
  const member = request.member.trim().replace(/^@/, '')
  if (!GITHUB_LOGIN.test(member)) {
    return { ok: false, reason: `member: "${request.member}" is not a GitHub login, e.g. octo-ana` }
  }
  const theirs = groups.filter((g) => g.members.some((m) => same(m.github, member)))
  const slug = request.group.trim()
  let group: Group | undefined
  if (slug) {
    group = groups.find((g) => same(g.slug, slug))
    if (!group) {
      const known = groups.map((g) => g.slug).sort()
      return {
        ok: false,
        reason: `group: there is no group "${slug}" (groups here: ${known.join(', ') || 'none'})`,
      }
    }
    if (!theirs.includes(group)) {
      return { ok: false, reason: `@${member} is not on the member list of ${group.slug}` }
    }
  } else if (theirs.length === 1) {
    group = theirs[0]
  } else if (theirs.length === 0) {
    return { ok: false, reason: `@${member} is not on the member list of any group` }
  } else {
    const slugs = theirs.map((g) => g.slug).sort()
    return {
      ok: false,
      reason: `@${member} is in ${slugs.length} groups (${slugs.join(', ')}): name one in the group input`,
    }
  }
  const spelled = group.members.find((m) => same(m.github, member))?.github ?? member
  const facilitator = group.members.some(
    (m) => same(m.github, request.actor) && m.role === 'facilitator',
  )
  if (!same(request.actor, member) && !facilitator) {
    return {
      ok: false,
      reason: `only @${spelled} or a facilitator of ${group.slug} can compile this binder; it holds their own words`,
    }
  }
  return { ok: true, group, member: spelled }
}

/** A path only for them: groups/<slug>/binders/<login>.md */
export function binderPath(group: Group, member: string): string {
  return `groups/${group.slug}/binders/${member.toLowerCase()}.md`
}

/** The print-friendly copy, next to the markdown: groups/<slug>/binders/<login>.html */
export function binderHtmlPath(group: Group, member: string): string {
  return binderPath(group, member).replace(/\.md$/, '.html')
}

/** One branch per member and group, so two groups' binders of one member never collide. */
export function binderBranch(group: Group, member: string): string {
  return `skill-share/binder-${group.slug}-${member.toLowerCase()}`
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}
