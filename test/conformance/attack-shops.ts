/**
 * @module A shop under attack, for every provider the same way: a fresh tenant with the provider's
 * merchant account (a simulator's, or the built-in sandbox PSP), a webhook endpoint of its own so
 * every event it is told about becomes a delivery, and the steps the attacks are made of: a
 * payment waiting on the provider's page, the shopper paying there without coming back (and what
 * the provider then sends), the walk back to the gateway's callback, and delivering anything to
 * the gateway as the provider would. Payment state is read from D1, never through the API: a
 * `GET` of a pending payment asks the provider and would settle what the test is watching.
 */
import { env, exports } from 'cloudflare:workers'
import { expect } from 'vitest'
import { type Keyring, loadKeyring } from '../../src/crypto/keyring'
import { newId } from '../../src/domain/ids'
import { deriveMerchantSecret, signRequest } from '../../src/providers/sandbox/signing'
import { call, GATEWAY } from '../helpers/http'
import { createPayingTenant, type PaymentBody, pay, pressThreeDS, SHOP } from '../helpers/payments'
import { charge } from '../helpers/sandbox'
import type { TestTenant } from '../helpers/tenant'
import { endpointFor, runQueue } from '../helpers/webhooks'
import type { Navigation } from './browser'
import { harnessFor } from './harness'
import { takeNotifications } from './simulators'
import type { ConformanceProfile, OutgoingNotification } from './types'

/** Credentials as the tenant stored them, by config key. */
export type Keys = Record<string, string>

export interface Shop {
  provider: string
  tenant: TestTenant
  keys: Keys
  /** The simulator's name for the merchant account (its control endpoints take it). */
  merchant?: string
  /** A payment waiting on the provider's page (what the provider said about it so far is dropped). */
  pending(): Promise<PaymentBody>
  /** The shopper pays on the provider's page and never comes back: what the provider sends. */
  payAtProvider(payment: PaymentBody): Promise<OutgoingNotification[]>
  /** What the provider sent since (PayU's COMPLETED once the gateway captured, iyzico's SUCCESS). */
  sentSince(): Promise<OutgoingNotification[]>
  /** The shopper's way back to the gateway's callback after pressing `action` on the provider's page. */
  walk(payment: PaymentBody, action: 'pass' | 'fail'): Promise<Navigation>
}

/** Each test file keeps its refused-notification limits apart with its own addresses. */
let ipCounter = 0
export const attackerIp = () => `2001:db8:a77::${(++ipCounter).toString(16)}`

export interface Delivered {
  status: number
  text: string
  /** The error code of a refusal (`{success: false, error: {code}}`). */
  code?: string
}

/** Sends a notification to the gateway exactly as given (method, path and query, headers, body). */
export async function deliver(n: OutgoingNotification, ip = attackerIp()): Promise<Delivered> {
  const url = new URL(n.url)
  const res = await exports.default.fetch(`${GATEWAY}${url.pathname}${url.search}`, {
    method: n.method,
    headers: { ...n.headers, 'CF-Connecting-IP': ip },
    body: n.method === 'GET' ? undefined : n.body,
  })
  const text = await res.text()
  let code: string | undefined
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code
  } catch {
    // acknowledgements in the provider's own format
  }
  return { status: res.status, text, code }
}

/** The shopper's browser arriving back at the gateway: its answer. */
export async function comeBack(nav: Navigation) {
  const url = new URL(nav.url)
  const res = await call(nav.method, `${url.pathname}${url.search}`, {
    rawBody: nav.body,
    headers: nav.body === undefined ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' },
  })
  return { status: res.status, location: res.headers.get('Location') }
}

export interface StoredPayment {
  status: string
  providerPaymentId: string | null
  capturedMinor: number
  refundedMinor: number
}

export const storedPayment = async (paymentId: string) =>
  (await env.DB.prepare(
    `SELECT status, provider_payment_id AS providerPaymentId, captured_minor AS capturedMinor,
       refunded_minor AS refundedMinor FROM payments WHERE id = ?`
  )
    .bind(paymentId)
    .first<StoredPayment>())!

/**
 * What the merchant is told about a payment: its outbox events, and the deliveries they became
 * once fanned out to the shop's endpoint (the fan-out the gateway queues, run here).
 */
export async function toldMerchant(shop: Shop, paymentId: string) {
  await runQueue([{ body: { kind: 'dispatch', tenantId: shop.tenant.tenantId, paymentId } }])
  const rows = await env.DB.prepare(
    `SELECT e.type AS event, (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.event_id = e.id)
       AS deliveries FROM payment_events e WHERE e.payment_id = ? ORDER BY e.id`
  )
    .bind(paymentId)
    .all<{ event: string; deliveries: number }>()
  return rows.results.map((r) => `${r.event}×${r.deliveries}`)
}

/** Notifications about this payment (by our id or the provider's), in the order sent. */
export const about = (payment: PaymentBody, sent: OutgoingNotification[]) =>
  sent.filter((n) =>
    [payment.paymentId, payment.transactionId].some(
      (id) => id && (n.body.includes(id) || n.url.includes(id))
    )
  )

export async function conformanceShop(profile: ConformanceProfile): Promise<Shop> {
  const h = await harnessFor(profile)
  await endpointFor(h.tenant)
  return {
    provider: profile.provider,
    tenant: h.tenant,
    keys: Object.fromEntries(h.account.configs.map((c) => [c.key, c.value])),
    merchant: h.account.merchant,
    async pending() {
      const created = await h.pay(profile.redirect)
      expect(created.status, JSON.stringify(created.body)).toBe(201)
      expect(created.body.status).toBe('pending')
      await takeNotifications(h.account)
      return created.body
    },
    async payAtProvider(payment) {
      await h.press(payment.redirectUrl!, 'pass')
      return about(payment, await takeNotifications(h.account))
    },
    sentSince: () => takeNotifications(h.account),
    walk: (payment, action) => h.press(payment.redirectUrl!, action),
  }
}

const sandboxSecret = async (tenantId: string) => {
  const keyring = await (loadKeyring(env.CONFIG_ENCRYPTION_KEY) as Promise<Keyring>)
  return deriveMerchantSecret(keyring.sandbox, tenantId)
}

/**
 * A charge notification of the built-in sandbox PSP, signed like the PSP signs it: its own
 * notifications go through a queue nobody consumes in tests, so this is the test-side signer.
 */
export async function sandboxNotification(
  secret: string,
  payment: PaymentBody,
  type: string,
  status: string,
  timestamp = Math.floor(Date.now() / 1000)
): Promise<OutgoingNotification> {
  const body = JSON.stringify({
    id: newId('sandboxEvent'),
    type,
    created: timestamp,
    data: charge(payment, status),
  })
  return {
    method: 'POST',
    url: `${env.APP_URL}/v1/webhooks/sandbox`,
    headers: {
      'Content-Type': 'application/json',
      'X-Sandbox-Timestamp': String(timestamp),
      'X-Sandbox-Signature': await signRequest(secret, timestamp, body),
    },
    body,
  }
}

export async function sandboxShop(): Promise<Shop> {
  const tenant = await createPayingTenant()
  await endpointFor(tenant)
  const secret = await sandboxSecret(tenant.tenantId)
  return {
    provider: 'sandbox',
    tenant,
    keys: { secret },
    async pending() {
      const created = await pay(tenant, { use3D: true, callbackUrl: `${SHOP}/payment-callback` })
      expect(created.status, JSON.stringify(created.body)).toBe(201)
      return created.body
    },
    async payAtProvider(payment) {
      await pressThreeDS(payment.redirectUrl!, 'authenticate')
      return [await sandboxNotification(secret, payment, 'charge.succeeded', 'succeeded')]
    },
    sentSince: async () => [],
    async walk(payment, action) {
      const back = await pressThreeDS(
        payment.redirectUrl!,
        action === 'pass' ? 'authenticate' : 'fail'
      )
      return { method: 'GET', url: back.toString() }
    },
  }
}
