import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'
import { FORMS } from '../../lib/forms/catalog.js'
import type { Group } from '../../lib/group-file/schema.js'
import type { Repository } from '../../lib/github/repository.js'
import { findMarker } from '../../lib/markers/markers.js'
import { isOwnBot } from '../../lib/markers/ownership.js'
import type { NotesComment, NotesFile } from '../../lib/retro/types.js'
import type { Session } from '../../lib/schedule/schedule.js'
import { SESSION_MARKER } from '../../lib/sessions/issue.js'
import { sessionState } from '../../lib/github/status.js'
import { collectSubmissions } from '../../lib/github/submissions.js'
import type { HomeworkEntry, ObservedSession } from './plan.js'

/** The scribe's notes as committed: groups/<slug>/notes/*.md. */
export async function notesFiles(workspace: string, group: Group): Promise<NotesFile[]> {
  const files = (await glob(`groups/${group.slug}/notes/*.md`, { cwd: workspace })).sort()
  return Promise.all(
    files.map(async (file) => ({
      path: file,
      text: await readFile(path.join(workspace, file), 'utf8'),
    })),
  )
}

export interface GitHubMaterial {
  comments: NotesComment[]
  observed: ObservedSession[]
  homework: HomeworkEntry[]
  reflections: Awaited<ReturnType<typeof collectSubmissions<'reflection'>>>
}

/**
 * Everything the retrospective reads from GitHub: members' `/notes` and the attendance on each
 * session issue (rebuilt from the comments, as the status comment is), accepted homework and
 * closing reflections. Bodies stay in memory; nothing is logged.
 */
export async function githubMaterial(
  github: Repository,
  group: Group,
  sessions: readonly Session[],
  forms: { homework: string; reflection: string },
): Promise<GitHubMaterial> {
  const issues = await github.listIssues({
    labels: ['skill-share', 'session', `group:${group.slug}`],
    state: 'all',
  })
  const comments: NotesComment[] = []
  const observed: ObservedSession[] = []
  for (const issue of issues) {
    if (!isOwnBot(issue.author)) continue
    const n = Number(findMarker(issue.body, SESSION_MARKER, { group: group.slug })?.attributes['n'])
    const session = sessions.find((s) => s.number === n)
    if (!session) continue
    const state = sessionState(group, session.kind, await github.listComments(issue.number), [])
    for (const note of state.notes) comments.push({ session: n, body: note.text })
    observed.push({
      number: n,
      skipped: issue.stateReason === 'not_planned',
      attendance: state.attendance.size,
    })
  }
  const homework = await collectSubmissions(github, {
    kind: 'homework',
    group,
    formYaml: forms.homework,
  })
  const reflections = await collectSubmissions(github, {
    kind: 'reflection',
    group,
    formYaml: forms.reflection,
  })
  return {
    comments,
    observed,
    homework: homework.map((h) => ({ author: h.author, submission: h.submission })),
    reflections,
  }
}

export async function formYaml(
  workspace: string,
  kind: 'homework' | 'reflection',
): Promise<string> {
  return readFile(path.join(workspace, '.github/ISSUE_TEMPLATE', FORMS[kind].template), 'utf8')
}
