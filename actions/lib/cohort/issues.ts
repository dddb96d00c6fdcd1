import { DateTime } from 'luxon'
import {
  CANDIDATES_END_MARKER,
  CANDIDATES_MARKER,
  renderCandidates,
  type Candidates,
} from './candidates.js'
import { formTitle, formUrl } from '../forms/prefill.js'
import { groupFilePath } from '../group-file/write.js'
import type { Group } from '../group-file/schema.js'
import { marker, withMarker } from '../markers/markers.js'
import type { Session } from '../schedule/schedule.js'
import { calendarPath, calendarUrl, type RepositoryRef } from '../sessions/links.js'
import type { FrontMatterDocument } from '../templates/front-matter.js'
import { inertText } from '../markdown/inert.js'
import {
  fillPlaceholders,
  renderIssue,
  typed,
  type RenderedIssue,
  type TemplateContext,
} from '../templates/render.js'

/*
 * The issues that start a cohort, rendered from templates/: the organizer's checklist (kickoff),
 * the ground rules and one intention issue per member. Pure: the action posts them, the CLI's
 * preview writes them to files.
 */

export type CohortTemplates = Record<
  'kickoff' | 'ground-rules' | 'intention' | 'invitation',
  FrontMatterDocument
>

export const COHORT_TEMPLATE_FILES = {
  kickoff: 'kickoff.md',
  'ground-rules': 'ground-rules.md',
  intention: 'intention.md',
  invitation: 'invitation.md',
} as const

export const KICKOFF_MARKER = 'kickoff'
export const GROUND_RULES_MARKER = 'ground-rules'
export const INTENTION_MARKER = 'intention'

/** Where the issues point to; numbers are known only once the issues exist. */
export interface CohortLinks {
  repo: RepositoryRef
  /** The form exists in .github/ISSUE_TEMPLATE, so the intention issue can link it. */
  intentionForm: boolean
}

export interface KickoffLinks {
  /** Pull-request mode: the pull request that adds the group file (undefined: not opened yet). */
  pullRequest?: number | 'pending'
  groundRules?: number
  /** Intention issue numbers by login. */
  intentions: Record<string, number | undefined>
  /** The repository already has `groups/<slug>/calendar.ics`. */
  calendar?: boolean
  /** Who is invited, accepted, committed or nominated, as observed (undefined in a preview). */
  candidates?: Candidates
}

export function cohortLabels(group: Group): string[] {
  return [
    'skill-share',
    `group:${group.slug}`,
    'organizer',
    'ground-rules',
    'intention',
    'session',
    'kickoff',
    'theme',
    'closing',
    ...(group.then === 'none' ? [] : [group.then]),
    'homework',
    'check-in',
    'topic',
    'reflection',
  ]
}

export function issueLabels(group: Group, kind: string, rendered: RenderedIssue): string[] {
  return [...new Set(['skill-share', `group:${group.slug}`, kind, ...rendered.labels])]
}

export function facilitatorsOf(group: Group): string[] {
  return group.members.filter((m) => m.role === 'facilitator').map((m) => m.github)
}

export function renderGroundRules(
  group: Group,
  sessions: readonly Session[],
  templates: CohortTemplates,
): RenderedIssue {
  const rendered = renderIssue(templates['ground-rules'], baseContext(group, sessions))
  return {
    title: rendered.title,
    labels: issueLabels(group, 'ground-rules', rendered),
    body: withMarker(rendered.body, GROUND_RULES_MARKER, { group: group.slug }),
  }
}

export function renderIntention(
  group: Group,
  sessions: readonly Session[],
  login: string,
  templates: CohortTemplates,
  links: CohortLinks,
): RenderedIssue {
  const rendered = renderIssue(templates.intention, {
    ...baseContext(group, sessions),
    member: login,
    how_to_answer: howToAnswer(group, links),
  })
  return {
    title: rendered.title,
    labels: issueLabels(group, 'intention', rendered),
    body: withMarker(rendered.body, INTENTION_MARKER, {
      group: group.slug,
      member: login.toLowerCase(),
    }),
  }
}

export function renderKickoff(
  group: Group,
  sessions: readonly Session[],
  templates: CohortTemplates,
  links: CohortLinks & KickoffLinks,
): RenderedIssue {
  const file = groupFilePath(group.slug)
  const weekOne = sessions[0]
  const candidates = kickoffCandidates(group, links)
  const rendered = renderIssue(templates.kickoff, {
    ...baseContext(group, sessions),
    facilitators: facilitatorsOf(group)
      .map((l) => `@${l}`)
      .join(', '),
    group_file_step: groupFileStep(file, links),
    calendar_link: calendarUrl(links.repo, group),
    calendar_step: calendarStep(group, links),
    ground_rules: links.groundRules ? `#${links.groundRules}` : 'the ground-rules issue',
    intentions: intentionList(group, links.intentions),
    kickoff_opens: weekOne ? localMoment(weekOne.opensAt, group.timezone) : 'before week 1',
    theme_weeks: themeWeeks(group),
    names_step: namesStep(group, file),
    place_step: placeStep(group, file),
    themes_step: themesStep(group, file),
    candidates,
    schedule: scheduleTable(sessions),
    invitation: fenced(renderInvitation(group, sessions, templates)),
  })
  const body = withMarker(rendered.body, KICKOFF_MARKER, { group: group.slug })
  return {
    title: rendered.title,
    labels: issueLabels(group, 'organizer', rendered),
    body: withCandidates(body, candidates, group.slug),
  }
}

/** The checklist's Candidates section for these links, as renderKickoff places it. */
export function kickoffCandidates(group: Group, links: KickoffLinks): string {
  return renderCandidates(
    group,
    links.candidates,
    links.groundRules !== undefined ? { groundRules: links.groundRules } : {},
  )
}

/**
 * `body` with its Candidates section replaced by `section`: what a later run of Start a cohort
 * rewrites, leaving the rest (the boxes the organizer ticked) as it is. A body without the section
 * (opened before it existed, or from a template without `{{ candidates }}`) gets it just before
 * the checklist's marker, which stays last so the issue is still found by it.
 */
export function withCandidates(body: string, section: string, slug: string): string {
  const startMarker = marker(CANDIDATES_MARKER, { group: slug })
  const endMarker = marker(CANDIDATES_END_MARKER, { group: slug })
  const start = body.indexOf(startMarker)
  const end = start === -1 ? -1 : body.indexOf(endMarker, start)
  if (start !== -1 && end !== -1)
    return body.slice(0, start) + section + body.slice(end + endMarker.length)
  const kickoff = body.lastIndexOf(marker(KICKOFF_MARKER, { group: slug }))
  if (kickoff === -1) return `${body.trimEnd()}\n\n${section}\n`
  return `${body.slice(0, kickoff)}${section}\n\n${body.slice(kickoff)}`
}

/*
 * Checklist items the group file may already settle: ticked, and saying so, rather than asking the
 * organizer for what they already wrote (the example group has names, a place and themes).
 */

function namesStep(group: Group, file: string): string {
  const named = group.members.every((m) => m.name.toLowerCase() !== m.github.toLowerCase())
  if (named)
    return `[x] Every member has their full name in \`${file}\`. Names never appear in issues: they are only used to scrub anything the group publishes.`
  return `[ ] Give each member's full name as their \`name:\` in \`${file}\` (the form only knew logins). Names never appear in issues: they are only used to scrub anything the group publishes.`
}

function placeStep(group: Group, file: string): string {
  const place = group.meeting?.place
  if (place)
    return `[x] The place is settled: ${inertText(place)} (\`meeting.place\` in \`${file}\`).`
  return `[ ] Settle the place: someone's living room, a quiet room nobody's manager walks past, or a video link. Add it to \`${file}\` as \`meeting.place\`.`
}

function themesStep(group: Group, file: string): string {
  const wanted = Math.max(0, group.weekly - 2)
  const given = group.themes?.length ?? 0
  const advice =
    'Personal topics ("coping and self-care") tend to carry a meeting better than impersonal ones ("running meetings").'
  if (wanted > 0 && given >= wanted)
    return `[x] The themes for ${themeWeeks(group)} are in \`${file}\`. Week 1 still gathers topics; if the group wants others, a facilitator's \`/themes\` on the week 1 issue changes them.`
  return `[ ] In week 1, gather topics and settle on themes for ${themeWeeks(group)}, then add them to \`${file}\` as \`themes:\`. ${advice}`
}

function themeWeeks(group: Group): string {
  return group.weekly > 2 ? `weeks 2 to ${group.weekly - 1}` : 'the meetings ahead'
}

export function renderInvitation(
  group: Group,
  sessions: readonly Session[],
  templates: CohortTemplates,
): string {
  const context: TemplateContext = {
    ...baseContext(group, sessions),
    size: group.members.length,
    cadence_phrase: cadencePhrase(group),
    commitment: Math.ceil((group.weekly * 2) / 3),
    organizers: facilitatorsOf(group)
      .map((l) => `@${l}`)
      .join(', '),
  }
  return `${fillPlaceholders(templates.invitation.content, context).trim()}\n`
}

/** The pull request that adds the group file: what merging it starts, and the schedule. */
export function pullRequestTitle(group: Group): string {
  return `Start ${group.name} (${groupFilePath(group.slug)})`
}

export function pullRequestBody(group: Group, sessions: readonly Session[]): string {
  const file = groupFilePath(group.slug)
  return [
    `Adds \`${file}\` for **${inertText(group.name)}**: ${group.members.length} members, ${cadenceText(group)}.`,
    '',
    "Merging it starts the schedule below: the sessions workflow opens each meeting issue when its time comes. Before merging, replace each member's `name:` with their full name (names are used only to redact them from anything the group publishes) and add the place.",
    '',
    `Times are local to ${group.timezone}.`,
    '',
    scheduleTable(sessions),
    '',
    'Written by the "Start a cohort" workflow; run it again with changed inputs to update this pull request.',
    '',
  ].join('\n')
}

/** Every meeting with its local date and time, and when its issue appears. */
export function scheduleTable(sessions: readonly Session[]): string {
  const rows = sessions.map((session) => {
    const start = DateTime.fromISO(session.localStart, { setZone: true })
    const end = DateTime.fromISO(session.localEnd, { setZone: true })
    const what = session.week !== undefined ? `Week ${session.week}` : capitalize(session.kind)
    const theme = session.theme ? ` · ${inertText(session.theme)}` : ''
    const moved = session.shiftedFrom ? ` (moved: ${session.shiftedFrom.join(', ')} skipped)` : ''
    return `| ${session.number} | ${what}${theme}${moved} | ${start.toFormat('ccc d LLL yyyy')} | ${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')} | ${localMoment(session.opensAt, session.timezone)} |`
  })
  return [
    '| # | Meeting | Date | Time | Issue opens |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n')
}

function baseContext(group: Group, sessions: readonly Session[]): TemplateContext {
  const first = sessions[0]
  return {
    group_name: typed(group.name),
    group_slug: group.slug,
    group_file: groupFilePath(group.slug),
    weekly: group.weekly,
    timezone: group.timezone,
    duration: group.meeting?.duration,
    place: typed(group.meeting?.place ?? 'to be announced'),
    cadence: capitalize(cadenceText(group)),
    first_meeting: first ? meetingMoment(first, group.timezone) : 'to be scheduled',
    members: group.members.map((m) => `@${m.github}`).join(' '),
  }
}

function groupFileStep(file: string, links: KickoffLinks): string {
  if (links.pullRequest === undefined)
    return `\`${file}\` is on the default branch: the session issues appear on schedule.`
  const pull = links.pullRequest === 'pending' ? 'the pull request' : `#${links.pullRequest}`
  return `Review and merge ${pull}, which adds \`${file}\`; the session issues appear on schedule once it is merged.`
}

/**
 * The calendar is a file the organizer publishes (a workflow token may not commit to the default
 * branch on every change), so the checklist says how, and links it once it is there.
 */
function calendarStep(group: Group, links: CohortLinks & KickoffLinks): string {
  const file = calendarPath(group.slug)
  const command = `npx skill-share calendar groups/${group.slug} --repo ${links.repo.repository} --out ${file}`
  // A calendar app cannot subscribe to a file in a private repository: members import it instead.
  if (links.calendar)
    return `Tell everyone how to get the sessions into their calendar: each session issue has a Google Calendar link, and ${calendarUrl(links.repo, group)} ("Download raw file", then open it) adds every session to Apple Calendar or Outlook; importing it again after a change updates the moved sessions. After changing the schedule or the themes, refresh it with \`${command}\`.`
  return `Publish the group calendar for Apple Calendar and Outlook: run \`${command}\` and commit the file; every session issue links it from then on, beside its Google Calendar link. Refresh it after changing the schedule or the themes; importing it again updates the moved sessions.`
}

function intentionList(group: Group, numbers: KickoffLinks['intentions']): string {
  return group.members
    .map((m) => {
      const number = numbers[m.github.toLowerCase()]
      return number ? `#${number} (@${m.github})` : `@${m.github}`
    })
    .join(', ')
}

function howToAnswer(group: Group, links: CohortLinks): string {
  const ending = 'When it is written, close this issue.'
  if (!links.intentionForm)
    return `Reply here with a comment: what you want to get better at, how you will know it worked, and what support you would like from the group. ${ending}`
  const url = formUrl({
    serverUrl: links.repo.serverUrl,
    repository: links.repo.repository,
    template: 'intention.yml',
    title: formTitle('intention', group.slug),
    fields: { group: group.slug },
  })
  return `Write it with the [intention form](${url}); it takes five minutes. ${ending}`
}

function cadenceText(group: Group): string {
  const weekly = `${group.weekly} weekly meeting${group.weekly === 1 ? '' : 's'}`
  if (group.then === 'none') return weekly
  return `${weekly}, then ${group.then === 'monthly' ? 'monthly' : 'every other week'}`
}

function cadencePhrase(group: Group): string {
  const weekly = `every week for ${group.weekly} weeks`
  if (group.then === 'none') return weekly
  return `${weekly}, then ${group.then === 'monthly' ? 'once a month' : 'every other week'}`
}

function meetingMoment(session: Session, zone: string): string {
  const start = DateTime.fromISO(session.localStart, { setZone: true })
  const end = DateTime.fromISO(session.localEnd, { setZone: true })
  return `${start.toFormat('cccc d LLLL yyyy, HH:mm')}–${end.toFormat('HH:mm')} (${zone})`
}

function localMoment(utc: string, zone: string): string {
  return DateTime.fromISO(utc).setZone(zone).toFormat('ccc d LLL, HH:mm')
}

function fenced(text: string): string {
  return ['````text', text.trimEnd(), '````'].join('\n')
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}
