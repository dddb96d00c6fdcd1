import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { compileBinder } from '../../../actions/lib/binder/compile.js'
import { authorize } from '../../../actions/lib/binder/access.js'
import { binderHtml } from '../../../actions/lib/binder/html.js'
import { loadFormTemplates } from '../../../actions/lib/workspace/forms.js'
import { onePositional, parseCommandArgs } from '../args.js'
import { EXIT_OK, UsageError } from '../errors.js'
import type { Io } from '../io.js'
import { readIssueExport } from '../issues-export.js'
import { loadGroupForCommand } from '../load.js'
import { writeOutputFile } from '../output.js'

export const usage = 'skill-share binder <group-dir> --member LOGIN [--from DIR] [--out FILE]'

/**
 * The personal binder, offline. The CLI has no GitHub access, so it compiles from what it is given:
 * the group file, the repository's forms and templates, and with `--from` a folder of exported
 * issues. Without `--from` the binder holds the member's calendar, the intention questions and
 * empty sections, a preview of what the binder action fills in.
 *
 * `--from` reads two kinds of export, in any subfolder:
 * - `*.json`: `gh issue list --state all --label group:<slug> --limit 1000 --json
 *   number,title,body,author,labels,state,createdAt`;
 * - `*.md`: issues as `skill-share rehearse` exports them (`issues/NNN.md`).
 */
export async function binder(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('binder', args, {
    member: { type: 'string' },
    from: { type: 'string' },
    out: { type: 'string' },
  })
  const dir = onePositional(positionals, '<group-dir>', 'binder')
  if (!values.member) throw new UsageError('missing --member LOGIN', 'binder')
  const group = await loadGroupForCommand(io, dir)
  // Offline, the person at the keyboard is taken to be the member: the check that matters here
  // is that they are on the group's member list.
  const access = authorize([group], {
    member: values.member,
    group: group.slug,
    actor: values.member.replace(/^@/, ''),
  })
  if (!access.ok) throw new Error(access.reason)
  const issues = values.from
    ? await readIssueExport(path.resolve(io.cwd, values.from), 'binder')
    : []
  const { text, counts } = compileBinder({
    group,
    member: access.member,
    issues,
    forms: await loadFormTemplates(io.cwd),
    template: await readFile(path.join(io.cwd, 'templates', 'binder.md'), 'utf8'),
    now: new Date(),
  })
  if (!values.out) {
    io.out(text)
    return EXIT_OK
  }
  const file = await writeOutputFile(values.out, text, {
    cwd: io.cwd,
    shown: values.out,
    command: 'skill-share binder',
    ours: (existing) => existing.startsWith('# Binder: '),
  })
  const htmlOut = values.out.replace(/(\.md)?$/i, '.html')
  const html = await writeOutputFile(
    htmlOut,
    binderHtml(text, `Binder: @${access.member} in ${group.name}`),
    {
      cwd: io.cwd,
      shown: htmlOut,
      command: 'skill-share binder',
      ours: (existing) =>
        existing.startsWith('<!doctype html>') && existing.includes('<title>Binder: '),
    },
  )
  const found = `${counts.selfEvaluations} self-evaluations, ${counts.homework} homework, ${counts.checkIns} check-ins, ${counts.conversations} write-ups, ${counts.assessments} assessments`
  io.err(
    `wrote ${path.relative(io.cwd, file)} and ${path.relative(io.cwd, html)} (${values.from ? found : 'no --from: no submissions'})`,
  )
  return EXIT_OK
}
