/** @module What the sandbox PSP runs on: the gateway's D1, its derived sandbox key and its URL. */
import { loadKeyringOf } from '../../../crypto/keyring'
import { createDb } from '../../../db/client'
import { newId } from '../../../domain/ids'
import { configOf } from '../../../env'
import type { QueueMessage } from '../../../queues/messages'
import { deriveMerchantSecret } from '../signing'

export type PspEnv = { Bindings: Env }

export const DAY_MS = 24 * 60 * 60 * 1000

export type NotificationType =
  | 'charge.succeeded'
  | 'charge.authorized'
  | 'charge.failed'
  | 'charge.canceled'
  | 'charge.refunded'
  | 'charge.dispute.created'

export function pspOf(env: Env) {
  return {
    db: createDb(env.DB),
    now: () => Date.now(),
    publicUrl: `${configOf(env).APP_URL}/sandbox`,
    async merchantSecret(merchantId: string): Promise<string | undefined> {
      const keyring = loadKeyringOf(env)
      if (typeof keyring === 'string') return undefined
      return deriveMerchantSecret((await keyring).sandbox, merchantId)
    },
    /**
     * Notifies the merchant (the gateway) as a PSP does: a signed POST to its webhook URL, sent
     * through the queue so a slow or failing receiver is retried instead of lost. It is signed
     * when sent, not here, so a retry carries a fresh timestamp.
     */
    async notify(
      merchantId: string,
      type: NotificationType,
      data: Record<string, unknown>
    ): Promise<void> {
      const now = Date.now()
      const body = JSON.stringify({
        id: newId('sandboxEvent', now),
        type,
        created: Math.floor(now / 1000),
        data,
      })
      const message: QueueMessage = { kind: 'sandbox_notification', merchantId, body }
      await env.WEBHOOKS.send(message)
    },
  }
}

/** Captured charges settle at the end of their UTC day; until then they can be cancelled. */
export const settlementOf = (capturedAt: number) => (Math.floor(capturedAt / DAY_MS) + 1) * DAY_MS
