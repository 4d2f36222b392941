/**
 * @module What travels on the `WEBHOOKS` queue. Messages carry ids only; the consumer reads the
 * current rows, so a retried or duplicated message never acts on stale data.
 */
import * as z from 'zod'

export const QueueMessage = z.discriminatedUnion('kind', [
  /** Fan a payment's undispatched events out to the tenant's endpoints. */
  z.object({ kind: z.literal('dispatch'), tenantId: z.string(), paymentId: z.string() }),
  /** Send (or re-send) one delivery to its endpoint. */
  z.object({ kind: z.literal('deliver'), tenantId: z.string(), deliveryId: z.string() }),
  /**
   * A notification the built-in sandbox PSP sends to the gateway's provider-webhook route. It is
   * queued unsigned: each send signs it afresh, as the signature is good for 5 minutes only.
   */
  z.object({
    kind: z.literal('sandbox_notification'),
    merchantId: z.string(),
    body: z.string(),
  }),
])

export type QueueMessage = z.infer<typeof QueueMessage>

/**
 * Messages queued by an earlier version carried the sandbox notification signed, with its
 * headers: they are read as the merchant and body, and signed again when sent.
 */
export function readQueueMessage(raw: unknown) {
  const legacy = z
    .object({
      kind: z.literal('sandbox_notification'),
      body: z.string(),
      headers: z.object({ 'X-Sandbox-Merchant': z.string() }),
    })
    .safeParse(raw)
  return QueueMessage.safeParse(
    legacy.success
      ? {
          kind: legacy.data.kind,
          merchantId: legacy.data.headers['X-Sandbox-Merchant'],
          body: legacy.data.body,
        }
      : raw
  )
}
