/** Refunds in states a test needs and the API cannot make on demand. */
import { env } from 'cloudflare:workers'
import { newId } from '../../src/domain/ids'
import type { PaymentBody } from './payments'

/** Long enough ago for the cron and the reconciliation report to look at a refund. */
export const QUIET_MS = 10 * 60 * 1000

/** A refund whose provider answer never came: its amount reserved, its row `processing`. */
export async function lostRefund(payment: PaymentBody, amountMinor: number, quietMs = QUIET_MS) {
  const id = newId('refund')
  const at = Date.now() - quietMs
  await env.DB.batch([
    env.DB.prepare(
      'UPDATE payments SET refund_reserved_minor = refund_reserved_minor + ? WHERE id = ?'
    ).bind(amountMinor, payment.paymentId),
    env.DB.prepare(
      `INSERT INTO refunds (id, tenant_id, payment_id, amount_minor, status, created_at, updated_at)
       SELECT ?, tenant_id, id, ?, 'processing', ?, ? FROM payments WHERE id = ?`
    ).bind(id, amountMinor, at, at, payment.paymentId),
  ])
  return id
}
