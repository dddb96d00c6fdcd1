import { parse as parseYaml } from 'yaml'

export interface FrontMatterDocument {
  data: Record<string, unknown>
  content: string
}

const OPEN = '---'
const CLOSE = '\n---'
const BOM = '\uFEFF'

type Engine = (source: string) => unknown

const refuse =
  (language: string): Engine =>
  () => {
    throw new Error(`front matter in ${language} is not allowed; use YAML`)
  }

const yaml: Engine = (source) => parseYaml(source, { maxAliasCount: 50 }) as unknown
const javascript = refuse('JavaScript')
const coffee = refuse('CoffeeScript')

/** The language after the opening `---` (yaml when none), as written and in lower case. */
const ENGINES: ReadonlyMap<string, Engine> = new Map([
  ['yaml', yaml],
  ['json', (source: string) => JSON.parse(source) as unknown],
  ['js', javascript],
  ['javascript', javascript],
  ['coffee', coffee],
  ['coffeescript', coffee],
])
const ALIASES: ReadonlyMap<string, Engine> = new Map([
  ['yaml', yaml],
  ['yml', yaml],
  ['js', javascript],
  ['javascript', javascript],
  ['coffee', coffee],
  ['coffeescript', coffee],
  ['cson', coffee],
])

/**
 * Splits `---` front matter from a markdown body. YAML is parsed by `yaml` (one dialect across the
 * project); a template can never run code, as front matter in JavaScript or CoffeeScript is refused.
 *
 * The split is the one gray-matter 4.0.3 made, which the project used before: a BOM is dropped;
 * the first line must start with `---` and not `----`, and the rest of it names the language
 * (`---json`); the front matter ends before the first "\n---" (what follows those characters on
 * their line starts the body) or, without one, at the end of the file; one line break after it is
 * not part of the body, and with CRLF line breaks neither is the last "\r" of the front matter.
 * Front matter that is empty or only comments is no fields. (gray-matter also
 * took a language named like an Object property, `---constructor`, for an engine; here it is not.)
 */
export function parseFrontMatter(text: string, file: string): FrontMatterDocument {
  const whole = text.startsWith(BOM) ? text.slice(BOM.length) : text
  if (!whole.startsWith(OPEN) || whole.charAt(OPEN.length) === '-') {
    return { data: {}, content: whole }
  }
  let rest = whole.slice(OPEN.length)
  // Up to the first line break; without one, all but the last character (as gray-matter reads it).
  const firstLine = rest.slice(0, rest.search(/\r?\n/))
  const language = firstLine.trim()
  if (language) rest = rest.slice(firstLine.length)
  const close = rest.indexOf(CLOSE)
  // The cut is before "\n---": with CRLF line breaks the last line keeps its "\r", dropped here.
  const matter = (close < 0 ? rest : rest.slice(0, close)).replace(/\r$/, '')
  const content = close < 0 ? '' : bodyAfter(rest.slice(close + CLOSE.length))
  let data: unknown = {}
  if (matter.replace(/^\s*#[^\n]+/gm, '').trim() !== '') {
    try {
      data = engineFor(language || 'yaml')(matter)
    } catch (e) {
      throw new Error(`${file}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`)
    }
  }
  data ??= {}
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new Error(`${file}: front matter must be a mapping of fields`)
  }
  return { data: data as Record<string, unknown>, content }
}

function engineFor(language: string): Engine {
  const engine = ENGINES.get(language) ?? ALIASES.get(language.toLowerCase())
  if (!engine) throw new Error(`front matter in "${language}" is not supported; use YAML`)
  return engine
}

/** The rest of the closing line's break ("\r\n" or "\n") is not part of the body. */
function bodyAfter(text: string): string {
  const body = text.startsWith('\r') ? text.slice(1) : text
  return body.startsWith('\n') ? body.slice(1) : body
}
