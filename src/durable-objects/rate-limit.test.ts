import { describe, expect, it } from 'vitest'
import { evaluate, type RateRule } from './rate-limit'

const rule: RateRule = { bucket: 'payment', limitPerMinute: 50, burst: 10 }

function run(times: number[]) {
  let tat: number | undefined
  return times.map((now) => {
    const { decision, newTat } = evaluate(rule, tat, now)
    if (decision.allowed) tat = newTat
    return decision
  })
}

describe('GCRA', () => {
  it('admits limit + burst at once, then refuses', () => {
    const decisions = run(Array.from({ length: 200 }, () => 1_000))
    expect(decisions.filter((d) => d.allowed)).toHaveLength(60)
    expect(decisions[59]!.remaining).toBe(0)
    expect(decisions[60]!.allowed).toBe(false)
  })

  it('tells how long to wait: one emission interval (1.2 s at 50/min) rounds up to 2 s', () => {
    const decisions = run(Array.from({ length: 61 }, () => 0))
    expect(decisions[60]!.retryAfterSeconds).toBe(2)
  })

  it('refills at the limit rate and holds the sustained rate', () => {
    const start = 0
    const burst = run(Array.from({ length: 60 }, () => start))
    expect(burst.every((d) => d.allowed)).toBe(true)
    // ten simulated minutes, one attempt every 100 ms
    const times = Array.from({ length: 6000 }, (_, i) => start + 1 + i * 100)
    let tat: number | undefined = start + 60 * 1200
    let admitted = 0
    for (const now of times) {
      const { decision, newTat } = evaluate(rule, tat, now)
      if (decision.allowed) {
        tat = newTat
        admitted++
      }
    }
    expect(admitted).toBeGreaterThanOrEqual(499)
    expect(admitted).toBeLessThanOrEqual(501)
  })

  it('counts down the remaining allowance', () => {
    const [first, second] = run([0, 0])
    expect(first!.remaining).toBe(59)
    expect(second!.remaining).toBe(58)
  })
})
