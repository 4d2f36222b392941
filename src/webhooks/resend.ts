/**
 * @module Sending again on request: one delivery (same `webhook-id`, so receivers can tell it is
 * the same message), or every event of a time range to the tenant's matching endpoints.
 */
import {
  type DeliveryRow,
  enabledEndpoints,
  ensureDeliveries,
  eventsInRange,
  findDelivery,
  updateDelivery,
} from '../db/repos/webhooks'
import { type DispatchDeps, enqueueDeliveries, modeOf, newDelivery, wantsEvent } from './dispatch'

export const REPLAY_MAX_EVENTS = 1000

const rearm = (deps: DispatchDeps, d: DeliveryRow) =>
  updateDelivery(deps.db, d.tenantId, d.id, {
    status: 'pending',
    attempts: 0,
    nextAttemptAt: deps.now(),
    updatedAt: deps.now(),
  })

export async function resendDelivery(
  deps: DispatchDeps,
  tenantId: string,
  id: string
): Promise<DeliveryRow | undefined> {
  const delivery = await findDelivery(deps.db, tenantId, id)
  if (!delivery) return undefined
  await rearm(deps, delivery)
  await enqueueDeliveries(deps.queue, [delivery])
  return findDelivery(deps.db, tenantId, id)
}

export async function replayRange(
  deps: DispatchDeps,
  tenantId: string,
  range: { from: number; to: number; endpointId?: string }
): Promise<{ events: number; deliveries: number; truncated: boolean }> {
  const events = await eventsInRange(deps.db, tenantId, range.from, range.to, REPLAY_MAX_EVENTS + 1)
  const truncated = events.length > REPLAY_MAX_EVENTS
  const chosen = events.slice(0, REPLAY_MAX_EVENTS)
  const now = deps.now()
  const endpoints = {
    test: await enabledEndpoints(deps.db, tenantId, 'test'),
    live: await enabledEndpoints(deps.db, tenantId, 'live'),
  }
  const rows: DeliveryRow[] = []
  for (const event of chosen) {
    for (const endpoint of endpoints[modeOf(event)]) {
      if (range.endpointId && endpoint.id !== range.endpointId) continue
      if (wantsEvent(endpoint, event.type)) rows.push(newDelivery(endpoint, event, now))
    }
  }
  const deliveries = await ensureDeliveries(deps.db, rows)
  for (const delivery of deliveries) await rearm(deps, delivery)
  await enqueueDeliveries(deps.queue, deliveries)
  return { events: chosen.length, deliveries: deliveries.length, truncated }
}
