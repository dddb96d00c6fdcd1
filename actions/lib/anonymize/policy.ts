/**
 * Anonymization policy shared by the replacement and the leak gate. Only data lives here: each side
 * derives identifiers, normalizes and matches with its own code, so a bug in one cannot hide a
 * leak from the other; they must agree on what counts as a leak, which is this policy.
 */

/** Kinds of roster identifier; a leak reports one of these (or `contact`), never the identifier. */
export const IDENTIFIER_CATEGORIES = [
  'name',
  'alias',
  'login',
  'email',
  'employer',
  'redact',
] as const
export type IdentifierCategory = (typeof IDENTIFIER_CATEGORIES)[number]

/** Everything the replacement counts: roster identifiers, contact details and outside names. */
export const REPLACEMENT_CATEGORIES = [...IDENTIFIER_CATEGORIES, 'contact', 'outside'] as const
export type ReplacementCategory = (typeof REPLACEMENT_CATEGORIES)[number]

/** The roster fields anonymization reads (a `Group` fits). */
export interface RosterMember {
  github: string
  name: string
  aliases?: string[] | undefined
  email?: string | undefined
  employer?: string | undefined
}
export interface Roster {
  members: readonly RosterMember[]
  redact?: readonly string[] | undefined
}

/**
 * Given names and surnames that are also everyday English words. As a bare word they are redacted
 * only when capitalized ("Will said" but not "we will"), so the lessons keep their verbs and
 * nouns; a capitalized one at the start of a sentence is redacted too (over-redaction beats a
 * leak). Full names, logins, emails and `@mentions` are always matched in any case.
 */
export const COMMON_WORD_NAMES: ReadonlySet<string> = new Set(
  `ace amber angel april art ash august autumn bell bill birch bird black bliss blue bob bond
  brook brown buck buddy candy cash chance charity chase cherry chip church clay cliff cook crane
  crystal daisy dash dawn day dean destiny don dove drew duke dusty earl east english faith field
  ford forest fox frank french gene ginger glass gold golden good grace grant gray green grey guy
  hall harmony hawk hazel heather herb hill holly honey hope hunter iris ivy jack jade jan jay
  jean jewel joy june justice king kit lance lane law lily long love lucky major march mark max
  may melody mercy miles mill misty moon nick noble norm north olive opal page park pat patience
  pearl penny pepper pierce porter price prince rain ray reed rich river rob robin rock rod rose
  ruby rush rusty sage sandy scout silver sky snow south sparrow spring star sterling stone storm
  sue summer sunny swan violet wade ward west white will winter wolf wood young`.split(/\s+/),
)

/**
 * Names that are also months. "In May" or "May 2027" is the month and stays; "May said" or
 * "May's team" is the member. Both sides implement this rule separately.
 */
export const MONTH_NAMES: ReadonlySet<string> = new Set([
  'april',
  'august',
  'jan',
  'june',
  'march',
  'may',
])
/** Words right before a month that make it a date: "in May", "since June", "early April". */
export const MONTH_LEAD_WORDS: ReadonlySet<string> = new Set(
  'in since until till during early late mid next last this'.split(' '),
)

/** Particles inside surnames ("van der Berg", "García de la Vega"); never an identifier alone. */
export const SURNAME_PARTICLES: ReadonlySet<string> = new Set(
  'al ap bat ben bin binti da dal das de degli del della dello der di do dos du el la le lo mac mc ten ter van von y zu'.split(
    ' ',
  ),
)

/** Webmail domains say nothing about an employer, so they are not redacted as one. */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set(
  `gmail.com googlemail.com outlook.com hotmail.com live.com msn.com yahoo.com ymail.com icloud.com
  me.com mac.com aol.com proton.me protonmail.com pm.me gmx.de gmx.net gmx.com web.de fastmail.com
  fastmail.fm hey.com zoho.com yandex.ru mail.ru tutanota.com users.noreply.github.com`.split(
    /\s+/,
  ),
)

/**
 * Legal-form and generic words after an employer's distinctive name: "Acme Corp", "Cyberdyne
 * Systems" and "Umbrella Labs" are also redacted as "Acme", "Cyberdyne" and "Umbrella".
 */
export const EMPLOYER_SUFFIXES: ReadonlySet<string> = new Set(
  `ab ag analytics as bank bv capital cloud co company consulting corp corporation data digital
  enterprises gmbh global group health holding holdings inc incorporated industries international
  labs limited llc llp ltd media networks nv oy partners plc pty sa sarl sas services software
  solutions spa srl studio studios systems tech technologies technology ventures works`.split(
    /\s+/,
  ),
)

/** Words shorter than this are initials or particles, not identifiers ("J." in "Ana J. Lima"). */
export const MIN_IDENTIFIER_LENGTH = 2
/**
 * Name parts this short ("Li", "Wu", "Jo") collide with markup and abbreviations ("<li>"), so as a
 * bare word they follow the capitalized-only rule of common words.
 */
export const SHORT_NAME_LENGTH = 2
