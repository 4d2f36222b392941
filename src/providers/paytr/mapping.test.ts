import { describe, expect, it } from 'vitest'
import { DECLINE_CODES } from '../../domain/decline-codes'
import {
  cancelReferenceOf,
  DECLINE_OF_REASON,
  declineOfMessage,
  declineOfReason,
  FAILED_REASON_CODES,
  fromKurus,
  fromPaytrDecimal,
  isoCurrencyOf,
  merchantOidOf,
  PAYTR_CURRENCY,
  paymentIdOf,
  paytrCurrencyOf,
  REFUND_ERRORS,
  referenceNoOf,
  STATUS_ERRORS,
  SYNC_MEANING,
  SYNC_STATUSES,
  statusErrorOf,
  toKurus,
  toPaytrDecimal,
} from './mapping'

describe('PayTR amounts', () => {
  it('writes kuruş for the iFrame API and decimals with a dot for the Direct API and refunds', () => {
    expect(toKurus(3456)).toBe('3456')
    expect(toPaytrDecimal(10099, 'TRY')).toBe('100.99')
    expect(toPaytrDecimal(1197, 'TRY')).toBe('11.97')
    expect(toPaytrDecimal(5, 'EUR')).toBe('0.05')
  })

  it('reads kuruş notifications and decimal status answers, with a comma or a dot', () => {
    expect(fromKurus('10000')).toBe(10000)
    expect(fromKurus('10.00')).toBeUndefined()
    expect(fromPaytrDecimal('9.76', 'TRY')).toBe(976)
    expect(fromPaytrDecimal('10,8', 'TRY')).toBe(1080)
    expect(fromPaytrDecimal(1, 'TRY')).toBe(100)
    expect(fromPaytrDecimal('0', 'TRY')).toBe(0)
    expect(fromPaytrDecimal('1.234', 'TRY')).toBeUndefined()
  })
})

describe('PayTR currencies', () => {
  it('writes Turkish lira as TL and reads TL or TRY back', () => {
    expect(paytrCurrencyOf('TRY')).toBe('TL')
    expect(Object.keys(PAYTR_CURRENCY)).toEqual(['TRY', 'EUR', 'USD', 'GBP', 'RUB'])
    expect(paytrCurrencyOf('CZK')).toBeUndefined()
    expect(isoCurrencyOf('TL')).toBe('TRY')
    expect(isoCurrencyOf('TRY')).toBe('TRY')
    expect(isoCurrencyOf('usd')).toBe('USD')
    expect(isoCurrencyOf('XXX')).toBeUndefined()
  })
})

describe('PayTR references', () => {
  it('makes merchant_oid from the payment id without its underscore, and back', () => {
    const id = 'pay_01JF4M6Z8N2X5Q7R9T0VWXYZAB'
    expect(merchantOidOf(id)).toBe('pay01JF4M6Z8N2X5Q7R9T0VWXYZAB')
    expect(merchantOidOf(id)).toMatch(/^[A-Za-z0-9]{1,64}$/)
    expect(paymentIdOf(merchantOidOf(id))).toBe(id)
    expect(paymentIdOf('SP12WHMCS1700000000')).toBeUndefined()
  })

  it('makes alphanumeric refund references of at most 64 characters', () => {
    expect(referenceNoOf('re_01JF4M6Z8N2X5Q7R9T0VWXYZAB')).toBe('re01JF4M6Z8N2X5Q7R9T0VWXYZAB')
    expect(cancelReferenceOf('pay01JF4M6Z8N2X5Q7R9T0VWXYZAB')).toMatch(/^[A-Za-z0-9]{1,64}$/)
  })
})

describe('PayTR failures', () => {
  it('maps every documented failed_reason_code', () => {
    expect(Object.keys(DECLINE_OF_REASON).sort()).toEqual([...FAILED_REASON_CODES].sort())
    for (const code of FAILED_REASON_CODES) {
      expect(DECLINE_CODES).toContain(declineOfReason(code, 'İşlem onaylanmadı'))
    }
    expect(declineOfReason('6', '')).toBe('authentication_failed')
    expect(declineOfReason('11', '')).toBe('fraud_suspected')
    expect(declineOfReason('99', '')).toBe('processing_error')
  })

  it("reads code 0's bank text: limit or balance is insufficient funds, the rest a decline", () => {
    expect(declineOfMessage('Kartın limiti /bakiyesi yetersiz')).toBe('insufficient_funds')
    expect(declineOfMessage('KARTIN LİMİTİ YETERSİZ')).toBe('insufficient_funds')
    expect(declineOfMessage('Insufficient funds')).toBe('insufficient_funds')
    expect(declineOfMessage('Kart işlemi banka tarafından onaylanmadı.')).toBe('card_declined')
    expect(declineOfReason('0', 'Kartın limiti / bakiyesi yetersiz.')).toBe('insufficient_funds')
    expect(declineOfReason('42', 'unknown')).toBe('card_declined')
  })

  it('knows every refund and status err_no of the error table, and the sample refund 006', () => {
    expect(Object.keys(REFUND_ERRORS)).toEqual([
      '000',
      '001',
      '002',
      '003',
      '004',
      '005',
      '006',
      '007',
      '008',
      '009',
      '010',
      '011',
      'BLK',
    ])
    expect(Object.keys(STATUS_ERRORS)).toEqual(['001', '002', '003', '004'])
    expect(statusErrorOf('004')).toBe('not_paid')
    expect(statusErrorOf('003')).toBe('unreadable')
    expect(statusErrorOf('999')).toBeUndefined()
  })

  it('gives every sync_mode status a meaning', () => {
    expect(Object.keys(SYNC_MEANING)).toEqual([...SYNC_STATUSES])
  })
})
