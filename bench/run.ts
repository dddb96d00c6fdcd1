// `npm run bench`: API requests per run against the lower bound and wall time at production
// pacing for every scheduled and event-driven action, cold start and retrospective throughput.
// Prints markdown tables for the README's performance section.
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { REPO_ROOT, runAction, startGitHub } from '../emulator/src/index.js'
import { formatSeconds, PACING_NOTE } from './pacing.js'
import { benchCircles, benchNetwork, LIMIT, type Row } from './scale.js'

const counts = (process.env['BENCH_GROUPS'] ?? '1,10,100,1000').split(',').map(Number)
const withNetwork = process.env['BENCH_NETWORK'] !== 'no'

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

function requestsTable(rows: readonly Row[]): string {
  return table(
    [
      'Groups',
      'Action',
      'Run',
      'Hourly runs',
      'Requests',
      'Lower bound',
      'Ratio',
      'Refused',
      'Production pacing: first run',
      'all runs',
      'Measured (waits ÷1,000)',
    ],
    rows.map((r) => [
      r.groups,
      r.action,
      r.scenario,
      r.runs,
      r.requests,
      r.lowerBound,
      r.lowerBound > 0 ? (r.requests / r.lowerBound).toFixed(2) : '–',
      r.refused,
      formatSeconds(r.firstSeconds),
      formatSeconds(r.totalSeconds),
      `${(r.measuredMs / 1000).toFixed(1)} s`,
    ]),
  )
}

const rows: Row[] = []
for (const count of counts) {
  const measured = await benchCircles(count)
  // Progress on stderr: the larger counts take a while.
  for (const row of measured) console.error(JSON.stringify(row))
  rows.push(...measured)
}
console.log(`### Requests per run under the real ${LIMIT.toLocaleString('en')}-an-hour limit\n`)
console.log(`${PACING_NOTE}\n`)
console.log(requestsTable(rows))
if (withNetwork) {
  console.log('\n### A 500-pair coaching network\n')
  console.log(requestsTable(await benchNetwork()))
}
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
