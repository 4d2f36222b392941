/**
 * @module One provider under test through the gateway's public API: a fresh tenant with the
 * simulator's merchant credentials stored, and the steps scenarios are made of (pay, walk the
 * provider's page, come back, deliver what the provider sent, refund, capture, cancel).
 */
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { call } from '../helpers/http'
import { createPayingTenant, type PaymentBody, SHOP } from '../helpers/payments'
import type { TestTenant } from '../helpers/tenant'
import { type Navigation, walkToCallback } from './browser'
import { openMerchant, type SimulatorMerchant, takeNotifications } from './simulators'
import type { ConformanceProfile, OutgoingNotification } from './types'

export interface ProviderPayment extends PaymentBody {
  capturedAmountMinor: number
  recurring?: string
  parentPaymentId?: string
  pendingOperation?: { type: string; amountMinor: number }
  card?: string
}

export interface Harness {
  profile: ConformanceProfile
  tenant: TestTenant
  account: SimulatorMerchant
  pay(overrides?: Record<string, unknown>): Promise<{ status: number; body: ProviderPayment }>
  /** A payment that went all the way: by card, or through the provider's page and back. */
  paid(overrides?: Record<string, unknown>): Promise<ProviderPayment>
  /**
   * The shopper goes from `redirectUrl` through the provider's (and bank's) pages, pressing a
   * button on the simulated one; the step that would bring them back to the gateway.
   */
  press(redirectUrl: string, action: 'pass' | 'fail'): Promise<Navigation>
  /** The browser arrives back at the gateway: its answer (a 303 to the shop). */
  comeBack(back: Navigation): Promise<{ status: number; location: string | null }>
  /** Hands the gateway everything the provider sent; their answers, in order. */
  deliver(notifications?: OutgoingNotification[]): Promise<number[]>
  get(paymentId: string): Promise<ProviderPayment>
  refund(paymentId: string, amount?: string): Promise<{ status: number; body: ProviderPayment }>
  capture(paymentId: string, amount?: string): Promise<{ status: number; body: ProviderPayment }>
  cancel(paymentId: string): Promise<{ status: number; body: ProviderPayment }>
  /** After an operation the provider only accepted, its notifications settle it: the payment then. */
  settled(paymentId: string): Promise<ProviderPayment>
}

export const customer = { name: 'Jan', surname: 'Novak', email: 'jan.novak@example.com' }

const gatewayPath = (url: string) => {
  const parsed = new URL(url)
  expect(parsed.origin).toBe(env.APP_URL)
  return `${parsed.pathname}${parsed.search}`
}

export async function harnessFor(profile: ConformanceProfile): Promise<Harness> {
  const tenant = await createPayingTenant()
  const account = await openMerchant(
    profile.provider,
    `${env.APP_URL}/v1/webhooks/${profile.provider}`
  )
  const stored = await call('POST', '/v1/config/tenant', {
    token: tenant.token,
    body: { provider: profile.provider, environment: 'test', configs: account.configs },
  })
  expect(stored.status, JSON.stringify(stored.body)).toBe(200)
  const base = `/v1/payments/${profile.provider}`
  const asPayment = (res: { status: number; body: unknown }) => ({
    status: res.status,
    body: res.body as ProviderPayment,
  })

  const harness: Harness = {
    profile,
    tenant,
    account,
    pay: async (overrides = {}) =>
      asPayment(
        await call('POST', base, {
          token: tenant.token,
          body: {
            amount: profile.amount,
            currency: profile.currency,
            customer,
            ...profile.body,
            ...overrides,
          },
        })
      ),
    async paid(overrides = {}) {
      if (profile.cards) {
        const res = await harness.pay({
          cardInfo: cardInfo(profile.cards.success),
          ...overrides,
        })
        expect(res.status, JSON.stringify(res.body)).toBe(201)
        return res.body
      }
      const res = await harness.pay({ ...profile.redirect, ...overrides })
      expect(res.body.status, JSON.stringify(res.body)).toBe('pending')
      await harness.comeBack(await harness.press(res.body.redirectUrl!, 'pass'))
      await harness.deliver()
      return harness.get(res.body.paymentId)
    },
    press: walkToCallback,
    async comeBack(back) {
      const res = await call(back.method, gatewayPath(back.url), {
        rawBody: back.body,
        headers:
          back.body === undefined ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' },
      })
      return { status: res.status, location: res.headers.get('Location') }
    },
    async deliver(notifications) {
      const statuses: number[] = []
      for (const n of notifications ?? (await takeNotifications(account))) {
        const res = await call(n.method, gatewayPath(n.url), {
          headers: n.headers,
          rawBody: n.method === 'GET' ? undefined : n.body,
        })
        statuses.push(res.status)
      }
      return statuses
    },
    get: async (paymentId) =>
      (await call<ProviderPayment>('GET', `${base}/${paymentId}`, { token: tenant.token })).body,
    refund: async (paymentId, amount) =>
      asPayment(
        await call('POST', `${base}/refund`, {
          token: tenant.token,
          body: amount === undefined ? { paymentId } : { paymentId, refundAmount: amount },
        })
      ),
    capture: async (paymentId, amount) =>
      asPayment(
        await call('POST', `${base}/${paymentId}/capture`, {
          token: tenant.token,
          body: amount === undefined ? {} : { amount },
        })
      ),
    cancel: async (paymentId) =>
      asPayment(await call('DELETE', `${base}/${paymentId}`, { token: tenant.token })),
    async settled(paymentId) {
      await harness.deliver()
      return harness.get(paymentId)
    },
  }
  return harness
}

export const cardInfo = (cardNumber: string) => ({
  cardHolderName: 'Jan Novak',
  cardNumber,
  expireMonth: '03',
  expireYear: '2030',
  cvv: '737',
})

export const callbackUrl = `${SHOP}/payment-callback`

/** Moves a payment's clock back, as if it had been created `ms` ago. */
export const agePayment = (paymentId: string, ms: number) =>
  env.DB.prepare(
    'UPDATE payments SET created_at = created_at - ?, updated_at = updated_at - ? WHERE id = ?'
  )
    .bind(ms, ms, paymentId)
    .run()

/** Moves a refund's clock back, so reconciliation takes it up. */
export const ageRefunds = (paymentId: string, ms: number) =>
  env.DB.prepare('UPDATE refunds SET updated_at = updated_at - ? WHERE payment_id = ?')
    .bind(ms, paymentId)
    .run()
