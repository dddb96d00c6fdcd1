import type { Group } from '../../lib/group-file/schema.js'
import { isOwnBot, type IssueView } from '../../lib/github/repository.js'
import { findMarker, marker } from '../../lib/markers/markers.js'
import { GROUND_RULES_MARKER } from './plan.js'

/*
 * A 👍 on the ground-rules issue is an agreement, like `/agree`. Reactions start no workflow, so
 * the hourly sweep notices them: the issue list it already has carries each issue's 👍 count, and
 * the ground-rules marker records the count the status last saw. Only a change costs requests.
 */

/** The marker attribute holding the 👍 count the status comment last counted. */
const COUNTED = 'thumbs'

/** The group's open ground-rules issue when its 👍 count changed since the status counted them. */
export function groundRulesToRecount(
  open: readonly IssueView[],
  group: Group,
): IssueView | undefined {
  const issue = open.find(
    (i) =>
      i.state === 'open' &&
      isOwnBot(i.author) &&
      findMarker(i.body, GROUND_RULES_MARKER, { group: group.slug }) !== undefined,
  )
  if (!issue) return undefined
  const counted = findMarker(issue.body, GROUND_RULES_MARKER, { group: group.slug })?.attributes[
    COUNTED
  ]
  const seen = counted === undefined ? 0 : Number(counted)
  return issue.plusOnes === seen ? undefined : issue
}

/** The issue body with the 👍 count recorded in its marker. */
export function withCountedThumbs(body: string, group: Group, count: number): string {
  const found = findMarker(body, GROUND_RULES_MARKER, { group: group.slug })
  if (!found) return body
  return body.replace(
    marker(GROUND_RULES_MARKER, found.attributes),
    marker(GROUND_RULES_MARKER, { ...found.attributes, [COUNTED]: count }),
  )
}
