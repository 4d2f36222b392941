import { describe, expect, it } from 'vitest'
import { MAX_DELIVERY_ATTEMPTS, RETRY_DELAYS_SECONDS, retryDelaySeconds } from './schedule'

describe('the retry schedule', () => {
  it('spans about three days in delays Queues accepts', () => {
    const total = RETRY_DELAYS_SECONDS.reduce((a, b) => a + b, 0)
    expect(total / 86400).toBeGreaterThan(2.5)
    expect(total / 86400).toBeLessThan(3.5)
    expect(Math.max(...RETRY_DELAYS_SECONDS)).toBeLessThanOrEqual(43200)
    expect(MAX_DELIVERY_ATTEMPTS).toBe(11)
  })

  it('jitters by at most 10% and never beyond 12 hours', () => {
    expect(retryDelaySeconds(1, () => 0)).toBe(5) // 4.5 rounds up
    expect(retryDelaySeconds(2, () => 0)).toBe(270)
    expect(retryDelaySeconds(2, () => 1)).toBe(330)
    expect(retryDelaySeconds(10, () => 1)).toBe(43200)
  })
})
