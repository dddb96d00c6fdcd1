// Regenerates the README's reference sections from action.yml files, the schema, the command
// catalog and the issue forms.
import { readFile, writeFile } from 'node:fs/promises'
import { renderReadme } from './readme/sections.js'

const before = await readFile('README.md', 'utf8')
const after = await renderReadme(process.cwd(), before)
await writeFile('README.md', after)
console.log(before === after ? 'README.md is up to date' : 'README.md updated')
