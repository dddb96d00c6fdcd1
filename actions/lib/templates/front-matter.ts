import matter from 'gray-matter'
import { parse as parseYaml } from 'yaml'

export interface FrontMatterDocument {
  data: Record<string, unknown>
  content: string
}

const refuse = (language: string) => () => {
  throw new Error(`front matter in ${language} is not allowed; use YAML`)
}

/**
 * Splits `---` front matter from a markdown body. YAML is parsed by `yaml` (one dialect across the
 * project) and gray-matter's JavaScript engines are replaced, so a template can never run code.
 */
export function parseFrontMatter(text: string, file: string): FrontMatterDocument {
  let parsed: matter.GrayMatterFile<string>
  try {
    parsed = matter(text, {
      language: 'yaml',
      engines: {
        yaml: (source: string) => (parseYaml(source, { maxAliasCount: 50 }) ?? {}) as object,
        js: refuse('JavaScript'),
        javascript: refuse('JavaScript'),
        coffee: refuse('CoffeeScript'),
        coffeescript: refuse('CoffeeScript'),
        json: (source: string) => JSON.parse(source) as object,
      },
    })
  } catch (e) {
    throw new Error(`${file}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`)
  }
  const data = parsed.data as unknown
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error(`${file}: front matter must be a mapping of fields`)
  }
  return { data: data as Record<string, unknown>, content: parsed.content }
}
