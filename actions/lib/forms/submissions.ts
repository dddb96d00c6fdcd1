import type { Area, CheckInOutcome, ContinueChoice, CoreSkill, FormKind } from './catalog.js'
import type { FormProblem } from './problems.js'

/** Optional free-text answers are absent when left blank. */
export interface HomeworkSubmission {
  kind: 'homework'
  group: string
  session: number
  scores: Record<Area, number>
  notes: Partial<Record<Area, string>>
  /** The two areas to share in the opening circle, in the order work, family, self. */
  circle: [Area, Area]
  forFacilitator?: string
}

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

export type Submission =
  | HomeworkSubmission
  | IntentionSubmission
  | CheckInSubmission
  | TopicSubmission
  | ReflectionSubmission
  | ConversationSubmission

export type SubmissionOf<K extends FormKind> = Extract<Submission, { kind: K }>

export type FormResult<K extends FormKind = FormKind> =
  { ok: true; submission: SubmissionOf<K> } | { ok: false; kind: K; problems: FormProblem[] }
