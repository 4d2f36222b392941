/**
 * @module Follow-up operations on a stored payment: refresh its status from the provider, cancel
 * (void), capture an authorization, and refund in full or in part. Each checks the state machine,
 * calls the provider at most once and records the change with its event and log in D1.
 */
import { actsIn, modeOfEnvironment, type Principal } from '../auth/principal'
import type { Keyring } from '../crypto/keyring'
import {
  bookRefundStatement,
  findPayment,
  insertRefund,
  type PaymentRow,
  releaseRefund,
  reserveRefund,
  startPendingOperationStatement,
} from '../db/repos/payments'
import { toMajorNumber } from '../domain/money'
import { canTransition, isRefundable, type PaymentStatus } from '../domain/payment-status'
import { ApiError } from '../errors'
import type { OperationOutcome, PaymentProvider } from '../providers/types'
import type { Services } from '../services'
import { applyOutcome } from './apply-outcome'
import { openProviderSession, type ProviderSession, referenceOf } from './provider-context'
import {
  type CallContext,
  callContext,
  logStatements,
  refundEventStatement,
  transitionStatements,
} from './records'

export interface PaymentScope {
  env: Env
  services: Services
  keyring: Keyring
  provider: PaymentProvider
  tenantId: string
  /** `test` or `live` for an API key, which sees only payments of its own mode. */
  mode: Principal['mode']
}

/**
 * The tenant's payment made through this provider, in a mode the caller acts in; anything else is
 * a 404, so a test key cannot even learn that a live payment exists.
 */
export async function requirePayment(scope: PaymentScope, paymentId: string): Promise<PaymentRow> {
  const payment = await findPayment(scope.services.db, scope.tenantId, paymentId)
  if (
    !payment ||
    payment.provider !== scope.provider.id ||
    !actsIn(scope, modeOfEnvironment(payment.environment))
  )
    throw new ApiError('not_found', 'No such payment.')
  return payment
}

/** The provider session of a stored payment: its tenant's credentials for its environment. */
export const session = (scope: PaymentScope, payment: PaymentRow) =>
  openProviderSession(scope.env, scope.services, scope.keyring, scope.provider, payment)

/** Pending or processing payments are asked about; settled states are answered from D1. */
export async function refreshStatus(scope: PaymentScope, paymentId: string): Promise<PaymentRow> {
  const payment = await requirePayment(scope, paymentId)
  if (payment.status !== 'pending' && payment.status !== 'processing') return payment
  return askStatus(scope, payment)
}

/** The provider's status query for a stored payment, applied and logged like any outcome. */
export async function askStatus(scope: PaymentScope, payment: PaymentRow): Promise<PaymentRow> {
  const open = await session(scope, payment)
  const outcome = await scope.provider.getStatus(open.ctx, referenceOf(payment))
  return applyOutcome(
    scope.services,
    payment,
    outcome,
    { operation: 'status', calls: open.calls },
    scope.services.now()
  )
}

/**
 * Turns a provider's refusal or silence into the API's answer; the log row is written regardless.
 * On success (or acceptance) the log statements are returned, to go into the change's own batch.
 */
const OPERATION_NAMES: Partial<Record<CallContext['operation'], string>> = {
  cancel: 'cancel (void) payments',
  capture: 'capture authorizations',
  refund: 'refund payments',
}

/** What the provider cannot do, in words a merchant can act on. */
function notSupportedMessage(
  provider: PaymentProvider,
  operation: CallContext['operation'],
  outcome: { reason?: string }
) {
  if (outcome.reason) return `${provider.displayName}: ${outcome.reason}`
  const what = OPERATION_NAMES[operation] ?? `do this (${operation})`
  return `${provider.displayName} cannot ${what}; GET /v1/providers lists what each provider can do.`
}

export async function settle(
  scope: PaymentScope,
  payment: PaymentRow,
  open: ProviderSession,
  outcome: OperationOutcome,
  operation: CallContext['operation']
) {
  const { db, now } = scope.services
  const logs = logStatements(
    db,
    { ...callContext(payment, operation), outcome: outcome.kind },
    open.calls,
    now()
  )
  if (outcome.kind === 'succeeded' || outcome.kind === 'accepted') return logs
  if (logs.length) await db.batch(logs as [(typeof logs)[number]])
  switch (outcome.kind) {
    case 'not_supported':
      throw new ApiError('not_supported', notSupportedMessage(scope.provider, operation, outcome))
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

async function transition(
  scope: PaymentScope,
  payment: PaymentRow,
  to: PaymentStatus,
  changes: Partial<PaymentRow>,
  extra: Awaited<ReturnType<typeof settle>>
) {
  const { db, now } = scope.services
  const { next, statements } = transitionStatements(db, payment, to, changes, now())
  const [update] = await db.batch([...statements, ...extra])
  if (update.meta.changes !== 1) {
    throw new ApiError(
      'invalid_transition',
      'The payment changed while this request ran; fetch it and retry.'
    )
  }
  await scope.services.announce(payment.tenantId, payment.id)
  return next
}

export async function cancelPayment(
  scope: PaymentScope,
  paymentId: string
): Promise<OperationResult> {
  const payment = await requirePayment(scope, paymentId)
  if (!canTransition(payment.status, 'cancelled')) {
    throw new ApiError('invalid_transition', `A ${payment.status} payment cannot be cancelled.`, {
      status: payment.status,
    })
  }
  if (!payment.providerPaymentId) {
    // The provider never told us its id (the create call's answer was lost): the money may have
    // moved, so only the provider's own answer, through a notification or the cron, settles it.
    throw new ApiError(
      'invalid_transition',
      "The provider's answer for this payment is still unknown; cancel it once its status is final.",
      { status: payment.status }
    )
  }
  if (payment.pendingOperation) throw operationPending(payment)
  return withRefundsHeld(scope, payment, async (held) => {
    const open = await session(scope, payment)
    const outcome = await scope.provider.cancel(open.ctx, referenceOf(payment))
    const logs = await settle(scope, payment, open, outcome, 'cancel')
    if (outcome.kind === 'accepted') return markPending(scope, payment, 'cancel', held, logs)
    return {
      payment: await transition(
        scope,
        payment,
        'cancelled',
        { message: 'Cancelled by the merchant.' },
        logs
      ),
      accepted: false,
    }
  })
}

/** The answer to a capture or cancel: done, or accepted by the provider and settled later. */
export interface OperationResult {
  payment: PaymentRow
  accepted: boolean
}

const operationPending = (payment: PaymentRow) =>
  new ApiError(
    'invalid_transition',
    `A ${payment.pendingOperation} of this payment is waiting for the provider; its notification settles it.`,
    { status: payment.status, pendingOperation: payment.pendingOperation }
  )

/**
 * The provider accepted a capture or cancel and settles it later: the payment keeps its status
 * with the operation pending (and a cancel keeps holding the captured amount against refunds)
 * until the provider's notification, or a status query, says how it ended.
 */
async function markPending(
  scope: PaymentScope,
  payment: PaymentRow,
  operation: 'capture' | 'cancel',
  amountMinor: number | null,
  logs: Awaited<ReturnType<typeof settle>>
): Promise<OperationResult> {
  const { db, now } = scope.services
  const at = now()
  const [marked] = await db.batch([
    startPendingOperationStatement(db, payment, operation, amountMinor, at),
    ...logs,
  ])
  if (marked.meta.changes !== 1) {
    // Its notification overtook this answer: the payment already moved on.
    return { payment: (await findPayment(db, scope.tenantId, payment.id))!, accepted: false }
  }
  return {
    payment: {
      ...payment,
      pendingOperation: operation,
      pendingOperationMinor: amountMinor,
      updatedAt: at,
    },
    accepted: true,
  }
}

/**
 * Voiding a captured payment races refunds of it, and a provider may accept both. The void
 * reserves the whole captured amount first, so no refund starts while it runs and a refund
 * already under way makes it refuse. A cancelled payment keeps the reservation (nothing is left
 * to refund); a void that did not happen gives it back.
 */
async function withRefundsHeld(
  scope: PaymentScope,
  payment: PaymentRow,
  cancel: (held: number | null) => Promise<OperationResult>
): Promise<OperationResult> {
  if (payment.status !== 'successful') return cancel(null)
  const { db } = scope.services
  const held = payment.capturedMinor
  if (!(await reserveRefund(db, scope.tenantId, payment.id, held))) {
    throw new ApiError(
      'invalid_transition',
      'A payment with refunds cannot be cancelled; refund the rest instead.'
    )
  }
  try {
    return await cancel(held)
  } catch (error) {
    await releaseRefund(db, scope.tenantId, payment.id, held)
    throw error
  }
}

export async function capturePayment(
  scope: PaymentScope,
  payment: PaymentRow,
  amountMinor: number | undefined
): Promise<OperationResult> {
  if (payment.status !== 'authorized') {
    throw new ApiError('invalid_transition', `A ${payment.status} payment cannot be captured.`, {
      status: payment.status,
    })
  }
  if (payment.pendingOperation) throw operationPending(payment)
  const amount = amountMinor ?? payment.amountMinor
  if (amount > payment.amountMinor) {
    throw new ApiError('invalid_request', 'The capture exceeds the authorized amount.', [
      { path: 'amount', message: 'too large' },
    ])
  }
  if (amount < payment.amountMinor && !scope.provider.capabilities.partialCapture) {
    throw new ApiError('not_supported', `${scope.provider.id} captures the whole amount only.`)
  }
  const open = await session(scope, payment)
  const outcome = await scope.provider.capture(open.ctx, referenceOf(payment), amount)
  const logs = await settle(scope, payment, open, outcome, 'capture')
  if (outcome.kind === 'accepted') return markPending(scope, payment, 'capture', amount, logs)
  return {
    payment: await transition(scope, payment, 'successful', { capturedMinor: amount }, logs),
    accepted: false,
  }
}

export interface RefundResult {
  payment: PaymentRow
  refund: { id: string; amount: number; amountMinor: number; status: 'succeeded' | 'processing' }
}

export async function refundPayment(
  scope: PaymentScope,
  payment: PaymentRow,
  request: {
    amountMinor: number | undefined
    reason: string | undefined
    /** Reserved with the Idempotency-Key, so a retried request reaches the provider with the same reference. */
    refundId: string
    /** The Idempotency-Key's earlier attempt did not finish: the provider may have the refund. */
    retry: boolean
  }
): Promise<RefundResult> {
  const { db, now } = scope.services
  if (!isRefundable(payment.status)) {
    throw new ApiError('invalid_transition', `A ${payment.status} payment cannot be refunded.`, {
      status: payment.status,
    })
  }
  const { reason, refundId } = request
  const amount = request.amountMinor ?? payment.capturedMinor - payment.refundReservedMinor
  if (amount <= 0 || !(await reserveRefund(db, scope.tenantId, payment.id, amount))) {
    // Other refunds or a cancel may have reserved since the payment was read: tell what is left now.
    const current = (await findPayment(db, scope.tenantId, payment.id)) ?? payment
    throw new ApiError(
      'refund_exceeds_captured',
      'The refund exceeds what is left to refund on this payment.',
      {
        refundableMinor: Math.max(0, current.capturedMinor - current.refundReservedMinor),
      }
    )
  }
  let open: ProviderSession
  let outcome: OperationOutcome
  try {
    open = await session(scope, payment)
    outcome = await scope.provider.refund(open.ctx, referenceOf(payment), {
      refundId,
      amountMinor: amount,
      retry: request.retry,
    })
  } catch (error) {
    await releaseRefund(db, scope.tenantId, payment.id, amount)
    throw error
  }
  const at = now()
  const refundRow = {
    id: refundId,
    tenantId: scope.tenantId,
    paymentId: payment.id,
    amountMinor: amount,
    reason: reason ?? null,
    createdAt: at,
    updatedAt: at,
  }
  const shown = (status: 'succeeded' | 'processing') => ({
    id: refundId,
    amount: toMajorNumber(amount, payment.currency),
    amountMinor: amount,
    status,
  })
  if (outcome.kind === 'unknown' || outcome.kind === 'accepted') {
    // The money may have moved (or will): keep the reservation; the provider's notification, or
    // the cron sending the same refund again, settles it. An accepted refund keeps the provider's
    // id of it, by which a notification that does not echo our refund id (PayU's) finds it.
    const providerRefundId =
      outcome.kind === 'accepted' ? (outcome.providerReference ?? null) : null
    await db.batch([
      insertRefund(db, { ...refundRow, status: 'processing', providerRefundId }),
      ...logStatements(
        db,
        { ...callContext(payment, 'refund'), outcome: outcome.kind },
        open.calls,
        at
      ),
    ])
    return { payment, refund: shown('processing') }
  }
  if (outcome.kind !== 'succeeded') await releaseRefund(db, scope.tenantId, payment.id, amount)
  const logs = await settle(scope, payment, open, outcome, 'refund') // throws unless it succeeded
  const [booked] = await db.batch([
    bookRefundStatement(db, scope.tenantId, payment.id, amount, at),
    insertRefund(db, {
      ...refundRow,
      status: 'succeeded',
      providerRefundId: outcome.kind === 'succeeded' ? (outcome.providerReference ?? null) : null,
    }),
    refundEventStatement(db, payment, at),
    ...logs,
  ])
  const updated = booked[0] ?? (await findPayment(db, scope.tenantId, payment.id))!
  await scope.services.announce(payment.tenantId, payment.id)
  return { payment: updated, refund: shown('succeeded') }
}
