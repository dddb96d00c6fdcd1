import { groupSchema, type Group } from '../../actions/lib/group-file/schema.js'
import type { CommentInput } from '../../actions/lib/commands/state.js'

export function group(overrides: Record<string, unknown> = {}): Group {
  return {
    slug: 'fall-2026',
    ...groupSchema.parse({
      name: 'Fall 2026',
      timezone: 'Europe/Berlin',
      quorum: 5,
      members: [
        { github: 'Ada', name: 'Ada L', role: 'facilitator' },
        { github: 'grace', name: 'Grace H' },
        { github: 'linus', name: 'Linus T' },
        { github: 'barbara', name: 'Barbara L' },
        { github: 'ken', name: 'Ken T' },
        { github: 'margaret', name: 'Margaret H' },
        { github: 'dennis', name: 'Dennis R' },
        { github: 'radia', name: 'Radia P' },
      ],
      ...overrides,
    }),
  }
}

let nextId = 1000

/** A comment posted `minute` minutes after 16:00 UTC on 1 Nov 2026. */
export function comment(
  author: string,
  body: string,
  minute = 0,
  extra: Partial<CommentInput> = {},
): CommentInput {
  const at = new Date(Date.UTC(2026, 10, 1, 16, minute)).toISOString()
  return { id: nextId++, author, authorType: 'User', body, createdAt: at, updatedAt: at, ...extra }
}
