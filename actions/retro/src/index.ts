import * as core from '../../lib/runner/core.js'
import { run } from './main.js'

run().catch((error: unknown) =>
  core.setFailed(error instanceof Error ? error.message : String(error)),
)
