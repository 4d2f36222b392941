/**
 * @module Recurring charges: a payment made with `recurring: true` whose provider stored the
 * payment method (`recurring: active`) can be charged again without the shopper. Each charge is a
 * new payment with `parentPaymentId`; stopping voids the recurrence at the provider (GoPay CZ
 * `void-recurrence`, Adyen disables the stored method, Stripe detaches it).
 */
import { findPayment, type PaymentRow, stopRecurring } from '../db/repos/payments'
import { ApiError } from '../http/errors'
import { answerOf, type PaymentAnswer, type StorableOutcome, storeNewPayment } from './new-payment'
import { type PaymentScope, requirePayment } from './operations'
import { openProviderSession, recurringParentOf } from './provider-context'
import { callContext, logStatements } from './records'

function requireActive(scope: PaymentScope, parent: PaymentRow) {
  if (!scope.provider.capabilities.recurring)
    throw new ApiError('not_supported', `${scope.provider.id} does not offer recurring charges.`)
  const problem = {
    requested: 'The provider has not stored the payment method yet; its notification will.',
    stopped: 'The recurrence of this payment was stopped.',
    none: 'This payment was not made with recurring: true.',
  } as const
  if (parent.recurring !== 'active')
    throw new ApiError('invalid_transition', problem[parent.recurring ?? 'none'], {
      recurring: parent.recurring,
    })
}

/** A charge that would need the shopper (3-D Secure, a wallet's confirmation) cannot happen here. */
const withoutShopper = (outcome: StorableOutcome): StorableOutcome =>
  outcome.kind === 'pending'
    ? {
        kind: 'declined',
        declineCode: 'authentication_failed',
        message: 'The provider asks for the shopper; recurring charges run without one.',
        providerPaymentId: outcome.providerPaymentId ?? undefined,
      }
    : outcome

export async function chargeRecurrence(
  scope: PaymentScope,
  parentId: string,
  request: {
    amountMinor: number
    currency: string
    orderId?: string
    description?: string
    /** The new payment's id, reserved with the Idempotency-Key. */
    paymentId: string
    reclaimed: boolean
    idempotencyKey?: string
  }
): Promise<PaymentAnswer> {
  const { services } = scope
  if (request.reclaimed) {
    const existing = await findPayment(services.db, scope.tenantId, request.paymentId)
    if (existing) return answerOf(existing)
  }
  const parent = await requirePayment(scope, parentId)
  requireActive(scope, parent)
  const session = await openProviderSession(
    scope.env,
    services,
    scope.keyring,
    scope.provider,
    parent
  )
  const outcome = await scope.provider.chargeRecurring(session.ctx, recurringParentOf(parent), {
    paymentId: request.paymentId,
    amountMinor: request.amountMinor,
    currency: request.currency,
    orderId: request.orderId,
    description: request.description,
  })
  if (outcome.kind === 'not_supported')
    throw new ApiError('not_supported', `${scope.provider.id} does not offer recurring charges.`)
  return storeNewPayment(
    services,
    {
      id: request.paymentId,
      tenantId: scope.tenantId,
      provider: scope.provider.id,
      environment: parent.environment,
      amountMinor: request.amountMinor,
      currency: request.currency,
      callbackUrl: null,
      returnTokenId: null,
      cardMasked: parent.cardMasked,
      orderId: request.orderId ?? null,
      description: request.description ?? null,
      customerEmail: parent.customerEmail,
      idempotencyKey: request.idempotencyKey ?? null,
      recurring: null,
      parentPaymentId: parent.id,
      createdAt: services.now(),
    },
    withoutShopper(outcome),
    session.calls,
    'recurrence'
  )
}

export async function stopRecurrence(scope: PaymentScope, parentId: string): Promise<PaymentRow> {
  const { services } = scope
  const parent = await requirePayment(scope, parentId)
  if (parent.recurring === 'requested') {
    // Nothing stored at the provider yet: stopping here keeps a later token from activating it.
    await stopRecurring(services.db, parent, services.now())
    return (await findPayment(services.db, scope.tenantId, parent.id))!
  }
  requireActive(scope, parent)
  const session = await openProviderSession(
    scope.env,
    services,
    scope.keyring,
    scope.provider,
    parent
  )
  const outcome = await scope.provider.stopRecurring(session.ctx, recurringParentOf(parent))
  const logs = logStatements(
    services.db,
    { ...callContext(parent, 'stop_recurrence'), outcome: outcome.kind },
    session.calls,
    services.now()
  )
  if (logs.length) await services.db.batch(logs as [(typeof logs)[number]])
  switch (outcome.kind) {
    case 'succeeded':
    case 'accepted':
      await stopRecurring(services.db, parent, services.now())
      return (await findPayment(services.db, scope.tenantId, parent.id))!
    case 'not_supported':
      throw new ApiError('not_supported', `${scope.provider.id} cannot stop a recurrence.`)
    case 'rejected':
      throw new ApiError('provider_rejected', outcome.reason, {
        providerCode: outcome.providerCode,
      })
    case 'unknown':
      throw new ApiError(
        'provider_error',
        `The provider did not answer (${outcome.reason}); try again.`
      )
  }
}
