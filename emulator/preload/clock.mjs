// Loaded with `node --import` into each action process the harness starts (never bundled). It
// gives the process the emulator's simulated time, the way a runner's machine has real time:
//
// - EMULATOR_NOW moves the clock to the simulated moment (`new Date()` and `Date.now()` read it),
//   and time still passes during the run.
// - EMULATOR_WAIT_SCALE (e.g. 0.001) makes waits of whole seconds (write pacing, retry back-off,
//   rate-limit pauses) take that fraction of the time, and moves the clock forward by what was
//   skipped, so code that waited a second sees a second gone. Shorter timers (the HTTP client's
//   own ticks and timeouts) keep their real length.
const RealDate = Date
const realSetTimeout = globalThis.setTimeout
const at = Date.parse(process.env.EMULATOR_NOW ?? '')
const offset = Number.isFinite(at) ? at - RealDate.now() : 0
const scale = Number(process.env.EMULATOR_WAIT_SCALE)
let skipped = 0
const now = () => RealDate.now() + offset + skipped

if (offset !== 0 || (scale > 0 && scale < 1)) {
  class SimulatedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(now())
      else super(...args)
    }
    static now() {
      return now()
    }
  }
  globalThis.Date = SimulatedDate
}

if (scale > 0 && scale < 1) {
  globalThis.setTimeout = function scaledSetTimeout(callback, delay, ...args) {
    const ms = Number(delay) || 0
    if (typeof callback !== 'function' || ms < 1000 || ms % 1000 !== 0)
      return realSetTimeout(callback, delay, ...args)
    const due = now() + ms
    return realSetTimeout(() => {
      const late = due - now()
      if (late > 0) skipped += late
      callback(...args)
    }, ms * scale)
  }
}
