import { describe, expect, it } from 'vitest'
import { oneOffReference, paymentManagementUrl, provisionUrl, referenceOf } from './client'
import { paycellConfigSchema } from './config'
import {
  dayOf,
  declineOfCode,
  fromPaycellAmount,
  msisdnOf,
  oneOffReferenceOf,
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

  it('derives a stable 20-digit reference number per operation, behind the merchant prefix', async () => {
    const id = 'pay_01JF000000000000000000000A'
    const payment = await referenceNumberOf('001', 'payment', id)
    expect(payment).toMatch(/^0011\d{16}$/)
    expect(await referenceNumberOf('001', 'payment', id)).toBe(payment)
    expect(await referenceNumberOf('001', 'refund', 'ref_1')).toMatch(/^0014\d{16}$/)
    // The kind digit keeps a payment's capture, cancel and sale numbers apart.
    expect(await referenceNumberOf('001', 'capture', id)).toBe(`0012${payment.slice(4)}`)
    expect(await referenceNumberOf('666', 'payment', id)).toBe(`666${payment.slice(3)}`)
  })

  it("builds a one-off reference from the merchant prefix and the call's transactionId", () => {
    expect(oneOffReferenceOf('001', '20270115122000000123')).toBe('00170115122000000123')
  })

  it('takes a 3-digit referencePrefix, or none', () => {
    const config = {
      applicationName: 'PAYCELLTEST',
      applicationPassword: 'PaycellTestPassword',
      secureCode: 'PAYCELL12345',
      merchantCode: '9998',
    }
    expect(paycellConfigSchema.safeParse(config).success).toBe(true)
    expect(paycellConfigSchema.safeParse({ ...config, referencePrefix: '666' }).success).toBe(true)
    expect(paycellConfigSchema.safeParse({ ...config, referencePrefix: '66' }).success).toBe(false)
    expect(paycellConfigSchema.safeParse({ ...config, referencePrefix: '66a' }).success).toBe(false)
  })

  it('uses the configured prefix on every reference, and 001 without one', async () => {
    const { ctx } = fakePaycell([])
    expect(await referenceOf(ctx, 'payment', 'pay_1')).toMatch(/^0011\d{16}$/)
    const own = { ...ctx, config: { ...ctx.config, referencePrefix: '666' } }
    expect(await referenceOf(own, 'payment', 'pay_1')).toMatch(/^6661\d{16}$/)
    expect(oneOffReference(own, '20270115122000000123')).toBe('66670115122000000123')
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
