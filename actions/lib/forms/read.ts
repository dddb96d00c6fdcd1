import { HOURS_EXAMPLE, parseHours } from '../coaching/hours.js'
import { isValidTimeZone } from '../schedule/time.js'
import { readAnswers, type Answers } from './answers.js'
import {
  AREAS,
  BELONGING_CHOICES,
  EASE_CHOICES,
  LEADS_CHOICES,
  NOMINEE_CHOICES,
  CADENCE_CHOICES,
  EVALUATION_MOMENTS,
  FOCUS_AREAS,
  INTERVIEW_ROLES,
  TEAM_ANSWERS,
  type CoreSkill,
  type FocusArea,
  CHECK_IN_OUTCOMES,
  CONSENT_OPTION,
  CONTINUE_CHOICES,
  CORE_SKILLS,
  FORMS,
  formShapes,
  GROUP_FIELD,
  PROMPTS,
  SCORE_MAX,
  SCORE_MIN,
  SESSION_FIELD,
  type Area,
  type ChoiceOption,
  type FormEntry,
  type FormKind,
  type Prompt,
} from './catalog.js'
import { countWord, type FormProblem } from './problems.js'
import type { FormResult, PromptAnswer, Submission, SubmissionOf } from './submissions.js'
import { defaultFormYaml, shapeOfTemplate, templateFields } from './template.js'

/** A group slug is the folder name under groups/. */
const GROUP_SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
/** "3", "#3", "Session 3", "week 3": whatever a busy person types for a number. */
const SESSION_NUMBER = /^(?:(?:session|week|conversation|meeting|no\.?)\s*)?#?\s*(\d{1,4})$/i

/**
 * Reads a submitted issue against its form. `yaml` is the form as the repository has it
 * (`.github/ISSUE_TEMPLATE/<template>`), so a group's rewording is honoured. Returns the typed
 * submission, or every problem at once so the member can fix them in one edit. Throws
 * FormTemplateError when the form YAML itself cannot be read.
 */
export function readSubmission<K extends FormKind>(
  kind: K,
  body: string | null | undefined,
  yaml: string,
): FormResult<K> {
  const form = FORMS[kind]
  const { answers, shape } = answersOf(kind, body ?? '', yaml)
  if (!answers.found) {
    const message = `This doesn't look like a filled-in ${form.name.toLowerCase()} form: none of its questions are in the issue. Please open a new issue from the ${form.name} form.`
    return { ok: false, kind, problems: [{ field: '', message }] }
  }
  const reader = new Reader(answers)
  const submission = READERS[kind](reader, shape) as SubmissionOf<K>
  if (reader.problems.length > 0) return { ok: false, kind, problems: reader.problems }
  return { ok: true, submission }
}

/**
 * Reads the body against the repository's form, in whichever shape it has. A body written on
 * another shape (homework submitted on the score form before the repository moved to the sheet,
 * or the other way round) is read against that shape's shipped wording instead.
 */
function answersOf(
  kind: FormKind,
  body: string,
  yaml: string,
): { answers: Answers; shape: FormEntry } {
  const fields = templateFields(kind, yaml)
  const shape = shapeOfTemplate(kind, fields)
  const answers = readAnswers(shape, body, yaml, fields)
  const shapes = formShapes(kind)
  if (shapes.length === 1 || hasOwnQuestion(answers, shape, shapes)) return { answers, shape }
  for (const other of shapes) {
    if (other === shape) continue
    const otherYaml = defaultFormYaml(other)
    const read = readAnswers(other, body, otherYaml, templateFields(kind, otherYaml))
    if (hasOwnQuestion(read, other, shapes)) return { answers: read, shape: other }
  }
  return { answers, shape }
}

/** Whether the body has a question only this shape asks (group, session or a note are shared). */
function hasOwnQuestion(answers: Answers, shape: FormEntry, shapes: readonly FormEntry[]): boolean {
  const elsewhere = new Set(
    shapes.filter((other) => other !== shape).flatMap((other) => other.fields.map((f) => f.id)),
  )
  return shape.fields.some((field) => !elsewhere.has(field.id) && answers.has(field.id))
}

/**
 * Collects problems while reading. A failed read returns a placeholder so the rest of the form is
 * still checked; the placeholder never escapes, because any problem discards the submission.
 */
class Reader {
  readonly problems: FormProblem[] = []

  constructor(private readonly answers: Answers) {}

  group(): string {
    const raw = this.answers.text(GROUP_FIELD)
    if (raw === undefined) {
      return this.fail(
        GROUP_FIELD,
        'Which group is this for? Add the group slug, e.g. fall-2026.',
        '',
      )
    }
    const slug = raw.replace(/^groups\//i, '').replace(/\/(group\.ya?ml)?$/i, '')
    if (!GROUP_SLUG.test(slug)) {
      return this.fail(
        GROUP_FIELD,
        'The group should be its short name, the folder under groups/, e.g. fall-2026.',
        '',
      )
    }
    return slug
  }

  number(what: 'session' | 'conversation'): number {
    const raw = this.answers.text(SESSION_FIELD)
    const example = what === 'session' ? '3' : '2'
    if (raw === undefined) {
      const ask =
        what === 'session'
          ? 'Which session is this for? Add the session number'
          : 'Which conversation is this? Add its number'
      return this.fail(SESSION_FIELD, `${ask}, e.g. ${example}.`, 0)
    }
    const value = Number(SESSION_NUMBER.exec(raw)?.[1] ?? NaN)
    if (!(value >= 1)) {
      const name = what === 'session' ? 'The session' : 'The conversation number'
      return this.fail(SESSION_FIELD, `${name} should be just a number, e.g. ${example}.`, 0)
    }
    return value
  }

  required(id: string, ask: string): string {
    return this.answers.text(id) ?? this.fail(id, ask, '')
  }

  optional(id: string): string | undefined {
    return this.answers.text(id)
  }

  score(id: string, ask: string, what: string): number {
    const { values, unknown } = this.answers.choices(id)
    if (values.length === 0 && unknown === 0) return this.fail(id, ask, 0)
    if (values.length !== 1 || unknown > 0) {
      return this.fail(id, `${what} should be one number from ${SCORE_MIN} to ${SCORE_MAX}.`, 0)
    }
    return Number(values[0])
  }

  /** An optional score: absent when left blank, a problem when it is not one number. */
  optionalScore(id: string, what: string): number | undefined {
    const { values, unknown } = this.answers.choices(id)
    if (values.length === 0 && unknown === 0) return undefined
    if (values.length !== 1 || unknown > 0) {
      return this.fail(
        id,
        `${what} should be one number from ${SCORE_MIN} to ${SCORE_MAX}, or left empty.`,
        undefined,
      )
    }
    return Number(values[0])
  }

  choice<V extends string>(id: string, options: readonly ChoiceOption<V>[], ask: string): V {
    const { values, unknown } = this.answers.choices(id)
    const value = options.find((option) => values.length === 1 && option.value === values[0])
    if (!value || unknown > 0) return this.fail(id, ask, '' as V)
    return value.value
  }

  circle(): [Area, Area] {
    const { values, unknown } = this.answers.choices('circle')
    const chosen = values.length + unknown
    if (chosen === 2 && unknown === 0) return values as [Area, Area]
    const message =
      chosen === 2
        ? 'Tick two of Work, Family and Self to bring to the opening circle.'
        : `Choose exactly two answers to bring to the circle (you chose ${countWord(chosen)}).`
    return this.fail('circle', message, ['work', 'family'])
  }

  /** The two prompts ticked to share; each must have its "what happened" answered. */
  share(answered: Partial<Record<Prompt, PromptAnswer>>): [Prompt, Prompt] {
    const { values, unknown } = this.answers.choices('share')
    const chosen = values.length + unknown
    if (chosen !== 2 || unknown > 0) {
      const message =
        chosen === 2
          ? 'Tick two of the six prompts (work, family and self, each positive or negative) to share in the opening circle.'
          : `Choose exactly two of the six prompts to share in the opening circle (you chose ${countWord(chosen)}).`
      return this.fail('share', message, ['work-positive', 'work-negative'])
    }
    const share = values as [Prompt, Prompt]
    for (const prompt of share) {
      if (answered[prompt]) continue
      const name = PROMPTS.find((option) => option.value === prompt)?.label ?? prompt
      this.fail(
        `${prompt}-what`,
        `You chose to share "${name}": add a line on what happened, or tick another prompt.`,
        undefined,
      )
    }
    return share
  }

  ticked(id: string, option: ChoiceOption): boolean {
    return this.answers.choices(id).values.includes(option.value)
  }

  /** Ticked boxes of a checkbox list, in form order; a box the form no longer has is a problem. */
  ticks<V extends string>(id: string, ask: string): V[] {
    const { values, unknown } = this.answers.choices(id)
    if (unknown > 0) this.fail(id, ask, undefined)
    return values as V[]
  }

  /** Records a problem about an answer that is missing. */
  missing(field: string, message: string): void {
    this.problems.push({ field, message })
  }

  private fail<T>(field: string, message: string, placeholder: T): T {
    this.problems.push({ field, message })
    return placeholder
  }
}

function areaScores(reader: Reader): Record<Area, number> {
  const scores = {} as Record<Area, number>
  for (const area of AREAS) {
    scores[area] = reader.score(
      `${area}-score`,
      `Pick a ${area} score from ${SCORE_MIN} to ${SCORE_MAX}.`,
      `Your ${area} score`,
    )
  }
  return scores
}

function optionalScores(reader: Reader): Partial<Record<Area, number>> {
  const scores: Partial<Record<Area, number>> = {}
  for (const area of AREAS) {
    const score = reader.optionalScore(`${area}-score`, `Your ${area} score`)
    if (score !== undefined) scores[area] = score
  }
  return scores
}

/** The prompts answered: "what happened" makes an answer; "why it matters" alone asks for it. */
function promptAnswers(reader: Reader): Partial<Record<Prompt, PromptAnswer>> {
  const answers: Partial<Record<Prompt, PromptAnswer>> = {}
  for (const { value: prompt, label } of PROMPTS) {
    const what = reader.optional(`${prompt}-what`)
    const significance = reader.optional(`${prompt}-significance`)
    if (what === undefined) {
      if (significance !== undefined)
        reader.missing(
          `${prompt}-what`,
          `"${label}": you wrote why it matters; add a line on what happened too.`,
        )
      continue
    }
    answers[prompt] = significance === undefined ? { what } : { what, significance }
  }
  return answers
}

function sheetHomework(reader: Reader): Submission & { kind: 'homework' } {
  const group = reader.group()
  const session = reader.number('session')
  const answers = promptAnswers(reader)
  return withOptional(
    {
      kind: 'homework' as const,
      sheet: 'prompts' as const,
      group,
      session,
      answers,
      share: reader.share(answers),
      scores: optionalScores(reader),
    },
    { forFacilitator: reader.optional('for-facilitator') },
  )
}

function scoredHomework(reader: Reader): Submission & { kind: 'homework' } {
  return withOptional(
    {
      kind: 'homework' as const,
      sheet: 'scores' as const,
      group: reader.group(),
      session: reader.number('session'),
      scores: areaScores(reader),
      notes: areaNotes(reader),
      circle: reader.circle(),
    },
    { forFacilitator: reader.optional('for-facilitator') },
  )
}

function areaNotes(reader: Reader): Partial<Record<Area, string>> {
  const notes: Partial<Record<Area, string>> = {}
  for (const area of AREAS) {
    const note = reader.optional(`${area}-notes`)
    if (note !== undefined) notes[area] = note
  }
  return notes
}

/** Adds optional answers only when given, so "left blank" is simply absent. */
function withOptional<T extends object>(data: T, optional: Record<string, string | undefined>): T {
  const given = Object.entries(optional).filter(([, value]) => value !== undefined)
  return { ...data, ...Object.fromEntries(given) }
}

const READERS: {
  [K in FormKind]: (reader: Reader, shape: FormEntry) => Submission & { kind: K }
} = {
  homework: (reader, shape) =>
    shape.fields.some((field) => field.id === 'share')
      ? sheetHomework(reader)
      : scoredHomework(reader),

  pulse: (reader) => ({
    kind: 'pulse',
    group: reader.group(),
    ease: reader.choice(
      'ease',
      EASE_CHOICES,
      'How do the meetings feel since the first one? Pick one of the three answers.',
    ),
    belonging: reader.choice(
      'belonging',
      BELONGING_CHOICES,
      'Do you feel part of the group? Pick Yes, Partly or Not yet.',
    ),
  }),

  nomination: (reader) => ({
    kind: 'nomination',
    group: reader.group(),
    for: reader.choice(
      'for',
      NOMINEE_CHOICES,
      'Is this about someone else, or about yourself? Pick one.',
    ),
    who: reader.required('who', 'Who is it? A name or a GitHub login is enough.'),
    why: reader.required(
      'why',
      'Why would they get a lot out of the group? A few lines are plenty.',
    ),
    howKnown: reader.required('how-known', 'How do you know them? One line is enough.'),
    leads: reader.choice(
      'leads',
      LEADS_CHOICES,
      'How do they lead: formally, informally, both, or not sure? Pick one.',
    ),
  }),

  intention: (reader) =>
    withOptional(
      {
        kind: 'intention',
        group: reader.group(),
        goal: reader.required('goal', 'What do you want to get better at? A sentence is enough.'),
        howIWillKnow: reader.required(
          'how-i-will-know',
          "How will you know you've got better? Describe what you or others would notice.",
        ),
      },
      { support: reader.optional('support') },
    ),

  'check-in': (reader) =>
    withOptional(
      {
        kind: 'check-in',
        group: reader.group(),
        session: reader.number('session'),
        commitment: reader.required(
          'commitment',
          'What was your commitment this week? One line is enough.',
        ),
        outcome: reader.choice(
          'outcome',
          CHECK_IN_OUTCOMES,
          'How did it go? Pick Done, Partly or Not yet.',
        ),
      },
      { notes: reader.optional('notes') },
    ),

  topic: (reader) =>
    withOptional(
      {
        kind: 'topic',
        group: reader.group(),
        topic: reader.required('topic', 'Name the topic you would like the group to take on.'),
        why: reader.required(
          'why',
          'Tell us why this topic matters to you; a few lines is plenty.',
        ),
      },
      { story: reader.optional('story') },
    ),

  reflection: (reader) => ({
    kind: 'reflection',
    group: reader.group(),
    learned: reader.required('learned', 'What did you learn? A few lines is plenty.'),
    inAYear: reader.required('in-a-year', 'Where do you want to be in a year?'),
    continue: reader.choice(
      'continue',
      CONTINUE_CHOICES,
      'Should the group continue? Pick Monthly, Every two weeks or Stop here.',
    ),
    consent: reader.ticked('consent', CONSENT_OPTION),
  }),

  conversation: (reader) => ({
    kind: 'conversation',
    group: reader.group(),
    session: reader.number('conversation'),
    nextStep: reader.required('next-step', "What's your one next step? One sentence is enough."),
    byWhen: reader.required('by-when', 'By when will you take your next step?'),
    confidence: reader.score(
      'confidence',
      `How confident are you that you'll take it? Pick a number from ${SCORE_MIN} to ${SCORE_MAX}.`,
      'Your confidence',
    ),
    skill: reader.choice(
      'skill',
      CORE_SKILLS,
      'Which core skill did this conversation exercise? Pick one from the list.',
    ),
  }),

  'sign-up': (reader) => signUp(reader),

  'self-evaluation': (reader) =>
    withOptional(
      {
        kind: 'self-evaluation' as const,
        group: reader.group(),
        moment: reader.choice(
          'moment',
          EVALUATION_MOMENTS,
          'Is this the start or the end? Pick one.',
        ),
        scores: focusScores(reader),
        executing: reader.choice(
          'executing',
          TEAM_ANSWERS,
          'Is your team executing well? Pick Yes, Partly or Not yet.',
        ),
        happy: reader.choice(
          'happy',
          TEAM_ANSWERS,
          'Is your team happy? Pick Yes, Partly or Not yet.',
        ),
      },
      { notes: reader.optional('notes') },
    ),

  assessment: (reader) =>
    withOptional(
      {
        kind: 'assessment' as const,
        group: reader.group(),
        what: reader.required(
          'what',
          'What was it? The name of the assessment, or "feedback interview".',
        ),
        with: reader.choice(
          'with',
          INTERVIEW_ROLES,
          'Who was it with? Pick a role from the list (never a name).',
        ),
        summary: reader.required(
          'summary',
          'What did it say, or what did you hear? A few lines in your own words.',
        ),
      },
      { takeaway: reader.optional('takeaway') },
    ),
}

function focusScores(reader: Reader): Record<FocusArea, number> {
  const scores = {} as Record<FocusArea, number>
  for (const area of FOCUS_AREAS) {
    scores[area.value] = reader.score(
      area.value,
      `Rate "${area.label}" from ${SCORE_MIN} to ${SCORE_MAX}.`,
      `Your rating of "${area.label}"`,
    )
  }
  return scores
}

function signUp(reader: Reader): Submission & { kind: 'sign-up' } {
  const group = reader.group()
  const skillsAsk = 'Tick skills from the list; the list is the one in the shipped form.'
  const offer = reader.ticks<CoreSkill>('offer', skillsAsk)
  const seek = reader.ticks<CoreSkill>('seek', skillsAsk)
  if (offer.length === 0 && seek.length === 0) {
    reader.missing(
      'offer',
      'Tick at least one skill: the ones you can coach others in, the ones you would like coaching in, or both.',
    )
  }
  const capacity = Number(
    reader.ticks('capacity', 'How many people can you coach at a time? Pick 1 to 4.')[0] ?? '1',
  )
  const zone = reader.required('timezone', 'Which time zone are you in? E.g. Europe/Berlin.')
  if (zone && !isValidTimeZone(zone)) {
    reader.missing(
      'timezone',
      `"${zone}" is not a time zone name; use the IANA name, e.g. Europe/Berlin or America/Los_Angeles.`,
    )
  }
  const hoursText = reader.required(
    'hours',
    `When do you usually have time for a conversation? E.g. "${HOURS_EXAMPLE}".`,
  )
  const hours = hoursText ? parseHours(hoursText) : undefined
  if (hours && !hours.ok) reader.missing('hours', hours.message)
  return withOptional(
    {
      kind: 'sign-up' as const,
      group,
      offer,
      capacity: Number.isInteger(capacity) && capacity > 0 ? capacity : 1,
      seek,
      timezone: zone,
      hours: hours?.ok ? hours.windows : [],
      cadence: reader.choice(
        'cadence',
        CADENCE_CHOICES,
        'How often would you like to meet? Pick every week, every other week or once a month.',
      ),
    },
    { place: reader.optional('place') },
  )
}
