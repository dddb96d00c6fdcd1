/**
 * The issue forms, as the code knows them. `.github/ISSUE_TEMPLATE/*.yml` is what GitHub shows;
 * this catalog is what the actions rely on: each form's kind, file, label and field ids (the
 * contract), plus the default headings and options, which a test keeps in step with the YAML.
 *
 * A group may reword its forms freely. What must not change is a field's id and type, and for
 * choices the number and order of options: answers are read by position, so "Family" renamed to
 * "Home life" still means `family`.
 */

export const FORM_KINDS = [
  'homework',
  'intention',
  'check-in',
  'topic',
  'reflection',
  'conversation',
  'sign-up',
  'self-evaluation',
  'assessment',
  'pulse',
  'nomination',
] as const
export type FormKind = (typeof FORM_KINDS)[number]

/** Every form carries this label next to its own. */
export const SKILL_SHARE_LABEL = 'skill-share'

/** Fields every form shares; their ids are also the query parameters that prefill them. */
export const GROUP_FIELD = 'group'
export const SESSION_FIELD = 'session'

export const ISSUE_TEMPLATE_DIR = '.github/ISSUE_TEMPLATE'

export type FieldType = 'input' | 'textarea' | 'dropdown' | 'checkboxes'

export interface ChoiceOption<V extends string = string> {
  /** What the code sees, whatever the form's wording. */
  value: V
  /** The option's default wording in the shipped form. */
  label: string
}

export interface FormField {
  id: string
  type: FieldType
  /** Default label; GitHub renders it as the `### ` heading of the answer. */
  label: string
  required: boolean
  /** Dropdowns and checkboxes: the options, in form order. */
  options?: readonly ChoiceOption[]
}

export interface FormEntry {
  kind: FormKind
  /** The form's name in GitHub's template chooser. */
  name: string
  /** File name in .github/ISSUE_TEMPLATE, also the `template` query parameter. */
  template: string
  /** The form's own label, added by GitHub when the issue is created. */
  label: string
  /** The issue title GitHub suggests; session links prefill a fuller one. */
  title: string
  fields: readonly FormField[]
}

export const AREAS = ['work', 'family', 'self'] as const
export type Area = (typeof AREAS)[number]

export const CHECK_IN_OUTCOMES = [
  { value: 'done', label: 'Done' },
  { value: 'partly', label: 'Partly' },
  { value: 'not-yet', label: 'Not yet' },
] as const satisfies readonly ChoiceOption[]
export type CheckInOutcome = (typeof CHECK_IN_OUTCOMES)[number]['value']

export const CONTINUE_CHOICES = [
  { value: 'monthly', label: 'Monthly' },
  { value: 'biweekly', label: 'Every two weeks' },
  { value: 'stop', label: 'Stop here' },
] as const satisfies readonly ChoiceOption[]
export type ContinueChoice = (typeof CONTINUE_CHOICES)[number]['value']

/**
 * The core tech-lead skills a coaching conversation can exercise. The list is deliberately short
 * so that a coaching network can see, over months, which skills its conversations keep returning
 * to. To change it, change both this list and the `skill` dropdown of conversation.yml.
 */
export const CORE_SKILLS = [
  { value: 'communication', label: 'Communication' },
  { value: 'delegation', label: 'Delegation' },
  { value: 'feedback', label: 'Feedback' },
  { value: 'running-meetings', label: 'Running meetings' },
  { value: 'technical-decision-making', label: 'Technical decision making' },
  { value: 'influence-without-authority', label: 'Influence without authority' },
  { value: 'hiring-and-interviewing', label: 'Hiring and interviewing' },
  { value: 'prioritization', label: 'Prioritization' },
  { value: 'coaching-others', label: 'Coaching others' },
  { value: 'self-care', label: 'Self-care' },
] as const satisfies readonly ChoiceOption[]
export type CoreSkill = (typeof CORE_SKILLS)[number]['value']

/** How often a pair meets, as the sign-up form words it; values are the group file's `cadence`. */
export const CADENCE_CHOICES = [
  { value: 'weekly', label: 'Every week' },
  { value: 'biweekly', label: 'Every other week' },
  { value: 'monthly', label: 'Once a month' },
] as const satisfies readonly ChoiceOption[]
export type CadenceChoice = (typeof CADENCE_CHOICES)[number]['value']

/** How many coachees one coach takes at a time, at most. */
export const CAPACITY_CHOICES = [
  { value: '1', label: '1' },
  { value: '2', label: '2' },
  { value: '3', label: '3' },
  { value: '4', label: '4' },
] as const satisfies readonly ChoiceOption[]

/** The five focus areas of technical leadership a member rates themselves on. */
export const FOCUS_AREAS = [
  { value: 'empowering-others', label: 'Empowering others' },
  { value: 'challenging-assumptions', label: 'Challenging assumptions' },
  { value: 'eliminating-pain-points', label: 'Eliminating pain points' },
  { value: 'influencing-culture', label: 'Influencing culture' },
  { value: 'leading-technology', label: 'Leading technology and architecture' },
] as const satisfies readonly ChoiceOption[]
export type FocusArea = (typeof FOCUS_AREAS)[number]['value']

export const EVALUATION_MOMENTS = [
  { value: 'start', label: 'At the start' },
  { value: 'end', label: 'At the end' },
] as const satisfies readonly ChoiceOption[]
export type EvaluationMoment = (typeof EVALUATION_MOMENTS)[number]['value']

/** "Is my team executing well, and is it happy?": the success test, answered in two parts. */
export const TEAM_ANSWERS = [
  { value: 'yes', label: 'Yes' },
  { value: 'partly', label: 'Partly' },
  { value: 'not-yet', label: 'Not yet' },
] as const satisfies readonly ChoiceOption[]
export type TeamAnswer = (typeof TEAM_ANSWERS)[number]['value']

/** Who a feedback interview was with: a role, never a name. */
export const INTERVIEW_ROLES = [
  { value: 'assessment', label: 'Nobody: it was an assessment or a test' },
  { value: 'peer', label: 'A peer' },
  { value: 'manager', label: 'My manager' },
  { value: 'leader', label: 'Another leader' },
  { value: 'report', label: 'Someone on my team' },
  { value: 'coach', label: 'My coach' },
  { value: 'outside', label: 'Someone outside work' },
] as const satisfies readonly ChoiceOption[]
export type InterviewRole = (typeof INTERVIEW_ROLES)[number]['value']

/** The pulse after week 2: is it getting less awkward, and does the member feel part of it? */
export const EASE_CHOICES = [
  { value: 'easier', label: 'Less awkward than at the start' },
  { value: 'same', label: 'About the same' },
  { value: 'harder', label: 'More awkward' },
] as const satisfies readonly ChoiceOption[]
export type EaseChoice = (typeof EASE_CHOICES)[number]['value']

export const BELONGING_CHOICES = [
  { value: 'yes', label: 'Yes' },
  { value: 'partly', label: 'Partly' },
  { value: 'not-yet', label: 'Not yet' },
] as const satisfies readonly ChoiceOption[]
export type BelongingChoice = (typeof BELONGING_CHOICES)[number]['value']

/** Who a nomination is for: someone else, or the author's own interest. */
export const NOMINEE_CHOICES = [
  { value: 'someone-else', label: 'Someone else' },
  { value: 'myself', label: 'Myself: I would like to join' },
] as const satisfies readonly ChoiceOption[]
export type NomineeChoice = (typeof NOMINEE_CHOICES)[number]['value']

/** Whether the nominee leads with a title (manages people) or without one (tech lead, staff, founder). */
export const LEADS_CHOICES = [
  { value: 'formally', label: 'Formally: they manage people' },
  {
    value: 'informally',
    label: 'Informally: leads without reports (tech lead / staff engineer / founder)',
  },
  { value: 'both', label: 'Both' },
  { value: 'not-sure', label: 'Not sure' },
] as const satisfies readonly ChoiceOption[]
export type LeadsChoice = (typeof LEADS_CHOICES)[number]['value']

export const SCORE_MIN = 1
export const SCORE_MAX = 10

const SCORE_OPTIONS: readonly ChoiceOption[] = Array.from(
  { length: SCORE_MAX - SCORE_MIN + 1 },
  (_, i) => ({ value: String(SCORE_MIN + i), label: String(SCORE_MIN + i) }),
)

const AREA_OPTIONS: readonly ChoiceOption<Area>[] = [
  { value: 'work', label: 'Work' },
  { value: 'family', label: 'Family' },
  { value: 'self', label: 'Self' },
]

const AREA_NAMES: Record<Area, string> = { work: 'Work', family: 'Family', self: 'Self' }

/** The playbook's sheet asks for something positive and something negative in every area. */
export const LEANINGS = ['positive', 'negative'] as const
export type Leaning = (typeof LEANINGS)[number]

/** One of the sheet's six prompts, e.g. `work-positive`. */
export type Prompt = `${Area}-${Leaning}`

/** The six prompts in sheet order, with the wording the "two I'll share" checkboxes use. */
export const PROMPTS: readonly ChoiceOption<Prompt>[] = AREAS.flatMap((area) =>
  LEANINGS.map((leaning) => ({
    value: `${area}-${leaning}` as Prompt,
    label: `${AREA_NAMES[area]}, ${leaning}`,
  })),
)

export function promptArea(prompt: Prompt): Area {
  return prompt.split('-')[0] as Area
}

export const CONSENT_OPTION: ChoiceOption = {
  value: 'quote-anonymously',
  label: "I agree that this reflection may be quoted anonymously in the group's retrospective",
}

const group: FormField = { id: GROUP_FIELD, type: 'input', label: 'Group', required: true }
const session: FormField = { id: SESSION_FIELD, type: 'input', label: 'Session', required: true }

function score(id: string, label: string): FormField {
  return { id, type: 'dropdown', label, required: true, options: SCORE_OPTIONS }
}

function optionalScore(id: string, label: string): FormField {
  return { ...score(id, label), required: false }
}

/** A prompt's two answers: what happened, and why it matters to me. */
function promptFields(prompt: Prompt): FormField[] {
  const name = PROMPTS.find((option) => option.value === prompt)?.label ?? prompt
  return [
    text(`${prompt}-what`, `${name}: what happened`, false),
    text(`${prompt}-significance`, `${name}: why it matters to me`, false),
  ]
}

function text(id: string, label: string, required: boolean): FormField {
  return { id, type: 'textarea', label, required }
}

export const FORMS: { readonly [K in FormKind]: FormEntry & { kind: K } } = {
  homework: {
    kind: 'homework',
    name: 'Homework',
    template: 'homework.yml',
    label: 'homework',
    title: 'Homework · ',
    fields: [
      group,
      session,
      ...AREAS.flatMap((area) => [
        ...LEANINGS.flatMap((leaning) => promptFields(`${area}-${leaning}`)),
        optionalScore(`${area}-score`, `${AREA_NAMES[area]}: a score from 1 to 10, if you like`),
      ]),
      {
        id: 'share',
        type: 'checkboxes',
        label: "The two I'll share in the opening circle",
        required: false,
        options: PROMPTS,
      },
      text('for-facilitator', 'Anything the facilitator should know?', false),
    ],
  },
  intention: {
    kind: 'intention',
    name: 'Intention',
    template: 'intention.yml',
    label: 'intention',
    title: 'Intention · ',
    fields: [
      group,
      text('goal', 'What I want to get better at', true),
      text('how-i-will-know', 'How I will know', true),
      text('support', 'Support I would like from the group', false),
    ],
  },
  'check-in': {
    kind: 'check-in',
    name: 'Buddy check-in',
    template: 'check-in.yml',
    label: 'check-in',
    title: 'Check-in · ',
    fields: [
      group,
      session,
      text('commitment', 'My commitment this week', true),
      {
        id: 'outcome',
        type: 'dropdown',
        label: 'How it went',
        required: true,
        options: CHECK_IN_OUTCOMES,
      },
      text('notes', 'What helped or got in the way', false),
    ],
  },
  topic: {
    kind: 'topic',
    name: 'Topic proposal',
    template: 'topic.yml',
    label: 'topic',
    title: 'Topic · ',
    fields: [
      group,
      { id: 'topic', type: 'input', label: 'The topic', required: true },
      text('why', 'Why it matters to me', true),
      text('story', 'A story or question I would bring', false),
    ],
  },
  reflection: {
    kind: 'reflection',
    name: 'Closing reflection',
    template: 'reflection.yml',
    label: 'reflection',
    title: 'Reflection · ',
    fields: [
      group,
      text('learned', 'What did I learn?', true),
      text('in-a-year', 'Where do I want to be in a year?', true),
      {
        id: 'continue',
        type: 'dropdown',
        label: 'Should the group continue?',
        required: true,
        options: CONTINUE_CHOICES,
      },
      {
        id: 'consent',
        type: 'checkboxes',
        label: 'Quoting this reflection',
        required: false,
        options: [CONSENT_OPTION],
      },
    ],
  },
  conversation: {
    kind: 'conversation',
    name: 'Coaching conversation',
    template: 'conversation.yml',
    label: 'conversation',
    title: 'Conversation · ',
    fields: [
      group,
      { ...session, label: 'Conversation number' },
      text('next-step', 'My one next step', true),
      { id: 'by-when', type: 'input', label: 'By when', required: true },
      score('confidence', 'How confident I am that I will take it'),
      {
        id: 'skill',
        type: 'dropdown',
        label: 'The core skill it exercises',
        required: true,
        options: CORE_SKILLS,
      },
    ],
  },
  'sign-up': {
    kind: 'sign-up',
    name: 'Coaching sign-up',
    template: 'coaching-sign-up.yml',
    label: 'sign-up',
    title: 'Sign-up · ',
    fields: [
      group,
      {
        id: 'offer',
        type: 'checkboxes',
        label: 'Skills I can coach others in',
        required: false,
        options: CORE_SKILLS,
      },
      {
        id: 'capacity',
        type: 'dropdown',
        label: 'How many people I can coach at a time',
        required: false,
        options: CAPACITY_CHOICES,
      },
      {
        id: 'seek',
        type: 'checkboxes',
        label: 'Skills I would like coaching in',
        required: false,
        options: CORE_SKILLS,
      },
      { id: 'timezone', type: 'input', label: 'My time zone', required: true },
      { id: 'hours', type: 'input', label: 'My usual hours for a conversation', required: true },
      {
        id: 'cadence',
        type: 'dropdown',
        label: 'How often',
        required: true,
        options: CADENCE_CHOICES,
      },
      { id: 'place', type: 'input', label: 'How to meet', required: false },
    ],
  },
  'self-evaluation': {
    kind: 'self-evaluation',
    name: 'Self-evaluation',
    template: 'self-evaluation.yml',
    label: 'self-evaluation',
    title: 'Self-evaluation · ',
    fields: [
      group,
      {
        id: 'moment',
        type: 'dropdown',
        label: 'When',
        required: true,
        options: EVALUATION_MOMENTS,
      },
      ...FOCUS_AREAS.map((area) => score(area.value, area.label)),
      {
        id: 'executing',
        type: 'dropdown',
        label: 'Is my team executing well?',
        required: true,
        options: TEAM_ANSWERS,
      },
      {
        id: 'happy',
        type: 'dropdown',
        label: 'Is my team happy?',
        required: true,
        options: TEAM_ANSWERS,
      },
      text('notes', 'What is behind these answers', false),
    ],
  },
  assessment: {
    kind: 'assessment',
    name: 'Assessment or interview',
    template: 'assessment.yml',
    label: 'assessment',
    title: 'Assessment · ',
    fields: [
      group,
      { id: 'what', type: 'input', label: 'What it was', required: true },
      {
        id: 'with',
        type: 'dropdown',
        label: 'Who it was with',
        required: true,
        options: INTERVIEW_ROLES,
      },
      text('summary', 'The result, or what I heard, in my own words', true),
      text('takeaway', 'What I take from it', false),
    ],
  },
  pulse: {
    kind: 'pulse',
    name: 'Pulse',
    template: 'pulse.yml',
    label: 'pulse',
    title: 'Pulse · ',
    fields: [
      group,
      {
        id: 'ease',
        type: 'dropdown',
        label: 'Since the first meeting, our meetings feel',
        required: true,
        options: EASE_CHOICES,
      },
      {
        id: 'belonging',
        type: 'dropdown',
        label: 'I feel part of this group',
        required: true,
        options: BELONGING_CHOICES,
      },
    ],
  },
  nomination: {
    kind: 'nomination',
    name: 'Nomination or interest',
    template: 'nomination.yml',
    label: 'nomination',
    title: 'Nomination · ',
    fields: [
      group,
      {
        id: 'for',
        type: 'dropdown',
        label: 'This is about',
        required: true,
        options: NOMINEE_CHOICES,
      },
      { id: 'who', type: 'input', label: 'Who', required: true },
      text('why', 'Why they would get a lot out of it, and bring a lot to it', true),
      text('how-known', 'How I know them', true),
      {
        id: 'leads',
        type: 'dropdown',
        label: 'How they lead',
        required: true,
        options: LEADS_CHOICES,
      },
    ],
  },
}

/**
 * The homework form of the first cohorts: a required 1-10 score and a few lines per area, and two
 * areas ticked for the circle. Issues filled in on it keep reading, and a repository that still
 * has this form keeps working; new repositories get the playbook's sheet above.
 */
export const SCORE_HOMEWORK: FormEntry & { kind: 'homework' } = {
  ...FORMS.homework,
  fields: [
    group,
    session,
    ...AREAS.flatMap((area) => [
      score(`${area}-score`, `${AREA_NAMES[area]}: my score`),
      text(`${area}-notes`, `${AREA_NAMES[area]}: a few lines`, false),
    ]),
    {
      id: 'circle',
      type: 'checkboxes',
      label: 'Two answers for the opening circle',
      required: false,
      options: AREA_OPTIONS,
    },
    text('for-facilitator', 'Anything the facilitator should know?', false),
  ],
}

/** The shapes a form has had, newest first; only homework has more than one. */
export function formShapes(kind: FormKind): readonly FormEntry[] {
  return kind === 'homework' ? [FORMS.homework, SCORE_HOMEWORK] : [FORMS[kind]]
}

export function isFormKind(value: string): value is FormKind {
  return (FORM_KINDS as readonly string[]).includes(value)
}

/** The form behind a template file name, e.g. `homework.yml`. */
export function formByTemplate(template: string): FormEntry | undefined {
  return FORM_KINDS.map((kind) => FORMS[kind]).find((form) => form.template === template)
}

/** Repository-relative path of a form, e.g. `.github/ISSUE_TEMPLATE/homework.yml`. */
export function templatePath(kind: FormKind): string {
  return `${ISSUE_TEMPLATE_DIR}/${FORMS[kind].template}`
}

export function fieldOf(kind: FormKind, id: string): FormField | undefined {
  return FORMS[kind].fields.find((field) => field.id === id)
}
