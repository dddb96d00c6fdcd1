/** Public API of the local GitHub REST emulator and the Actions-runner harness. */
export {
  startGitHub,
  ROUTES,
  type GitHubEmulator,
  type StartGitHubOptions,
  type RequestLogEntry,
  type StateView,
  type StateReaction,
  type RateLimitStatus,
} from './server.js'
export { createClock, isoSeconds, type Clock } from './clock.js'
export {
  Faults,
  type FaultHandle,
  type FaultKind,
  type FaultMatcher,
  type FaultRequest,
} from './faults.js'
export { Store, BOT_LOGIN, BOT_ID, type UserOptions, type UserSpec } from './state.js'
export {
  runAction,
  parseCommandFile,
  parseAnnotations,
  inputEnvName,
  REPO_ROOT,
  type RunActionOptions,
  type ActionRunResult,
  type Annotation,
  type InputValue,
} from './harness.js'
export {
  schedulePayload,
  workflowDispatchPayload,
  issuesPayload,
  issueCommentPayload,
  defaultSender,
  type SchedulePayload,
  type WorkflowDispatchPayload,
  type IssuesPayload,
  type IssueCommentPayload,
  type IssuesAction,
  type IssuesPayloadOptions,
  type IssueCommentPayloadOptions,
  type Changes,
} from './payloads.js'
export type * from './types.js'
export { type RecordedEvent } from './events.js'
export {
  permissionsFrom,
  requiredScopes,
  DEFAULT_TOKEN_PERMISSIONS,
  type TokenPermissions,
  type Access,
  type Scope,
} from './permissions.js'
export {
  WorkflowRunner,
  pacingSeconds,
  type WorkflowRunnerOptions,
  type WorkflowRun,
  type JobRecord,
  type Conclusion,
  type IgnoredEvent,
} from './workflows/runner.js'
export { loadWorkflow, WorkflowError, type LoadedWorkflow } from './workflows/load.js'
export { parseCron, cronMatches, nextFiring, type Cron } from './workflows/cron.js'
