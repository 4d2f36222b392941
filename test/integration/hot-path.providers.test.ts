/**
 * The payment hot path with every real provider, against its simulator: once a tenant's caches
 * are warm (credentials, callback origins, OAuth tokens), a create reads nothing from the
 * gateway's D1, makes one Durable Object call (`admit`, which also scores the risk), writes in one
 * D1 batch, and sends the provider exactly the requests its protocol needs for that create.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env as realEnv } from 'cloudflare:workers'
import { afterEach, describe, expect, it } from 'vitest'
import worker from '../../src/index'
import { PROVIDER_IDS } from '../../src/providers/registry'
import { forgetIsolateTokens } from '../../src/providers/token-cache'
import { PROFILES } from '../conformance'
import { callbackUrl, cardInfo, customer, harnessFor } from '../conformance/harness'
import type { ConformanceProfile } from '../conformance/types'
import { countingEnv, type OutboundCall, recordingOutboundFetch } from '../helpers/counting-env'
import { GATEWAY } from '../helpers/http'

const profile = (provider: string) => PROFILES.find((p) => p.provider === provider)!

interface HotPathCase {
  name: string
  profile: ConformanceProfile
  /** The create's fields besides amount, currency, customer and the profile's own. */
  body: Record<string, unknown>
  /** A direct card payment settles in the create; a redirect waits for the shopper. */
  status: 'successful' | 'pending'
  /** The provider requests of a warm create, in order: `METHOD /path` on the provider's host. */
  calls: string[]
  /** The OAuth token request only the cold create makes: the warm one finds the token cached. */
  tokenCall?: string
}

/** A card payment without 3-D Secure, with the simulator's card that succeeds. */
const direct = (provider: string) => ({
  name: `${provider}, direct card`,
  profile: profile(provider),
  body: { cardInfo: cardInfo(profile(provider).cards!.success) },
  status: 'successful' as const,
})

/** The provider's redirect start: 3-D Secure for card providers, else its hosted page. */
const redirect = (provider: string, kind: string) => ({
  name: `${provider}, ${kind}`,
  profile: profile(provider),
  body: profile(provider).redirect,
  status: 'pending' as const,
})

const PAYCELL_CARD_TOKEN = 'POST /paymentmanagement/rest/getCardTokenSecure'
const PAYCELL_PROVISION = '/tpay/provision/services/restful/getCardToken'

const CASES: HotPathCase[] = [
  { ...direct('stripe'), calls: ['POST /v1/payment_intents'] },
  { ...redirect('stripe', '3-D Secure'), calls: ['POST /v1/payment_intents'] },
  { ...direct('iyzico'), calls: ['POST /payment/auth'] },
  { ...redirect('iyzico', '3-D Secure'), calls: ['POST /payment/3dsecure/initialize'] },
  // Direct API with sync_mode=1; the redirect is the iFrame API's token.
  { ...direct('paytr'), calls: ['POST /odeme'] },
  { ...redirect('paytr', 'iFrame page'), calls: ['POST /odeme/api/get-token'] },
  {
    ...redirect('payu', 'hosted page'),
    calls: ['POST /api/v2_1/orders'],
    tokenCall: 'POST /pl/standard/user/oauth/authorize',
  },
  // The card becomes a one-use cardToken first: Paycell takes no card data on provision.
  { ...direct('paycell'), calls: [PAYCELL_CARD_TOKEN, `POST ${PAYCELL_PROVISION}/provision/`] },
  {
    ...redirect('paycell', '3-D Secure'),
    calls: [PAYCELL_CARD_TOKEN, `POST ${PAYCELL_PROVISION}/getThreeDSession/`],
  },
  { ...direct('nkolay'), calls: ['POST /Vpos/v1/Payment'] },
  { ...redirect('nkolay', '3-D Secure'), calls: ['POST /Vpos/v1/Payment'] },
  { ...redirect('papara', 'wallet page'), calls: ['POST /payments'] },
  { ...redirect('ozanpay', 'hosted checkout'), calls: ['POST /pw/v3/initializePayment'] },
  { ...direct('adyen'), calls: ['POST /v71/payments'] },
  { ...redirect('adyen', '3-D Secure'), calls: ['POST /v71/payments'] },
  {
    name: 'adyen, GoPay wallet',
    profile: { ...profile('adyen'), amount: '150000', currency: 'IDR' },
    body: { paymentMethod: 'gopay_wallet', callbackUrl },
    status: 'pending',
    calls: ['POST /v71/payments'],
  },
  {
    ...redirect('gopay', 'hosted page'),
    calls: ['POST /api/payments/payment'],
    tokenCall: 'POST /api/oauth2/token',
  },
  { ...redirect('gopay88', 'hosted cashier'), calls: ['POST /pay/unifiedorder'] },
]

/** `POST /v71/payments`: the path on the provider's host, without the simulator's mount point. */
const onProviderHost = (provider: string, method: string, url: string) =>
  `${method} ${new URL(url).pathname.replace(new RegExp(`^/${provider}(?=/)`), '')}`

const asProviderCall = (provider: string) => (call: OutboundCall) =>
  onProviderHost(provider, call.method, call.url.href)

/** The payment's provider log, as `METHOD /path`: what the gateway says it sent. */
async function loggedCalls(tenantId: string, provider: string, paymentId: string) {
  const rows = await realEnv.DB.prepare(
    'SELECT request FROM provider_logs WHERE tenant_id = ? AND payment_id = ?'
  )
    .bind(tenantId, paymentId)
    .all<{ request: string }>()
  return rows.results.map(({ request }) => {
    const { method, url } = JSON.parse(request) as { method: string; url: string }
    return onProviderHost(provider, method, url)
  })
}

let stopRecording = () => {}
afterEach(() => stopRecording())

describe('the payment hot path with a real provider', () => {
  it('covers every real provider of the registry', () => {
    const covered = new Set(CASES.map((c) => c.profile.provider))
    expect(PROVIDER_IDS.filter((id) => id !== 'sandbox' && !covered.has(id))).toEqual([])
  })

  it.each(CASES)(
    'creates a warm payment with no D1 read, 1 Durable Object call, 1 D1 batch and only the calls the protocol needs ($name)',
    async ({ profile, body, status, calls, tokenCall }) => {
      const h = await harnessFor(profile)
      const { env, counts } = countingEnv()
      const outbound = recordingOutboundFetch()
      stopRecording = outbound.stop
      const create = async () => {
        const ctx = createExecutionContext()
        const res = await worker.fetch(
          new Request(`${GATEWAY}/v1/payments/${profile.provider}`, {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${h.tenant.token}`,
              'Content-Type': 'application/json',
            },
            body: JSON.stringify({
              amount: profile.amount,
              currency: profile.currency,
              customer,
              ...profile.body,
              ...body,
            }),
          }),
          env,
          ctx
        )
        await waitOnExecutionContext(ctx)
        return { status: res.status, body: await res.json<{ status: string; paymentId: string }>() }
      }

      const cold = await create() // warms the caches
      expect(cold.status, JSON.stringify(cold.body)).toBe(201)
      // The counters do see D1 reads and token requests: the cold create makes them.
      expect(counts.statements.length).toBeGreaterThan(0)
      const coldCalls = outbound.calls.splice(0).map(asProviderCall(profile.provider))
      expect(coldCalls).toEqual(tokenCall ? [tokenCall, ...calls] : calls)
      counts.statements.length = 0
      counts.batches = 0
      counts.durableObjectCalls.length = 0

      const warm = await create()
      expect(warm.status, JSON.stringify(warm.body)).toBe(201)
      expect(warm.body.status).toBe(status)
      expect(counts.statements).toEqual([])
      expect(counts.batches).toBe(1)
      expect(counts.durableObjectCalls).toEqual(['admit'])
      expect(outbound.calls.map(asProviderCall(profile.provider))).toEqual(calls)
      // Every call went through the adapter's logged `fetch`: the provider log lists the same.
      expect(
        (await loggedCalls(h.tenant.tenantId, profile.provider, warm.body.paymentId)).sort()
      ).toEqual([...calls].sort())

      // A new isolate has no token of its own: it takes the one sealed in KV, not a new one.
      forgetIsolateTokens()
      outbound.calls.length = 0
      expect((await create()).status).toBe(201)
      outbound.stop()
      expect(outbound.calls.map(asProviderCall(profile.provider))).toEqual(calls)
    }
  )
})
