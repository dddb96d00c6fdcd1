// Writes groups/group.schema.json from the runtime validator, so editors and the validator agree.
import { writeFile } from 'node:fs/promises'
import { groupJsonSchema } from '../actions/lib/group-file/schema.js'

await writeFile('groups/group.schema.json', `${JSON.stringify(groupJsonSchema(), null, 2)}\n`)
console.log('wrote groups/group.schema.json')
