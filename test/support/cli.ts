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

function withoutExtraCertificates(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  delete env.NODE_EXTRA_CA_CERTS
  return env
}

/** Runs the committed bundle (bin/skill-share.js) as a user would, asynchronously. */
export function cliProcess(args: string[], cwd = REPO_ROOT): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/skill-share.js'), ...args], {
      cwd,
      // The bundle reaches no TLS host in a test; without the extra certificate bundle Node
      // starts about 50 ms sooner (see the action harness).
      env: withoutExtraCertificates(),
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
