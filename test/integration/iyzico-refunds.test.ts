/**
 * iyzico refunds through the gateway when iyzico has no `/v2/payment/refund` (an implementation of
 * the docs' refund page only): the adapter refunds item transaction by item transaction with
 * `/payment/refund`, in full, in parts up to the total, refuses what the items no longer have, and
 * settles a refund whose answer was lost by sending only what is missing.
 */
import { describe, expect, it } from 'vitest'
import { sdk } from '../../src/providers/iyzico/testing'
import { ageRefunds, type Harness, harnessFor } from '../conformance/harness'
import { iyzicoProfile } from '../conformance/iyzico'
import { armFault, countersOf, SIMULATORS_ORIGIN } from '../conformance/simulators'
import { runCron } from '../helpers/cron'

const MINUTE_MS = 60_000
/** 100.00 TRY in two basket items: two item transactions at iyzico. */
const items = [
  { name: 'Kettle', price: '60.00' },
  { name: 'Mug', price: '40.00' },
]

/** A tenant on an iyzico without `/v2/payment/refund`, and a payment of two items. */
async function legacyIyzico() {
  const h = await harnessFor(iyzicoProfile)
  const res = await fetch(`${SIMULATORS_ORIGIN}/iyzico/__sim/legacy_refunds`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ merchant: h.account.merchant }),
  })
  expect(res.status).toBe(200)
  const payment = await h.paid({ items })
  return { h, payment }
}

const errorCode = (body: unknown) => (body as { error: { code: string } }).error.code

/** A call to the simulator as the merchant's own iyzipay-node would make it (not the gateway). */
async function asMerchant(h: Harness, path: string, body: object) {
  const keys = Object.fromEntries(h.account.configs.map((c) => [c.key, c.value]))
  const rnd = '1800000000123456'
  const res = await fetch(`${SIMULATORS_ORIGIN}/iyzico${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'x-iyzi-rnd': rnd,
      Authorization: sdk.generateAuthorizationHeaderV2(
        'IYZWSv2',
        keys.apiKey!,
        ':',
        keys.secretKey!,
        path,
        body,
        rnd
      ),
    },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: await res.json<Record<string, unknown>>() }
}

async function itemTransactionIds(h: Harness, paymentId: string) {
  const detail = await asMerchant(h, '/payment/detail', { locale: 'tr', paymentId })
  const list = detail.body.itemTransactions as { paymentTransactionId: string }[]
  return list.map((item) => item.paymentTransactionId)
}

describe('iyzico refunds without /v2/payment/refund', () => {
  it('refunds in full, one /payment/refund per item', async () => {
    const { h, payment } = await legacyIyzico()
    const res = await h.refund(payment.paymentId)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ status: 'refunded', refundedAmountMinor: 10000 })
    const counters = await countersOf(h.account)
    expect(counters['404 /v2/payment/refund']).toBe(1)
    expect(counters['POST /payment/refund']).toBe(2)
    expect(counters).not.toHaveProperty(['POST /v2/payment/refund'])
  })

  it('refunds in parts up to the total, across the items, and refuses more', async () => {
    const { h, payment } = await legacyIyzico()
    for (const [amount, status] of [
      ['30.00', 'partially_refunded'],
      ['50.00', 'partially_refunded'],
      ['20.00', 'refunded'],
    ] as const) {
      const res = await h.refund(payment.paymentId, amount)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      expect(res.body.status).toBe(status)
    }
    expect((await h.get(payment.paymentId)).refundedAmountMinor).toBe(10000)
    // 30 from the first item; 30 from it and 20 from the second; the second's last 20.
    expect((await countersOf(h.account))['POST /payment/refund']).toBe(4)
    const over = await h.refund(payment.paymentId, '10.00')
    expect(over.status).toBe(409)
  })

  it('refuses an over-refund: above the captured amount, and above what the items have left', async () => {
    const { h, payment } = await legacyIyzico()
    const above = await h.refund(payment.paymentId, '150.00')
    expect(above.status).toBe(422)
    expect(errorCode(above.body)).toBe('refund_exceeds_captured')
    // The merchant refunds the whole first item in iyzico's panel, outside the gateway; iyzico
    // refuses more than an item has left.
    const [first] = await itemTransactionIds(h, payment.transactionId!)
    const item = { locale: 'tr', conversationId: 'panel-1', paymentTransactionId: first }
    const tooMuch = await asMerchant(h, '/payment/refund', { ...item, price: '60.01' })
    expect(tooMuch.body).toMatchObject({ status: 'failure', errorCode: '5095' })
    const panel = await asMerchant(h, '/payment/refund', { ...item, price: '60.0' })
    expect(panel.body).toMatchObject({ status: 'success', paymentTransactionId: first, price: 60 })
    // The gateway still believes 100 is refundable; iyzico's items have 40 left.
    const whole = await h.refund(payment.paymentId)
    expect(whole.status, JSON.stringify(whole.body)).toBe(422)
    expect(errorCode(whole.body)).toBe('provider_rejected')
    expect((await countersOf(h.account))['POST /payment/refund']).toBe(2)
    expect((await h.get(payment.paymentId)).refundedAmountMinor).toBe(0)
    const rest = await h.refund(payment.paymentId, '40.00')
    expect(rest.body).toMatchObject({ status: 'partially_refunded', refundedAmountMinor: 4000 })
  })

  it('settles a refund whose answer was lost by sending only the missing part, once', async () => {
    const { h, payment } = await legacyIyzico()
    // iyzico refunds the first item (60), then the connection drops before the answer.
    await armFault(h.account, 'refund', 'drop')
    const lost = await h.refund(payment.paymentId)
    expect(lost.status, JSON.stringify(lost.body)).toBe(202)
    expect((await countersOf(h.account))['POST /payment/refund']).toBe(1)
    await ageRefunds(payment.paymentId, 10 * MINUTE_MS)
    await runCron()
    const after = await h.get(payment.paymentId)
    expect(after).toMatchObject({ status: 'refunded', refundedAmountMinor: 10000 })
    // Once more: nothing is left to send.
    await ageRefunds(payment.paymentId, 10 * MINUTE_MS)
    await runCron()
    const counters = await countersOf(h.account)
    expect(counters['POST /payment/refund']).toBe(2)
    const [, second] = await itemTransactionIds(h, payment.transactionId!)
    const again = await asMerchant(h, '/payment/refund', {
      locale: 'tr',
      paymentTransactionId: second,
      price: '0.01',
    })
    expect(again.body).toMatchObject({ status: 'failure', errorCode: '5095' })
  })
})
