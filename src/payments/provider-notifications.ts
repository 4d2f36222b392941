/**
 * @module Provider notifications (`/v1/webhooks/{provider}`): find each notified payment from the
 * provider's own reference, verify the signature with the credentials of that payment's
 * environment, drop duplicates, and apply the change once (`notification-changes.ts`). A batch
 * (Adyen) is answered as its worst item, so the provider retries it and the items already applied
 * are dropped as duplicates. An unverifiable notification changes nothing; where the provider has
 * a status API, the gateway asks it instead. An unsigned notification that only names a payment
 * (GoPay CZ's `GET ?id=`) is exactly that: a reason to ask the provider, whose answer decides.
 */

import { sha256Hex } from '../crypto/hash'
import type { Keyring } from '../crypto/keyring'
import { findPayment, type PaymentRow } from '../db/repos/payments'
import {
  findNotificationOutcome,
  findPaymentByProviderReference,
  forgetNotification,
  recordNotification,
  setNotificationOutcome,
  takeOverStaleClaim,
} from '../db/repos/provider-notifications'
import { newId } from '../domain/ids'
import type { RateDecision } from '../durable-objects/rate-limit'
import { maskBody } from '../providers/call-log'
import type {
  NotificationRequest,
  PaymentOutcome,
  PaymentProvider,
  ProviderWebhooks,
  WebhookNotification,
} from '../providers/types'
import type { Services } from '../services'
import { applyOutcome } from './apply-outcome'
import {
  applyChargeback,
  applyOperationFailed,
  bookRefund,
  storeRecurringToken,
} from './notification-changes'
import { openProviderSession, referenceOf } from './provider-context'

export type NotificationAnswer =
  | { kind: 'acknowledge' }
  | { kind: 'unknown_payment' }
  | { kind: 'unverified' }
  | { kind: 'unreadable' }
  | { kind: 'in_progress' }
  /** The status query an unsigned notification asked for got no answer: the provider retries. */
  | { kind: 'provider_unavailable' }
  | { kind: 'throttled'; decision: RateDecision }

/** For a batch: the answer that makes the provider retry wins over one that does not. */
const SEVERITY: Record<NotificationAnswer['kind'], number> = {
  acknowledge: 0,
  unreadable: 1,
  unknown_payment: 2,
  unverified: 3,
  in_progress: 4,
  provider_unavailable: 5,
  throttled: 6,
}

/**
 * How long one copy may hold the claim before another copy takes over: applying is a few D1
 * statements, so an older claim means its Worker stopped before finishing.
 */
export const NOTIFICATION_CLAIM_STALE_MS = 60_000

export type NotificationContext = {
  services: Services
  keyring: Keyring
  env: Env
  provider: PaymentProvider
  /** Counts a refused copy against its sender; a refusal is neither stored nor acted on past the limit. */
  admitRefused: () => Promise<RateDecision>
  /** Counts a status query an unsigned notification asks for against the tenant's status limit. */
  admitStatusQuery: (tenantId: string) => Promise<RateDecision>
}

export async function receiveNotification(
  ctx: NotificationContext,
  request: NotificationRequest
): Promise<NotificationAnswer> {
  const webhooks = ctx.provider.webhooks
  const notifications = webhooks?.parse(request) ?? []
  if (!webhooks || notifications.length === 0) return { kind: 'unreadable' }
  let answer: NotificationAnswer = { kind: 'acknowledge' }
  for (const notification of notifications) {
    const one = await receiveOne(ctx, webhooks, request, notification)
    if (SEVERITY[one.kind] > SEVERITY[answer.kind]) answer = one
  }
  return answer
}

async function receiveOne(
  ctx: NotificationContext,
  webhooks: ProviderWebhooks,
  request: NotificationRequest,
  notification: WebhookNotification
): Promise<NotificationAnswer> {
  const { provider, services } = ctx
  const payment = await findPaymentByProviderReference(services.db, provider.id, notification)
  const now = services.now()
  const rawBody = request.method === 'GET' ? `?${request.query}` : request.rawBody
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
      // Kept for the record only, masked like provider calls: some providers put a credential in
      // the body itself (Papara's `merchantSecretKey`).
      rawBody: maskBody(rawBody, []) ?? '',
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
  const askProvider = async () => {
    const outcome = await provider.getStatus(session.ctx, referenceOf(payment))
    const calls = session.calls
    await applyOutcome(services, payment, outcome, { operation: 'status', calls }, now)
    return outcome
  }

  const change = notification.change
  const signed = change.kind !== 'query_status' || change.signed === true
  if (signed && !(await webhooks.verify(session.ctx, request, notification))) {
    const refused = await throttled()
    if (refused) return refused
    await record(false, 'unverified', bodyDigest)
    // Not believed, but maybe true: ask the provider itself.
    if (payment.status === 'pending' || payment.status === 'processing') await askProvider()
    return { kind: 'unverified' }
  }

  if (change.kind === 'query_status') {
    // Nothing in it decides (unsigned, or signed but saying too little): it costs one status
    // query, counted like the tenant's own.
    const decision = await ctx.admitStatusQuery(payment.tenantId)
    if (!decision.allowed) return { kind: 'throttled', decision }
    await record(false, 'status_query', bodyDigest)
    // Acknowledged only once the provider has answered: otherwise its retry asks again.
    const answer = await askProvider()
    return answer.kind === 'unknown' ? { kind: 'provider_unavailable' } : { kind: 'acknowledge' }
  }

  // Before the claim: refused here, it must not take the event id of the genuine notification of
  // the payment whose reference it names (Adyen's AUTHORISATION id is that reference).
  if (
    change.kind === 'payment' &&
    (await heldByAnotherPayment(services, payment, change.outcome))
  ) {
    const refused = await throttled()
    if (refused) return refused
    await record(false, 'reference_of_another_payment', bodyDigest)
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
  let outcome: string
  try {
    // As it is now, under the claim: it may have moved since it was found.
    const current = (await findPayment(services.db, payment.tenantId, payment.id))!
    outcome = await applyChange(services, current, notification)
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

/**
 * The outcome names the payment by a provider id another payment already holds. A notification is
 * verified with the credentials of the payment it finds, so a tenant can sign anything about its
 * own payments; one naming its own payment by our id and another tenant's by the provider's must
 * not hand it that reference, or the other tenant's notifications would find its payment instead.
 */
async function heldByAnotherPayment(
  services: Services,
  payment: PaymentRow,
  outcome: PaymentOutcome
): Promise<boolean> {
  const claimed = 'providerPaymentId' in outcome ? outcome.providerPaymentId : undefined
  if (!claimed || claimed === payment.providerPaymentId) return false
  const holder = await findPaymentByProviderReference(services.db, payment.provider, {
    providerPaymentId: claimed,
  })
  return holder !== undefined && holder.id !== payment.id
}

/** Applies a verified change; returns what it did, for the notification's record. */
async function applyChange(
  services: Services,
  payment: PaymentRow,
  notification: WebhookNotification
): Promise<string> {
  const change = notification.change
  switch (change.kind) {
    case 'payment':
      await applyOutcome(
        services,
        payment,
        change.outcome,
        { operation: 'status', calls: [] },
        services.now()
      )
      return 'payment'
    case 'refund':
      return bookRefund(services, payment, change)
    case 'chargeback':
      await applyChargeback(services, payment)
      return 'chargeback'
    case 'operation_failed':
      return applyOperationFailed(services, payment, change)
    case 'recurring_token':
      await storeRecurringToken(services, payment, change.token)
      return 'recurring_token'
    case 'query_status':
    case 'ignored':
      return change.kind
  }
}
