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
import { unknownPlaceholders } from '../templates/render.js'
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
    let content: string
    try {
      content = parseFrontMatter(await readFile(path.join(root, file), 'utf8'), file).content
    } catch (e) {
      problems.push(problem(file, '', (e as Error).message.replace(`${file}: `, '')))
      continue
    }
    if (known && SESSION_TEMPLATES.test(file)) {
      for (const name of unknownPlaceholders(content, known)) {
        problems.push(
          problem(
            file,
            '',
            `{{ ${name} }} is not a placeholder the sessions action fills (known: ${known.join(', ')})`,
          ),
        )
      }
    }
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
    if (text === groupCalendar(group, templates).text) continue
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
