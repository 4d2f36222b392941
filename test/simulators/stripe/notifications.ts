/**
 * @module Stripe events, sent to every enabled webhook endpoint of the account that listens for
 * the type, each signed with that endpoint's secret: `Stripe-Signature: t=<unix>,v1=<hex>` where
 * the hex is HMAC-SHA256 (key: the UTF-8 bytes of the whole `whsec_…` secret) of
 * `${t}.${body}` (docs.stripe.com/webhooks#verify-manually).
 */
import { createHmac } from 'node:crypto'
import type { SimulatorKit } from '../kit/types.ts'
import { ACCOUNT_API_VERSION } from './http.ts'
import { type Account, randomId } from './store.ts'

export const signatureHeader = (secret: string, timestamp: number, body: string) =>
  `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`

export async function emitEvent(
  kit: SimulatorKit,
  account: Account,
  type: string,
  object: unknown
): Promise<void> {
  const created = Math.floor(kit.now() / 1000)
  const id = randomId('evt_1', 24)
  const endpoints = account.endpoints.filter(
    (e) =>
      e.status === 'enabled' && (e.enabledEvents.includes('*') || e.enabledEvents.includes(type))
  )
  for (const endpoint of endpoints) {
    const body = JSON.stringify(
      {
        id,
        object: 'event',
        api_version: endpoint.apiVersion ?? ACCOUNT_API_VERSION,
        created,
        data: { object },
        livemode: false,
        pending_webhooks: endpoints.length,
        request: { id: null, idempotency_key: null },
        type,
      },
      null,
      2
    )
    await kit.notify(account.id, {
      method: 'POST',
      url: endpoint.url,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        'Stripe-Signature': signatureHeader(endpoint.secret, created, body),
      },
      body,
    })
  }
}
