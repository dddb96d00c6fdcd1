import { formTitle, formUrl } from '../forms/prefill.js'
import type { Group } from '../group-file/schema.js'
import type { Session } from '../schedule/schedule.js'

export interface RepositoryRef {
  serverUrl: string
  /** owner/name */
  repository: string
  defaultBranch: string
}

/** The homework form, prefilled with the group and session through query parameters. */
export function homeworkFormUrl(repo: RepositoryRef, group: Group, session: Session): string {
  return formUrl({
    serverUrl: repo.serverUrl,
    repository: repo.repository,
    template: 'homework.yml',
    title: formTitle('homework', group.slug, session.number),
    fields: { group: group.slug, session: session.number },
  })
}

/** The closing-reflection form, prefilled with the group. */
export function reflectionFormUrl(repo: RepositoryRef, group: Group): string {
  return formUrl({
    serverUrl: repo.serverUrl,
    repository: repo.repository,
    template: 'reflection.yml',
    title: formTitle('reflection', group.slug),
    fields: { group: group.slug },
  })
}

/** The reading list every repository made from the template carries. */
export const READING_LIST_PATH = 'docs/reading-list.md'

export function readingListUrl(repo: RepositoryRef): string {
  return `${repo.serverUrl}/${repo.repository}/blob/${repo.defaultBranch}/${READING_LIST_PATH}`
}

/** The two-question pulse after week 2, prefilled with the group. */
export function pulseFormUrl(repo: RepositoryRef, group: Group): string {
  return formUrl({
    serverUrl: repo.serverUrl,
    repository: repo.repository,
    template: 'pulse.yml',
    title: formTitle('pulse', group.slug),
    fields: { group: group.slug },
  })
}

/** The nomination form, prefilled with the group. */
export function nominationFormUrl(repo: RepositoryRef, group: Group): string {
  return formUrl({
    serverUrl: repo.serverUrl,
    repository: repo.repository,
    template: 'nomination.yml',
    title: formTitle('nomination', group.slug),
    fields: { group: group.slug },
  })
}

/** The links of the playbook's extras a session issue may carry, beside its homework form. */
export function playbookLinks(
  repo: RepositoryRef,
  group: Group,
): { reflection: string; readingList: string; pulse: string; nomination: string } {
  return {
    reflection: reflectionFormUrl(repo, group),
    readingList: readingListUrl(repo),
    pulse: pulseFormUrl(repo, group),
    nomination: nominationFormUrl(repo, group),
  }
}

/** Where a group's calendar lives, next to its group file; session issues link it when it exists. */
export function calendarPath(slug: string): string {
  return `groups/${slug}/calendar.ics`
}

/**
 * A link that opens a session's issue from outside GitHub (a calendar entry): the issue search for
 * its exact title among the group's issues. The calendar is written before the issue exists, so it
 * cannot know the number.
 */
export function sessionIssueUrl(repo: RepositoryRef, group: Group, title: string): string {
  const query = `is:issue label:group:${group.slug} in:title "${title.replace(/"/g, '')}"`
  return `${repo.serverUrl}/${repo.repository}/issues?q=${encodeURIComponent(query)}`
}

export function calendarUrl(repo: RepositoryRef, group: Group): string {
  return `${repo.serverUrl}/${repo.repository}/blob/${repo.defaultBranch}/${calendarPath(group.slug)}`
}

export function cohortMilestone(group: Group): string {
  return group.name
}
