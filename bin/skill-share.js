#!/usr/bin/env node
// The CLI ships as one committed bundle (cli/dist), so `npx skill-share` works right after `npm ci`.
import '../cli/dist/index.js'
