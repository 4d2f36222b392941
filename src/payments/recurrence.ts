/**
 * @module Recurring charges: a payment made with `recurring: true` whose provider stored the
 * payment method (`recurring: active`) can be charged again without the shopper. Each charge is a
 * new payment with `parentPaymentId`; stopping voids the recurrence at the provider (GoPay CZ
 * `void-recurrence`, Adyen disables the stored method, Stripe detaches it).
 */
import { findPayment, type PaymentRow, stopRecurringStatement } from '../db/repos/payments'
import { ApiError } from '../errors'
import { answerOf, type PaymentAnswer, type StorableOutcome, storeNewPayment } from './new-payment'
import { type PaymentScope, requirePayment, session, settle } from './operations'
import { recurringParentOf } from './provider-context'

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

/**
 * A charge that would need the shopper (3-D Secure, a wallet's confirmation) cannot happen here.
 * A pending charge with no page to send anyone to is the provider still charging on its own
 * (GoPay CZ answers a recurrence before charging it): it is `processing` until its notification
 * or the cron settles it.
 */
const withoutShopper = (outcome: StorableOutcome): StorableOutcome =>
  outcome.kind === 'pending' && (outcome.redirectUrl !== '' || outcome.page)
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
  const open = await session(scope, parent)
  const outcome = await scope.provider.chargeRecurring(open.ctx, recurringParentOf(parent), {
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
      authorizeOnly: false,
      callbackUrl: null,
      returnTokenId: null,
      cardMasked: parent.cardMasked,
      orderId: request.orderId ?? null,
      description: request.description ?? null,
      customerEmail: parent.customerEmail,
      customerPhone: parent.customerPhone,
      idempotencyKey: request.idempotencyKey ?? null,
      recurring: null,
      parentPaymentId: parent.id,
      createdAt: services.now(),
    },
    withoutShopper(outcome),
    open.calls,
    'recurrence'
  )
}

export async function stopRecurrence(scope: PaymentScope, parentId: string): Promise<PaymentRow> {
  const { services } = scope
  const parent = await requirePayment(scope, parentId)
  if (parent.recurring === 'requested') {
    // Nothing stored at the provider yet: stopping here keeps a later token from activating it.
    await stopRecurringStatement(services.db, parent, services.now()).run()
    return (await findPayment(services.db, scope.tenantId, parent.id))!
  }
  requireActive(scope, parent)
  const open = await session(scope, parent)
  const outcome = await scope.provider.stopRecurring(open.ctx, recurringParentOf(parent))
  const logs = await settle(scope, parent, open, outcome, 'stop_recurrence')
  await services.db.batch([stopRecurringStatement(services.db, parent, services.now()), ...logs])
  return (await findPayment(services.db, scope.tenantId, parent.id))!
}
