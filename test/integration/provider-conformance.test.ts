/**
 * The conformance matrix: every scenario, through the gateway's public API, against every
 * provider's simulator. A provider that cannot do something says so in its capabilities, and the
 * scenario then checks that the route answers `not_supported`. Adding a provider adds a profile
 * in `test/conformance/`, not a file of copies.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Capabilities } from '../../src/providers/types'
import { PROFILES } from '../conformance'
import {
  agePayment,
  ageRefunds,
  callbackUrl,
  cardInfo,
  type Harness,
  harnessFor,
  type ProviderPayment,
} from '../conformance/harness'
import { armFault, takeNotifications } from '../conformance/simulators'
import { runCron } from '../helpers/cron'
import { call } from '../helpers/http'
import { eventsOf } from '../helpers/payments'

const MINUTE_MS = 60_000

let capabilities: Record<string, Capabilities>

beforeAll(async () => {
  const res = await call<{ data: { id: string; capabilities: Capabilities }[] }>(
    'GET',
    '/v1/providers'
  )
  capabilities = Object.fromEntries(res.body.data.map((p) => [p.id, p.capabilities]))
})

/** Minor units of the profile's amount, by the currency's exponent as the gateway answers it. */
const minorOf = (payment: ProviderPayment) => payment.amountMinor

const notSupported = (res: { status: number; body: unknown }) => {
  expect(res.status, JSON.stringify(res.body)).toBe(422)
  expect((res.body as { error: { code: string } }).error.code).toBe('not_supported')
}

/** A quarter of the profile's amount, as a major-unit string of the same precision. */
const part = (amount: string, numerator: number, denominator: number) => {
  const decimals = amount.split('.')[1]?.length ?? 0
  const scale = 10 ** decimals
  const minor = Math.round(Number(amount) * scale)
  return ((Math.floor(minor / denominator) * numerator) / scale).toFixed(decimals)
}

/** A provider without notifications (`webhooks: false`): its webhook route takes none. */
const refusesNotifications = async (provider: string) => {
  const res = await call('POST', `/v1/webhooks/${provider}`, { rawBody: '{}' })
  expect(res.status, JSON.stringify(res.body)).toBe(405)
}

describe.each(PROFILES)('$provider', (profile) => {
  const caps = () => capabilities[profile.provider]!
  const harness = () => harnessFor(profile)

  /** An authorized payment (capture: false), by card or through the provider's page. */
  const authorized = (h: Harness) => h.paid({ capture: false })

  it('declares its capabilities', () => {
    expect(caps()).toBeDefined()
    expect(caps().environments).toContain('test')
  })

  it('takes a card payment, or says it does not', async () => {
    const h = await harness()
    if (!caps().card) {
      notSupported(await h.pay({ cardInfo: cardInfo('4111111111111111') }))
      return
    }
    const res = await h.pay({ cardInfo: cardInfo(profile.cards!.success) })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ success: true, status: 'successful' })
    expect(res.body.card).toMatch(/^\d{6}\*+\d{4}$/)
  })

  it('declines a card', async () => {
    if (!caps().card) return
    const h = await harness()
    const res = await h.pay({ cardInfo: cardInfo(profile.cards!.decline) })
    expect(res.status, JSON.stringify(res.body)).toBe(402)
    expect(res.body).toMatchObject({
      success: false,
      status: 'failed',
      declineCode: 'card_declined',
    })
  })

  it('declines a card for insufficient funds', async () => {
    if (!caps().card) return
    const h = await harness()
    const res = await h.pay({ cardInfo: cardInfo(profile.cards!.insufficientFunds) })
    expect(res.status, JSON.stringify(res.body)).toBe(402)
    expect(res.body).toMatchObject({ status: 'failed', declineCode: 'insufficient_funds' })
  })

  it('sends the shopper to the provider and completes the payment on return', async () => {
    const h = await harness()
    const created = await h.pay(profile.redirect)
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.status).toBe('pending')
    expect(created.body.redirectUrl).toMatch(/^https?:\/\//)
    const back = await h.comeBack(await h.press(created.body.redirectUrl!, 'pass'))
    expect(back.status).toBe(303)
    const location = new URL(back.location!)
    expect(`${location.origin}${location.pathname}`).toBe(callbackUrl)
    expect(location.searchParams.get('status')).toBe('successful')
    expect((await h.get(created.body.paymentId)).status).toBe('successful')
  })

  it('fails the payment when the shopper fails on the provider page', async () => {
    const h = await harness()
    const created = await h.pay(profile.redirect)
    const back = await h.comeBack(await h.press(created.body.redirectUrl!, 'fail'))
    expect(back.status).toBe(303)
    expect(new URL(back.location!).searchParams.get('success')).toBe('false')
    if (profile.leftPage === 'pending') {
      expect((await h.get(created.body.paymentId)).status).toBe('pending')
      await agePayment(created.body.paymentId, 2 * 60 * MINUTE_MS)
      await runCron()
    }
    const payment = await h.get(created.body.paymentId)
    expect(payment.status).toBe('failed')
  })

  it('learns the status of a payment whose shopper never came back', async () => {
    const h = await harness()
    const created = await h.pay(profile.redirect)
    await h.press(created.body.redirectUrl!, 'pass')
    const asked = await h.get(created.body.paymentId)
    if (profile.queriesStatus) {
      expect(asked.status).toBe('successful')
    } else {
      expect(asked.status).toBe('pending')
      expect((await h.settled(created.body.paymentId)).status).toBe('successful')
    }
  })

  it('cancels (voids) an authorization or a same-day sale', async () => {
    const h = await harness()
    if (!caps().cancel) {
      const payment = await h.paid()
      notSupported(await h.cancel(payment.paymentId))
      return
    }
    const payment = caps().capture ? await authorized(h) : await h.paid()
    const res = await h.cancel(payment.paymentId)
    expect([200, 202], JSON.stringify(res.body)).toContain(res.status)
    const after = res.status === 202 ? await h.settled(payment.paymentId) : res.body
    expect(after.status).toBe('cancelled')
    expect(await eventsOf(payment.paymentId)).toContain('payment.cancelled')
  })

  it('refunds in full', async () => {
    const h = await harness()
    const payment = await h.paid()
    if (!caps().refund) {
      notSupported(await h.refund(payment.paymentId))
      return
    }
    const res = await h.refund(payment.paymentId)
    expect([200, 202], JSON.stringify(res.body)).toContain(res.status)
    const after = res.status === 202 ? await h.settled(payment.paymentId) : res.body
    expect(after).toMatchObject({ status: 'refunded', refundedAmountMinor: minorOf(payment) })
  })

  it('refunds in parts up to the total, and refuses more', async () => {
    const h = await harness()
    const payment = await h.paid()
    if (!caps().refund || !caps().partialRefund) {
      notSupported(await h.refund(payment.paymentId, part(profile.amount, 1, 4)))
      return
    }
    await profile.beforePartialRefund?.(h.account)
    const first = await h.refund(payment.paymentId, part(profile.amount, 1, 4))
    expect([200, 202], JSON.stringify(first.body)).toContain(first.status)
    const partly = first.status === 202 ? await h.settled(payment.paymentId) : first.body
    expect(partly.status).toBe('partially_refunded')
    const rest = await h.refund(payment.paymentId)
    expect([200, 202], JSON.stringify(rest.body)).toContain(rest.status)
    const whole = rest.status === 202 ? await h.settled(payment.paymentId) : rest.body
    expect(whole).toMatchObject({ status: 'refunded', refundedAmountMinor: minorOf(payment) })
    // Nothing is left: a refunded payment cannot be refunded again.
    const over = await h.refund(payment.paymentId, part(profile.amount, 1, 4))
    expect(over.status).toBe(409)
    expect((over.body as unknown as { error: { code: string } }).error.code).toBe(
      'invalid_transition'
    )
  })

  it('refuses a refund above the captured amount', async () => {
    if (!caps().refund) return
    const h = await harness()
    const payment = await h.paid()
    const over = await h.refund(payment.paymentId, (Number(profile.amount) * 2).toString())
    expect(over.status).toBe(422)
    expect((over.body as unknown as { error: { code: string } }).error.code).toBe(
      'refund_exceeds_captured'
    )
    expect((await h.get(payment.paymentId)).refundedAmountMinor).toBe(0)
  })

  it('captures an authorization in full and in part', async () => {
    const h = await harness()
    if (!caps().capture) {
      const res = await h.pay({
        ...(profile.cards ? { cardInfo: cardInfo(profile.cards.success) } : profile.redirect),
        capture: false,
      })
      expect([201, 422]).toContain(res.status)
      if (res.status === 422) notSupported(res)
      return
    }
    const full = await authorized(h)
    expect(full.status).toBe('authorized')
    const captured = await h.capture(full.paymentId)
    expect([200, 202], JSON.stringify(captured.body)).toContain(captured.status)
    const fullAfter = captured.status === 202 ? await h.settled(full.paymentId) : captured.body
    expect(fullAfter).toMatchObject({ status: 'successful', capturedAmountMinor: minorOf(full) })

    const partial = await authorized(h)
    const half = part(profile.amount, 1, 2)
    if (!caps().partialCapture) {
      notSupported(await h.capture(partial.paymentId, half))
      return
    }
    const partly = await h.capture(partial.paymentId, half)
    expect([200, 202], JSON.stringify(partly.body)).toContain(partly.status)
    const partialAfter = partly.status === 202 ? await h.settled(partial.paymentId) : partly.body
    expect(partialAfter.status).toBe('successful')
    expect(partialAfter.capturedAmountMinor).toBeLessThan(minorOf(partial))
  })

  it('charges a stored payment method again without the shopper, until stopped', async () => {
    const h = await harness()
    const recurrence = (paymentId: string) =>
      `/v1/payments/${profile.provider}/${paymentId}/recurrence`
    if (!caps().recurring) {
      const res = await h.pay({
        ...(profile.cards ? { cardInfo: cardInfo(profile.cards.success) } : profile.redirect),
        recurring: true,
      })
      notSupported(res)
      return
    }
    const parent = await h.paid({ recurring: true, ...(profile.cards ? {} : profile.redirect) })
    await h.deliver()
    expect((await h.get(parent.paymentId)).recurring).toBe('active')
    const chargeOnce = () =>
      call<ProviderPayment>('POST', recurrence(parent.paymentId), {
        token: h.tenant.token,
        headers: { 'Idempotency-Key': `charge-${parent.paymentId}` },
        body: { amount: profile.amount, currency: profile.currency },
      })
    const charge = await chargeOnce()
    expect(charge.status, JSON.stringify(charge.body)).toBe(201)
    expect(charge.body).toMatchObject({ status: 'successful', parentPaymentId: parent.paymentId })
    const retried = await chargeOnce()
    expect(retried.headers.get('Idempotent-Replayed')).toBe('true')
    expect(retried.body.paymentId).toBe(charge.body.paymentId)
    const stopped = await call<ProviderPayment>('DELETE', recurrence(parent.paymentId), {
      token: h.tenant.token,
    })
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200)
    expect(stopped.body.recurring).toBe('stopped')
    const refused = await call('POST', recurrence(parent.paymentId), {
      token: h.tenant.token,
      body: { amount: profile.amount, currency: profile.currency },
    })
    expect(refused.status).toBe(409)
  })

  it('applies a genuine notification once and ignores its duplicate', async () => {
    if (!caps().webhooks) return refusesNotifications(profile.provider)
    const h = await harness()
    const created = await h.pay(profile.redirect)
    await h.press(created.body.redirectUrl!, 'pass')
    const sent = await takeNotifications(h.account)
    expect(sent.length).toBeGreaterThan(0)
    const first = await h.deliver(sent)
    expect(first.every((s) => s === 200)).toBe(true)
    const stored = await env.DB.prepare('SELECT status FROM payments WHERE id = ?')
      .bind(created.body.paymentId)
      .first<{ status: string }>()
    expect(stored?.status).toBe('successful')
    const again = await h.deliver(sent)
    expect(again.every((s) => s === 200)).toBe(true)
    const events = await eventsOf(created.body.paymentId)
    expect(events.filter((e) => e === 'payment.succeeded')).toHaveLength(1)
  })

  it('refuses a forged notification and leaves the payment as it was', async () => {
    if (!caps().webhooks) return refusesNotifications(profile.provider)
    const h = await harness()
    const created = await h.pay(profile.redirect)
    await h.press(created.body.redirectUrl!, 'pass')
    const [genuine] = await takeNotifications(h.account)
    expect(genuine).toBeDefined()
    // The forged copy claims the payment of a second, unpaid one.
    const unpaid = await h.pay(profile.redirect)
    const forged = profile.forge({
      ...genuine!,
      body: genuine!.body.replaceAll(created.body.paymentId, unpaid.body.paymentId),
      url: genuine!.url.replaceAll(created.body.paymentId, unpaid.body.paymentId),
    })
    const [status] = await h.deliver([forged])
    expect(status).toBe(profile.forgedStatus)
    const row = await env.DB.prepare('SELECT status FROM payments WHERE id = ?')
      .bind(unpaid.body.paymentId)
      .first<{ status: string }>()
    expect(row?.status).toBe('pending')
  })

  it('keeps a payment whose answer was lost processing until it is settled', async () => {
    const h = await harness()
    await armFault(h.account, 'create', 'drop')
    const body = profile.cards ? { cardInfo: cardInfo(profile.cards.success) } : profile.redirect
    const lost = await h.pay(body)
    expect(lost.status, JSON.stringify(lost.body)).toBe(202)
    expect(lost.body.status).toBe('processing')
    if (profile.lostCreate.settledBy === 'notification') {
      await h.deliver()
    } else {
      await agePayment(lost.body.paymentId, 2 * 60 * MINUTE_MS)
      await runCron()
    }
    const row = await env.DB.prepare('SELECT status FROM payments WHERE id = ?')
      .bind(lost.body.paymentId)
      .first<{ status: string }>()
    expect(row?.status).toBe(profile.lostCreate.status)
  })

  it('answers a provider 5xx as the provider documents it', async () => {
    const h = await harness()
    await armFault(h.account, 'create', 'http_500')
    const body = profile.cards ? { cardInfo: cardInfo(profile.cards.success) } : profile.redirect
    const res = await h.pay(body)
    expect(res.status, JSON.stringify(res.body)).toBe(profile.createServerError)
    if (res.status === 202) expect(res.body.status).toBe('processing')
  })

  it('settles a refund whose answer was lost by sending it again', async () => {
    if (!caps().refund) return
    const h = await harness()
    const payment = await h.paid()
    await armFault(h.account, 'refund', 'drop')
    const lost = await h.refund(payment.paymentId)
    expect(lost.status, JSON.stringify(lost.body)).toBe(202)
    await ageRefunds(payment.paymentId, 10 * MINUTE_MS)
    await runCron()
    const after = await h.settled(payment.paymentId)
    expect(after).toMatchObject({ status: 'refunded', refundedAmountMinor: minorOf(payment) })
  })
})
