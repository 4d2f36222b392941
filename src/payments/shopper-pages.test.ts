import { describe, expect, it } from 'vitest'
import type { CardDetails, PaymentOutcome } from '../providers/types'
import { withoutCardData } from './shopper-pages'

const pending = (html: string): PaymentOutcome => ({
  kind: 'pending',
  redirectUrl: '',
  page: { kind: 'html', html },
  providerPaymentId: 'provider-1',
})

const card = (number: string, cvv: string): CardDetails => ({
  holderName: 'John Doe',
  number,
  expiryMonth: 12,
  expiryYear: 2030,
  cvv,
})

describe('provider pages for the shopper', () => {
  it('stop the payment as a decline when they carry the card number or security code', () => {
    const cases: [string, CardDetails][] = [
      // PayTR's bank page with the number, or with the security code in a field.
      ['<form><input name="pan" value="4355084355084358"></form>', card('4355084355084358', '000')],
      ['<form><input name="cv2" value="000"></form>', card('4355084355084358', '000')],
      // iyzico's 3-D Secure page with the number written in groups.
      [
        '<form action="https://bank.example"><input name="pan" value="5528 7900 0000 0008"></form>',
        card('5528790000000008', '123'),
      ],
    ]
    for (const [html, used] of cases) {
      expect(withoutCardData(pending(html), used)).toMatchObject({
        kind: 'declined',
        declineCode: 'processing_error',
        providerPaymentId: 'provider-1',
      })
    }
  })

  it('pass on a page without card data, and every other outcome, as they are', () => {
    const bank = pending(
      '<form action="https://bank.example"><input name="PaReq" value="eJx"></form>'
    )
    expect(withoutCardData(bank, card('5528790000000008', '123'))).toBe(bank)
    const redirect: PaymentOutcome = {
      kind: 'pending',
      redirectUrl: 'https://p',
      providerPaymentId: null,
    }
    expect(withoutCardData(redirect, card('5528790000000008', '123'))).toBe(redirect)
  })
})
