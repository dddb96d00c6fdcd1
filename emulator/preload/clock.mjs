// Loaded with `node --import` into each action process the harness starts (never bundled): it
// moves the process's clock to the emulator's simulated moment, so an action reads "now" the way
// it does on a runner (`new Date()`), and time still passes at the normal rate during the run.
const at = Date.parse(process.env.EMULATOR_NOW ?? '')
if (Number.isFinite(at)) {
  const RealDate = Date
  const offset = at - RealDate.now()
  class SimulatedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset)
      else super(...args)
    }
    static now() {
      return RealDate.now() + offset
    }
  }
  globalThis.Date = SimulatedDate
}
