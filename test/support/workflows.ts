import path from 'node:path'
import {
  REPO_ROOT,
  startGitHub,
  WorkflowRunner,
  type GitHubEmulator,
} from '../../emulator/src/index.js'

/** A repository whose events run this checkout's real workflow files on the workflow runner. */
export async function repositoryWithWorkflows(): Promise<{
  gh: GitHubEmulator
  runner: WorkflowRunner
  close: () => Promise<void>
}> {
  const gh = await startGitHub({
    repo: 'acme/circle',
    users: [{ login: 'octo-ana', role: 'owner' }, 'octo-ben'],
    now: '2026-11-02T09:00:00Z',
  })
  const runner = new WorkflowRunner({ gh, workflows: path.join(REPO_ROOT, '.github/workflows') })
  return {
    gh,
    runner,
    close: async () => {
      await runner.close()
      await gh.close()
    },
  }
}
