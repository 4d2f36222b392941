/**
 * @module The outbox sweeper, run by the cron: events whose dispatch message was lost, and
 * deliveries whose attempt message was lost, are queued again. Both operations are idempotent
 * (deliveries are unique per endpoint and event; attempts are claimed), so sweeping twice is safe.
 */
import type { Db } from '../db/client'
import { overdueDeliveries, paymentsWithUndispatchedEvents } from '../db/repos/webhooks'
import type { QueueMessage } from '../queues/messages'
import { enqueueDeliveries } from './dispatch'

/** An event younger than this is probably still on its way through the queue. */
export const UNDISPATCHED_GRACE_MS = 60_000
/** A pending delivery this long past due has lost its message. */
export const OVERDUE_DELIVERY_MS = 15 * 60_000
const SWEEP_LIMIT = 200

export async function sweepOutbox(deps: { db: Db; queue: Queue<QueueMessage>; now: number }) {
  const payments = await paymentsWithUndispatchedEvents(
    deps.db,
    deps.now - UNDISPATCHED_GRACE_MS,
    SWEEP_LIMIT
  )
  for (let i = 0; i < payments.length; i += 100) {
    await deps.queue.sendBatch(
      payments
        .slice(i, i + 100)
        .map((p) => ({ body: { kind: 'dispatch', ...p } satisfies QueueMessage }))
    )
  }
  const deliveries = await overdueDeliveries(deps.db, deps.now - OVERDUE_DELIVERY_MS, SWEEP_LIMIT)
  await enqueueDeliveries(deps.queue, deliveries)
  return { events: payments.length, deliveries: deliveries.length }
}
