/**
 * @module What travels on the `WEBHOOKS` queue. Messages carry ids only; the consumer reads the
 * current rows, so a retried or duplicated message never acts on stale data.
 */
import { z } from 'zod'

export const QueueMessage = z.discriminatedUnion('kind', [
  /** Fan a payment's undispatched events out to the tenant's endpoints. */
  z.object({ kind: z.literal('dispatch'), tenantId: z.string(), paymentId: z.string() }),
  /** Send (or re-send) one delivery to its endpoint. */
  z.object({ kind: z.literal('deliver'), tenantId: z.string(), deliveryId: z.string() }),
  /** A notification the built-in sandbox PSP sends to the gateway's provider-webhook route. */
  z.object({
    kind: z.literal('sandbox_notification'),
    body: z.string(),
    headers: z.record(z.string(), z.string()),
  }),
])

export type QueueMessage = z.infer<typeof QueueMessage>
