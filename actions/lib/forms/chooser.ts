import { isMap, isSeq, parseDocument } from 'yaml'

/** The issue-template chooser's configuration, which holds the ground-rules card. */
export const CHOOSER_CONFIG = '.github/ISSUE_TEMPLATE/config.yml'

/** The card's name as the template ships it; a group that renames the card keeps its own link. */
export const GROUND_RULES_CARD = 'Our ground rules'

/** This repository's ground-rules issues (one per group), as a link a member can open. */
export function groundRulesUrl(serverUrl: string, repository: string): string {
  return `${serverUrl}/${repository}/issues?q=${encodeURIComponent('is:issue label:ground-rules')}`
}

/**
 * The chooser configuration with its ground-rules card pointing at `url`, or undefined when there is
 * nothing to change (no such card, or it already points there). Comments and the other cards are
 * kept as they are.
 */
export function pointGroundRulesCard(text: string, url: string): string | undefined {
  const doc = parseDocument(text)
  if (doc.errors.length > 0) return undefined
  const links = doc.get('contact_links')
  if (!isSeq(links)) return undefined
  const card = links.items.find((item) => isMap(item) && item.get('name') === GROUND_RULES_CARD)
  if (!isMap(card) || card.get('url') === url) return undefined
  card.set('url', url)
  return doc.toString()
}
