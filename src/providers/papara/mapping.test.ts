import { describe, expect, it } from 'vitest'
import {
  absolutePaymentUrl,
  CURRENCY_CODES,
  currencyOf,
  ERROR_CODES,
  fromPaparaAmount,
  STATUS_MEANING,
  toPaparaAmount,
  withinPaparaLimits,
} from './mapping'

describe('Papara mapping', () => {
  it('writes amounts as major-unit JSON numbers, as php-sample result.json shows 18.35', () => {
    expect(JSON.stringify({ amount: toPaparaAmount(3999, 'TRY') })).toBe('{"amount":39.99}')
    expect(JSON.stringify({ amount: toPaparaAmount(100, 'TRY') })).toBe('{"amount":1}')
    expect(JSON.stringify({ amount: toPaparaAmount(10050, 'EUR') })).toBe('{"amount":100.5}')
  })

  it('reads the amount of the php-sample IPN (18.35) as 1835 kuruş', () => {
    expect(fromPaparaAmount(18.35, 'TRY')).toBe(1835)
    expect(fromPaparaAmount('2.73', 'TRY')).toBe(273)
    expect(fromPaparaAmount(0.001, 'TRY')).toBeUndefined()
  })

  it('keeps to the SDK limits of 1.00 to 500000.00', () => {
    expect(withinPaparaLimits(99, 'TRY')).toBe(false)
    expect(withinPaparaLimits(100, 'TRY')).toBe(true)
    expect(withinPaparaLimits(50_000_000, 'TRY')).toBe(true)
    expect(withinPaparaLimits(50_000_001, 'TRY')).toBe(false)
  })

  it('uses the integer currency enum 0 TRY, 1 USD, 2 EUR, 3 GBP', () => {
    expect(CURRENCY_CODES).toEqual({ TRY: 0, USD: 1, EUR: 2, GBP: 3 })
    expect(currencyOf(0)).toBe('TRY')
    expect(currencyOf(3)).toBe('GBP')
    expect(currencyOf('2')).toBe('EUR')
    // The node README's IPN sample writes the code itself.
    expect(currencyOf('TRY')).toBe('TRY')
    expect(currencyOf(4)).toBeUndefined()
    expect(currencyOf('PLN')).toBeUndefined()
  })

  it('knows the three payment statuses', () => {
    expect(STATUS_MEANING).toEqual({ 0: 'pending', 1: 'completed', 2: 'refunded' })
  })

  it('maps the checkout error codes 997, 998 and 999', () => {
    expect(ERROR_CODES[997]).toMatchObject({ decline: 'not_permitted', mayHaveActed: false })
    expect(ERROR_CODES[998]).toMatchObject({ decline: 'processing_error', mayHaveActed: false })
    expect(ERROR_CODES[999]).toMatchObject({ decline: 'processing_error', mayHaveActed: true })
    expect(ERROR_CODES[105].decline).toBe('insufficient_funds')
  })

  it('prefixes https:// to a paymentUrl without a scheme, and keeps a given scheme', () => {
    expect(absolutePaymentUrl('www.papara.com/pid?6666-5555-ABCD')).toBe(
      'https://www.papara.com/pid?6666-5555-ABCD'
    )
    expect(absolutePaymentUrl('//www.papara.com/pid')).toBe('https://www.papara.com/pid')
    const full = 'https://test-master.papara.com/checkout/1ac9f5bb'
    expect(absolutePaymentUrl(full)).toBe(full)
  })
})
