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

export function calendarUrl(repo: RepositoryRef, group: Group): string {
  return `${repo.serverUrl}/${repo.repository}/blob/${repo.defaultBranch}/groups/${group.slug}/calendar.ics`
}

export function cohortMilestone(group: Group): string {
  return group.name
}
