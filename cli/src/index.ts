import { processIo } from './io.js'
import { main } from './main.js'

// `skill-share plan ... | head -1`: the reader went away, which is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    process.exit(process.exitCode ?? 0)
  })
}

void main(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code
})
