import { spawn } from 'node:child_process'
import path from 'node:path'
import { main } from '../../cli/src/main.js'

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..')

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs the CLI in-process with captured output, from `cwd`. */
export async function cli(args: string[], cwd = REPO_ROOT): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, {
    out: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`),
    cwd,
    isTty: false,
  })
  return { code, stdout, stderr }
}

/** Runs the committed bundle (bin/skill-share.js) as a user would, asynchronously. */
export function cliProcess(args: string[], cwd = REPO_ROOT): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/skill-share.js'), ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}
