import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DECLINE_CODES } from '../../domain/decline-codes'
import { BANK_ERROR_CODES, declineCodeOf, ERROR_GROUPS, messageOfFailure } from './declines'
import {
  fromIyzicoPrice,
  IYZICO_CURRENCIES,
  PAYMENT_STATUS_MEANING,
  REPORTING_PAYMENT_STATUS,
  toIyzicoPrice,
} from './mapping'
import { sdk } from './testing'

describe('iyzico prices', () => {
  it('are written as iyzipay-node formatPrice writes them (test/unit/UtilsTest.js)', () => {
    expect(toIyzicoPrice(2200, 'TRY')).toBe('22.0')
    expect(toIyzicoPrice(1534, 'TRY')).toBe('15.34')
    expect(toIyzicoPrice(10050, 'TRY')).toBe('100.5')
    expect(toIyzicoPrice(12, 'TRY')).toBe('0.12')
    expect(toIyzicoPrice(2312, 'EUR')).toBe('23.12')
  })

  it('agree with the installed iyzipay package for every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000_000 }), (minor) => {
        const major = `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`
        expect(toIyzicoPrice(minor, 'TRY')).toBe(sdk.formatPrice(major))
      })
    )
  })

  it('come back from answers in minor units, refusing more decimals than the currency has', () => {
    expect(fromIyzicoPrice(100.5, 'TRY')).toBe(10050)
    expect(fromIyzicoPrice(1, 'TRY')).toBe(100)
    expect(fromIyzicoPrice('0.12', 'USD')).toBe(12)
    expect(fromIyzicoPrice(0.125, 'TRY')).toBeUndefined()
    expect(fromIyzicoPrice('1e3', 'TRY')).toBeUndefined()
  })

  it('use the currencies iyzipay-node lists', () => {
    expect([...IYZICO_CURRENCIES].sort()).toEqual(
      ['CHF', 'EUR', 'GBP', 'IRR', 'NOK', 'RUB', 'TRY', 'USD'].sort()
    )
  })
})

describe('iyzico statuses', () => {
  it('give every documented payment status a meaning', () => {
    // docs.iyzico.com/en/advanced/webhook and /reporting-service list these values.
    const documented = [
      'SUCCESS',
      'FAILURE',
      'INIT_THREEDS',
      'CALLBACK_THREEDS',
      'BKM_POS_SELECTED',
      'CALLBACK_PECCO',
      'INIT_APM',
      'INIT_BANK_TRANSFER',
      'INIT_CREDIT',
      'PENDING_CREDIT',
      'INIT_CONTACTLESS',
    ]
    expect(Object.keys(PAYMENT_STATUS_MEANING).sort()).toEqual(documented.sort())
    for (const name of Object.values(REPORTING_PAYMENT_STATUS))
      expect(PAYMENT_STATUS_MEANING).toHaveProperty(name)
  })
})

describe('iyzico declines', () => {
  it('map every documented bank error code, each to a gateway decline code', () => {
    const documented =
      `10005 10012 10034 10041 10043 10051 10054 10057 10058 10084 10093 10201 10204
      10206 10207 10208 10209 10210 10211 10213 10214 10215 10216 10217 10219 10222 10223 10225
      10226 10227 10228 10229 10232`.split(/\s+/)
    expect(Object.keys(BANK_ERROR_CODES).sort()).toEqual(documented.sort())
    for (const decline of Object.values(ERROR_GROUPS)) expect(DECLINE_CODES).toContain(decline)
  })

  it('decide by the error group, as iyzico asks, where the tables disagree on the code', () => {
    expect(declineCodeOf({ errorCode: '10093', errorGroup: 'PICKUP_CARD' })).toBe('fraud_suspected')
    expect(declineCodeOf({ errorCode: '10093', errorGroup: 'RESTRICTED_BY_LAW' })).toBe(
      'not_permitted'
    )
    expect(declineCodeOf({ errorCode: '10051' })).toBe('insufficient_funds')
    expect(declineCodeOf({ errorCode: '10005', errorGroup: 'DO_NOT_HONOUR' })).toBe('card_declined')
  })

  it('treat an unknown bank answer as a decline and iyzico refusals as processing errors', () => {
    expect(declineCodeOf({ errorCode: '10999' })).toBe('card_declined')
    expect(declineCodeOf({ errorCode: '12' })).toBe('invalid_card')
    expect(declineCodeOf({ errorCode: '15' })).toBe('incorrect_cvc')
    expect(declineCodeOf({ errorCode: '5062' })).toBe('processing_error')
    expect(declineCodeOf({ errorCode: '1000' })).toBe('processing_error')
  })

  it('say what to check when iyzico refuses the credentials, without echoing them', () => {
    expect(messageOfFailure({ errorCode: '1000', errorMessage: 'Geçersiz imza' })).toMatch(
      /apiKey and secretKey/
    )
    expect(messageOfFailure({ errorCode: '10051', errorMessage: 'Kart limiti yetersiz' })).toBe(
      'Kart limiti yetersiz'
    )
  })
})
