import { describe, expect, it } from 'vitest'
import {
  COMMAND_NAMES,
  CATALOG,
  commandsAvailable,
  helpText,
} from '../../actions/lib/commands/catalog.js'
import { authorize, interpret, type Interpretation } from '../../actions/lib/commands/interpret.js'
import { parseCommands } from '../../actions/lib/commands/parse.js'

function read(line: string): Interpretation {
  const [parsed] = parseCommands(line)
  if (!parsed) throw new Error(`no command in ${line}`)
  return interpret(parsed)
}

function reason(line: string): string {
  const result = read(line)
  if (result.ok) throw new Error(`${line} was accepted`)
  return result.reason
}

describe('interpret', () => {
  it('types an RSVP with its note, whatever the casing and spacing', () => {
    expect(read('/rsvp   YES  running   late')).toEqual({
      ok: true,
      command: { name: 'rsvp', answer: 'yes', note: 'running late' },
    })
    expect(read('/rsvp maybe,')).toEqual({ ok: true, command: { name: 'rsvp', answer: 'maybe' } })
  })

  it('explains a missing or wrong RSVP answer with an example', () => {
    expect(reason('/rsvp')).toContain('yes, no or maybe')
    expect(reason('/rsvp perhaps')).toMatch(/not "perhaps".*\/rsvp maybe/)
  })

  it('echoes what was typed only as inert text', () => {
    const text = reason('/rsvp <img>@everyone')
    expect(text).not.toContain('<img>')
    expect(text).not.toContain('@everyone')
  })

  it('reads logins with or without @ and drops duplicates', () => {
    expect(read('/attended @ada grace, @Ada')).toEqual({
      ok: true,
      command: { name: 'attended', logins: ['ada', 'grace'] },
    })
    expect(read('/here')).toEqual({ ok: true, command: { name: 'here', logins: [] } })
  })

  it('rejects things that cannot be logins and an empty /attended', () => {
    expect(reason('/attended')).toContain('/attended @ada @grace')
    expect(reason('/here @not_a-login!')).toContain('is not one')
    expect(reason('/swap')).toContain('exactly one')
    expect(reason('/swap @a @b')).toContain('exactly one')
  })

  it('needs topic text and keeps topics short', () => {
    expect(reason('/topic')).toContain('/topic saying no')
    expect(reason(`/topic ${'x'.repeat(201)}`)).toContain('under 200 characters')
    expect(read('/topic  coping   and self-care')).toEqual({
      ok: true,
      command: { name: 'topic', text: 'coping and self-care' },
    })
  })

  it('reads theme picks separated by commas or spaces and refuses repeats and non-numbers', () => {
    expect(read('/themes 1, 3 #4,6')).toEqual({
      ok: true,
      command: { name: 'themes', picks: [1, 3, 4, 6] },
    })
    expect(reason('/themes 1,1')).toContain('twice')
    expect(reason('/themes one')).toContain('"one" is not one')
    expect(reason('/themes 0')).toContain('"0"')
    expect(reason('/themes')).toContain('/themes 1,3,4,6')
  })

  it('reads /continue choices and their aliases', () => {
    expect(read('/continue Monthly')).toEqual({
      ok: true,
      command: { name: 'continue', choice: 'monthly' },
    })
    expect(read('/continue fortnightly')).toEqual({
      ok: true,
      command: { name: 'continue', choice: 'biweekly' },
    })
    expect(reason('/continue weekly')).toContain('monthly, biweekly, stop or channel, not "weekly"')
    expect(read('/continue channel')).toEqual({
      ok: true,
      command: { name: 'continue', choice: 'channel' },
    })
  })

  it('reads the other closing votes: /homework and /seats with an optional cap', () => {
    expect(read('/homework drop')).toEqual({
      ok: true,
      command: { name: 'homework', choice: 'drop' },
    })
    expect(read('/seats nominations 10')).toEqual({
      ok: true,
      command: { name: 'seats', choice: 'nominations', cap: 10 },
    })
    expect(read('/seats Open')).toEqual({ ok: true, command: { name: 'seats', choice: 'open' } })
    expect(reason('/homework maybe')).toContain('takes keep or drop, not "maybe"')
    expect(reason('/seats nominations 200')).toContain('a number from 2 to 50, not "200"')
    expect(reason('/seats closed 8')).toContain('takes no cap')
  })

  it('takes notes from the command line and the lines below it', () => {
    expect(read('/notes we talked about\nfeedback loops')).toEqual({
      ok: true,
      command: { name: 'notes', text: 'we talked about\nfeedback loops' },
    })
    expect(reason('/notes')).toContain('needs the notes')
  })

  it('treats extra words after argument-free commands as harmless', () => {
    expect(read('/agree wholeheartedly')).toEqual({ ok: true, command: { name: 'agree' } })
  })

  it('reports unknown commands and suggests a close one', () => {
    expect(read('/rsvpp yes')).toMatchObject({ ok: false, code: 'unknown', name: 'rsvpp' })
    expect(reason('/rsvpp yes')).toContain('Did you mean `/rsvp`?')
    expect(reason('/shrug')).not.toContain('Did you mean')
  })

  it('never runs a name with look-alike letters and says why', () => {
    const result = read('/rsvр yes')
    expect(result).toMatchObject({ ok: false, code: 'unknown' })
    expect(reason('/rsvр yes')).toContain('only look like plain Latin')
  })
})

describe('authorize', () => {
  const rsvp = { name: 'rsvp', answer: 'yes' } as const

  it('lets members RSVP on any session issue', () => {
    for (const kind of ['kickoff', 'theme', 'closing', 'monthly', 'biweekly'] as const) {
      expect(authorize(rsvp, { role: 'member', kind })).toBeUndefined()
    }
  })

  it('says where a command works when used elsewhere', () => {
    expect(authorize({ name: 'agree' }, { role: 'member', kind: 'theme' })).toEqual({
      code: 'wrong-issue',
      reason: '`/agree` works on the ground rules issue, not here.',
    })
    expect(
      authorize({ name: 'topic', text: 'x' }, { role: 'member', kind: 'theme' })?.reason,
    ).toContain('the kickoff (week 1) issue or a follow-up session issue')
  })

  it('keeps facilitator commands for facilitators, politely', () => {
    const refusal = authorize({ name: 'skip' }, { role: 'member', kind: 'theme' })
    expect(refusal?.code).toBe('not-facilitator')
    expect(refusal?.reason).toMatch(/^Sorry, `\/skip` is for the group's facilitators/)
    expect(authorize({ name: 'skip' }, { role: 'facilitator', kind: 'theme' })).toBeUndefined()
  })

  it('lets members vote on continuing but only facilitators confirm', () => {
    const context = { role: 'member', kind: 'closing' } as const
    expect(authorize({ name: 'continue', choice: 'stop' }, context)).toBeUndefined()
    expect(authorize({ name: 'continue', choice: 'confirm' }, context)?.reason).toContain(
      '`/continue confirm`',
    )
  })
})

describe('catalog and help', () => {
  it('describes every command', () => {
    for (const name of COMMAND_NAMES) {
      expect(CATALOG[name].usage.startsWith(`/${name}`)).toBe(true)
      expect(CATALOG[name].where.length).toBeGreaterThan(0)
    }
  })

  it('lists only the commands available on the kind of issue', () => {
    const kickoff = commandsAvailable('kickoff').map((spec) => spec.name)
    expect(kickoff).toContain('topic')
    expect(kickoff).toContain('themes')
    expect(kickoff).not.toContain('continue')
    expect(commandsAvailable('ground-rules').map((spec) => spec.name)).toEqual(['agree', 'help'])
    expect(commandsAvailable('check-in').map((spec) => spec.name)).toEqual([
      'buddy',
      'snooze',
      'unsnooze',
      'help',
    ])
  })

  it('writes help for the closing issue with the continue vote and marks facilitator commands', () => {
    const text = helpText('closing')
    expect(text).toContain('The commands available here')
    expect(text).toContain('`/continue monthly|biweekly|stop|channel`')
    expect(text).toContain('`/homework keep|drop`')
    expect(text).toContain('`/seats closed|nominations|open [cap]`')
    expect(text).toContain('`/skip [reason]` _(facilitators)_')
    expect(text).not.toContain('/topic')
  })
})
