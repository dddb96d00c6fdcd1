/**
 * groups/<slug>/retros/<date>.md, where a group's retrospective lives in the repository. Both parts
 * are checked, as they become a path. A module of its own so that naming the file does not load
 * what compiles one (name detection among it).
 */
export function retroPath(slug: string, date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new Error(`retrospective date ${JSON.stringify(date)} is not a date (YYYY-MM-DD)`)
  }
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(slug)) {
    throw new Error(`group slug ${JSON.stringify(slug)} must be letters, digits, "-" or "_"`)
  }
  return `groups/${slug}/retros/${date}.md`
}
