/**
 * @module Finding a retried refund in GoPay's refund history. GoPay's refunds carry no reference
 * of ours and no id, and the gateway knows only the total it has booked, so a refund is found by
 * its amount: every way the booked total can be made of GoPay's SUCCESS and REQUESTED refunds is
 * tried, and the refund is looked for among the refunds each way leaves over.
 *
 * Comparing totals alone is not enough. With 300 in doubt that never reached GoPay and 500 in
 * doubt that did, the 500 covers the 300: the 300 would be booked without being made, and the 500,
 * no longer covered, sent twice. Here no way of booking 0 leaves a 300 over, so the 300 is sent,
 * and the 500 is found once the 300 is booked. Only when the ways disagree are totals compared.
 */

export interface MovingRefund {
  amount: number
  /** SUCCESS; otherwise REQUESTED. */
  done: boolean
}

export interface History {
  /** SUCCESS and REQUESTED refunds: money moved or moving. */
  moving: MovingRefund[]
  failedAmounts: number[]
}

export type Found = 'done' | 'in_progress' | 'absent'

/** Above this many refunds of one payment only totals are compared: the ways to try are 2^n. */
export const MAX_REFUNDS_MATCHED = 14

const total = (refunds: readonly MovingRefund[]) => refunds.reduce((sum, r) => sum + r.amount, 0)

/** The earlier rule: the unbooked money at GoPay covers the amount, or it does not. */
function byTotals(moving: readonly MovingRefund[], bookedMinor: number, amountMinor: number) {
  if (total(moving) - bookedMinor < amountMinor) return 'absent'
  return total(moving.filter((r) => r.done)) - bookedMinor >= amountMinor ? 'done' : 'in_progress'
}

export function lookUpRefund(
  moving: readonly MovingRefund[],
  bookedMinor: number,
  amountMinor: number
): Found {
  const seen = new Set<Found>()
  if (moving.length <= MAX_REFUNDS_MATCHED) {
    for (let booked = 0; booked < 1 << moving.length; booked++) {
      const isBooked = (i: number) => (booked & (1 << i)) !== 0
      if (total(moving.filter((_, i) => isBooked(i))) !== bookedMinor) continue
      const left = moving.filter((r, i) => !isBooked(i) && r.amount === amountMinor)
      seen.add(left.length === 0 ? 'absent' : left.some((r) => r.done) ? 'done' : 'in_progress')
    }
  }
  if (seen.size > 0 && !seen.has('absent')) return seen.has('in_progress') ? 'in_progress' : 'done'
  if (seen.size === 1) return 'absent'
  // No way explains the booked total, or the ways disagree.
  return byTotals(moving, bookedMinor, amountMinor)
}
