import { describe, expect, it } from 'vitest'
import { isWireCurrency, outcomeOfStatus, purchaseUrlOf, toWireAmount } from './mapping'
import { OZAN_STATUSES } from './wire'

describe('OzanPay mapping', () => {
  it('sends amounts as strings of cents', () => {
    expect(toWireAmount(10050)).toBe('10050')
    expect(toWireAmount(5)).toBe('5')
    expect(() => toWireAmount(1.5)).toThrow(RangeError)
    expect(isWireCurrency('TRY')).toBe(true)
    expect(isWireCurrency('EUR')).toBe(true)
    expect(isWireCurrency('JPY')).toBe(false)
    expect(isWireCurrency('XYZ')).toBe(false)
  })

  it('maps every status', () => {
    const kinds = OZAN_STATUSES.map((s) => outcomeOfStatus(s, 't1', undefined, undefined).kind)
    expect(kinds).toEqual(['succeeded', 'pending', 'pending', 'declined', 'declined'])
  })

  it('does not call a payment approved without OzanPay id', () => {
    expect(outcomeOfStatus('APPROVED', undefined, undefined, undefined).kind).toBe('unknown')
  })

  it('leaves a plain purchaseUrl alone', () => {
    const url = 'https://checkout.ozan.com/pay?t=a%2Fb'
    expect(purchaseUrlOf(url)).toBe(url)
  })
})
