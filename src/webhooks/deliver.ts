/**
 * @module One delivery attempt: claim the delivery (so duplicate queue messages do not send twice
 * at once), sign the event per Standard Webhooks with every active secret, POST it with a timeout
 * and without following redirects, and record what happened. 2xx delivers; 410 disables the
 * endpoint; anything else is retried on the schedule until the last attempt fails it.
 */
import { and, eq, lte } from 'drizzle-orm'
import { open } from '../crypto/aes-gcm'
import type { Db } from '../db/client'
import {
  type EndpointRow,
  findDelivery,
  findEndpoint,
  findEvent,
  updateDelivery,
  updateEndpoint,
} from '../db/repos/webhooks'
import { webhookDeliveries } from '../db/schema'
import { newId } from '../domain/ids'
import { MAX_DELIVERY_ATTEMPTS, retryDelaySeconds } from './schedule'
import { webhookHeaders } from './signing'

export const DELIVERY_TIMEOUT_MS = 12_000
export const TEST_EVENT_TYPE = 'webhook.test'
/** How long an attempt holds its claim; a duplicate message inside it is dropped. */
const CLAIM_MS = 60_000
/** A message may arrive a little before the time its retry was set for. */
const EARLY_ARRIVAL_MS = 10_000
const USER_AGENT = 'GoPay-Edge-Webhooks/1.0'

export interface DeliveryDeps {
  db: Db
  secretsKey: CryptoKey
  fetch: typeof fetch
  now: () => number
  random?: () => number
}

export type AttemptResult =
  | { kind: 'done' }
  | { kind: 'retry'; delaySeconds: number }
  /** The last attempt failed: the delivery is failed; the message goes to the dead-letter queue. */
  | { kind: 'dead_letter' }

/** Additional data of a sealed endpoint secret: it opens only for its own endpoint. */
export const webhookSecretBinding = (endpointId: string) => `webhook-secret|${endpointId}`

async function activeSecrets(deps: DeliveryDeps, endpoint: EndpointRow): Promise<string[]> {
  const secrets = [
    await open(deps.secretsKey, endpoint.sealedSecret, webhookSecretBinding(endpoint.id)),
  ]
  if (endpoint.sealedPreviousSecret && (endpoint.previousSecretExpiresAt ?? 0) > deps.now()) {
    secrets.push(
      await open(deps.secretsKey, endpoint.sealedPreviousSecret, webhookSecretBinding(endpoint.id))
    )
  }
  return secrets
}

async function claim(db: Db, tenantId: string, id: string, now: number): Promise<boolean> {
  const result = await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: now + CLAIM_MS, updatedAt: now })
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        eq(webhookDeliveries.id, id),
        eq(webhookDeliveries.status, 'pending'),
        lte(webhookDeliveries.nextAttemptAt, now + EARLY_ARRIVAL_MS)
      )
    )
    .run()
  return result.meta.changes === 1
}

async function post(
  deps: DeliveryDeps,
  url: string,
  headers: Record<string, string>,
  body: string
) {
  try {
    const res = await deps.fetch(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    })
    await res.body?.cancel()
    return { status: res.status, error: null }
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError'
    return { status: null, error: timedOut ? 'timeout' : 'connection failed' }
  }
}

/** The answer to a test event: what the endpoint said, for the merchant to see at once. */
export interface TestEventResult {
  webhookId: string
  delivered: boolean
  statusCode: number | null
  error: string | null
  durationMs: number
}

/**
 * A signed `webhook.test` event sent to the endpoint now, signed like every notification (with
 * every active secret), but outside the delivery log: nothing is retried or recorded.
 */
export async function sendTestEvent(
  deps: DeliveryDeps,
  endpoint: EndpointRow
): Promise<TestEventResult> {
  const started = deps.now()
  const webhookId = newId('webhookMessage', started)
  const body = JSON.stringify({
    type: TEST_EVENT_TYPE,
    timestamp: new Date(started).toISOString(),
    data: {
      endpointId: endpoint.id,
      message: 'A test notification from GoPay Edge; verify its signature as you would any other.',
    },
  })
  const headers = await webhookHeaders(
    await activeSecrets(deps, endpoint),
    webhookId,
    Math.floor(started / 1000),
    body
  )
  const response = await post(deps, endpoint.url, headers, body)
  const delivered = response.status !== null && response.status >= 200 && response.status < 300
  return {
    webhookId,
    delivered,
    statusCode: response.status,
    error: delivered ? null : (response.error ?? `HTTP ${response.status}`),
    durationMs: deps.now() - started,
  }
}

export async function attemptDelivery(
  deps: DeliveryDeps,
  tenantId: string,
  deliveryId: string
): Promise<AttemptResult> {
  const { db } = deps
  const delivery = await findDelivery(db, tenantId, deliveryId)
  // Its attempts ran out but the message is back: sending it to the dead-letter queue failed, so
  // send it there again (a copy too many there is better than none).
  if (delivery?.status === 'failed' && delivery.attempts >= MAX_DELIVERY_ATTEMPTS)
    return { kind: 'dead_letter' }
  if (delivery?.status !== 'pending') return { kind: 'done' }
  if (!(await claim(db, tenantId, deliveryId, deps.now()))) return { kind: 'done' }
  const endpoint = await findEndpoint(db, tenantId, delivery.endpointId)
  const event = await findEvent(db, tenantId, delivery.eventId)
  if (endpoint?.status !== 'enabled' || !event) {
    const lastError = !event ? 'event not found' : 'endpoint deleted or disabled'
    await updateDelivery(db, tenantId, deliveryId, {
      status: 'failed',
      lastError,
      updatedAt: deps.now(),
    })
    return { kind: 'done' }
  }

  const body = JSON.stringify({
    type: event.type,
    timestamp: new Date(event.createdAt).toISOString(),
    data: JSON.parse(event.data),
  })
  const headers = await webhookHeaders(
    await activeSecrets(deps, endpoint),
    delivery.id,
    Math.floor(deps.now() / 1000),
    body
  )
  const response = await post(deps, endpoint.url, headers, body)
  const now = deps.now()
  const attempts = delivery.attempts + 1
  const recorded = {
    attempts,
    lastStatusCode: response.status,
    lastError: response.error,
    updatedAt: now,
  }

  if (response.status !== null && response.status >= 200 && response.status < 300) {
    await updateDelivery(db, tenantId, deliveryId, {
      ...recorded,
      status: 'delivered',
      deliveredAt: now,
      lastError: null,
    })
    return { kind: 'done' }
  }
  if (response.status === 410) {
    await updateEndpoint(db, tenantId, endpoint.id, {
      status: 'disabled',
      disabledReason: 'The endpoint answered 410 Gone.',
      updatedAt: now,
    })
    await updateDelivery(db, tenantId, deliveryId, {
      ...recorded,
      status: 'failed',
      lastError: 'endpoint gone (410)',
    })
    return { kind: 'done' }
  }
  const error = response.error ?? `HTTP ${response.status}`
  if (attempts >= MAX_DELIVERY_ATTEMPTS) {
    await updateDelivery(db, tenantId, deliveryId, {
      ...recorded,
      status: 'failed',
      lastError: error,
    })
    return { kind: 'dead_letter' }
  }
  const delaySeconds = retryDelaySeconds(attempts, deps.random)
  await updateDelivery(db, tenantId, deliveryId, {
    ...recorded,
    lastError: error,
    nextAttemptAt: now + delaySeconds * 1000,
  })
  return { kind: 'retry', delaySeconds }
}
