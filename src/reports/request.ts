/**
 * @module The checks of a report request beyond its shape: a real time zone, real calendar dates in
 * order, and a bounded range (a day report covers at most 366 days, a week or month report five
 * years), so a report is never more than a few hundred periods.
 */
import { ApiError } from '../errors'
import { daysInRange, isTimeZone, type PeriodKind, parseDay, periodsOf } from './periods'

export const MAX_DAYS: Record<PeriodKind, number> = {
  daily: 366,
  weekly: 5 * 366,
  monthly: 5 * 366,
}

const invalid = (path: string, message: string) =>
  new ApiError('invalid_request', `Invalid request: ${path} ${message}.`, [{ path, message }])

export function reportPeriods(q: {
  period: PeriodKind
  from: string
  to: string
  timezone: string
}) {
  if (!isTimeZone(q.timezone)) {
    throw invalid('timezone', 'is not an IANA time zone (such as Europe/Istanbul or UTC)')
  }
  const from = parseDay(q.from)
  if (from === null) throw invalid('from', 'must be a calendar date YYYY-MM-DD')
  const to = parseDay(q.to)
  if (to === null) throw invalid('to', 'must be a calendar date YYYY-MM-DD')
  if (to < from) throw invalid('to', 'must not be before from')
  const max = MAX_DAYS[q.period]
  if (daysInRange(from, to) > max) {
    throw invalid('to', `is too far from from: a ${q.period} report covers at most ${max} days`)
  }
  return periodsOf(from, to, q.period, q.timezone)
}
