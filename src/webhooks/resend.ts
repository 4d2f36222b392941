/**
 * @module Sending again on request: one delivery (same `webhook-id`, so receivers can tell it is
 * the same message), or every event of a time range to the tenant's matching endpoints.
 */
import type { Mode } from '../auth/principal'
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

/** Without a mode (a signed-in user) every delivery of the tenant; with one, that mode's. */
export async function resendDelivery(
  deps: DispatchDeps,
  tenantId: string,
  id: string,
  mode?: Mode
): Promise<DeliveryRow | undefined> {
  const delivery = await findDelivery(deps.db, tenantId, id, mode)
  if (!delivery) return undefined
  await rearm(deps, delivery)
  await enqueueDeliveries(deps.queue, [delivery])
  return findDelivery(deps.db, tenantId, id)
}

export async function replayRange(
  deps: DispatchDeps,
  tenantId: string,
  range: { from: number; to: number; endpointId?: string; mode?: Mode }
): Promise<{ events: number; deliveries: number; truncated: boolean }> {
  const events = await eventsInRange(deps.db, tenantId, range.from, range.to, REPLAY_MAX_EVENTS + 1)
  const truncated = events.length > REPLAY_MAX_EVENTS
  const chosen = events.slice(0, REPLAY_MAX_EVENTS)
  const now = deps.now()
  const endpointsOf = async (mode: Mode) =>
    range.mode === undefined || range.mode === mode
      ? await enabledEndpoints(deps.db, tenantId, mode)
      : []
  const endpoints = { test: await endpointsOf('test'), live: await endpointsOf('live') }
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
