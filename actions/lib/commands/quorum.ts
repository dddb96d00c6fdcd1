/**
 * Attendance thresholds from the playbook: a circle under `quorum` makes a thin discussion (one
 * meeting fizzled with two or three people), and at ten or more there is too little airtime, so
 * the group splits into two random circles.
 */
export const SPLIT_AT = 10

export type QuorumStatus =
  | { state: 'short'; yes: number; quorum: number; missing: number }
  | { state: 'ok'; yes: number; quorum: number }
  | { state: 'split'; yes: number; quorum: number }

export function quorumStatus(yes: number, quorum: number): QuorumStatus {
  if (yes >= SPLIT_AT) return { state: 'split', yes, quorum }
  if (yes < quorum) return { state: 'short', yes, quorum, missing: quorum - yes }
  return { state: 'ok', yes, quorum }
}
