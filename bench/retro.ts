import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { stringify as stringifyYaml } from 'yaml'
import type { RosterMember } from '../actions/lib/anonymize/policy.js'
import { seededRandom } from '../actions/lib/random/seeded.js'
import { compileRetro } from '../actions/lib/retro/compile.js'
import type { NotesFile, RetroGroup, RetroSession } from '../actions/lib/retro/types.js'

/**
 * A year of notes for one group: 60 sessions, about 5 MB of markdown, written from phrase lists so
 * that almost every point is different (merging cannot shrink the work). About one point in six
 * names a member (name, possessive, @login, email, employer), one in twelve names an outside
 * person, and common words that are also names ("will", "grace period") appear throughout.
 */

const TARGET_BYTES = 5 * 1024 * 1024
const SESSIONS = 60

const FIRST =
  `Ana Jon Jan Priyanka Will Grace Mark May Zoë José Łukasz Anne-Marie Tomasz Ingrid Kofi Mei Ravi
  Sofia Mateo Aiko Lars Nadia Omar Chloé Emeka Hana Diego Freya Tariq Leila Bruno Keiko Sven Amara Idris`.split(
    /\s+/,
  )
const LAST =
  `Lima Park Berg Chen Nowak Kowalski Márquez Okafor Tanaka Haddad Moreau Lindqvist Mensah Rossi
  Novak Sato Fischer Costa Dubois Ibrahim Larsen Petrov Silva Kaur Müller Yilmaz Quispe Nakamura`.split(
    /\s+/,
  )
const EMPLOYERS =
  `Acme Globex Initech Hooli Soylent Umbrella Cyberdyne Tyrell Vandelay Wonka Stark Wayne Oscorp
  Massive Aperture Gringotts Monarch Virtucon Nakatomi Duff`.split(/\s+/)
const OUTSIDE =
  `Sarah Priya Kenji Oluwaseun Siobhan Xiomara Fatima Dmitri Raj Bjørn Thandiwe Chidi Hannah
  Gunnar Esperanza Yusuf Wojciech Camille`.split(/\s+/)

const OPENERS = [
  '',
  '',
  '',
  'This week ',
  'Again, ',
  'In the circle, ',
  'Looking back, ',
  'Honestly, ',
  'For me, ',
]
const SUBJECTS =
  `delegating the outcome|a clear definition of done|the homework circle|role play in pairs|a check-in date|
  the accountability buddy|saying no early|a written decision log|the five-minute silence|structured interviews|
  asking before advising|the stop-doing list|a weekly one-on-one|the skip-level meeting|a shared on-call rotation|
  naming the fear first|the quarterly planning|an honest retro|the hiring scorecard|a decision owner|
  the offsite agenda|feedback close to the moment|the promotion packet|a calm incident review|the budget cycle`
    .split('|')
    .map((s) => s.trim())
const VERBS =
  `helped us|made it easier to|took the pressure off when we tried to|was hard to use when we had to|
  changed how we|slowed us down as we tried to|gave the team room to|made it safer to|reminded us to|
  will make it simpler to|may help next time we need to|turned out to be the best way to`
    .split('|')
    .map((s) => s.trim())
const OBJECTS =
  `hand over the planning|run a hard conversation|push back on a deadline|coach a new lead|
  rebuild trust after an outage|hire for the bar we set|end meetings on time|stop reviewing every pull request|
  protect an evening a week|share bad news early|sponsor someone for promotion|escalate without blame|
  set one small commitment|listen more than we talk|leave space for quiet people|mark a decision as final|
  admit we were wrong|take a real vacation|give feedback that lands|ask what the team needs`
    .split('|')
    .map((s) => s.trim())
const CLOSERS = [
  '.',
  '.',
  '.',
  ', and it stuck.',
  ', which surprised us.',
  ' (again).',
  ', mostly.',
  '; worth keeping.',
  ' — grace period included.',
]
const HEADINGS = ['What worked', 'What was hard', 'What we learned', 'Stories and takeaways']

export interface BenchRoster {
  group: RetroGroup
  sessions: RetroSession[]
  notes: NotesFile[]
  bytes: number
}

function rosterOf(size: number, random: () => number): RosterMember[] {
  const members: RosterMember[] = []
  const used = new Set<string>()
  for (let i = 0; members.length < size; i++) {
    const first = FIRST[i % FIRST.length] as string
    const last = LAST[Math.floor(i / FIRST.length + random() * LAST.length) % LAST.length] as string
    const name = i < FIRST.length ? `${first} ${last}` : `${first} ${last}-${LAST[i % LAST.length]}`
    if (used.has(name)) continue
    used.add(name)
    const login = `${first}${last}${i}`
      .normalize('NFD')
      .replace(/[^A-Za-z0-9]/g, '')
      .toLowerCase()
      .slice(0, 39)
    const employer = EMPLOYERS[i % EMPLOYERS.length] as string
    members.push({
      github: login,
      name,
      email: `${login}@${employer.toLowerCase()}.io`,
      employer: `${employer} Inc`,
      ...(i % 4 === 0 ? { aliases: [`${first.slice(0, 3)}o`] } : {}),
    })
  }
  return members
}

/** Deterministic notes for `members` members: 60 files, about 5 MB in all. */
export function generateYear(memberCount: number, seed = 'bench-retro'): BenchRoster {
  const random = seededRandom(`${seed}:${memberCount}`)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const members = rosterOf(memberCount, random)
  const group: RetroGroup = {
    slug: 'bench',
    name: 'Bench circle',
    weekly: 6,
    then: 'monthly',
    members,
    redact: ['Project Falcon'],
  }
  const mention = (): string => {
    const m = pick(members)
    const first = m.name.split(' ')[0] as string
    switch (Math.floor(random() * 6)) {
      case 0:
        return m.name
      case 1:
        return `${first}'s`
      case 2:
        return `@${m.github}`
      case 3:
        return `${first} (${m.email})`
      case 4:
        return `${first} from ${m.employer}`
      default:
        return `**${first}**`
    }
  }
  const point = (): string => {
    const roll = random()
    const who =
      roll < 0.16 ? `${mention()} said ` : roll < 0.24 ? `my manager ${pick(OUTSIDE)} said ` : ''
    const text = `${pick(OPENERS)}${who}${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)}${pick(CLOSERS)}`
    return text.charAt(0).toUpperCase() + text.slice(1)
  }
  const sessions: RetroSession[] = []
  const notes: NotesFile[] = []
  const start = Date.UTC(2026, 0, 4)
  const perFile = TARGET_BYTES / SESSIONS
  let bytes = 0
  for (let n = 1; n <= SESSIONS; n++) {
    const date = new Date(start + (n - 1) * 6 * 86_400_000).toISOString().slice(0, 10)
    sessions.push({
      number: n,
      kind: n === 1 ? 'kickoff' : n <= 5 ? 'theme' : 'monthly',
      date,
      ...(n <= 5 && n > 1 ? { week: n, theme: `Theme ${n}` } : {}),
    })
    const lines = [`---\nsession: ${n}\ndate: ${date}\n---\n`]
    let size = lines[0]?.length ?? 0
    while (size < perFile) {
      const heading = `\n## ${pick(HEADINGS)}\n`
      lines.push(heading)
      size += heading.length
      for (let k = 0; k < 12; k++) {
        const line = `- ${point()}\n`
        lines.push(line)
        size += line.length
      }
    }
    const text = lines.join('')
    bytes += Buffer.byteLength(text)
    notes.push({ path: `groups/bench/notes/${date}.md`, text })
  }
  return { group, sessions, notes, bytes }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const CLI = path.join(REPO_ROOT, 'bin', 'skill-share.js')
const CLI_RUNS = 5
const RETRO_DATE = '2027-01-01'

/** A year of notes laid out as `skill-share retro` reads a group: group.yml and notes/*.md. */
async function writeGroupFolder(root: string, year: BenchRoster): Promise<string> {
  const folder = path.join(root, 'groups', year.group.slug)
  await mkdir(path.join(folder, 'notes'), { recursive: true })
  const group = {
    name: year.group.name,
    timezone: 'UTC',
    meeting: { weekday: 'sunday', time: '16:00', duration: 90 },
    start: year.sessions[0]?.date,
    weekly: year.group.weekly,
    then: year.group.then,
    redact: year.group.redact,
    members: year.group.members.map((m, i) => ({
      github: m.github,
      name: m.name,
      ...(m.aliases ? { aliases: m.aliases } : {}),
      email: m.email,
      employer: m.employer,
      ...(i === 0 ? { role: 'facilitator' } : {}),
    })),
  }
  await writeFile(path.join(folder, 'group.yml'), stringifyYaml(group))
  for (const note of year.notes) {
    await writeFile(path.join(folder, 'notes', path.basename(note.path)), note.text)
  }
  return path.relative(root, folder)
}

/** Writes the process's CPU time (all its threads) at exit, to the file the bench names. */
const CPU_AT_EXIT = `import { writeFileSync } from 'node:fs'
process.on('exit', () => {
  const { user, system } = process.cpuUsage()
  writeFileSync(process.env.SKILL_SHARE_BENCH_CPU, String((user + system) / 1000))
})
`

/** One `skill-share retro` process: wall time from spawn to exit, and its CPU time. */
async function runCli(cwd: string, args: string[]): Promise<{ wall: number; cpu: number }> {
  const cpuFile = path.join(cwd, 'cpu.txt')
  const started = performance.now()
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', pathToFileURL(path.join(cwd, 'cpu-at-exit.mjs')).href, CLI, ...args],
        { cwd, env: { ...process.env, SKILL_SHARE_BENCH_CPU: cpuFile }, stdio: 'pipe' },
      )
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      child.stdout.resume()
      child.on('error', reject)
      child.on('close', (code) => resolve({ code, stderr }))
    },
  )
  const wall = performance.now() - started
  if (code !== 0) throw new Error(`skill-share ${args.join(' ')} exited ${code}: ${stderr}`)
  return { wall, cpu: Number(await readFile(cpuFile, 'utf8')) }
}

/**
 * `skill-share retro` end to end on the 10-member year, as an organizer runs it: a new Node
 * process (start-up, reading the 60 files, compiling, anonymizing, the leak gate, writing the
 * retrospective), through the committed CLI bundle. CPU time counts every thread of the process.
 */
async function benchCliRetro(): Promise<Array<{ name: string; value: string }>> {
  const root = await mkdtemp(path.join(tmpdir(), 'skill-share-bench-retro-'))
  try {
    const year = generateYear(10)
    const folder = await writeGroupFolder(root, year)
    await writeFile(path.join(root, 'cpu-at-exit.mjs'), CPU_AT_EXIT)
    const args = ['retro', folder, '--date', RETRO_DATE, '--out', 'retro.md']
    const times: Array<{ wall: number; cpu: number }> = []
    for (let r = 0; r < CLI_RUNS; r++) times.push(await runCli(root, args))
    const wall = median(times.map((t) => t.wall))
    const cpu = median(times.map((t) => t.cpu))
    const mb = year.bytes / (1024 * 1024)
    return [
      {
        name: `\`skill-share retro\` end to end: ${mb.toFixed(1)} MB, ${SESSIONS} sessions, 10 members (new process, median of ${CLI_RUNS})`,
        value: `${(wall / 1000).toFixed(2)} s wall, ${(cpu / 1000).toFixed(2)} s CPU`,
      },
    ]
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

/**
 * Compile time and throughput for a year of notes, and how they scale with the roster, then the
 * CLI end to end. CPU time is reported next to wall time: on a shared runner other jobs stretch
 * the wall clock.
 */
export async function benchRetro(): Promise<Array<{ name: string; value: string }>> {
  const results: Array<{ name: string; value: string }> = []
  // Warm up compromise and the JIT on a small year.
  const warm = generateYear(10, 'warm-up')
  compileRetro({
    group: warm.group,
    sessions: warm.sessions,
    notes: warm.notes.slice(0, 3),
    date: RETRO_DATE,
  })

  for (const size of [10, 50, 200]) {
    const year = generateYear(size)
    const runs = 3
    const times: Array<{ wall: number; cpu: number }> = []
    let last: ReturnType<typeof compileRetro> | undefined
    for (let r = 0; r < runs; r++) {
      const cpuBefore = process.cpuUsage()
      const started = performance.now()
      last = compileRetro({
        group: year.group,
        sessions: year.sessions,
        notes: year.notes,
        date: RETRO_DATE,
      })
      const wall = performance.now() - started
      const cpu = process.cpuUsage(cpuBefore)
      times.push({ wall, cpu: (cpu.user + cpu.system) / 1000 })
    }
    const wall = median(times.map((t) => t.wall))
    const cpu = median(times.map((t) => t.cpu))
    const mb = year.bytes / (1024 * 1024)
    const report = last?.report
    results.push({
      name: `retro compile: ${mb.toFixed(1)} MB, ${SESSIONS} sessions, ${size} members (median of ${runs})`,
      value: `${(wall / 1000).toFixed(2)} s wall (${(mb / (wall / 1000)).toFixed(2)} MB/s), ${(cpu / 1000).toFixed(2)} s CPU`,
    })
    if (report) {
      const replaced = Object.values(report.replacements).reduce((a, b) => a + b, 0)
      results.push({
        name: `retro compile, ${size} members: points read/kept, replacements, leaks`,
        value: `${report.points.read}/${report.points.kept}, ${replaced}, ${report.leaks.length}`,
      })
    }
  }
  results.push(...(await benchCliRetro()))
  return results
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const { name, value } of await benchRetro()) console.log(`${name}: ${value}`)
}
