import { describe, expect, it } from 'vitest'
import { lookUpRefund, MAX_REFUNDS_MATCHED, type MovingRefund } from './refunds-history'

const success = (...amounts: number[]): MovingRefund[] =>
  amounts.map((amount) => ({ amount, done: true }))

describe('Finding a retried refund in GoPay’s history', () => {
  it('finds it among the refunds the booked total leaves over', () => {
    expect(lookUpRefund(success(300), 0, 300)).toBe('done')
    expect(lookUpRefund([{ amount: 300, done: false }], 0, 300)).toBe('in_progress')
    expect(lookUpRefund(success(500, 300), 500, 300)).toBe('done')
  })

  it('does not take a larger unbooked refund for a smaller one that never arrived', () => {
    expect(lookUpRefund(success(500), 0, 300)).toBe('absent')
    expect(lookUpRefund(success(1000, 500), 1000, 300)).toBe('absent')
  })

  it('finds a refund whichever booked refunds explain the total', () => {
    // 500 booked is either the 500 or 300 + 200: a 300 is over only in one of them.
    expect(lookUpRefund(success(500, 300, 200, 300), 500, 300)).toBe('done')
  })

  it('compares totals when the ways to book disagree or none fits', () => {
    expect(lookUpRefund(success(500, 300, 200), 500, 300)).toBe('done')
    expect(lookUpRefund(success(500, 300, 200), 500, 600)).toBe('absent')
    expect(lookUpRefund(success(400), 100, 300)).toBe('done')
  })

  it('compares totals for payments with very many refunds', () => {
    const many = success(...Array.from({ length: MAX_REFUNDS_MATCHED + 1 }, () => 100))
    expect(lookUpRefund([...many, ...success(700)], 1500, 300)).toBe('done')
  })
})
