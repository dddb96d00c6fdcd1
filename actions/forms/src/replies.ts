import { FORMS, type FormKind } from '../../lib/forms/catalog.js'
import { formatFormProblems } from '../../lib/forms/problems.js'
import { findMarker, marker } from '../../lib/markers/markers.js'
import type { Verdict } from './plan.js'

/** The one reply the bot keeps on a submission: `<!-- skill-share:form-reply kind=homework state=fix -->`. */
export const REPLY_MARKER = 'form-reply'

/**
 * received: accepted the first time; fix: problems listed; resolved: accepted after problems were
 * listed ("all fixed"); outsider: the author is on no member list.
 */
export type ReplyState = 'received' | 'fix' | 'resolved' | 'outsider'

export interface Reply {
  state: ReplyState
  body: string
}

/** What the reply says now, given what it said before. Never quotes an answer or a score. */
export function replyFor(
  verdict: Verdict,
  previous: ReplyState | undefined,
  links: { sessionIssue?: number } = {},
): Reply | undefined {
  switch (verdict.result) {
    case 'outsider':
      return reply(verdict.kind, 'outsider', outsiderText(verdict.kind))
    case 'needs-fix':
      return reply(verdict.kind, 'fix', fixText(verdict.kind, verdict))
    case 'accepted': {
      const state = previous === 'fix' || previous === 'resolved' ? 'resolved' : 'received'
      return reply(verdict.kind, state, acceptedText(verdict, state, links.sessionIssue))
    }
    default:
      return undefined
  }
}

/** The state a reply recorded in its marker. */
export function replyState(body: string): ReplyState | undefined {
  const state = findMarker(body, REPLY_MARKER)?.attributes['state']
  return state === 'received' || state === 'fix' || state === 'resolved' || state === 'outsider'
    ? state
    : undefined
}

function reply(kind: FormKind, state: ReplyState, text: string): Reply {
  return { state, body: `${marker(REPLY_MARKER, { kind, state })}\n${text.trim()}\n` }
}

function formName(kind: FormKind): string {
  return FORMS[kind].name.toLowerCase()
}

function outsiderText(kind: FormKind): string {
  return [
    `Thank you for taking the time to fill in the ${formName(kind)} form.`,
    '',
    "The automation here only reads submissions from the members of a group, and your GitHub account isn't on any group's member list, so it leaves this issue alone. If you think it should be, ask one of the facilitators to add you to the group file.",
  ].join('\n')
}

function fixText(kind: FormKind, verdict: Extract<Verdict, { result: 'needs-fix' }>): string {
  const count = verdict.problems.length
  return [
    `Thanks for your ${formName(kind)}! ${count === 1 ? 'One thing needs' : 'A few things need'} a fix before it counts:`,
    '',
    formatFormProblems(verdict.problems),
    '',
    `Edit the issue (the ··· menu, then Edit) to fix ${count === 1 ? 'it' : 'them'}; this comment updates when you save.`,
  ].join('\n')
}

function acceptedText(
  verdict: Extract<Verdict, { result: 'accepted' }>,
  state: ReplyState,
  sessionIssue: number | undefined,
): string {
  const opening = state === 'resolved' ? 'All fixed, thank you!' : 'Thank you!'
  const where = sessionIssue ? ` (#${sessionIssue})` : ''
  const session = verdict.session?.number
  const edits = 'If you edit the issue later, I read it again and keep this note up to date.'
  switch (verdict.kind) {
    case 'homework':
      return [
        `${opening} Your homework for session ${session}${where} is in.`,
        '',
        `The session's status shows how many of the group have handed in, never anyone's scores or notes. ${edits}`,
      ].join('\n')
    case 'check-in':
      return [
        `${opening} Your check-in on the commitment from session ${session}${where} is in.`,
        '',
        `Small steps add up; your buddy can read it here. ${edits}`,
      ].join('\n')
    case 'intention':
      return [
        `${opening} Your intention is in.`,
        '',
        `The group reads the intentions together in the first meeting and comes back to them at the end. ${edits}`,
      ].join('\n')
    case 'topic':
      return [
        `${opening} Your topic proposal is in, ready for the group to choose from.`,
        '',
        edits,
      ].join('\n')
    case 'reflection':
      return [
        `${opening} Your closing reflection is in.`,
        '',
        `It is quoted in the group's retrospective only if you ticked the box that allows it, and then without your name. ${edits}`,
      ].join('\n')
    case 'conversation':
      return [
        `${opening} Your write-up of conversation ${'session' in verdict.submission ? verdict.submission.session : ''} is in. Good luck with your next step.`,
        '',
        edits,
      ].join('\n')
    case 'sign-up':
      return [
        `${opening} Your coaching sign-up is in.`,
        '',
        `A facilitator proposes pairs from the sign-ups in a pull request; your pair appears in the group file once it is merged. ${edits}`,
      ].join('\n')
    case 'self-evaluation':
      return [
        `${opening} Your self-evaluation is in.`,
        '',
        `It is yours: it appears in your personal binder, next to your other one, and nowhere else. ${edits}`,
      ].join('\n')
    case 'assessment':
      return [
        `${opening} Your assessment is in your binder now.`,
        '',
        `Write who an interview was with as a role (a peer, your manager), never a name. ${edits}`,
      ].join('\n')
    case 'pulse':
      return [
        `${opening} Your answer is in.`,
        '',
        'The facilitators see the counts for the whole group, never who said what, and only once at least three people have answered. This issue closes itself; there is nothing else to do.',
      ].join('\n')
    case 'nomination':
      return [
        `${opening} Your ${verdict.submission.kind === 'nomination' && verdict.submission.for === 'myself' ? 'interest is' : 'nomination is'} in.`,
        '',
        `The facilitators look at nominations together when the group next takes in new members, and get in touch. ${edits}`,
      ].join('\n')
  }
}
