import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'
import { FORMS, FORM_KINDS } from '../forms/catalog.js'
import { checkTemplate } from '../forms/template.js'
import type { Problem } from '../group-file/problems.js'
import type { Group } from '../group-file/schema.js'
import { buildSchedule } from '../schedule/schedule.js'
import { groupCalendar } from '../sessions/calendar-file.js'
import { calendarPath } from '../sessions/links.js'
import { sessionContext, type SessionTemplates } from '../sessions/issue.js'
import { parseFrontMatter } from '../templates/front-matter.js'
import { placeholderUses } from '../templates/render.js'
import { loadSessionTemplates } from './workspace.js'

const SESSION_TEMPLATES = /^templates\/session-[a-z-]+\.md$/

function problem(file: string, field: string, message: string): Problem {
  return { file, line: 1, col: 1, field, message, severity: 'error' }
}

/**
 * Templates and issue forms a group has customised: every template's front matter must parse (and
 * never run code), session templates may only use placeholders the sessions action fills, and every
 * form must keep the field ids and option counts the actions read.
 */
export async function checkCustomisations(
  root: string,
  groups: readonly Group[],
): Promise<Problem[]> {
  const sample = groups.find((g) => g.format === 'circle')
  const problems: Problem[] = []
  const sampleSession = sample ? buildSchedule(sample)[0] : undefined
  const known =
    sample && sampleSession ? Object.keys(sessionContext(sample, sampleSession, {})) : undefined
  for (const file of (await glob('templates/*.md', { cwd: root })).sort()) {
    const text = await readFile(path.join(root, file), 'utf8')
    try {
      parseFrontMatter(text, file)
    } catch (e) {
      problems.push(problem(file, '', (e as Error).message.replace(`${file}: `, '')))
      continue
    }
    if (known && SESSION_TEMPLATES.test(file))
      problems.push(...unknownPlaceholderProblems(file, text, known))
  }
  for (const kind of FORM_KINDS) {
    const file = `.github/ISSUE_TEMPLATE/${FORMS[kind].template}`
    if (!existsSync(path.join(root, file))) continue
    for (const p of checkTemplate(kind, await readFile(path.join(root, file), 'utf8'))) {
      problems.push(problem(file, p.field, p.message))
    }
  }
  return problems
}

/** The templates every repository needs: the actions read them to open issues. */
export const REQUIRED_TEMPLATES = [
  'session-kickoff.md',
  'session-theme.md',
  'session-closing.md',
  'session-follow-up.md',
  'kickoff.md',
  'ground-rules.md',
  'intention.md',
  'invitation.md',
  'check-in.md',
  'conversation.md',
  'notes.md',
  'binder.md',
] as const

/** A repository without `templates/` (or missing one of them) cannot run; said per file. */
export function checkTemplatesPresent(root: string): Problem[] {
  if (!existsSync(path.join(root, 'templates')))
    return [
      problem(
        'templates/',
        '',
        'not found: a repository made from the template has a templates/ folder with the issue texts; copy it from the template repository',
      ),
    ]
  return REQUIRED_TEMPLATES.filter((name) => !existsSync(path.join(root, 'templates', name))).map(
    (name) => problem(`templates/${name}`, '', 'is missing: copy it from the template repository'),
  )
}

/** Placeholders a template uses that its context does not fill, each at its line and column. */
export function unknownPlaceholderProblems(
  file: string,
  text: string,
  known: readonly string[],
): Problem[] {
  return placeholderUses(text)
    .filter((use) => !known.includes(use.name))
    .map((use) => ({
      file,
      line: use.line,
      col: use.col,
      field: '',
      message: `{{ ${use.name} }} is not a placeholder the sessions action fills (known: ${known.join(', ')})`,
      severity: 'error' as const,
    }))
}

/**
 * The session templates a group's issues and calendar are rendered from, checked for misspelt
 * placeholders before anything is rendered (an unknown one would silently become empty text).
 */
export async function sessionTemplateProblems(root: string, group: Group): Promise<Problem[]> {
  if (group.format !== 'circle') return []
  const session = buildSchedule(group)[0]
  if (!session) return []
  const known = Object.keys(sessionContext(group, session, {}))
  const problems: Problem[] = []
  for (const name of REQUIRED_TEMPLATES.filter((n) => n.startsWith('session-'))) {
    const file = `templates/${name}`
    const text = await readFile(path.join(root, file), 'utf8').catch(() => undefined)
    if (text !== undefined) problems.push(...unknownPlaceholderProblems(file, text, known))
  }
  return problems
}

/**
 * A group's published `calendar.ics` that no longer matches its group file and templates (a theme
 * set, a date skipped, the time moved): a warning with the command that refreshes it. A group
 * without the file is fine; its issues simply carry no calendar link.
 */
export async function checkCalendars(root: string, groups: readonly Group[]): Promise<Problem[]> {
  const published = groups.filter((g) => existsSync(path.join(root, calendarPath(g.slug))))
  if (published.length === 0) return []
  let templates: SessionTemplates
  try {
    templates = await loadSessionTemplates(root)
  } catch {
    return [] // checkCustomisations reports the broken template
  }
  const problems: Problem[] = []
  for (const group of published) {
    const file = calendarPath(group.slug)
    const text = await readFile(path.join(root, file), 'utf8')
    // Regenerated from itself: the same SEQUENCEs and issue links when nothing moved.
    if (text === groupCalendar(group, templates, { previous: text }).text) continue
    problems.push({
      file,
      line: 1,
      col: 1,
      field: '',
      message: `out of date with groups/${group.slug}/group.yml and templates/: refresh it with \`npx skill-share calendar groups/${group.slug} --out ${file}\` and commit it`,
      severity: 'warning',
    })
  }
  return problems
}
