import { describe, expect, it } from 'vitest'
import { formatHours, parseHours } from '../../actions/lib/coaching/hours.js'

const read = (text: string) => {
  const result = parseHours(text)
  if (!result.ok) throw new Error(result.message)
  return result.windows
}

describe('usual hours, as people type them', () => {
  it('reads a range without days as Monday to Friday', () => {
    expect(read('08:00-10:00')).toEqual([{ days: [1, 2, 3, 4, 5], from: 480, to: 600 }])
  })

  it('reads day ranges, lists, full names and several windows', () => {
    expect(read('Tue-Thu 08:00-10:00; Sat 09:00 - 11:30')).toEqual([
      { days: [2, 3, 4], from: 480, to: 600 },
      { days: [6], from: 540, to: 690 },
    ])
    expect(read('Monday, Wednesday 12:00–13:00')).toEqual([{ days: [1, 3], from: 720, to: 780 }])
    expect(read('tu/th 17:00 to 24:00')).toEqual([{ days: [2, 4], from: 1020, to: 1440 }])
    expect(read('Fri-Mon 07:00-08:00')[0]?.days).toEqual([1, 5, 6, 7])
    expect(read('weekends 10:00-12:00')[0]?.days).toEqual([6, 7])
  })

  it('writes the windows back the way they read', () => {
    expect(formatHours(read('Tue-Thu 08:00-10:00; Mon, Wed 12:00-13:00'))).toBe(
      'Tue-Thu 08:00-10:00; Mon, Wed 12:00-13:00',
    )
  })

  it('says what is wrong and gives an example', () => {
    const bad = (text: string) => {
      const result = parseHours(text)
      return result.ok ? 'ok' : result.message
    }
    expect(bad('mornings')).toBe(
      '"mornings" is not a window of hours. Write days and a 24-hour range, e.g. "Tue-Thu 08:00-10:00; Sat 09:00-11:00" (no days means Monday to Friday).',
    )
    expect(bad('T 08:00-10:00')).toContain('"T" (days)')
    expect(bad('Mon 10:00-09:00')).toContain('the end comes before the start')
    expect(bad('Mon 25:00-26:00')).toContain('times are 00:00 to 24:00')
  })
})
