/**
 * @module Report periods: calendar days, ISO weeks (Monday first) and months of an IANA time zone,
 * as UTC instants. A period starts at a local midnight; across a DST change a day lasts 23 or 25
 * hours, so boundaries are converted one by one with `Intl`, never by adding 24 hours.
 */

export type PeriodKind = 'daily' | 'weekly' | 'monthly'

/** A civil date, counted in days since 1970-01-01 (no time zone attached). */
type DayNumber = number

export interface Period {
  /** First local day of the period, `YYYY-MM-DD`. */
  firstDay: string
  /** Last local day of the period (inclusive), `YYYY-MM-DD`. */
  lastDay: string
  /** Local midnight starting `firstDay`, in epoch milliseconds. */
  startMs: number
  /** Local midnight after `lastDay` (exclusive). */
  endMs: number
}

const DAY_MS = 24 * 60 * 60 * 1000
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterOf(timeZone: string) {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** Whether `Intl` knows the zone (`Europe/Istanbul`, `UTC`); an unknown one throws a RangeError. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone)
    return true
  } catch {
    return false
  }
}

/** The local wall time at `instantMs`, read as if it were UTC (whole seconds). */
function wallClockMs(instantMs: number, timeZone: string) {
  const parts = Object.fromEntries(
    formatterOf(timeZone)
      .formatToParts(new Date(instantMs))
      .map((p) => [p.type, p.value])
  )
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second)
  )
}

/** The zone's offset from UTC at an instant, in milliseconds (Istanbul: +3 h). */
export const offsetMs = (instantMs: number, timeZone: string) =>
  wallClockMs(instantMs, timeZone) - Math.floor(instantMs / 1000) * 1000

/**
 * The first instant of a local day. The offset is read at the naive guess and again at the
 * corrected instant, since either may fall on the other side of a transition; of the candidates
 * that lie on the wanted local day the earliest wins. Where a DST jump skips midnight itself
 * (America/Santiago), the day begins at the jump, which is then the only such candidate.
 */
export function startOfLocalDay(day: DayNumber, timeZone: string): number {
  const guess = day * DAY_MS
  const first = guess - offsetMs(guess, timeZone)
  const second = guess - offsetMs(first, timeZone)
  const onDay = [first, second].filter((t) => Math.floor(wallClockMs(t, timeZone) / DAY_MS) === day)
  return onDay.length > 0 ? Math.min(...onDay) : Math.max(first, second)
}

/** `YYYY-MM-DD` as a day number, or null for text that is not a real calendar date. */
export function parseDay(text: string): DayNumber | null {
  const match = DATE.exec(text)
  if (!match) return null
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const ms = Date.UTC(year, month - 1, date)
  const back = new Date(ms)
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1) return null
  if (back.getUTCDate() !== date) return null
  return ms / DAY_MS
}

export const formatDay = (day: DayNumber) => new Date(day * DAY_MS).toISOString().slice(0, 10)

/** The day after the period that contains `day` begins. */
function nextPeriodStart(day: DayNumber, kind: PeriodKind): DayNumber {
  if (kind === 'daily') return day + 1
  if (kind === 'weekly') {
    // 1970-01-01 was a Thursday: (day + 3) % 7 counts days since Monday.
    return day - ((day + 3) % 7) + 7
  }
  const date = new Date(day * DAY_MS)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS
}

/** Number of local days from `from` to `to`, both included. */
export const daysInRange = (from: DayNumber, to: DayNumber) => to - from + 1

/**
 * The periods covering `from`…`to` (inclusive). The first and the last are clipped to the range,
 * so their sum is exactly the range asked for (a month report from the 15th starts on the 15th).
 */
export function periodsOf(
  from: DayNumber,
  to: DayNumber,
  kind: PeriodKind,
  timeZone: string
): Period[] {
  const periods: Period[] = []
  let start = from
  let startMs = startOfLocalDay(start, timeZone)
  while (start <= to) {
    const next = Math.min(nextPeriodStart(start, kind), to + 1)
    const endMs = startOfLocalDay(next, timeZone)
    periods.push({ firstDay: formatDay(start), lastDay: formatDay(next - 1), startMs, endMs })
    start = next
    startMs = endMs
  }
  return periods
}
