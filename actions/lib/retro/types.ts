import type { AnonymizerOptions } from '../anonymize/anonymizer.js'
import type { Leak } from '../anonymize/gate.js'
import type { ReplacementCategory, RosterMember } from '../anonymize/policy.js'
import type { SessionKind } from '../schedule/schedule.js'

/** The sections of a retrospective, in the order they are printed. */
export const SECTIONS = ['worked', 'hard', 'learned', 'stories'] as const
export type Section = (typeof SECTIONS)[number]

export const SECTION_TITLES: Record<Section, string> = {
  worked: 'What worked',
  hard: 'What was hard',
  learned: 'What we learned',
  stories: 'Stories and takeaways',
}

/** The group fields a retrospective reads (a `Group` fits). */
export interface RetroGroup {
  slug: string
  name: string
  weekly: number
  then: 'monthly' | 'biweekly' | 'none'
  members: readonly RosterMember[]
  redact?: readonly string[] | undefined
}

/** The session fields a retrospective reads (a `Session` from `buildSchedule` fits). */
export interface RetroSession {
  number: number
  kind: SessionKind
  week?: number | undefined
  date: string
  theme?: string | undefined
}

/** A notes file, e.g. groups/<slug>/notes/2026-09-20.md, read by the caller. */
export interface NotesFile {
  path: string
  text: string
}

/** The text after `/notes` in a comment on a session issue. */
export interface NotesComment {
  session: number
  body: string
}

/** Closing-session answers a member agreed to share. Anything without `consent: true` is ignored. */
export interface Reflection {
  consent: boolean
  /** What did I learn? */
  learned?: string | undefined
  /** Where do I want to be in a year? */
  inAYear?: string | undefined
  session?: number | undefined
}

/** An average over the people who answered. */
export interface ScoreAverage {
  average: number
  people: number
}

/** What is known about one session in numbers. */
export interface SessionAggregate {
  session: number
  held: boolean
  /** People who attended. */
  attendance?: number | undefined
  /** People who handed in homework. */
  homework?: number | undefined
  scores?: {
    work?: ScoreAverage | undefined
    family?: ScoreAverage | undefined
    self?: ScoreAverage | undefined
  }
}

export interface RetroInput {
  group: RetroGroup
  sessions: readonly RetroSession[]
  notes?: readonly NotesFile[]
  comments?: readonly NotesComment[]
  reflections?: readonly Reflection[]
  aggregates?: readonly SessionAggregate[]
  /** The day the retrospective is compiled (YYYY-MM-DD); names the file. */
  date: string
  /** Anonymizer options (the safety net). */
  anonymizer?: AnonymizerOptions
}

export interface RetroReport {
  /** Replacements per category (counts only; never the words replaced). */
  replacements: Record<ReplacementCategory, number>
  /** Outside names replaced by `[someone]`, for reviewers in the pull request body. Never log. */
  flagged: string[]
  /** Non-empty: the gate found a roster identifier; nothing may be written. */
  leaks: Leak[]
  /** Figures left out because they cover fewer than 3 people, e.g. "session 4: attendance". */
  hidden: string[]
  /** Notes that could not be read as intended (the rest of the file still compiles). */
  problems: string[]
  /** Points read from notes and comments, and how many remained after merging duplicates. */
  points: { read: number; kept: number }
}

export interface RetroResult {
  /** Where to write it: groups/<slug>/retros/<date>.md. */
  path: string
  /** The retrospective; empty when the gate found leaks (fail closed). */
  markdown: string
  report: RetroReport
}
