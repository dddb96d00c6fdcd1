/** Where a command writes; tests capture it instead of the real streams. */
export interface Io {
  out(text: string): void
  err(text: string): void
  cwd: string
  isTty: boolean
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  cwd: process.cwd(),
  isTty: Boolean(process.stdin.isTTY && process.stdout.isTTY),
}
