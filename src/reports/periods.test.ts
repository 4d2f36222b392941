import { describe, expect, it } from 'vitest'
import { isTimeZone, parseDay, periodsOf, startOfLocalDay } from './periods'

const day = (text: string) => parseDay(text)!
const iso = (ms: number) => new Date(ms).toISOString()

describe('report periods', () => {
  it('knows IANA zones and refuses made-up ones', () => {
    expect(isTimeZone('Europe/Istanbul')).toBe(true)
    expect(isTimeZone('UTC')).toBe(true)
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false)
  })

  it('parses only real calendar dates', () => {
    expect(parseDay('2026-02-28')).not.toBeNull()
    expect(parseDay('2026-02-29')).toBeNull()
    expect(parseDay('2024-02-29')).not.toBeNull()
    expect(parseDay('2026-13-01')).toBeNull()
    expect(parseDay('2026-1-01')).toBeNull()
  })

  it('starts an Istanbul day at 21:00 UTC the day before', () => {
    expect(iso(startOfLocalDay(day('2026-04-01'), 'Europe/Istanbul'))).toBe(
      '2026-03-31T21:00:00.000Z'
    )
  })

  it('gives New York days of 23 and 25 hours at the DST changes', () => {
    const ny = 'America/New_York'
    const [march] = periodsOf(day('2026-03-08'), day('2026-03-08'), 'daily', ny)
    expect(iso(march!.startMs)).toBe('2026-03-08T05:00:00.000Z')
    expect(iso(march!.endMs)).toBe('2026-03-09T04:00:00.000Z')
    expect(march!.endMs - march!.startMs).toBe(23 * 3600_000)
    const [november] = periodsOf(day('2026-11-01'), day('2026-11-01'), 'daily', ny)
    expect(november!.endMs - november!.startMs).toBe(25 * 3600_000)
  })

  it('begins a day at the jump where DST skips midnight (Santiago)', () => {
    // Chile moved clocks from 00:00 to 01:00 (UTC-4 → UTC-3) on 2024-09-08.
    expect(iso(startOfLocalDay(day('2024-09-08'), 'America/Santiago'))).toBe(
      '2024-09-08T04:00:00.000Z'
    )
  })

  it('cuts months at local midnights and clips the first and last to the range', () => {
    const months = periodsOf(day('2026-01-15'), day('2026-03-10'), 'monthly', 'America/New_York')
    expect(months.map((p) => [p.firstDay, p.lastDay])).toEqual([
      ['2026-01-15', '2026-01-31'],
      ['2026-02-01', '2026-02-28'],
      ['2026-03-01', '2026-03-10'],
    ])
    expect(iso(months[1]!.startMs)).toBe('2026-02-01T05:00:00.000Z')
    expect(months[0]!.endMs).toBe(months[1]!.startMs)
  })

  it('starts weeks on Monday', () => {
    // 2026-12-02 is a Wednesday.
    const weeks = periodsOf(day('2026-12-02'), day('2026-12-20'), 'weekly', 'UTC')
    expect(weeks.map((p) => [p.firstDay, p.lastDay])).toEqual([
      ['2026-12-02', '2026-12-06'],
      ['2026-12-07', '2026-12-13'],
      ['2026-12-14', '2026-12-20'],
    ])
  })
})
