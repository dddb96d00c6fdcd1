// `npm run bench`: API requests per run against the lower bound, wall time, cold start and
// retrospective throughput. Prints markdown tables for the README.
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { REPO_ROOT, runAction, startGitHub } from '../emulator/src/index.js'
import { benchSessions } from './sessions.js'

const counts = (process.env['BENCH_GROUPS'] ?? '1,10,100,1000').split(',').map(Number)

function table(headers: string[], rows: Array<Array<string | number>>): string {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')
}

async function coldStart() {
  const rows: Array<Array<string | number>> = []
  const gh = await startGitHub({ users: ['octo-ana'], now: '2026-10-01T00:00:00Z' })
  try {
    for (const name of ['sessions', 'start-cohort', 'forms', 'commands', 'retro', 'binder']) {
      const bundle = path.join(REPO_ROOT, 'actions', name, 'dist', 'index.js')
      if (!existsSync(bundle)) continue
      const times: number[] = []
      for (let i = 0; i < 5; i++) {
        const result = await runAction(name, {
          gh,
          eventName: 'schedule',
          inputs: name === 'sessions' ? {} : { 'dry-run': 'true' },
        })
        times.push(result.durationMs)
        await result.cleanup()
      }
      times.sort((a, b) => a - b)
      rows.push([
        `\`${name}\``,
        `${(statSync(bundle).size / 1024 / 1024).toFixed(2)} MB`,
        `${Math.round(times[2] ?? 0)} ms`,
      ])
    }
  } finally {
    await gh.close()
  }
  return table(['Action', 'Bundle', 'Process start to exit (median of 5, nothing to do)'], rows)
}

const sessions = await benchSessions(counts)
console.log('### Sessions: GitHub API requests per run\n')
console.log(
  table(
    ['Groups', 'Run', 'Requests', 'Lower bound', 'Ratio', 'Wall time'],
    sessions.map((r) => [
      r.groups,
      r.scenario,
      r.requests,
      r.lowerBound,
      (r.requests / r.lowerBound).toFixed(2),
      `${r.wallMs} ms`,
    ]),
  ),
)
console.log('\n### Cold start\n')
console.log(await coldStart())
const retroBench = path.join(REPO_ROOT, 'bench', 'retro.ts')
if (existsSync(retroBench)) {
  const { benchRetro } = (await import('./retro.js')) as {
    benchRetro: () => Promise<Array<{ name: string; value: string }>>
  }
  console.log('\n### Retrospective throughput\n')
  console.log(
    table(
      ['Measure', 'Value'],
      (await benchRetro()).map((r) => [r.name, r.value]),
    ),
  )
}

// Billable Actions minutes through the workflow runner (several minutes: it plays the example
// cohort through its weekly and monthly phases). BENCH_SKIP_MINUTES=1 leaves it out.
if (process.env['BENCH_SKIP_MINUTES'] !== '1') {
  const { benchMinutes } = await import('./minutes.js')
  console.log('\n### Billable Actions minutes (private repository)\n')
  console.log(await benchMinutes())
}
