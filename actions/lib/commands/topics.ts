import type { Group } from '../group-file/schema.js'
import { isBot, type ReactionInput, type Topic } from './state.js'

/**
 * Topic votes are 👍 reactions on the topic comment itself: no extra bot comments to vote on, and
 * the comment is where the topic's author explains it. Only roster members count, each once; the
 * author's own 👍 and reactions from bots do not.
 */
export interface RankedTopic extends Topic {
  votes: number
  /** Roster spellings of the members who voted, sorted. */
  voters: string[]
  /** 1-based place after ranking. */
  rank: number
}

export const MAX_THEME_TITLE_CHARS = 80

/** Most votes first; ties go to the topic proposed first. */
export function rankTopics(
  topics: readonly Topic[],
  reactionsByComment: ReadonlyMap<number, readonly ReactionInput[]>,
  group: Pick<Group, 'members'>,
): RankedTopic[] {
  const roster = new Map(group.members.map((m) => [m.github.toLowerCase(), m.github]))
  return topics
    .map((topic) => {
      const voters = new Set<string>()
      for (const reaction of reactionsByComment.get(topic.commentId) ?? []) {
        if (reaction.content !== '+1' || isBot(reaction.user, reaction.userType)) continue
        const login = roster.get(reaction.user.toLowerCase())
        if (login && login.toLowerCase() !== topic.author.toLowerCase()) voters.add(login)
      }
      return { ...topic, votes: voters.size, voters: [...voters].sort(), rank: 0 }
    })
    .sort((a, b) => b.votes - a.votes || a.order - b.order)
    .map((topic, index) => ({ ...topic, rank: index + 1 }))
}

/** The topics a facilitator picked with `/themes`, in the order picked. */
export function chosenTopics(topics: readonly Topic[], themesChosen: readonly number[]): Topic[] {
  const byOrder = new Map(topics.map((topic) => [topic.order, topic]))
  return themesChosen.flatMap((n) => byOrder.get(n) ?? [])
}

export interface ThemeAssignment {
  week: number
  title: string
}

/**
 * Themes for the weeks 2..weekly-1 that the group file leaves open, taken in order from `picks`
 * (the chosen topics, or the ranked ones). Picks that repeat a theme already set are passed over.
 */
export function fillThemes(
  group: Pick<Group, 'weekly' | 'themes'>,
  picks: ReadonlyArray<Pick<Topic, 'text'>>,
): ThemeAssignment[] {
  const existing = group.themes ?? []
  const taken = new Set(
    existing.map((theme) => (typeof theme === 'string' ? theme : theme.title).toLowerCase()),
  )
  const titles = picks
    .map((pick) => themeTitle(pick.text))
    .filter((title) => {
      const key = title.toLowerCase()
      if (!title || taken.has(key)) return false
      taken.add(key)
      return true
    })
  const assignments: ThemeAssignment[] = []
  for (let week = 2; week <= group.weekly - 1 && titles.length > 0; week++) {
    if (existing[week - 2] !== undefined) continue
    assignments.push({ week, title: titles.shift() as string })
  }
  return assignments
}

/**
 * A topic as a theme title: it will be written to the group file and shown in issue titles and
 * bodies, so it becomes one plain line without HTML, code, table pipes or mentions.
 */
export function themeTitle(text: string): string {
  const plain = text
    .replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, ' ')
    .replace(/(?<![A-Za-z0-9])@+(?=[A-Za-z0-9])/g, '')
    .replace(/[<>`|{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  const chars = Array.from(plain)
  if (chars.length <= MAX_THEME_TITLE_CHARS) return plain
  const cut = chars.slice(0, MAX_THEME_TITLE_CHARS - 1).join('')
  const atWord = cut.replace(/\s+\S*$/, '')
  return `${atWord.length >= MAX_THEME_TITLE_CHARS / 2 ? atWord : cut}…`
}
