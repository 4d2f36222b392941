import { describe, expect, it } from 'vitest'
import type { NotificationRequest } from '../types'
import { notificationHash } from './signing'
import { CONFIG, fakePaytr, OID, PAYMENT_ID } from './test-context'
import { paytrWebhooks } from './webhooks'

const SECRETS = { merchantKey: CONFIG.merchantKey, merchantSalt: CONFIG.merchantSalt }

async function notification(fields: Record<string, string>): Promise<NotificationRequest> {
  const hash = await notificationHash(SECRETS, {
    merchant_oid: fields.merchant_oid ?? '',
    status: fields.status ?? '',
    total_amount: fields.total_amount ?? '',
  })
  return {
    method: 'POST',
    rawBody: new URLSearchParams({ hash, ...fields }).toString(),
    headers: new Headers({ 'Content-Type': 'application/x-www-form-urlencoded' }),
    query: new URLSearchParams(),
  }
}

const paid = {
  merchant_oid: OID,
  status: 'success',
  total_amount: '10500',
  test_mode: '1',
  payment_type: 'card',
  currency: 'TL',
  payment_amount: '10000',
  installment_count: '3',
}

describe('PayTR notifications', () => {
  it('are answered with the plain text OK', () => {
    expect(paytrWebhooks.methods).toEqual(['POST'])
    expect(paytrWebhooks.acknowledgement).toEqual({
      status: 200,
      body: 'OK',
      contentType: 'text/plain',
    })
  })

  it('read a paid order: its payment, the amount asked (not the total with installments)', async () => {
    expect(paytrWebhooks.parse(await notification(paid))).toEqual([
      {
        eventId: `${OID}:success`,
        providerPaymentId: OID,
        paymentId: PAYMENT_ID,
        change: {
          kind: 'payment',
          outcome: {
            kind: 'succeeded',
            status: 'successful',
            providerPaymentId: OID,
            amountMinor: 10000,
            currency: 'TRY',
          },
        },
      },
    ])
  })

  it("read a failed order with PayTR's reason", async () => {
    const [n] = paytrWebhooks.parse(
      await notification({
        merchant_oid: OID,
        status: 'failed',
        total_amount: '0',
        failed_reason_code: '2',
        failed_reason_msg: 'Kimlik Doğrulama başarısız.',
      })
    )
    expect(n!.eventId).toBe(`${OID}:failed`)
    expect(n!.change).toEqual({
      kind: 'payment',
      outcome: {
        kind: 'declined',
        declineCode: 'authentication_failed',
        message: 'Kimlik Doğrulama başarısız.',
        providerCode: 'failed_reason_code_2',
        providerPaymentId: OID,
      },
    })
  })

  it('verify the hash with the store key and salt, and refuse a changed copy', async () => {
    const { ctx } = fakePaytr({})
    const genuine = await notification(paid)
    expect(await paytrWebhooks.verify(ctx, genuine, paytrWebhooks.parse(genuine)[0]!)).toBe(true)
    const forged = {
      ...genuine,
      rawBody: genuine.rawBody.replace('total_amount=10500', 'total_amount=1'),
    }
    expect(await paytrWebhooks.verify(ctx, forged, paytrWebhooks.parse(forged)[0]!)).toBe(false)
    const otherStore = { ...ctx, config: { ...CONFIG, merchantSalt: 'OTHER' } }
    expect(await paytrWebhooks.verify(otherStore, genuine, paytrWebhooks.parse(genuine)[0]!)).toBe(
      false
    )
  })

  it("read nothing from what PayTR does not send, and name no payment for another system's order", async () => {
    const empty: NotificationRequest = {
      method: 'POST',
      rawBody: 'merchant_oid=x',
      headers: new Headers(),
      query: new URLSearchParams(),
    }
    expect(paytrWebhooks.parse(empty)).toEqual([])
    expect(paytrWebhooks.parse(await notification({ ...paid, status: 'maybe' }))).toEqual([])
    const [foreign] = paytrWebhooks.parse(
      await notification({ ...paid, merchant_oid: 'SP12WHMCS1' })
    )
    expect(foreign!.paymentId).toBeUndefined()
    expect(foreign!.providerPaymentId).toBe('SP12WHMCS1')
  })
})
