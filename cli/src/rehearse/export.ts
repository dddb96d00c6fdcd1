import type { GitHubEmulator } from '../../../emulator/src/index.js'

export interface ExportedFile {
  path: string
  content: string
}

export interface TimelineEntry {
  at: Date
  source: string
  what: string
}

const quote = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n')

export function labelNames(labels: ReadonlyArray<string | { name?: string }>): string[] {
  return labels.map((l) => (typeof l === 'string' ? l : (l.name ?? '')))
}

/** The rehearsed repository as readable markdown: every issue with its comments, the pull requests. */
export function exportRepository(
  gh: GitHubEmulator,
  timeline: readonly TimelineEntry[],
  title: string,
): ExportedFile[] {
  const files: ExportedFile[] = []
  const issues = gh.state.issues({ state: 'all' })
  for (const issue of issues) {
    const comments = gh.state.comments(issue.number).map((c) => {
      const reactions = gh.state.reactions({ comment: Number(c.id) }).map((r) => r.content)
      const extra = reactions.length ? `\n\n_Reactions: ${reactions.join(' ')}_` : ''
      return `#### ${c.user?.login ?? 'ghost'} · ${c.created_at}\n\n${quote(c.body ?? '')}${extra}`
    })
    const meta = [
      `**State:** ${issue.state}${issue.state_reason ? ` (${issue.state_reason})` : ''}`,
      `**Author:** ${issue.user?.login ?? 'ghost'} · ${issue.created_at}`,
      `**Labels:** ${labelNames(issue.labels).join(', ') || 'none'}`,
      `**Assignees:** ${(issue.assignees ?? []).map((a) => `@${a.login}`).join(', ') || 'none'}`,
      issue.milestone ? `**Milestone:** ${issue.milestone.title}` : '',
    ].filter(Boolean)
    files.push({
      path: `issues/${String(issue.number).padStart(3, '0')}.md`,
      content: `# #${issue.number} ${issue.title}\n\n${meta.join('  \n')}\n\n---\n\n${issue.body ?? ''}\n\n## Comments\n\n${comments.join('\n\n') || '_none_'}\n`,
    })
  }
  for (const pull of gh.state.pulls()) {
    const base = gh.state.files(pull.base.ref)
    const head = gh.state.files(pull.head.ref)
    const changed = Object.keys(head).filter((path) => head[path] !== base[path])
    const diffs = changed.map(
      (path) => `### \`${path}\`\n\n\`\`\`\`markdown\n${head[path]}\n\`\`\`\``,
    )
    files.push({
      path: `pulls/${String(pull.number).padStart(3, '0')}.md`,
      content: `# Pull request #${pull.number}: ${pull.title}\n\n**From** \`${pull.head.ref}\` **into** \`${pull.base.ref}\` · ${pull.state}\n\n${pull.body ?? ''}\n\n## Files\n\n${diffs.join('\n\n') || '_none_'}\n`,
    })
  }
  const rows = timeline.map(
    (t) =>
      `| ${t.at.toISOString().slice(0, 16).replace('T', ' ')} | ${t.source} | ${t.what.replace(/\|/g, '\\|')} |`,
  )
  const issueRows = issues.map(
    (i) =>
      `| [#${i.number}](issues/${String(i.number).padStart(3, '0')}.md) | ${i.title.replace(/\|/g, '\\|')} | ${i.state} |`,
  )
  const pullRows = gh.state
    .pulls()
    .map((p) => `- [#${p.number} ${p.title}](pulls/${String(p.number).padStart(3, '0')}.md)`)
  files.push({
    path: 'index.md',
    content: [
      `# Rehearsal: ${title}`,
      '',
      'Everything below happened on a local GitHub emulator, driven by the real bundled actions on a simulated clock.',
      '',
      '## Issues',
      '',
      '| Issue | Title | State |',
      '| --- | --- | --- |',
      ...issueRows,
      '',
      '## Pull requests',
      '',
      ...(pullRows.length ? pullRows : ['_none_']),
      '',
      '## Timeline (UTC)',
      '',
      '| When | Who | What |',
      '| --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  })
  return files
}
