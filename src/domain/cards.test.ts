import { describe, expect, it } from 'vitest'
import { fullYear, isLuhnValid, isUnexpired, maskPan } from './cards'

describe('cards', () => {
  it('checks Luhn', () => {
    expect(isLuhnValid('4242424242424242')).toBe(true)
    expect(isLuhnValid('5528790000000008')).toBe(true)
    expect(isLuhnValid('5528790000000009')).toBe(false)
    expect(isLuhnValid('42424242')).toBe(false)
    expect(isLuhnValid('4242-4242-4242-4242')).toBe(false)
  })

  it('keeps at most the first 6 and last 4 digits', () => {
    expect(maskPan('5528790000000008')).toBe('552879******0008')
    expect(maskPan('378282246310005')).toBe('378282*****0005')
  })

  it('treats a card as valid through the end of its expiry month', () => {
    const march2026 = Date.UTC(2026, 2, 31, 23, 59)
    expect(isUnexpired(3, 2026, march2026)).toBe(true)
    expect(isUnexpired(2, 2026, march2026)).toBe(false)
    expect(isUnexpired(1, 2027, march2026)).toBe(true)
    expect(fullYear(30)).toBe(2030)
    expect(fullYear(2030)).toBe(2030)
  })
})
