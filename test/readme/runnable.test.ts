import { exec } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../support/cli.js'

const run = promisify(exec)

/** Shell blocks the README marks `<!-- runnable -->`; `npm ci` has already happened here. */
async function runnableCommands(): Promise<string[]> {
  const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8')
  const blocks = [...readme.matchAll(/<!-- runnable -->\n```sh\n([\s\S]*?)```/g)].map(
    (m) => m[1] as string,
  )
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/^npm ci && /, '').trim())
    .filter(Boolean)
}

describe('the README', () => {
  it('marks its offline commands as runnable', async () => {
    const commands = await runnableCommands()
    expect(commands).toContain('npx skill-share preview groups/example')
    expect(commands.length).toBeGreaterThanOrEqual(5)
  })

  it('has commands that work exactly as written', async () => {
    for (const command of await runnableCommands()) {
      // exec rejects on a non-zero exit code, which fails the test with the command's output.
      const { stdout, stderr } = await run(command, {
        cwd: REPO_ROOT,
        env: { ...process.env, npm_config_offline: 'true' },
      })
      expect(`${stdout}${stderr}`.length, command).toBeGreaterThan(0)
    }
  }, 120_000)
})
