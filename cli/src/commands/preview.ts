import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { DateTime } from 'luxon'
import { buildSchedule, type Session } from '../../../actions/lib/schedule/schedule.js'
import { groupCalendar } from '../../../actions/lib/sessions/calendar-file.js'
import { renderSessionIssue } from '../../../actions/lib/sessions/issue.js'
import { FORM_KINDS, FORMS, templatePath } from '../../../actions/lib/forms/catalog.js'
import { describeForm } from '../../../actions/lib/forms/describe.js'
import { formFits } from '../../../actions/lib/forms/membership.js'
import {
  calendarPath,
  calendarUrl,
  cohortMilestone,
  homeworkFormUrl,
  playbookLinks,
  type RepositoryRef,
} from '../../../actions/lib/sessions/links.js'
import { loadSessionTemplates, readTemplate } from '../../../actions/lib/workspace/workspace.js'
import {
  facilitatorsOf,
  renderGroundRules,
  renderIntention,
  renderKickoff,
  type CohortLinks,
} from '../../../actions/lib/cohort/issues.js'
import {
  hasIntentionForm,
  loadCohortTemplates,
} from '../../../actions/lib/workspace/cohort-templates.js'
import type { Group } from '../../../actions/lib/group-file/schema.js'
import { onePositional, parseCommandArgs, requireRepository } from '../args.js'
import { EXIT_OK, InvalidFilesError } from '../errors.js'
import type { Io } from '../io.js'
import { sessionTemplateProblems } from '../../../actions/lib/workspace/check.js'
import { loadGroupForCommand, repositoryRoot } from '../load.js'
import { writeOutputFolder } from '../output.js'
import { coachingPreview } from '../preview/conversations.js'
import { issueFile, previewIndex, type PreviewFile, type PreviewIssue } from '../preview/files.js'

export const usage = 'skill-share preview <group-dir> [--out DIR] [--repo OWNER/NAME]'

export async function preview(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('preview', args, {
    out: { type: 'string' },
    repo: { type: 'string' },
  })
  const dir = onePositional(positionals, '<group-dir>', 'preview')
  const repository = requireRepository(values.repo, 'preview') ?? 'your-org/your-group'
  const group = await loadGroupForCommand(io, dir)
  const root = repositoryRoot(io, dir, 'preview')
  const templateProblems = await sessionTemplateProblems(root, group)
  if (templateProblems.length > 0) throw new InvalidFilesError(templateProblems)
  const repo: RepositoryRef = { serverUrl: 'https://github.com', repository, defaultBranch: 'main' }
  const templates = await loadSessionTemplates(root)
  const published = path.join(root, calendarPath(group.slug))
  const previous = existsSync(published) ? await readFile(published, 'utf8') : undefined
  const calendarText = groupCalendar(group, templates, {
    repo,
    ...(previous !== undefined ? { previous } : {}),
  }).text
  const calendarFile = { path: 'calendar.ics', content: calendarText }
  if (group.format === 'coaching') {
    const conversation = await readTemplate(root, 'conversation.md')
    const files = coachingPreview(group, conversation, repo)
    return writePreview(io, values.out, group, [...files, calendarFile])
  }
  const sessions = buildSchedule(group)
  // Issues link the calendar only when the repository has the file, as the sessions action does.
  const hasCalendar = existsSync(path.join(root, calendarPath(group.slug)))

  const issues: PreviewIssue[] = sessions.map((session, index) => {
    const previous = sessions[index - 1]
    const rendered = renderSessionIssue(group, session, templates, {
      homework: homeworkFormUrl(repo, group, session),
      ...playbookLinks(repo, group),
      ...(hasCalendar ? { calendar: calendarUrl(repo, group) } : {}),
      ...(previous
        ? { previous: { title: renderSessionIssue(group, previous, templates, {}).title } }
        : {}),
    })
    return {
      ...rendered,
      file: `sessions/${String(session.number).padStart(2, '0')}-${session.kind}.md`,
      assignees: [session.facilitator, session.coFacilitator].filter((a): a is string =>
        Boolean(a),
      ),
      ...(session.week !== undefined ? { milestone: cohortMilestone(group) } : {}),
      opensAt: localMoment(session.opensAt, session),
      note: session.shiftedFrom ? `moved from ${session.shiftedFrom.join(', ')}` : '',
    }
  })
  const starting = group.format === 'circle' ? await cohortIssues(group, sessions, repo, root) : []
  const forms = await formFiles(root, group)
  const files: PreviewFile[] = [
    ...starting.map(issueFile),
    ...issues.map(issueFile),
    calendarFile,
    ...forms.map((f) => f.file),
    previewIndex(
      group,
      sessions,
      [...starting, ...issues],
      forms.map((f) => f.line),
    ),
  ]
  return writePreview(io, values.out, group, files)
}

async function writePreview(
  io: Io,
  outFlag: string | undefined,
  group: Group,
  files: readonly PreviewFile[],
): Promise<number> {
  const shown = outFlag ?? path.join('preview', group.slug)
  const out = path.resolve(io.cwd, shown)
  await writeOutputFolder(out, files, { cwd: io.cwd, shown, command: 'skill-share preview' })
  io.out(`wrote ${files.length} files to ${path.relative(io.cwd, out) || '.'} (open index.md)`)
  return EXIT_OK
}

function localMoment(utc: string, session: Session): string {
  return DateTime.fromISO(utc).setZone(session.timezone).toFormat('ccc d LLL yyyy, HH:mm ZZZZ')
}

/** The group's issue forms as members meet them (the homework sheet, the pulse, ...). */
async function formFiles(
  root: string,
  group: Group,
): Promise<Array<{ file: PreviewFile; line: string }>> {
  const found: Array<{ file: PreviewFile; line: string }> = []
  for (const kind of FORM_KINDS) {
    if (!formFits(kind, group.format)) continue
    const yaml = await readFile(path.join(root, templatePath(kind)), 'utf8').catch(() => undefined)
    if (yaml === undefined) continue
    const file = `forms/${FORMS[kind].template.replace(/\.ya?ml$/, '.md')}`
    found.push({
      file: { path: file, content: describeForm(yaml) },
      line: `- [${file}](${file}): the ${FORMS[kind].name} form, as members fill it in`,
    })
  }
  return found
}

/** The issues "Start a cohort" opens before the first session, as it opens them (pull-request mode). */
async function cohortIssues(
  group: Group,
  sessions: readonly Session[],
  repo: RepositoryRef,
  root: string,
): Promise<PreviewIssue[]> {
  const templates = await loadCohortTemplates(root)
  const links: CohortLinks = { repo, intentionForm: hasIntentionForm(root) }
  const common = {
    milestone: cohortMilestone(group),
    opensAt: 'when the cohort is started',
    note: 'Start a cohort',
  }
  return [
    {
      ...renderGroundRules(group, sessions, templates),
      file: 'issues/ground-rules.md',
      assignees: [],
      ...common,
    },
    ...group.members.map((member) => ({
      ...renderIntention(group, sessions, member.github, templates, links),
      file: `issues/intention-${member.github.toLowerCase()}.md`,
      assignees: [member.github],
      ...common,
    })),
    {
      ...renderKickoff(group, sessions, templates, {
        ...links,
        pullRequest: 'pending',
        intentions: {},
        calendar: existsSync(path.join(root, calendarPath(group.slug))),
      }),
      file: 'issues/kickoff.md',
      assignees: facilitatorsOf(group),
      ...common,
    },
  ]
}
