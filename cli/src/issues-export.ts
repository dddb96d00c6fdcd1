import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'
import type { IssueView } from '../../actions/lib/github/repository.js'
import { BOT_LOGIN } from '../../actions/lib/markers/ownership.js'
import { UsageError } from './errors.js'

/**
 * Issues exported from GitHub, for commands that work offline from them (`binder --from`,
 * `match --from`). Two kinds of export, in any subfolder:
 * - `*.json`: `gh issue list --state all --label group:<slug> --limit 1000 --json
 *   number,title,body,author,labels,state,createdAt`;
 * - `*.md`: issues as `skill-share rehearse` exports them (`issues/NNN.md`).
 */
export async function readIssueExport(dir: string, command: string): Promise<IssueView[]> {
  const files = (await glob(['**/*.json', '**/*.md'], { cwd: dir, onlyFiles: true })).sort()
  if (files.length === 0) throw new UsageError(`--from: no .json or .md files in ${dir}`, command)
  const issues: IssueView[] = []
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8')
    if (file.endsWith('.json')) issues.push(...fromGhJson(text, file))
    else {
      const issue = fromRehearsalMarkdown(text)
      if (issue) issues.push(issue)
    }
  }
  return issues
}

interface GhIssue {
  number?: number
  title?: string
  body?: string
  state?: string
  createdAt?: string
  author?: { login?: string; is_bot?: boolean }
  labels?: Array<{ name?: string }>
}

/** `gh issue list --json ...` output: an array of issues. */
function fromGhJson(text: string, file: string): IssueView[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new Error(
      `${file}: not JSON; export with gh issue list --json number,title,body,author,labels,state,createdAt`,
    )
  }
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected a list of issues`)
  return (parsed as GhIssue[]).map((raw) => {
    const bot = raw.author?.is_bot === true
    const login = raw.author?.login ?? 'ghost'
    return issueView({
      number: raw.number ?? 0,
      title: raw.title ?? '',
      body: raw.body ?? '',
      state: raw.state?.toLowerCase() === 'closed' ? 'closed' : 'open',
      createdAt: raw.createdAt ?? '',
      // gh calls the Actions bot "app/github-actions"; markers only count on BOT_LOGIN.
      author: bot ? { login: BOT_LOGIN, type: 'Bot' } : { login, type: 'User' },
      labels: (raw.labels ?? []).map((l) => l.name ?? ''),
    })
  })
}

/** One issue as `skill-share rehearse` exports it; anything else (its index, pulls) is skipped. */
function fromRehearsalMarkdown(text: string): IssueView | undefined {
  const head = /^# #(\d+) (.*)$/m.exec(text)
  const author = /^\*\*Author:\*\* (\S+) · (\S+)/m.exec(text)
  const start = text.indexOf('\n---\n\n')
  if (!head || !author || start < 0) return undefined
  const end = text.lastIndexOf('\n\n## Comments\n')
  const labels = /^\*\*Labels:\*\* (.*?)\s*$/m.exec(text)?.[1] ?? ''
  const login = author[1] ?? 'ghost'
  return issueView({
    number: Number(head[1]),
    title: head[2] ?? '',
    body: text.slice(start + 6, end > start ? end : undefined),
    state: /^\*\*State:\*\* closed/m.test(text) ? 'closed' : 'open',
    createdAt: author[2] ?? '',
    author: { login, type: login === BOT_LOGIN ? 'Bot' : 'User' },
    labels: labels === 'none' ? [] : labels.split(',').map((l) => l.trim()),
  })
}

function issueView(fields: {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  createdAt: string
  author: IssueView['author']
  labels: string[]
}): IssueView {
  return {
    ...fields,
    stateReason: null,
    labels: fields.labels.filter(Boolean).map((name) => ({ name, color: '', description: null })),
    assignees: [],
    comments: 0,
    plusOnes: 0,
    updatedAt: fields.createdAt,
    closedAt: null,
    isPullRequest: false,
    htmlUrl: '',
  }
}
