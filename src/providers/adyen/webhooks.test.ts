import { describe, expect, it } from 'vitest'
import type { NotificationRequest } from '../types'
import { adyenHmac, notificationSigningString } from './signing'
import { TEST_CONFIG, testContext } from './test-context'
import { adyenWebhooks } from './webhooks'

type Item = Record<string, unknown> & { additionalData?: Record<string, string> }

const baseItem = (overrides: Item = {}): Item => ({
  amount: { currency: 'EUR', value: 2500 },
  eventCode: 'AUTHORISATION',
  eventDate: '2026-01-01T01:00:00+01:00',
  merchantAccountCode: TEST_CONFIG.merchantAccount,
  merchantReference: 'pay_01JF4M0000000000000000000A',
  paymentMethod: 'mc',
  pspReference: 'QFQTPCQ8HXSKGK82',
  reason: '',
  success: 'true',
  ...overrides,
})

/** The test-side signer: what Adyen puts in additionalData.hmacSignature. */
async function signed(item: Item, key = TEST_CONFIG.hmacKey): Promise<Item> {
  const signature = await adyenHmac(key, notificationSigningString(item as never))
  return { ...item, additionalData: { ...item.additionalData, hmacSignature: signature } }
}

const request = (items: Item[], live = 'false'): NotificationRequest => ({
  method: 'POST',
  rawBody: JSON.stringify({
    live,
    notificationItems: items.map((i) => ({ NotificationRequestItem: i })),
  }),
  headers: new Headers({ 'Content-Type': 'application/json' }),
  query: new URLSearchParams(),
})

const parseOne = (item: Item) => adyenWebhooks.parse(request([item]))[0]!

describe('Adyen webhook batches', () => {
  it('reads one notification per item and answers [accepted]', async () => {
    const req = request([
      baseItem(),
      baseItem({
        eventCode: 'CAPTURE',
        pspReference: 'CAPT1',
        originalReference: 'QFQTPCQ8HXSKGK82',
      }),
    ])
    const notifications = adyenWebhooks.parse(req)
    expect(notifications.map((n) => n.eventId)).toEqual([
      'AUTHORISATION:QFQTPCQ8HXSKGK82:true',
      'CAPTURE:CAPT1:true',
    ])
    expect(notifications[1]).toMatchObject({
      providerPaymentId: 'QFQTPCQ8HXSKGK82',
      paymentId: 'pay_01JF4M0000000000000000000A',
    })
    expect(adyenWebhooks.acknowledgement).toEqual({
      status: 200,
      body: '[accepted]',
      contentType: 'text/plain',
    })
  })

  it('reads nothing from a body that is not a notification', () => {
    expect(adyenWebhooks.parse({ ...request([]), rawBody: 'not json' })).toEqual([])
    expect(adyenWebhooks.parse({ ...request([]), rawBody: '{"live":"false"}' })).toEqual([])
  })
})

describe('Adyen webhook verification', () => {
  it('verifies each item with the HMAC key of the payment’s environment', async () => {
    const { ctx } = testContext([])
    const req = request([
      await signed(baseItem()),
      await signed(baseItem({ pspReference: 'OTHER' }), 'AA'.repeat(32)),
    ])
    const [first, second] = adyenWebhooks.parse(req)
    expect(await adyenWebhooks.verify(ctx, req, first!)).toBe(true)
    expect(await adyenWebhooks.verify(ctx, req, second!)).toBe(false)
  })

  it('refuses an item whose signed fields were changed', async () => {
    const { ctx } = testContext([])
    const genuine = await signed(baseItem())
    const req = request([{ ...genuine, merchantReference: 'pay_someone_else' }])
    expect(await adyenWebhooks.verify(ctx, req, adyenWebhooks.parse(req)[0]!)).toBe(false)
  })

  it('refuses an item that repeats a signed item’s event code, reference and success without its own signature', async () => {
    const { ctx } = testContext([])
    const genuine = await signed(baseItem({ merchantReference: 'order-of-another-channel' }))
    const forged = baseItem({ merchantReference: 'pay_01JF4M0000000000000000000B' })
    const req = request([genuine, forged])
    const [first, second] = adyenWebhooks.parse(req)
    expect(second!.eventId).toBe(first!.eventId)
    expect(await adyenWebhooks.verify(ctx, req, second!)).toBe(false)
    expect(await adyenWebhooks.verify(ctx, req, first!)).toBe(false)
    const twice = request([genuine, genuine])
    expect(await adyenWebhooks.verify(ctx, twice, adyenWebhooks.parse(twice)[1]!)).toBe(true)
  })

  it('verifies nothing without an HMAC key, for another merchant account, or across environments', async () => {
    const item = await signed(baseItem())
    const req = request([item])
    const [n] = adyenWebhooks.parse(req)
    const { ctx } = testContext([])
    const { hmacKey: _, ...noKey } = TEST_CONFIG
    expect(await adyenWebhooks.verify({ ...ctx, config: noKey }, req, n!)).toBe(false)
    expect(
      await adyenWebhooks.verify(
        { ...ctx, config: { ...TEST_CONFIG, merchantAccount: 'Other' } },
        req,
        n!
      )
    ).toBe(false)
    expect(await adyenWebhooks.verify({ ...ctx, environment: 'production' }, req, n!)).toBe(false)
    const live = request([item], 'true')
    expect(await adyenWebhooks.verify(ctx, live, adyenWebhooks.parse(live)[0]!)).toBe(false)
    const liveCtx = { ...ctx, environment: 'production' as const }
    expect(await adyenWebhooks.verify(liveCtx, live, adyenWebhooks.parse(live)[0]!)).toBe(true)
  })

  it('reads the webhook OpenAPI example item, with its operations array and reason "null"', async () => {
    const { ctx } = testContext([])
    const item = await signed(
      baseItem({
        operations: ['CANCEL', 'CAPTURE', 'REFUND'],
        reason: 'null',
        paymentMethod: 'ach',
      })
    )
    const req = request([item])
    const [n] = adyenWebhooks.parse(req)
    expect(n!.change).toMatchObject({ kind: 'payment', outcome: { status: 'successful' } })
    expect(await adyenWebhooks.verify(ctx, req, n!)).toBe(true)
  })

  it('reads success as a boolean and the value as a digit string, signed over the same text', async () => {
    const { ctx } = testContext([])
    const item = await signed(baseItem())
    const req = request([{ ...item, success: true, amount: { currency: 'EUR', value: '2500' } }])
    const [n] = adyenWebhooks.parse(req)
    expect(n!.eventId).toBe('AUTHORISATION:QFQTPCQ8HXSKGK82:true')
    expect(n!.change).toMatchObject({ outcome: { amountMinor: 2500 } })
    expect(await adyenWebhooks.verify(ctx, req, n!)).toBe(true)
  })
})

describe('Adyen event codes', () => {
  it('reads AUTHORISATION as the payment’s result, with its amount and stored method', () => {
    const n = parseOne(
      baseItem({
        additionalData: {
          'tokenization.storedPaymentMethodId': 'M5N7',
          'tokenization.shopperReference': 'pay_01JF4M0000000000000000000A',
        },
      })
    )
    expect(n).toMatchObject({
      paymentId: 'pay_01JF4M0000000000000000000A',
      providerPaymentId: 'QFQTPCQ8HXSKGK82',
    })
    expect(n.change).toMatchObject({
      kind: 'payment',
      outcome: { kind: 'succeeded', status: 'successful', amountMinor: 2500, currency: 'EUR' },
    })
    const outcome = n.change.kind === 'payment' ? n.change.outcome : undefined
    expect(outcome?.kind === 'succeeded' && JSON.parse(outcome.recurringToken!)).toMatchObject({
      storedPaymentMethodId: 'M5N7',
      type: 'scheme',
    })
  })

  it('reads a manual-capture AUTHORISATION as authorized and a refused one as declined', () => {
    expect(
      parseOne(baseItem({ additionalData: { 'metadata.captureMode': 'manual' } })).change
    ).toMatchObject({ outcome: { status: 'authorized' } })
    expect(
      parseOne(baseItem({ success: 'false', reason: 'Not enough balance' })).change
    ).toMatchObject({ outcome: { kind: 'declined', declineCode: 'insufficient_funds' } })
  })

  it('reads IDR amounts back into ISO minor units', () => {
    expect(
      parseOne(baseItem({ amount: { currency: 'IDR', value: 150_000 } })).change
    ).toMatchObject({ outcome: { amountMinor: 15_000_000 } })
  })

  it('reads a CAPTURE as the captured amount, and a failed one as operation_failed', () => {
    const capture = baseItem({
      eventCode: 'CAPTURE',
      pspReference: 'CAPT1',
      originalReference: 'QFQTPCQ8HXSKGK82',
      amount: { currency: 'EUR', value: 1200 },
    })
    expect(parseOne(capture).change).toEqual({
      kind: 'payment',
      outcome: {
        kind: 'succeeded',
        status: 'successful',
        providerPaymentId: 'QFQTPCQ8HXSKGK82',
        capturedMinor: 1200,
      },
    })
    expect(
      parseOne({ ...capture, success: 'false', reason: 'Insufficient balance on payment' }).change
    ).toMatchObject({
      kind: 'operation_failed',
      operation: 'capture',
      reason: 'Insufficient balance on payment',
    })
    expect(parseOne({ ...capture, eventCode: 'CAPTURE_FAILED' }).change).toMatchObject({
      kind: 'operation_failed',
      operation: 'capture',
    })
  })

  it('reads a REFUND with our refund id as its reference, and the failures that give the amount back', () => {
    const refund = baseItem({
      eventCode: 'REFUND',
      pspReference: 'REF1',
      originalReference: 'QFQTPCQ8HXSKGK82',
      merchantReference: 're_01JF4M000000000000000000R1',
      amount: { currency: 'EUR', value: 700 },
    })
    const n = parseOne(refund)
    expect(n).toMatchObject({ providerPaymentId: 'QFQTPCQ8HXSKGK82' })
    expect(n.paymentId).toBeUndefined()
    expect(n.change).toEqual({
      kind: 'refund',
      amountMinor: 700,
      providerRefundId: 'REF1',
      reference: 're_01JF4M000000000000000000R1',
    })
    for (const item of [
      { ...refund, success: 'false' },
      { ...refund, eventCode: 'REFUND_FAILED' },
      { ...refund, eventCode: 'REFUNDED_REVERSED' },
    ]) {
      expect(parseOne(item).change).toMatchObject({
        kind: 'operation_failed',
        operation: 'refund',
        reference: 're_01JF4M000000000000000000R1',
        providerReference: 'REF1',
      })
    }
  })

  it('reads CANCELLATION, EXPIRE and TECHNICAL_CANCEL as a voided payment', () => {
    for (const eventCode of ['CANCELLATION', 'EXPIRE', 'TECHNICAL_CANCEL']) {
      expect(
        parseOne(baseItem({ eventCode, pspReference: 'M1', originalReference: 'QFQTPCQ8HXSKGK82' }))
          .change
      ).toEqual({
        kind: 'payment',
        outcome: { kind: 'cancelled', providerPaymentId: 'QFQTPCQ8HXSKGK82' },
      })
    }
    expect(
      parseOne(baseItem({ eventCode: 'CANCELLATION', success: 'false' })).change
    ).toMatchObject({ kind: 'operation_failed', operation: 'cancel' })
  })

  it('reads RECURRING_CONTRACT as the stored method of the first payment', () => {
    const n = parseOne(
      baseItem({
        eventCode: 'RECURRING_CONTRACT',
        pspReference: 'GPTOKEN1',
        originalReference: 'QFQTPCQ8HXSKGK82',
        originalPsp: 'QFQTPCQ8HXSKGK82',
        paymentMethod: 'gopay_wallet',
        amount: { currency: 'IDR', value: 0 },
        additionalData: { shopperReference: 'pay_01JF4M0000000000000000000A' },
      })
    )
    expect(n).toMatchObject({
      providerPaymentId: 'QFQTPCQ8HXSKGK82',
      paymentId: 'pay_01JF4M0000000000000000000A',
    })
    expect(n.change.kind === 'recurring_token' && JSON.parse(n.change.token)).toEqual({
      storedPaymentMethodId: 'GPTOKEN1',
      shopperReference: 'pay_01JF4M0000000000000000000A',
      type: 'gopay_wallet',
    })
  })

  it('reads CHARGEBACK as a chargeback and leaves dispute notices alone', () => {
    expect(
      parseOne(
        baseItem({
          eventCode: 'CHARGEBACK',
          pspReference: 'CB1',
          originalReference: 'QFQTPCQ8HXSKGK82',
        })
      ).change
    ).toEqual({ kind: 'chargeback', amountMinor: 2500 })
    expect(parseOne(baseItem({ eventCode: 'NOTIFICATION_OF_CHARGEBACK' })).change.kind).toBe(
      'ignored'
    )
    expect(parseOne(baseItem({ eventCode: 'SOMETHING_NEW' })).change).toMatchObject({
      kind: 'ignored',
    })
  })
})
