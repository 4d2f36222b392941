import { describe, expect, it } from 'vitest'
import { paymentManagementUrl, provisionUrl } from './client'
import {
  dayOf,
  declineOfCode,
  fromPaycellAmount,
  msisdnOf,
  referenceNumberOf,
  toPaycellAmount,
  transactionDateTimeOf,
} from './mapping'
import { BASE, fakePaycell } from './test-context'

describe('Paycell mapping', () => {
  it('writes amounts as kuruş strings without separator', () => {
    expect(toPaycellAmount(1525)).toBe('1525')
    expect(toPaycellAmount(100)).toBe('100')
    expect(fromPaycellAmount('2351')).toBe(2351)
    expect(fromPaycellAmount('23.51')).toBeUndefined()
  })

  it('sends the msisdn as the samples do: 10 digits without the country code', () => {
    expect(msisdnOf('+905321234567')).toBe('5321234567')
    expect(msisdnOf('905321234567')).toBe('5321234567')
    expect(msisdnOf('+90 532 123 45 67')).toBe('5321234567')
    expect(msisdnOf('05321234567')).toBe('5321234567')
    expect(msisdnOf('5321234567')).toBe('5321234567')
    expect(msisdnOf('+4915112345678')).toBeUndefined()
    expect(msisdnOf(undefined)).toBeUndefined()
  })

  it('writes times as 17 digits of Istanbul time', () => {
    expect(transactionDateTimeOf(Date.UTC(2024, 0, 1, 9, 0, 0, 7))).toBe('20240101120000007')
    expect(dayOf(Date.UTC(2024, 0, 1, 22, 30))).toBe('20240102')
  })

  it('derives a stable 20-digit reference number per operation', async () => {
    const payment = await referenceNumberOf('payment', 'pay_01JF000000000000000000000A')
    expect(payment).toMatch(/^1\d{19}$/)
    expect(await referenceNumberOf('payment', 'pay_01JF000000000000000000000A')).toBe(payment)
    expect(await referenceNumberOf('refund', 'ref_1')).toMatch(/^4\d{19}$/)
    // The kind digit keeps a payment's capture, cancel and sale numbers apart.
    expect(await referenceNumberOf('capture', 'pay_01JF000000000000000000000A')).toBe(
      `2${payment.slice(1)}`
    )
  })

  it('maps the documented codes to declines', () => {
    expect(declineOfCode('4001')).toBe('insufficient_funds')
    expect(declineOfCode('4000')).toBe('card_declined')
    expect(declineOfCode('3032')).toBe('authentication_failed')
    expect(declineOfCode('3001')).toBe('invalid_card')
    expect(declineOfCode('9999')).toBe('processing_error')
  })
})

describe('Paycell hosts', () => {
  it("uses Paycell's two real hosts by default", () => {
    const { ctx } = fakePaycell([])
    const real = { ...ctx, baseUrl: 'https://tpay-test.turkcell.com.tr' }
    expect(provisionUrl(real, 'provision')).toBe(
      'https://tpay-test.turkcell.com.tr/tpay/provision/services/restful/getCardToken/provision/'
    )
    expect(paymentManagementUrl(real, 'getCardTokenSecure')).toBe(
      'https://omccstb.turkcell.com.tr/paymentmanagement/rest/getCardTokenSecure'
    )
    const live = {
      ...ctx,
      environment: 'production' as const,
      baseUrl: 'https://tpay.turkcell.com.tr',
    }
    expect(paymentManagementUrl(live, 'threeDSecure')).toBe(
      'https://epayment.turkcell.com.tr/paymentmanagement/rest/threeDSecure'
    )
  })

  it('serves both families under an override base', () => {
    const { ctx } = fakePaycell([])
    expect(provisionUrl(ctx, 'inquire')).toBe(
      `${BASE}/tpay/provision/services/restful/getCardToken/inquire/`
    )
    expect(paymentManagementUrl(ctx, 'threeDSecure')).toBe(
      `${BASE}/paymentmanagement/rest/threeDSecure`
    )
  })
})
