/**
 * Text a person can read and an anonymizer can match: no bytes that were not UTF-8 (decoded as
 * U+FFFD, so a name no longer matches what must be redacted), no terminal control characters (ANSI
 * escapes, NUL, BEL: `plan` would write them to the terminal), and no invisible direction overrides
 * (which make a name read differently from what it is).
 */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffd]/u

/** The first unprintable character and where it is, or undefined when every character is fine. */
export function firstUnprintable(text: string): { index: number; char: string } | undefined {
  const match = UNPRINTABLE.exec(text)
  return match ? { index: match.index, char: match[0] } : undefined
}

/** "contains a control character (U+001B ESC); remove it" and the like, for one value. */
export function describeUnprintable(text: string): string {
  const found = firstUnprintable(text)
  if (!found) return 'is fine'
  return unprintableMessage(found.char)
}

export function unprintableMessage(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
  if (char === '\ufffd')
    return `contains bytes that are not UTF-8 (read as ${code}, the replacement character); save the file as UTF-8 and retype the text`
  const name = CONTROL_NAMES[char]
  const what = /[\u202a-\u202e\u2066-\u2069]/u.test(char)
    ? 'an invisible text-direction override'
    : 'a control character'
  return `contains ${what} (${code}${name ? ` ${name}` : ''}); remove it`
}

const CONTROL_NAMES: Readonly<Record<string, string>> = {
  '\u0000': 'NUL',
  '\u0007': 'BEL',
  '\u0008': 'BS',
  '\u000b': 'VT',
  '\u000c': 'FF',
  '\u001b': 'ESC',
  '\u007f': 'DEL',
}

/**
 * Scans a whole file, comments included (a terminal shows those too), and locates each line's first
 * unprintable character as 1-based line and column.
 */
export function unprintableInFile(
  text: string,
): Array<{ line: number; col: number; message: string }> {
  const found: Array<{ line: number; col: number; message: string }> = []
  text.split('\n').forEach((line, index) => {
    const hit = firstUnprintable(line.endsWith('\r') ? line.slice(0, -1) : line)
    if (hit)
      found.push({ line: index + 1, col: hit.index + 1, message: unprintableMessage(hit.char) })
  })
  return found
}
