import { existsSync } from 'node:fs'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline/promises'
import {
  formatFormProblem,
  groupFilePath,
  readCohortForm,
  renderGroupFile,
  unreadableGroupFile,
  validateGroupDraft,
  type CohortField,
  type CohortForm,
} from '../../../actions/lib/group-file/write.js'
import { parseCommandArgs } from '../args.js'
import { EXIT_INVALID, EXIT_OK, UsageError } from '../errors.js'
import type { Io } from '../io.js'
import { refreshSchedule } from './cron.js'
import { checkAnswer } from '../init/answers.js'

export const usage =
  'skill-share init <slug> [--name --start --time --weekday --timezone --weekly --then --facilitators --members --skip] [--force]'

/** Asks one question in a terminal; the answer, or `fallback` when the answer is empty. */
export interface Prompt {
  ask(question: string, fallback?: string): Promise<string>
  close(): void
}

const FLAGS = [
  'name',
  'start',
  'time',
  'weekday',
  'timezone',
  'weekly',
  'then',
  'facilitators',
  'members',
  'skip',
] as const satisfies readonly CohortField[]

const STRING = { type: 'string' } as const
const OPTIONS = {
  name: STRING,
  start: STRING,
  time: STRING,
  weekday: STRING,
  timezone: STRING,
  weekly: STRING,
  then: STRING,
  facilitators: STRING,
  members: STRING,
  skip: STRING,
  force: { type: 'boolean' },
} as const satisfies Record<(typeof FLAGS)[number] | 'force', unknown>

/** What the terminal asks, in order; weekday and time come from the start unless given as flags. */
const QUESTIONS: ReadonlyArray<{ field: CohortField; question: string; fallback?: () => string }> =
  [
    { field: 'name', question: 'Group name (shown in issue titles)' },
    { field: 'start', question: 'First meeting, local date and time (YYYY-MM-DD HH:MM)' },
    {
      field: 'timezone',
      question: 'Time zone (IANA, e.g. Europe/Berlin)',
      fallback: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    },
    { field: 'weekly', question: 'Number of weekly meetings', fallback: () => '6' },
    { field: 'then', question: 'Then: monthly, biweekly or none', fallback: () => 'monthly' },
    { field: 'facilitators', question: 'Facilitators (GitHub logins, comma separated)' },
    { field: 'members', question: 'Other members (GitHub logins, comma separated)' },
    { field: 'skip', question: 'Dates to skip (YYYY-MM-DD, comma separated; empty for none)' },
  ]

/**
 * Writes groups/<slug>/group.yml from flags (or, in a terminal without flags, from questions): the
 * same file, checked the same way, as the "Start a cohort" workflow writes. Never overwrites an
 * existing file without --force; with it, the flags update the file and everything else stays.
 */
export async function init(
  args: string[],
  io: Io,
  prompt: () => Prompt = terminalPrompt,
): Promise<number> {
  const { values, positionals } = parseCommandArgs('init', args, OPTIONS)
  if (positionals.length > 1)
    throw new UsageError(`unexpected argument "${positionals[1]}"`, 'init')
  const form: CohortForm = { slug: positionals[0] }
  for (const flag of FLAGS) {
    const value = values[flag]
    if (typeof value === 'string') form[flag] = value
  }
  const flagged = FLAGS.some((flag) => form[flag] !== undefined)
  if (!flagged && !io.isTty)
    throw new UsageError(
      'give the group as flags (at least --name, --start, --timezone and --facilitators), or run it in a terminal to be asked',
      'init',
    )
  if (!flagged) await askForMissing(form, prompt(), io)
  if (!form.slug) throw new UsageError('missing <slug>', 'init')
  // Answers to questions are not flags: problems name the field, not a flag nobody typed.
  const prefix = flagged ? '--' : ''

  const { draft, problems: formProblems } = readCohortForm(form)
  const badSlug = formProblems.find((p) => p.field === 'slug')
  if (badSlug) {
    io.err(`<slug>: ${badSlug.message}`)
    return EXIT_INVALID
  }
  const file = groupFilePath(draft.slug)
  const target = path.join(io.cwd, file)
  const inTheWay = await pathInTheWay(io.cwd, file)
  if (inTheWay) {
    io.err(`skill-share: ${inTheWay}; ${file} not written`)
    return EXIT_INVALID
  }
  const exists = existsSync(target)
  if (exists && values.force !== true) {
    io.err(
      `skill-share: ${file} already exists; pass --force to update it (what the flags do not cover, such as names and themes, is kept)`,
    )
    return EXIT_INVALID
  }
  const existing = exists ? await readFile(target, 'utf8') : undefined
  const unreadable = existing === undefined ? undefined : unreadableGroupFile(existing, file)
  if (unreadable) {
    io.err(`skill-share: ${unreadable.message}`)
    return EXIT_INVALID
  }
  const text = renderGroupFile(draft, existing)
  const { problems } = validateGroupDraft(text, draft, formProblems)
  const all = [...formProblems, ...problems]
  for (const problem of all) io.err(formatFormProblem(problem, prefix))
  if (all.some((p) => p.severity === 'error')) {
    io.err(`skill-share: ${file} not written`)
    return EXIT_INVALID
  }
  await mkdir(path.dirname(target), { recursive: true })
  await writeFile(target, text)
  io.out(`${exists ? 'updated' : 'wrote'} ${file}`)
  const schedule = await refreshSchedule(io.cwd)
  if (schedule) io.out(schedule)
  io.out(
    [
      'Next:',
      `  1. Give each member's full name in ${file} (used only to redact anything the group publishes).`,
      `  2. Check the schedule: skill-share plan groups/${draft.slug}`,
      `  3. See every issue the group will get: skill-share preview groups/${draft.slug}`,
      '  4. Commit and push, or run "Start a cohort" on GitHub, which also opens the first issues.',
    ].join('\n'),
  )
  return EXIT_OK
}

/** How many times a question is asked again after an answer that does not fit. */
const ATTEMPTS = 3

async function askForMissing(form: CohortForm, prompt: Prompt, io: Io): Promise<void> {
  try {
    if (!form.slug) form.slug = await askChecked(prompt, io, 'slug', SLUG_QUESTION)
    for (const { field, question, fallback } of QUESTIONS) {
      if (form[field] !== undefined) continue
      form[field] = await askChecked(prompt, io, field, question, fallback?.())
    }
  } finally {
    prompt.close()
  }
}

const SLUG_QUESTION = 'Slug, the folder name (e.g. fall-2026)'

/** Asks until the answer fits (a few times), saying what was wrong right after each answer. */
async function askChecked(
  prompt: Prompt,
  io: Io,
  field: CohortField,
  question: string,
  fallback?: string,
): Promise<string> {
  let answer = ''
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    answer = await prompt.ask(question, fallback)
    const problem = checkAnswer(field, answer)
    if (!problem) return answer
    io.err(`${problem}${attempt < ATTEMPTS ? '; try again' : ''}`)
  }
  return answer
}

/** Files or folders where init needs a folder or its group file: said plainly, not ENOTDIR. */
async function pathInTheWay(cwd: string, file: string): Promise<string | undefined> {
  const parts = file.split('/')
  for (let i = 1; i <= parts.length; i++) {
    const at = parts.slice(0, i).join('/')
    const info = await stat(path.join(cwd, at)).catch(() => undefined)
    if (!info) return undefined
    const last = i === parts.length
    if (last && info.isDirectory()) return `${at} is a folder, where the group file should be`
    if (!last && !info.isDirectory()) return `${at} is a file, where a folder should be`
  }
  return undefined
}

function terminalPrompt(): Prompt {
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  return {
    ask: async (question, fallback) => {
      const answer = (await rl.question(`${question}${fallback ? ` [${fallback}]` : ''}: `)).trim()
      return answer || fallback || ''
    },
    close: () => rl.close(),
  }
}
