// `npm test`'s static checks (lint, format, types) side by side: each uses one core for seconds,
// and none depends on another. Each one's output is printed whole when it ends; the exit code is
// non-zero when any of them failed.
import { spawn } from 'node:child_process'
import path from 'node:path'

const bin = (name: string) => path.join('node_modules', '.bin', name)
const CHECKS: Array<{ name: string; command: string; args: string[] }> = [
  { name: 'eslint', command: bin('eslint'), args: ['.'] },
  { name: 'prettier', command: bin('prettier'), args: ['--check', '.'] },
  { name: 'tsc', command: bin('tsc'), args: ['--noEmit'] },
]

function check({ name, command, args }: (typeof CHECKS)[number]): Promise<boolean> {
  const started = Date.now()
  return new Promise((done) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    child.on('error', (error) => {
      output += `${error.message}\n`
    })
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      const verdict = code === 0 ? 'passed' : `failed (exit ${code})`
      process.stdout.write(`> ${name} ${args.join(' ')}: ${verdict} in ${seconds} s\n`)
      process.stdout.write(output)
      done(code === 0)
    })
  })
}

const results = await Promise.all(CHECKS.map(check))
process.exitCode = results.every(Boolean) ? 0 : 1
