/**
 * @module When a failed delivery is tried again: ten retries spread over about 2.7 days (Queues
 * caps one delay at 12 hours, so the long waits are chained), each with ±10% jitter so endpoints
 * that fail together do not get retried together. After the 11th attempt the delivery is failed
 * and the message goes to the dead-letter queue.
 */

export const RETRY_DELAYS_SECONDS = [
  5, 300, 1800, 7200, 18000, 36000, 43200, 43200, 43200, 43200,
] as const
export const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1
export const QUEUE_MAX_DELAY_SECONDS = 43200

/** The delay before attempt `attempt + 1`, after attempt `attempt` (1-based) failed. */
export function retryDelaySeconds(attempt: number, random: () => number = Math.random): number {
  const base =
    RETRY_DELAYS_SECONDS[Math.min(attempt, RETRY_DELAYS_SECONDS.length) - 1] ??
    RETRY_DELAYS_SECONDS[0]
  const jittered = Math.round(base * (0.9 + 0.2 * random()))
  return Math.max(1, Math.min(QUEUE_MAX_DELAY_SECONDS, jittered))
}
