/**
 * @module Provider notifications (`POST /v1/webhooks/{provider}`): find the payment from the
 * provider's own reference, verify the signature with the credentials of that payment's
 * environment, drop duplicates, and apply the change once. Events may arrive out of order: a refund
 * or a dispute for a payment the gateway still holds as pending implies it was captured first.
 * An unverifiable notification changes nothing; where the provider has a status API, the gateway
 * asks it instead.
 */

import { sha256Hex } from '../crypto/hash'
import type { Keyring } from '../crypto/keyring'
import {
  bookRefundStatement,
  findPayment,
  insertRefund,
  type PaymentRow,
  reserveRefund,
} from '../db/repos/payments'
import {
  findNotificationOutcome,
  findPaymentByProviderReference,
  findRefund,
  findRefundByProviderId,
  forgetNotification,
  recordNotification,
  setNotificationOutcome,
  takeOverStaleClaim,
} from '../db/repos/provider-notifications'
import { isId, newId } from '../domain/ids'
import { canTransition, isRefundable } from '../domain/payment-status'
import type { RateDecision } from '../durable-objects/rate-limit'
import type { Services } from '../http/services'
import type { PaymentProvider, WebhookChange } from '../providers/types'
import { applyOutcome } from './apply-outcome'
import { openProviderSession, referenceOf } from './provider-context'
import { refundEventStatement, refundSettledStatements, transitionStatements } from './records'

export type NotificationAnswer =
  | { kind: 'acknowledge' }
  | { kind: 'unknown_payment' }
  | { kind: 'unverified' }
  | { kind: 'unreadable' }
  | { kind: 'in_progress' }
  | { kind: 'throttled'; decision: RateDecision }

/**
 * How long one copy may hold the claim before another copy takes over: applying is a few D1
 * statements, so an older claim means its Worker stopped before finishing.
 */
export const NOTIFICATION_CLAIM_STALE_MS = 60_000

type Context = {
  services: Services
  keyring: Keyring
  env: Env
  provider: PaymentProvider
  /** Counts a refused copy against its sender; a refusal is neither stored nor acted on past the limit. */
  admitRefused: () => Promise<RateDecision>
}

/**
 * A refund or dispute on a payment still pending here means the capture happened first. A payment
 * in review stays there: its amount did not match, and only a person may call it successful.
 */
async function ensureCaptured(ctx: Context, payment: PaymentRow): Promise<PaymentRow> {
  if (!['pending', 'processing', 'authorized'].includes(payment.status)) return payment
  return applyOutcome(
    ctx.services,
    payment,
    { kind: 'succeeded', status: 'successful', providerPaymentId: payment.providerPaymentId ?? '' },
    { operation: 'status', calls: [] },
    ctx.services.now()
  )
}

/**
 * What became of a reported refund: booked (or already known), recorded for a person, or not yet
 * (our refund row does not exist yet because the notification overtook the API call, or the
 * payment was moving under us), in which case the provider is asked to retry.
 */
type RefundBooking = 'refund' | 'refund_needs_review' | 'refund_not_yet' | 'payment_busy'

/**
 * Books a refund the provider reports. One made through the gateway (its reference is our refund
 * id) was booked when the provider answered, unless that answer never came (`processing`): only
 * then is it settled here.
 */
async function bookRefund(
  ctx: Context,
  payment: PaymentRow,
  change: Extract<WebhookChange, { kind: 'refund' }>
): Promise<RefundBooking> {
  const { db, now } = ctx.services
  const tenantId = payment.tenantId
  if (change.reference && isId('refund', change.reference)) {
    const ours = await findRefund(db, tenantId, change.reference)
    if (!ours) return 'refund_not_yet'
    if (ours.status !== 'processing') return 'refund'
    const at = now()
    await db.batch(refundSettledStatements(db, payment, ours, change.providerRefundId ?? null, at))
    await ctx.services.announce(tenantId, payment.id)
    return 'refund'
  }
  if (
    change.providerRefundId &&
    (await findRefundByProviderId(db, tenantId, change.providerRefundId))
  )
    return 'refund'
  const current = await ensureCaptured(ctx, payment)
  if (!(await reserveRefund(db, tenantId, payment.id, change.amountMinor))) {
    const latest = (await findPayment(db, tenantId, payment.id))!
    if (['pending', 'processing', 'authorized'].includes(latest.status)) return 'payment_busy'
    // A refund or a cancel through the gateway is under way and holds the amount: once it ends,
    // the provider's retry finds room, or a payment that is no longer refundable.
    if (isRefundable(latest.status) && latest.refundReservedMinor > latest.refundedMinor)
      return 'payment_busy'
    // Review, more than was captured, or a payment that never took money: the notification is
    // kept with its raw body, and the state is left for a person rather than guessed.
    console.warn(
      JSON.stringify({
        event: 'refund_notification_not_booked',
        paymentId: payment.id,
        status: latest.status,
      })
    )
    return 'refund_needs_review'
  }
  const at = now()
  await db.batch([
    bookRefundStatement(db, tenantId, payment.id, change.amountMinor, at),
    insertRefund(db, {
      id: newId('refund', at),
      tenantId,
      paymentId: payment.id,
      amountMinor: change.amountMinor,
      status: 'succeeded',
      providerRefundId: change.providerRefundId ?? null,
      reason: 'Refunded at the provider.',
      createdAt: at,
      updatedAt: at,
    }),
    refundEventStatement(db, current, at),
  ])
  await ctx.services.announce(tenantId, payment.id)
  return 'refund'
}

async function applyChargeback(ctx: Context, payment: PaymentRow) {
  const current = await ensureCaptured(ctx, payment)
  if (!canTransition(current.status, 'chargeback')) return
  const { db, now } = ctx.services
  const changes = { message: 'The card holder disputed this payment.' }
  const { statements } = transitionStatements(db, current, 'chargeback', changes, now())
  const [update] = await db.batch(statements)
  if (update.meta.changes === 1) await ctx.services.announce(payment.tenantId, payment.id)
}

export async function receiveNotification(
  ctx: Context,
  rawBody: string,
  headers: Headers
): Promise<NotificationAnswer> {
  const { provider, services } = ctx
  const webhooks = provider.webhooks
  const notification = webhooks?.parse(rawBody, headers)
  if (!webhooks || !notification) return { kind: 'unreadable' }
  const payment = await findPaymentByProviderReference(services.db, provider.id, notification)
  const now = services.now()
  const record = (verified: boolean, outcome: string, dedupeKey: string) =>
    recordNotification(services.db, {
      id: newId('providerNotification', now),
      provider: provider.id,
      // Refused copies are kept for the record only; they must not make the genuine one a duplicate.
      dedupeKey: verified ? dedupeKey : `refused:${newId('providerNotification', now)}`,
      tenantId: payment?.tenantId ?? null,
      paymentId: payment?.id ?? null,
      verified,
      outcome,
      rawBody,
      receivedAt: now,
    })
  const bodyDigest = `sha256:${await sha256Hex(rawBody)}`
  const throttled = async (): Promise<NotificationAnswer | undefined> => {
    const decision = await ctx.admitRefused()
    return decision.allowed ? undefined : { kind: 'throttled', decision }
  }
  if (!payment) {
    const refused = await throttled()
    if (refused) return refused
    await record(false, 'unknown_payment', bodyDigest)
    return { kind: 'unknown_payment' }
  }

  const session = await openProviderSession(ctx.env, services, ctx.keyring, provider, payment)
  if (!(await webhooks.verify(session.ctx, rawBody, headers))) {
    const refused = await throttled()
    if (refused) return refused
    await record(false, 'unverified', bodyDigest)
    // Not believed, but maybe true: ask the provider itself.
    if (payment.status === 'pending' || payment.status === 'processing') {
      const outcome = await provider.getStatus(session.ctx, referenceOf(payment))
      await applyOutcome(
        services,
        payment,
        outcome,
        { operation: 'status', calls: session.calls },
        now
      )
    }
    return { kind: 'unverified' }
  }

  const dedupeKey = notification.eventId || bodyDigest
  const claimed =
    (await record(true, 'applying', dedupeKey)) ||
    (await takeOverStaleClaim(
      services.db,
      provider.id,
      dedupeKey,
      now - NOTIFICATION_CLAIM_STALE_MS,
      now
    ))
  if (!claimed) {
    const outcome = await findNotificationOutcome(services.db, provider.id, dedupeKey)
    // Acknowledge only a copy that was applied: while another is still applying (or just gave
    // its claim back), the provider must retry, or a copy whose Worker dies would be lost.
    return outcome === undefined || outcome === 'applying'
      ? { kind: 'in_progress' }
      : { kind: 'acknowledge' }
  }
  const change = notification.change
  let outcome: string = change.kind
  try {
    // As it is now, under the claim: it may have moved since it was found.
    const current = (await findPayment(services.db, payment.tenantId, payment.id))!
    switch (change.kind) {
      case 'payment':
        await applyOutcome(
          services,
          current,
          change.outcome,
          { operation: 'status', calls: [] },
          now
        )
        break
      case 'refund':
        outcome = await bookRefund(ctx, current, change)
        break
      case 'chargeback':
        await applyChargeback(ctx, current)
        break
      case 'ignored':
        break
    }
  } catch (error) {
    await forgetNotification(services.db, provider.id, dedupeKey)
    throw error
  }
  if (outcome === 'refund_not_yet' || outcome === 'payment_busy') {
    await forgetNotification(services.db, provider.id, dedupeKey)
    return { kind: outcome === 'payment_busy' ? 'in_progress' : 'unknown_payment' }
  }
  await setNotificationOutcome(services.db, provider.id, dedupeKey, outcome)
  return { kind: 'acknowledge' }
}
