/**
 * @module The `WEBHOOKS` queue consumer. Each message is acknowledged or retried on its own, so one
 * failing endpoint never holds back the others. A delivery whose attempts are used up is sent to the
 * dead-letter queue by the consumer itself; that queue's consumer records what was given up on.
 * While a var is malformed the whole batch fails, after one log line naming the var.
 */
import { type Keyring, loadKeyringOf } from '../crypto/keyring'
import { createDb } from '../db/client'
import { configProblemsOf, invalidConfigError } from '../env'
import { signedNotificationRequest } from '../providers/sandbox/psp/notification-request'
import { attemptDelivery } from '../webhooks/deliver'
import { dispatchPaymentEvents } from '../webhooks/dispatch'
import { readQueueMessage } from './messages'

export const DEAD_LETTER_QUEUE = 'gopay-webhooks-dlq'
/** Delay for messages that failed for a reason of ours (D1 unavailable, a bug): try again soon. */
const INTERNAL_RETRY_SECONDS = 30

export interface ConsumerDeps {
  /** Merchant endpoints are reached through this. */
  fetch: typeof fetch
  /** Hands a sandbox notification to the gateway's own `POST /v1/webhooks/sandbox`. */
  gateway: (request: Request) => Promise<Response>
  now: () => number
  random?: () => number
}

async function handle(message: Message<unknown>, env: Env, keyring: Keyring, deps: ConsumerDeps) {
  const parsed = readQueueMessage(message.body)
  if (!parsed.success) {
    console.error(JSON.stringify({ event: 'queue_message_unreadable', id: message.id }))
    message.ack() // nothing could ever process it; retrying would only delay the batch
    return
  }
  const body = parsed.data
  const db = createDb(env.DB)
  switch (body.kind) {
    case 'dispatch':
      await dispatchPaymentEvents(
        { db, queue: env.WEBHOOKS, now: deps.now },
        body.tenantId,
        body.paymentId
      )
      message.ack()
      return
    case 'deliver': {
      const result = await attemptDelivery(
        {
          db,
          secretsKey: keyring.webhookSecrets,
          fetch: deps.fetch,
          now: deps.now,
          random: deps.random,
        },
        body.tenantId,
        body.deliveryId
      )
      if (result.kind === 'done') message.ack()
      else if (result.kind === 'retry') message.retry({ delaySeconds: result.delaySeconds })
      else {
        // Not left to max_retries: a message the sweeper or a resend queued again starts a new
        // retry count, so only the delivery's own attempt count knows this was the last attempt.
        await env.WEBHOOKS_DLQ.send(body)
        message.ack()
      }
      return
    }
    case 'sandbox_notification': {
      const response = await deps.gateway(
        await signedNotificationRequest(keyring.sandbox, body, deps.now())
      )
      // Like any PSP, the sandbox retries notifications the gateway did not acknowledge.
      if (response.ok) message.ack()
      else message.retry({ delaySeconds: INTERNAL_RETRY_SECONDS })
    }
  }
}

/**
 * Two things arrive here: a delivery whose last attempt failed, sent by the consumer after marking
 * it `failed` (at least once: a failed send is sent again on the message's retry); and a message Queues gave up on after `max_retries` because of a
 * failure of ours (D1 or the encryption key unavailable). A delivery of the second kind is still
 * `pending`, and the cron's sweeper sends it again once that is mended. Nothing here changes a row.
 */
function handleDeadLetter(message: Message<unknown>) {
  console.warn(JSON.stringify({ event: 'queue_message_dead_lettered', id: message.id }))
  message.ack()
}

export async function consumeQueue(
  batch: MessageBatch<unknown>,
  env: Env,
  deps: ConsumerDeps
): Promise<void> {
  if (batch.queue === DEAD_LETTER_QUEUE) {
    for (const message of batch.messages) handleDeadLetter(message)
    return
  }
  const problems = configProblemsOf(env)
  if (problems.length > 0) {
    console.error(
      JSON.stringify({ event: 'queue_batch_failed', reason: 'config_invalid', problems })
    )
    // Thrown, not acknowledged: Queues retries the batch, which succeeds once the var is fixed.
    throw invalidConfigError(problems)
  }
  const keyring = loadKeyringOf(env)
  if (typeof keyring === 'string') {
    batch.retryAll({ delaySeconds: INTERNAL_RETRY_SECONDS })
    return
  }
  const ring = await keyring
  await Promise.all(
    batch.messages.map(async (message) => {
      try {
        await handle(message, env, ring, deps)
      } catch (error) {
        console.error(
          JSON.stringify({ event: 'queue_message_failed', id: message.id, error: String(error) })
        )
        message.retry({ delaySeconds: INTERNAL_RETRY_SECONDS })
      }
    })
  )
}
