import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as core from '../../actions/lib/runner/core.js'
import { inputEnvName, parseAnnotations, parseCommandFile } from '../../emulator/src/harness.js'

// The runner protocol the actions speak, read back the way the emulator's runner reads it.
const saved = { ...process.env }
let dir: string
let stdout: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'skill-share-core-'))
  stdout = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk)
    return true
  })
})
afterEach(async () => {
  vi.restoreAllMocks()
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
  Object.assign(process.env, saved)
  await rm(dir, { recursive: true, force: true })
})

describe('inputs', () => {
  it('reads INPUT_<NAME> as the runner names it, trimmed unless asked not to', () => {
    expect(core.inputVariable('dry run')).toBe(inputEnvName('dry run'))
    process.env['INPUT_GROUP-FILE'] = '  groups/a/group.yml \n'
    expect(core.getInput('group-file')).toBe('groups/a/group.yml')
    expect(core.getInput('Group-File', { trimWhitespace: false })).toBe('  groups/a/group.yml \n')
    expect(core.getInput('absent')).toBe('')
  })

  it('refuses a required input left empty, naming it', () => {
    process.env['INPUT_TITLE'] = ''
    expect(() => core.getInput('title', { required: true })).toThrow(
      'Input required and not supplied: title',
    )
  })

  it('reads booleans as YAML 1.2 does and refuses anything else', () => {
    for (const [text, value] of [
      ['true', true],
      ['TRUE', true],
      ['False', false],
    ] as const) {
      process.env['INPUT_DRY-RUN'] = text
      expect(core.getBooleanInput('dry-run')).toBe(value)
    }
    process.env['INPUT_DRY-RUN'] = 'yes'
    expect(() => core.getBooleanInput('dry-run')).toThrow(
      /Input does not meet YAML 1\.2 "Core Schema" specification: dry-run/,
    )
  })
})

describe('outputs and exported variables', () => {
  it('appends each output to GITHUB_OUTPUT with a delimiter, whatever the value holds', async () => {
    const file = path.join(dir, 'output')
    await writeFile(file, '')
    process.env['GITHUB_OUTPUT'] = file
    core.setOutput('plan', 'line 1\nname<<EOF\nEOF\n50% = done')
    core.setOutput('count', 3)
    core.setOutput('groups', ['a', 'b'])
    core.setOutput('empty', undefined)
    const text = await readFile(file, 'utf8')
    expect(text).toMatch(/^plan<<ghadelimiter_[0-9a-f-]{36}\n/)
    expect(parseCommandFile(text)).toEqual({
      plan: 'line 1\nname<<EOF\nEOF\n50% = done',
      count: '3',
      groups: '["a","b"]',
      empty: '',
    })
    expect(stdout).toBe('')
  })

  it('falls back to the set-output command when the runner gives no file', () => {
    delete process.env['GITHUB_OUTPUT']
    core.setOutput('issue', '12')
    expect(stdout).toContain('::set-output name=issue::12\n')
  })

  it('exports a variable to this process and to GITHUB_ENV', async () => {
    const file = path.join(dir, 'env')
    await writeFile(file, '')
    process.env['GITHUB_ENV'] = file
    core.exportVariable('SKILL_SHARE_PROBE', 42)
    expect(process.env['SKILL_SHARE_PROBE']).toBe('42')
    expect(parseCommandFile(await readFile(file, 'utf8'))).toEqual({ SKILL_SHARE_PROBE: '42' })
  })
})

describe('annotations and log lines', () => {
  it('escapes messages and properties so one annotation stays one command', () => {
    core.warning('50% of\nthe roster: 3, not 6', {
      file: 'groups/a,b/group.yml',
      startLine: 4,
      startColumn: 7,
      title: 'Roster: small',
    })
    core.error(new Error('broken'))
    core.notice('an example group', { file: 'groups/example/group.yml', startLine: 1 })
    expect(stdout.split('\n')[0]).toBe(
      '::warning title=Roster%3A small,file=groups/a%2Cb/group.yml,line=4,col=7::50%25 of%0Athe roster: 3, not 6',
    )
    expect(parseAnnotations(stdout)).toEqual([
      {
        level: 'warning',
        message: '50% of\nthe roster: 3, not 6',
        properties: { title: 'Roster: small', file: 'groups/a,b/group.yml', line: '4', col: '7' },
      },
      { level: 'error', message: 'Error: broken', properties: {} },
      {
        level: 'notice',
        message: 'an example group',
        properties: { file: 'groups/example/group.yml', line: '1' },
      },
    ])
  })

  it('fails the step with exit code 1 and an error annotation', () => {
    const before = process.exitCode
    try {
      core.setFailed('failed for: example')
      expect(process.exitCode).toBe(1)
    } finally {
      process.exitCode = before
    }
    expect(parseAnnotations(stdout)).toEqual([
      { level: 'error', message: 'failed for: example', properties: {} },
    ])
  })

  it('writes info as plain lines and debug as the command the runner hides', () => {
    core.info('opened #3')
    core.debug('two\nlines')
    expect(stdout).toBe('opened #3\n::debug::two%0Alines\n')
  })
})

describe('job summary', () => {
  it('appends headings, text and tables to GITHUB_STEP_SUMMARY, then starts empty', async () => {
    const file = path.join(dir, 'summary.md')
    await writeFile(file, 'earlier step\n')
    process.env['GITHUB_STEP_SUMMARY'] = file
    const summary = new core.Summary()
    await summary
      .addHeading('Sessions', 2)
      .addRaw('Run at noon.', true)
      .addTable([
        [
          { data: 'Action', header: true },
          { data: 'Issue', header: true, colspan: '2' },
        ],
        ['opened', '#3'],
      ])
      .write()
    expect(await readFile(file, 'utf8')).toBe(
      'earlier step\n<h2>Sessions</h2>\nRun at noon.\n' +
        '<table><tr><th>Action</th><th colspan="2">Issue</th></tr><tr><td>opened</td><td>#3</td></tr></table>\n',
    )
    // What was written is not written again.
    await summary.addHeading('Again', 9).write({ overwrite: true })
    expect(await readFile(file, 'utf8')).toBe('<h1>Again</h1>\n')
  })

  it('says so when the runner gives no summary file', async () => {
    delete process.env['GITHUB_STEP_SUMMARY']
    await expect(new core.Summary().addRaw('x').write()).rejects.toThrow(
      /Unable to find environment variable for \$GITHUB_STEP_SUMMARY/,
    )
  })
})
