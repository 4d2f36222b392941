/**
 * @module Reconciliation, run by the cron: payments left `pending` or `processing`, or with a
 * capture or cancel the provider has not settled, are asked about again, in bounded batches, each
 * with its own backoff when the provider still has no answer. A payment past its lifetime that the
 * provider still reports waiting (the shopper abandoned 3-D Secure or the hosted page) is voided
 * there, then fails; so does a hosted payment whose page never reached the shopper.
 * Every change goes through `applyOutcome`, so it is recorded and announced like any other.
 */
import type { Keyring } from '../crypto/keyring'
import { deferReconcile, type PaymentRow, paymentsToReconcile } from '../db/repos/payments'
import { findProvider } from '../providers/registry'
import type { PaymentOutcome } from '../providers/types'
import type { Services } from '../services'
import { applyOutcome } from './apply-outcome'
import { openProviderSession, referenceOf } from './provider-context'

const BACKOFF_BASE_MS = 60_000
const BACKOFF_MAX_MS = 6 * 60 * 60 * 1000

export const backoffMs = (attempts: number) =>
  Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempts)

const ABANDONED: PaymentOutcome = {
  kind: 'declined',
  declineCode: 'authentication_failed',
  message: 'The shopper did not complete the payment in time.',
}

const NEVER_SHOWN: PaymentOutcome = {
  kind: 'declined',
  declineCode: 'authentication_failed',
  message: "The provider's page never reached the shopper (its answer was lost).",
}

/**
 * A hosted or wallet payment (no card data) whose create answer was lost: the merchant got no
 * `redirectUrl`, so the shopper never saw the provider's page and no money can have moved. A card
 * payment is different: the provider may have charged it straight away.
 */
const neverReachedShopper = (payment: PaymentRow) =>
  payment.status === 'processing' &&
  !payment.cardMasked &&
  !payment.redirectUrl &&
  !payment.parentPaymentId

async function reconcileOne(
  env: Env,
  services: Services,
  keyring: Keyring,
  payment: PaymentRow,
  now: number
) {
  const provider = findProvider(payment.provider)
  if (!provider) return false
  const session = await openProviderSession(env, services, keyring, provider, payment)
  const reference = referenceOf(payment)
  let outcome: PaymentOutcome = await provider.getStatus(session.ctx, reference)
  const expired = now - payment.createdAt >= services.config.PENDING_PAYMENT_LIFETIME_SECONDS * 1000
  if (expired && neverReachedShopper(payment) && outcome.kind !== 'succeeded') {
    // No page was ever handed out, so nobody could pay; void it at the provider where it exists.
    if (outcome.kind === 'pending') await provider.cancel(session.ctx, reference)
    if (outcome.kind !== 'declined' && outcome.kind !== 'cancelled') outcome = NEVER_SHOWN
  } else if (expired && outcome.kind === 'pending') {
    // Abandoned only once the provider confirms the charge is void: a payment whose provider is
    // silent, or which it will not cancel, may have been paid, so it is asked about again later.
    const cancelled = await provider.cancel(session.ctx, reference)
    if (cancelled.kind === 'succeeded') outcome = ABANDONED
  }
  const after = await applyOutcome(
    services,
    payment,
    outcome,
    { operation: 'status', calls: session.calls },
    now
  )
  return after.status !== payment.status
}

export async function reconcilePayments(
  env: Env,
  services: Services,
  keyring: Keyring,
  now: number
) {
  return reconcileEach(
    services,
    now,
    paymentsToReconcile,
    (payment) => reconcileOne(env, services, keyring, payment, now),
    (payment) =>
      deferReconcile(
        services.db,
        payment,
        payment.reconcileAttempts + 1,
        now + backoffMs(payment.reconcileAttempts)
      )
  )
}

/**
 * One cron batch: up to `RECONCILE_BATCH_SIZE` items quiet for `RECONCILE_AFTER_SECONDS`, worked
 * through one by one; an item that throws or gets no answer is deferred on its own, and the rest
 * of the batch still runs.
 */
export async function reconcileEach<T extends { id: string }>(
  services: Services,
  now: number,
  find: (db: Services['db'], now: number, quietSinceMs: number, limit: number) => Promise<T[]>,
  settle: (item: T) => Promise<boolean>,
  defer: (item: T) => Promise<unknown>
) {
  const { RECONCILE_AFTER_SECONDS, RECONCILE_BATCH_SIZE } = services.config
  const due = await find(services.db, now, RECONCILE_AFTER_SECONDS * 1000, RECONCILE_BATCH_SIZE)
  let settled = 0
  for (const item of due) {
    let done = false
    try {
      done = await settle(item)
    } catch (error) {
      console.error(
        JSON.stringify({ event: 'reconcile_failed', id: item.id, error: String(error) })
      )
    }
    if (done) settled++
    else await defer(item)
  }
  return { checked: due.length, settled }
}
