import { describe, expect, it } from 'vitest'
import type { NotificationRequest } from '../types'
import { ozanpayWebhooks, parseNotification } from './webhooks'

/** Test-side sender: the return fields as OzanPay posts them to the merchant's server. */
const posted = (fields: Record<string, string>, method: 'GET' | 'POST' = 'POST') =>
  ({
    method,
    rawBody: new URLSearchParams(fields).toString(),
    headers: new Headers({ 'Content-Type': 'application/x-www-form-urlencoded' }),
    query: new URLSearchParams(),
  }) satisfies NotificationRequest

const RETURN_FIELDS = {
  referenceNo: 'pay_1',
  amountProcessed: '10050',
  status: 'APPROVED',
  message: 'Approved',
  transactionId: '83296-1548420500-1381',
}

describe('OzanPay server-to-server return', () => {
  it('only says which payment to ask about, whatever status it claims', () => {
    expect(parseNotification(posted(RETURN_FIELDS))).toEqual([
      {
        eventId: '',
        paymentId: 'pay_1',
        providerPaymentId: '83296-1548420500-1381',
        change: { kind: 'query_status' },
      },
    ])
  })

  it('ignores a GET and a post without a usable referenceNo', () => {
    expect(parseNotification(posted(RETURN_FIELDS, 'GET'))).toEqual([])
    expect(parseNotification(posted({ ...RETURN_FIELDS, referenceNo: '' }))).toEqual([])
    expect(parseNotification(posted({ ...RETURN_FIELDS, referenceNo: '../x' }))).toEqual([])
  })

  it('verifies nothing: there is no signature to check', async () => {
    const request = posted(RETURN_FIELDS)
    const [notification] = parseNotification(request)
    const ctx = {} as Parameters<typeof ozanpayWebhooks.verify>[0]
    expect(await ozanpayWebhooks.verify(ctx, request, notification!)).toBe(false)
  })
})
