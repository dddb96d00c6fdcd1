import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { client, failure, useEmulator } from './helpers.js'

const b64 = (text: string) => Buffer.from(text).toString('base64')
const blobSha = (text: string) =>
  createHash('sha1')
    .update(`blob ${Buffer.byteLength(text)}\0${text}`)
    .digest('hex')

describe('emulator: contents', () => {
  const t = useEmulator()

  it('creates (201) and updates (200) a file, with sha checks: 422 without sha, 409 when stale', async () => {
    const { octokit, repo, gh } = t
    const path = 'groups/circle/retro.md'
    expect((await failure(octokit.rest.repos.getContent({ ...repo, path }))).status).toBe(404)

    const created = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path,
      message: 'Add retro',
      content: b64('# Retro\n'),
    })
    expect(created.status).toBe(201)
    expect(created.data.content).toMatchObject({
      path,
      name: 'retro.md',
      sha: blobSha('# Retro\n'),
    })
    expect(created.data.commit).toMatchObject({
      message: 'Add retro',
      author: { name: 'github-actions[bot]' },
    })
    const { data: file } = await octokit.rest.repos.getContent({ ...repo, path })
    expect(Array.isArray(file)).toBe(false)
    if (Array.isArray(file) || file.type !== 'file') throw new Error('expected a file')
    expect(file.encoding).toBe('base64')
    expect(Buffer.from(file.content, 'base64').toString()).toBe('# Retro\n')
    expect(file.sha).toBe(blobSha('# Retro\n'))

    const noSha = await failure(
      octokit.rest.repos.createOrUpdateFileContents({
        ...repo,
        path,
        message: 'x',
        content: b64('y'),
      }),
    )
    expect(noSha.status).toBe(422)
    expect(noSha.data).toMatchObject({ message: 'Invalid request.\n\n"sha" wasn\'t supplied.' })

    const updated = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path,
      message: 'Update retro',
      content: b64('# Retro v2\n'),
      sha: file.sha,
    })
    expect(updated.status).toBe(200)
    const stale = await failure(
      octokit.rest.repos.createOrUpdateFileContents({
        ...repo,
        path,
        message: 'Stale',
        content: b64('# Retro v3\n'),
        sha: file.sha,
      }),
    )
    expect(stale.status).toBe(409)
    expect(gh.state.file(path)).toBe('# Retro v2\n')
    const commits = [created.data.commit.sha, updated.data.commit.sha]
    expect(new Set(commits).size).toBe(2)
    expect(gh.state.refs()['refs/heads/main']).toBe(updated.data.commit.sha)
  })

  it('lists directories, reads raw content, reads by ref and deletes files', async () => {
    const { octokit, repo, gh } = t
    gh.setFiles({ 'groups/a/group.yml': 'name: A\n', 'groups/b.yml': 'b', 'README.md': 'hi' })
    const { data: root } = await octokit.rest.repos.getContent({ ...repo, path: '' })
    expect(Array.isArray(root) && root.map((e) => `${e.type}:${e.path}`)).toEqual([
      'file:README.md',
      'dir:groups',
    ])
    const { data: groups } = await octokit.rest.repos.getContent({ ...repo, path: 'groups' })
    expect(Array.isArray(groups) && groups.map((e) => e.name)).toEqual(['a', 'b.yml'])
    const raw = await octokit.rest.repos.getContent({
      ...repo,
      path: 'groups/a/group.yml',
      mediaType: { format: 'raw' },
    })
    expect(raw.data).toBe('name: A\n')

    gh.setFile('groups/b.yml', 'on a branch', 'draft')
    const onBranch = await octokit.rest.repos.getContent({
      ...repo,
      path: 'groups/b.yml',
      ref: 'draft',
    })
    expect(
      !Array.isArray(onBranch.data) && onBranch.data.type === 'file' && onBranch.data.content,
    ).toBe(`${b64('on a branch')}\n`)
    expect(gh.state.file('groups/b.yml')).toBe('b')

    const sha = blobSha('hi')
    const { data: deleted } = await octokit.rest.repos.deleteFile({
      ...repo,
      path: 'README.md',
      message: 'Remove',
      sha,
    })
    expect(deleted.content).toBeNull()
    expect(gh.state.file('README.md')).toBeUndefined()
  })
})

describe('emulator: git refs and branches', () => {
  const t = useEmulator()

  it('gets, creates (422 when it exists), updates (fast-forward or force) and deletes refs', async () => {
    const { octokit, repo, gh } = t
    const { data: main } = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })
    expect(main).toMatchObject({ ref: 'refs/heads/main', object: { type: 'commit' } })
    expect(main.object.sha).toMatch(/^[0-9a-f]{40}$/)

    const { data: created, status } = await octokit.rest.git.createRef({
      ...repo,
      ref: 'refs/heads/retro/cohort-1',
      sha: main.object.sha,
    })
    expect(status).toBe(201)
    expect(created.ref).toBe('refs/heads/retro/cohort-1')
    const again = await failure(
      octokit.rest.git.createRef({
        ...repo,
        ref: 'refs/heads/retro/cohort-1',
        sha: main.object.sha,
      }),
    )
    expect(again.status).toBe(422)
    expect(again.data).toMatchObject({ message: 'Reference already exists' })
    const badSha = await failure(
      octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/x', sha: 'f'.repeat(40) }),
    )
    expect(badSha.status).toBe(422)

    const legacy = await octokit.request('GET /repos/{owner}/{repo}/git/refs/{ref}', {
      ...repo,
      ref: 'heads/retro/cohort-1',
    })
    expect(legacy.data).toMatchObject({ ref: 'refs/heads/retro/cohort-1' })
    const { data: branch } = await octokit.rest.repos.getBranch({
      ...repo,
      branch: 'retro/cohort-1',
    })
    expect(branch).toMatchObject({ name: 'retro/cohort-1', commit: { sha: main.object.sha } })

    const ahead = gh.setFile('notes.md', 'x', 'retro/cohort-1')
    const ff = await octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: ahead })
    expect(ff.data.object.sha).toBe(ahead)
    const rewind = await failure(
      octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: main.object.sha }),
    )
    expect(rewind.status).toBe(422)
    expect(rewind.data).toMatchObject({ message: 'Update is not a fast forward' })
    const forced = await octokit.rest.git.updateRef({
      ...repo,
      ref: 'heads/main',
      sha: main.object.sha,
      force: true,
    })
    expect(forced.data.object.sha).toBe(main.object.sha)

    expect(
      (await octokit.rest.git.deleteRef({ ...repo, ref: 'heads/retro/cohort-1' })).status,
    ).toBe(204)
    expect(
      (await failure(octokit.rest.git.getRef({ ...repo, ref: 'heads/retro/cohort-1' }))).status,
    ).toBe(404)
    const branches = await octokit.rest.repos.listBranches({ ...repo })
    expect(branches.data.map((b) => b.name)).toEqual(['main'])
  })
})

describe('emulator: pull requests', () => {
  const t = useEmulator()

  async function branchWithChange(branch: string) {
    const { octokit, repo } = t
    const { data: main } = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })
    await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: main.object.sha })
    await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'groups/circle/retro.md',
      message: 'Retro',
      content: b64('line 1\nline 2\n'),
      branch,
    })
  }

  it('creates a pull request that also shows up as an issue with a pull_request key', async () => {
    const { octokit, repo, gh } = t
    await octokit.rest.issues.create({ ...repo, title: 'an issue first' })
    await branchWithChange('retro/c1')
    const { data: pr, status } = await octokit.rest.pulls.create({
      ...repo,
      title: 'Retro for cohort 1',
      body: 'Anonymized',
      head: 'retro/c1',
      base: 'main',
    })
    expect(status).toBe(201)
    expect(pr).toMatchObject({
      number: 2,
      state: 'open',
      title: 'Retro for cohort 1',
      merged: false,
      head: { ref: 'retro/c1', label: 'acme:retro/c1' },
      base: { ref: 'main' },
      html_url: 'https://github.com/acme/circle/pull/2',
      changed_files: 1,
      additions: 2,
      deletions: 0,
      commits: 1,
    })
    const { data: asIssue } = await octokit.rest.issues.get({ ...repo, issue_number: 2 })
    expect(asIssue.pull_request).toMatchObject({ url: `${gh.url}/repos/acme/circle/pulls/2` })
    const issues = await octokit.rest.issues.listForRepo({ ...repo })
    expect(issues.data.map((i) => [i.number, 'pull_request' in i])).toEqual([
      [2, true],
      [1, false],
    ])
    const files = await octokit.rest.pulls.listFiles({ ...repo, pull_number: 2 })
    expect(files.data).toMatchObject([
      { filename: 'groups/circle/retro.md', status: 'added', additions: 2 },
    ])

    const duplicate = await failure(
      octokit.rest.pulls.create({ ...repo, title: 'again', head: 'acme:retro/c1', base: 'main' }),
    )
    expect(duplicate.status).toBe(422)
    expect(duplicate.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ message: 'A pull request already exists for acme:retro/c1.' }],
    })
    const noHead = await failure(
      octokit.rest.pulls.create({ ...repo, title: 'x', head: 'missing', base: 'main' }),
    )
    expect(noHead.status).toBe(422)
  })

  it('lists by state/head/base, gets, updates, closes and merges pull requests', async () => {
    const { octokit, repo, gh } = t
    await branchWithChange('retro/c1')
    await branchWithChange('retro/c2')
    await octokit.rest.pulls.create({ ...repo, title: 'one', head: 'retro/c1', base: 'main' })
    await octokit.rest.pulls.create({ ...repo, title: 'two', head: 'retro/c2', base: 'main' })
    const byHead = await octokit.rest.pulls.list({ ...repo, head: 'acme:retro/c2' })
    expect(byHead.data.map((p) => p.title)).toEqual(['two'])
    expect((await octokit.rest.pulls.list({ ...repo, base: 'main' })).data).toHaveLength(2)

    const { data: edited } = await octokit.rest.pulls.update({
      ...repo,
      pull_number: 1,
      title: 'one (edited)',
      state: 'closed',
    })
    expect(edited).toMatchObject({ title: 'one (edited)', state: 'closed', merged: false })
    expect(
      (await octokit.rest.pulls.list({ ...repo, state: 'closed' })).data.map((p) => p.number),
    ).toEqual([1])

    const ben = client(gh, 'octo-ben')
    const merged = await ben.rest.pulls.merge({ ...repo, pull_number: 2 })
    expect(merged.data).toMatchObject({ merged: true })
    expect(gh.state.file('groups/circle/retro.md')).toBe('line 1\nline 2\n')
    const { data: pr } = await octokit.rest.pulls.get({ ...repo, pull_number: 2 })
    expect(pr).toMatchObject({ state: 'closed', merged: true, merged_by: { login: 'octo-ben' } })
    expect((await octokit.rest.pulls.checkIfMerged({ ...repo, pull_number: 2 })).status).toBe(204)
  })
})
