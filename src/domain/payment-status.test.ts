import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canTransition, isFinal, PAYMENT_STATUSES, TRANSITIONS } from './payment-status'

describe('the payment state machine', () => {
  it('never leaves a final state', () => {
    for (const status of ['failed', 'cancelled', 'chargeback'] as const) {
      expect(isFinal(status)).toBe(true)
      for (const to of PAYMENT_STATUSES) expect(canTransition(status, to)).toBe(false)
    }
  })

  it('never returns to pending', () => {
    for (const from of PAYMENT_STATUSES) expect(canTransition(from, 'pending')).toBe(false)
  })

  it('keeps refunds after capture: refunded only from successful or partially refunded', () => {
    const into = PAYMENT_STATUSES.filter((s) => canTransition(s, 'refunded'))
    expect(into.sort()).toEqual(['partially_refunded', 'successful'])
  })

  it('has no path back from a final state in any sequence of allowed steps', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PAYMENT_STATUSES), { maxLength: 30 }), (steps) => {
        let status: (typeof PAYMENT_STATUSES)[number] = 'pending'
        let finalSeen = false
        for (const next of steps) {
          if (!canTransition(status, next)) continue
          expect(finalSeen).toBe(false)
          status = next
          finalSeen = isFinal(status)
        }
      })
    )
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...PAYMENT_STATUSES].sort())
  })
})
