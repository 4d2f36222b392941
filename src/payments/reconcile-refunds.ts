/**
 * @module Reconciliation of refunds, run by the cron: a refund whose provider answer never came
 * (`processing`) holds its amount reserved until something settles it. If the provider's
 * notification does not, the cron sends the same refund again under the same refund id, which
 * providers treat as the same refund: it is booked if the provider has it or makes it now, and its
 * amount is freed if the provider refuses it. No answer again, or only an acknowledgement (the
 * provider's notification will settle it): it waits for the next round.
 */
import type { Keyring } from '../crypto/keyring'
import {
  deferRefund,
  failRefundStatements,
  findPayment,
  type RefundRow,
  refundsToReconcile,
} from '../db/repos/payments'
import { findProvider } from '../providers/registry'
import type { Services } from '../services'
import { openProviderSession, referenceOf } from './provider-context'
import { reconcileEach } from './reconcile'
import { callContext, logStatements, refundSettledStatements } from './records'

/** Returns true when the refund was settled, either way. */
export async function reconcileRefund(
  env: Env,
  services: Services,
  keyring: Keyring,
  refund: RefundRow,
  now: number
): Promise<boolean> {
  const { db } = services
  const payment = await findPayment(db, refund.tenantId, refund.paymentId)
  const provider = payment && findProvider(payment.provider)
  if (!payment || !provider) return false
  const session = await openProviderSession(env, services, keyring, provider, payment)
  const outcome = await provider.refund(session.ctx, referenceOf(payment), {
    refundId: refund.id,
    amountMinor: refund.amountMinor,
    retry: true,
  })
  const logs = logStatements(
    db,
    { ...callContext(payment, 'refund'), outcome: outcome.kind },
    session.calls,
    now
  )
  if (outcome.kind === 'succeeded') {
    await db.batch([
      ...refundSettledStatements(db, payment, refund, outcome.providerReference ?? null, now),
      ...logs,
    ])
    await services.announce(payment.tenantId, payment.id)
    return true
  }
  if (outcome.kind === 'rejected') {
    await db.batch([
      ...failRefundStatements(db, refund, `Refused by the provider: ${outcome.reason}`, now),
      ...logs,
    ])
    return true
  }
  if (logs.length) await db.batch(logs as [(typeof logs)[number]])
  return false
}

export async function reconcileRefunds(
  env: Env,
  services: Services,
  keyring: Keyring,
  now: number
) {
  return reconcileEach(
    services,
    now,
    refundsToReconcile,
    (refund) => reconcileRefund(env, services, keyring, refund, now),
    (refund) => deferRefund(services.db, refund, now)
  )
}
