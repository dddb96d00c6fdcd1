import { describe, expect, it } from 'vitest'
import { MAX_COMMANDS_PER_COMMENT, parseCommands } from '../../actions/lib/commands/parse.js'

const names = (body: string) => parseCommands(body).map((c) => c.name)

describe('parseCommands', () => {
  it('reads a command at the start of a line, with its arguments and line number', () => {
    expect(parseCommands('Thanks all!\n/rsvp yes see you')).toEqual([
      { name: 'rsvp', args: ['yes', 'see', 'you'], rest: 'yes see you', block: '', line: 2 },
    ])
  })

  it('tolerates leading spaces, odd spacing and any casing of the name', () => {
    const [command] = parseCommands('   /RSVP   YES  running late  ')
    expect(command).toMatchObject({
      name: 'rsvp',
      args: ['YES', 'running', 'late'],
      rest: 'YES  running late',
    })
  })

  it('reads several commands, one per line, in order', () => {
    expect(names('/rsvp yes\nsome words\n/topic delegation\r\n/help')).toEqual([
      'rsvp',
      'topic',
      'help',
    ])
  })

  it('ignores commands mentioned mid-sentence, in list items and after escapes', () => {
    expect(names("I'll /rsvp later\n- /rsvp yes\n\\/rsvp yes\n# /rsvp yes")).toEqual([])
  })

  it('does not take paths or bare slashes for commands', () => {
    expect(names('/etc/hosts is broken\n/ nothing\n//rsvp yes\n/123')).toEqual([])
  })

  it('ignores fenced code blocks with backticks and tildes', () => {
    const body = ['```', '/rsvp yes', '```', '~~~md', '/rsvp no', '~~~', '/rsvp maybe'].join('\n')
    expect(parseCommands(body).map((c) => c.args[0])).toEqual(['maybe'])
  })

  it('runs an unclosed fence to the end of the comment', () => {
    expect(names('/help\n```\n/rsvp yes\n\n/topic x')).toEqual(['help'])
  })

  it('closes a fence only with the same character and at least the same length', () => {
    expect(names('````\n```\n/rsvp yes\n~~~~\n````\n/help')).toEqual(['help'])
  })

  it('treats a one-line ```code``` as inline code, not a fence', () => {
    expect(names('```not a fence```\n/help')).toEqual(['help'])
  })

  it('ignores fences inside list items', () => {
    expect(names('- ```\n  /rsvp yes\n  ```\n/help')).toEqual(['help'])
  })

  it('ignores indented code blocks, including tab-indented ones', () => {
    expect(names('Example:\n\n    /rsvp yes\n\t/rsvp no\n/help')).toEqual(['help'])
  })

  it('ignores a command that is only shown as inline code', () => {
    expect(names('`/rsvp yes`\nuse `/rsvp no` to decline')).toEqual([])
  })

  it('ignores lines that start inside an inline code span spanning lines', () => {
    expect(names('try `this\n/rsvp yes\nwith` me\n/help')).toEqual(['help'])
    expect(names('an escaped \\` backtick\n/help')).toEqual(['help'])
  })

  it('ignores block quotes, nested ones included', () => {
    expect(names('> /rsvp yes\n>> /rsvp no\n > > /topic x\n\n/help')).toEqual(['help'])
  })

  it('counts a command right after a quote: only lines starting with > are quotes', () => {
    expect(names('> Ada wrote: /rsvp yes\n/rsvp no')).toEqual(['rsvp'])
  })

  it('ignores HTML comments, on one line or across lines, and unclosed ones to the end', () => {
    expect(names('<!-- /rsvp yes -->\n/help')).toEqual(['help'])
    expect(names('<!--\n/rsvp yes\n-->\n/help')).toEqual(['help'])
    expect(names('text <!-- hidden\n/rsvp yes\nstill --> out\n/help')).toEqual(['help'])
    expect(names('/help\n<!--\n/rsvp yes')).toEqual(['help'])
  })

  it('ignores raw <pre> blocks', () => {
    expect(names('<pre>\n/rsvp yes\n</pre>\n/help')).toEqual(['help'])
  })

  it('accepts a fullwidth slash and fullwidth letters from an IME', () => {
    const [command] = parseCommands('／ｒｓｖｐ　ｙｅｓ')
    expect(command).toMatchObject({ name: 'rsvp', args: ['yes'] })
  })

  it('does not take a division slash or a fraction slash for a slash', () => {
    expect(names('∕rsvp yes\n⁄rsvp yes')).toEqual([])
  })

  it('keeps a name with Cyrillic look-alike letters as written, never as the real command', () => {
    const [command] = parseCommands('/rsvр yes')
    expect(command?.name).toBe('rsvр')
    expect(command?.name).not.toBe('rsvp')
  })

  it('collects the lines below a command up to the next one as its block', () => {
    const [notes, help] = parseCommands('/notes first line\n- point one\n- point two\n\n/help')
    expect(notes?.block).toBe('- point one\n- point two')
    expect(help?.block).toBe('')
  })

  it(`honours at most ${MAX_COMMANDS_PER_COMMENT} commands per comment`, () => {
    const body = Array.from({ length: 50 }, (_, i) => `/topic number ${i}`).join('\n')
    const commands = parseCommands(body)
    expect(commands).toHaveLength(MAX_COMMANDS_PER_COMMENT)
    expect(commands.at(-1)?.rest).toBe(`number ${MAX_COMMANDS_PER_COMMENT - 1}`)
    expect(parseCommands(body, { limit: 3 })).toHaveLength(3)
  })

  it('parses hostile 65,536-character comments in under 100 ms each', () => {
    const size = 65_536
    const bodies = [
      '`a'.repeat(size / 2),
      '`'.repeat(size),
      '<!--'.repeat(size / 4),
      `/${'r'.repeat(size - 1)}`,
      '/rsvp yes\n'.repeat(size / 10),
      '> '.repeat(size / 2),
      '/rsvp ' + ' '.repeat(size - 6),
      Array.from({ length: size / 8 }, (_, i) => '`'.repeat((i % 50) + 1) + 'x\n').join(''),
      '```\n'.repeat(size / 4),
    ]
    for (const body of bodies) {
      const started = performance.now()
      parseCommands(body)
      expect(performance.now() - started).toBeLessThan(100)
    }
  })

  it('reads nothing past GitHub’s 65,536-character limit', () => {
    expect(names(`${'x'.repeat(70_000)}\n/rsvp yes`)).toEqual([])
  })
})
