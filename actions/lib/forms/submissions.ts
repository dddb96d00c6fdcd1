import type {
  Area,
  BelongingChoice,
  EaseChoice,
  LeadsChoice,
  NomineeChoice,
  CadenceChoice,
  CheckInOutcome,
  ContinueChoice,
  CoreSkill,
  EvaluationMoment,
  FocusArea,
  FormKind,
  InterviewRole,
  Prompt,
  TeamAnswer,
} from './catalog.js'
import type { FormProblem } from './problems.js'

/** Optional free-text answers are absent when left blank. */
interface HomeworkBase {
  kind: 'homework'
  group: string
  session: number
  forFacilitator?: string
}

/** One of the sheet's prompts, answered. */
export interface PromptAnswer {
  what: string
  significance?: string
}

/** The playbook's sheet: six prompts (work, family, self; positive and negative), two to share. */
export interface SheetHomework extends HomeworkBase {
  sheet: 'prompts'
  /** The prompts answered; a prompt left blank is absent. */
  answers: Partial<Record<Prompt, PromptAnswer>>
  /** The two prompts to share in the opening circle, in sheet order. */
  share: [Prompt, Prompt]
  /** The optional 1-10 scores, for members who like them. */
  scores: Partial<Record<Area, number>>
}

/** The score form of the first cohorts: a 1-10 score per area, a few lines, two areas to share. */
export interface ScoredHomework extends HomeworkBase {
  sheet: 'scores'
  scores: Record<Area, number>
  notes: Partial<Record<Area, string>>
  /** The two areas to share in the opening circle, in the order work, family, self. */
  circle: [Area, Area]
}

export type HomeworkSubmission = SheetHomework | ScoredHomework

export interface IntentionSubmission {
  kind: 'intention'
  group: string
  goal: string
  howIWillKnow: string
  support?: string
}

export interface CheckInSubmission {
  kind: 'check-in'
  group: string
  /** The session at which the commitment was made; the check-in covers the week after it. */
  session: number
  commitment: string
  outcome: CheckInOutcome
  notes?: string
}

export interface TopicSubmission {
  kind: 'topic'
  group: string
  topic: string
  why: string
  story?: string
}

export interface ReflectionSubmission {
  kind: 'reflection'
  group: string
  learned: string
  inAYear: string
  continue: ContinueChoice
  /** Only a ticked box counts; a missing or edited-away box means no. */
  consent: boolean
}

/** The coachee's write-up after a coaching conversation. */
export interface ConversationSubmission {
  kind: 'conversation'
  group: string
  /** The conversation number within the pair. */
  session: number
  nextStep: string
  /** As the coachee wrote it ("Friday", "before the offsite"): a promise, not a date to parse. */
  byWhen: string
  confidence: number
  skill: CoreSkill
}

/** One person's offer or wish for coaching in a coaching network. */
export interface SignUpSubmission {
  kind: 'sign-up'
  group: string
  /** Skills they can coach others in; empty when they only seek. */
  offer: CoreSkill[]
  /** How many coachees they take at most (1 when not said); meaningful only with `offer`. */
  capacity: number
  /** Skills they would like coaching in; empty when they only offer. */
  seek: CoreSkill[]
  /** IANA time zone, e.g. Europe/Berlin. */
  timezone: string
  /** Their usual hours, local, read by `parseHours`, e.g. "Tue-Thu 08:00-10:00". */
  hours: HourWindow[]
  cadence: CadenceChoice
  /** A room or a video link; a coach's is where their conversations happen. */
  place?: string
}

/** Local hours on some days of the week; days are ISO weekdays (1 Monday .. 7 Sunday). */
export interface HourWindow {
  days: number[]
  /** Minutes after local midnight. */
  from: number
  to: number
}

/** A member's own ratings of the five focus areas, at the start or the end. */
export interface SelfEvaluationSubmission {
  kind: 'self-evaluation'
  group: string
  moment: EvaluationMoment
  scores: Record<FocusArea, number>
  executing: TeamAnswer
  happy: TeamAnswer
  notes?: string
}

/** An assessment's result, or a feedback interview's summary: with a role, never a name. */
export interface AssessmentSubmission {
  kind: 'assessment'
  group: string
  what: string
  with: InterviewRole
  summary: string
  takeaway?: string
}

/** The pulse after week 2; only ever shown as counts, and only once three have answered. */
export interface PulseSubmission {
  kind: 'pulse'
  group: string
  ease: EaseChoice
  belonging: BelongingChoice
}

/** Someone the author suggests for the group, or the author's own interest in joining. */
export interface NominationSubmission {
  kind: 'nomination'
  group: string
  for: NomineeChoice
  /** As the author wrote it: a name, a login, or both. */
  who: string
  why: string
  howKnown: string
  leads: LeadsChoice
}

export type Submission =
  | PulseSubmission
  | NominationSubmission
  | SignUpSubmission
  | SelfEvaluationSubmission
  | AssessmentSubmission
  | HomeworkSubmission
  | IntentionSubmission
  | CheckInSubmission
  | TopicSubmission
  | ReflectionSubmission
  | ConversationSubmission

export type SubmissionOf<K extends FormKind> = Extract<Submission, { kind: K }>

export type FormResult<K extends FormKind = FormKind> =
  { ok: true; submission: SubmissionOf<K> } | { ok: false; kind: K; problems: FormProblem[] }
