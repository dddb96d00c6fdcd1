import { describe, expect, it } from 'vitest'
import { parseFrontMatter } from '../../actions/lib/templates/front-matter.js'

// The expected values are what gray-matter 4.0.3 (with the project's engines) returned for each
// text, so that templates and notes files split exactly as they did before it was dropped.

const parse = (text: string) => parseFrontMatter(text, 'notes/x.md')

function messageOf(text: string): string {
  try {
    parse(text)
  } catch (e) {
    return (e as Error).message
  }
  throw new Error(`${JSON.stringify(text)} was read without an error`)
}

describe('front matter', () => {
  it.each([
    [
      'a file without front matter is all body',
      'text\n---\na: 1\n---\nb',
      {},
      'text\n---\na: 1\n---\nb',
    ],
    ['an empty file', '', {}, ''],
    ['front matter', '---\na: 1\n---\nbody', { a: 1 }, 'body'],
    ['a BOM before front matter is dropped', '\uFEFF---\na: 1\n---\nbody', { a: 1 }, 'body'],
    ['a BOM before a plain body is dropped', '\uFEFFjust text', {}, 'just text'],
    [
      'an opening line that does not start the file',
      ' ---\na: 1\n---\nb',
      {},
      ' ---\na: 1\n---\nb',
    ],
    ['four dashes, which open nothing', '----\na: 1\n---\nbody', {}, '----\na: 1\n---\nbody'],
    ['an empty block', '---\n---\nbody', {}, 'body'],
    ['a block of comments only', '---\n# a comment\n---\nbody', {}, 'body'],
    ['only an opening line', '---', {}, ''],
    ['only an opening line and its break', '---\n', {}, ''],
    ['no closing line: all of it is front matter', '---\na: 1\n', { a: 1 }, ''],
    ['a closing line that ends the file', '---\na: 1\n---', { a: 1 }, ''],
    [
      'a closing line with more on it, which starts the body',
      '---\na: 1\n---x\nbody',
      { a: 1 },
      'x\nbody',
    ],
    ['a closing line of four dashes', '---\na: 1\n----\nbody', { a: 1 }, '-\nbody'],
    [
      'a blank line after the closing line, which stays',
      '---\na: 1\n---\n\nbody',
      { a: 1 },
      '\nbody',
    ],
    [
      'a later --- line, which is body',
      '---\ntitle: x\n---\nbody\n---\nmore',
      { title: 'x' },
      'body\n---\nmore',
    ],
    [
      'a carriage return alone after the closing line',
      '---\na: 1\n---\r\r\nbody',
      { a: 1 },
      '\r\nbody',
    ],
    // gray-matter cut before "\n---", and the last field kept the "\r" of its CRLF ('1\r').
    ['CRLF line breaks', '---\r\na: 1\r\n---\r\nbody\r\n', { a: 1 }, 'body\r\n'],
    [
      'CRLF line breaks with a list last',
      '---\r\ntitle: Week 1\r\nlabels: [session]\r\n---\r\nbody',
      { title: 'Week 1', labels: ['session'] },
      'body',
    ],
    ['a date, which stays text', '---\ndate: 2026-09-20\n---\nb', { date: '2026-09-20' }, 'b'],
    ['a YAML null', '---\nnull\n---\nb', {}, 'b'],
    ['yaml named', '---yaml\na: 1\n---\nb', { a: 1 }, 'b'],
    ['YAML named in capitals with spaces around', '--- YAML \na: 1\n---\nb', { a: 1 }, 'b'],
    ['yml named', '---yml\na: 1\n---\nb', { a: 1 }, 'b'],
    ['only spaces after the opening dashes', '---   \na: 1\n---\nb', { a: 1 }, 'b'],
    ['json named', '---json\n{"a": 1}\n---\nb', { a: 1 }, 'b'],
    ['a JSON null', '---json\nnull\n---\nb', {}, 'b'],
    ['an empty block in JavaScript, which runs nothing', '---js\n---\nb', {}, 'b'],
    ['comments only in an unknown language', '---toml\n# a comment\n---\nb', {}, 'b'],
  ])('splits %s', (_name, text, data, content) => {
    expect(parse(text)).toEqual({ data, content })
  })

  it.each([
    ['a list', '---\n- 1\n---\nb'],
    ['a string', '---\njust a string\n---\nb'],
    ['a JSON array', '---json\n[1]\n---\nb'],
  ])('refuses %s for fields', (_name, text) => {
    expect(messageOf(text)).toBe('notes/x.md: front matter must be a mapping of fields')
  })

  it.each([
    ['JS', 'JavaScript'],
    ['Javascript', 'JavaScript'],
    ['cson', 'CoffeeScript'],
    ['CoffeeScript', 'CoffeeScript'],
  ])('refuses front matter in %s', (language, name) => {
    expect(messageOf(`---${language}\n{a: 1}\n---\nb`)).toBe(
      `notes/x.md: front matter in ${name} is not allowed; use YAML`,
    )
  })

  it.each([
    ['JSON', '---JSON\n{"a": 1}\n---\nb'],
    ['toml', '---toml\na = 1\n---\nb'],
    // Without a line break the language is the line but its last character.
    ['ab', '---abc'],
    ['yam', '---yaml'],
  ])('names the language %s it does not know', (language, text) => {
    expect(messageOf(text)).toBe(
      `notes/x.md: front matter in "${language}" is not supported; use YAML`,
    )
  })

  it('says where broken YAML or JSON is, in one line', () => {
    expect(messageOf('---\na: 1\na: 2\n---\nb')).toBe(
      'notes/x.md: Map keys must be unique at line 3, column 1:',
    )
    expect(messageOf('---json\n{bad}\n---\nb')).toMatch(/^notes\/x\.md: [^\n]*JSON[^\n]*$/)
  })
})
