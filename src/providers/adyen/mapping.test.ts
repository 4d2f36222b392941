import { PaymentResponse as SdkPaymentResponse } from '@adyen/api-library/lib/src/typings/checkout/paymentResponse'
import { NotificationRequestItem as SdkNotificationItem } from '@adyen/api-library/lib/src/typings/notification/notificationRequestItem'
import { describe, expect, it } from 'vitest'
import { DECLINE_CODES } from '../../domain/decline-codes'
import {
  adyenExponentOf,
  EVENT_CODES,
  EVENT_HANDLING,
  fromAdyenValue,
  RESULT_CODES,
  RESULT_KIND,
  toAdyenAmount,
} from './mapping'
import { declineOf, REFUSAL_REASON_CODES, REFUSAL_REASONS } from './refusal-reasons'

describe("amounts in Adyen's minor units", () => {
  it('keeps ISO minor units where Adyen agrees with ISO 4217', () => {
    expect(toAdyenAmount(10050, 'EUR')).toEqual({ value: 10050, currency: 'EUR' })
    expect(toAdyenAmount(1000, 'JPY')).toEqual({ value: 1000, currency: 'JPY' })
    expect(toAdyenAmount(1500, 'KWD')).toEqual({ value: 1500, currency: 'KWD' })
    expect(fromAdyenValue(10050, 'EUR')).toBe(10050)
  })

  it('sends IDR in whole rupiah, as Adyen counts it (ISO has two decimals)', () => {
    expect(adyenExponentOf('IDR')).toBe(0)
    // IDR 150,000.00 is 15,000,000 ISO minor units and 150,000 for Adyen.
    expect(toAdyenAmount(15_000_000, 'IDR')).toEqual({ value: 150_000, currency: 'IDR' })
    expect(fromAdyenValue(150_000, 'IDR')).toBe(15_000_000)
  })

  it('refuses an IDR amount with sen, which Adyen cannot take', () => {
    expect(toAdyenAmount(15_000_050, 'IDR')).toBeUndefined()
  })

  it('follows the other departures of Adyen’s table: ISK and CLP with 2 decimals, CVE with 0', () => {
    expect(toAdyenAmount(1000, 'ISK')).toEqual({ value: 100_000, currency: 'ISK' })
    expect(toAdyenAmount(1000, 'CLP')).toEqual({ value: 100_000, currency: 'CLP' })
    expect(toAdyenAmount(1000, 'CVE')).toEqual({ value: 10, currency: 'CVE' })
    expect(fromAdyenValue(100_000, 'ISK')).toBe(1000)
    expect(fromAdyenValue(100_050, 'CLP')).toBeUndefined()
    expect(fromAdyenValue(10, 'CVE')).toBe(1000)
  })

  it('reads no amount in a currency the gateway does not know', () => {
    expect(fromAdyenValue(100, 'XXX')).toBeUndefined()
  })
})

describe('result codes', () => {
  it('maps every resultCode of the SDK', () => {
    const sdk = Object.values(SdkPaymentResponse.ResultCodeEnum)
    expect([...RESULT_CODES].sort()).toEqual([...sdk].sort())
    for (const code of RESULT_CODES) expect(RESULT_KIND[code]).toBeDefined()
  })
})

describe('event codes', () => {
  it("covers every eventCode of the SDK's NotificationRequestItem", () => {
    for (const code of Object.values(SdkNotificationItem.EventCodeEnum)) {
      expect(EVENT_CODES, code).toContain(code)
      expect(EVENT_HANDLING[code as keyof typeof EVENT_HANDLING]).toBeDefined()
    }
  })

  it('reads the modification and dispute events the gateway acts on', () => {
    expect(EVENT_HANDLING.CAPTURE_FAILED).toBe('capture_failed')
    expect(EVENT_HANDLING.REFUNDED_REVERSED).toBe('refund_failed')
    expect(EVENT_HANDLING.CHARGEBACK).toBe('chargeback')
    expect(EVENT_HANDLING.NOTIFICATION_OF_CHARGEBACK).toBe('ignored')
    expect(EVENT_HANDLING.TECHNICAL_CANCEL).toBe('voided')
  })
})

describe('refusal reasons', () => {
  it('maps every documented refusalReasonCode to a decline code', () => {
    for (const code of REFUSAL_REASON_CODES) {
      expect(DECLINE_CODES).toContain(REFUSAL_REASONS[code].decline)
    }
  })

  it('reads the code first, then the reason text, then the result code', () => {
    expect(declineOf({ resultCode: 'Refused', code: '12', reason: 'Not enough balance' })).toBe(
      'insufficient_funds'
    )
    expect(declineOf({ resultCode: 'Refused', reason: 'Expired Card' })).toBe('expired_card')
    expect(declineOf({ resultCode: 'Refused', reason: 'cvc declined' })).toBe('incorrect_cvc')
    expect(declineOf({ resultCode: 'Refused', reason: '3D Not Authenticated' })).toBe(
      'authentication_failed'
    )
    expect(declineOf({ resultCode: 'Refused', reason: 'FRAUD' })).toBe('fraud_suspected')
    expect(declineOf({ resultCode: 'Refused', code: '2', reason: 'Refused' })).toBe('card_declined')
    expect(declineOf({ resultCode: 'Error', code: '0', reason: 'Unknown' })).toBe(
      'processing_error'
    )
    expect(declineOf({ resultCode: 'Refused', reason: 'DECLINED : 06 : ERROR' })).toBe(
      'card_declined'
    )
    expect(declineOf({ resultCode: 'Refused', code: '45' })).toBe('card_declined')
  })
})
