/**
 * @module Fan-out: a payment's new events become one delivery per matching endpoint (test-mode
 * endpoints for test payments, live ones for production), each queued on its own. Deliveries are
 * unique per (endpoint, event), so a repeated fan-out finds them instead of doubling them.
 */
import { type Mode, modeOfEnvironment } from '../auth/principal'
import type { Db } from '../db/client'
import {
  type DeliveryRow,
  type EndpointRow,
  type EventRow,
  enabledEndpoints,
  ensureDeliveries,
  markDispatched,
  undispatchedEventsOf,
} from '../db/repos/webhooks'
import { newId } from '../domain/ids'
import type { Environment } from '../providers/types'
import type { QueueMessage } from '../queues/messages'

export interface DispatchDeps {
  db: Db
  queue: Queue<QueueMessage>
  now: () => number
}

const QUEUE_BATCH_MAX = 100

export const wantsEvent = (endpoint: EndpointRow, type: string) =>
  endpoint.events === null || (JSON.parse(endpoint.events) as string[]).includes(type)

/** Queues a `deliver` message for each delivery, in batches Queues accepts. */
export async function enqueueDeliveries(
  queue: Queue<QueueMessage>,
  deliveries: Pick<DeliveryRow, 'id' | 'tenantId'>[]
) {
  for (let i = 0; i < deliveries.length; i += QUEUE_BATCH_MAX) {
    await queue.sendBatch(
      deliveries.slice(i, i + QUEUE_BATCH_MAX).map((d) => ({
        body: { kind: 'deliver', tenantId: d.tenantId, deliveryId: d.id } satisfies QueueMessage,
      }))
    )
  }
}

/** Which endpoints an event goes to: `test` ones for test payments, `live` ones for production. */
export const modeOf = (event: EventRow): Mode =>
  modeOfEnvironment((JSON.parse(event.data) as { environment: Environment }).environment)

export const newDelivery = (endpoint: EndpointRow, event: EventRow, now: number): DeliveryRow => ({
  id: newId('webhookMessage', now),
  tenantId: event.tenantId,
  endpointId: endpoint.id,
  eventId: event.id,
  eventType: event.type,
  status: 'pending',
  attempts: 0,
  lastStatusCode: null,
  lastError: null,
  nextAttemptAt: now,
  deliveredAt: null,
  createdAt: now,
  updatedAt: now,
})

export async function dispatchPaymentEvents(
  deps: DispatchDeps,
  tenantId: string,
  paymentId: string
): Promise<number> {
  const events = await undispatchedEventsOf(deps.db, tenantId, paymentId)
  if (events.length === 0) return 0
  const now = deps.now()
  const endpointsByMode = new Map<string, EndpointRow[]>()
  const rows: DeliveryRow[] = []
  for (const event of events) {
    const mode = modeOf(event)
    if (!endpointsByMode.has(mode))
      endpointsByMode.set(mode, await enabledEndpoints(deps.db, tenantId, mode))
    for (const endpoint of endpointsByMode.get(mode)!) {
      if (wantsEvent(endpoint, event.type)) rows.push(newDelivery(endpoint, event, now))
    }
  }
  const deliveries = await ensureDeliveries(deps.db, rows)
  await enqueueDeliveries(
    deps.queue,
    deliveries.filter((d) => d.status === 'pending')
  )
  await markDispatched(
    deps.db,
    tenantId,
    events.map((e) => e.id),
    now
  )
  return deliveries.length
}
