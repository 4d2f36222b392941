/**
 * @module Payments held by the risk rules: the provider authorized them only, and they wait in
 * `review` until the merchant decides. Approving moves the payment to `authorized` and, when the
 * merchant asked for `capture: true`, captures it; rejecting voids the authorization and the
 * payment ends `cancelled` with `declineCode: risk_rejected`. Each decision is a compare-and-set on
 * the payment before the provider is called, so two at the same moment reach the provider once.
 */
import {
  claimReviewVoidStatement,
  findPayment,
  type PaymentRow,
  releaseReviewVoidStatement,
} from '../db/repos/payments'
import type { StoredRisk } from '../db/schema'
import type { PaymentStatus } from '../domain/payment-status'
import { ApiError } from '../errors'
import { capturePayment, type PaymentScope, requirePayment, session, settle } from './operations'
import { referenceOf } from './provider-context'
import { transitionStatements } from './records'

export type ReviewDecision = 'approve' | 'reject'

/** A held payment the provider authorized waits in review instead, until the merchant decides. */
export const heldForReview = (
  payment: Partial<Pick<PaymentRow, 'risk'>>,
  status: PaymentStatus
): PaymentStatus =>
  status === 'authorized' && payment.risk?.decision === 'review' && !payment.risk.review
    ? 'review'
    : status

export interface ReviewResult {
  payment: PaymentRow
  /** The provider accepted the void and settles it later; a notification follows. */
  accepted: boolean
}

export async function reviewPayment(
  scope: PaymentScope,
  paymentId: string,
  decision: ReviewDecision,
  by: string
): Promise<ReviewResult> {
  const payment = await requirePayment(scope, paymentId)
  const risk = payment.risk
  // Still in review with nothing under way: undecided, or a void the provider later refused.
  if (payment.status !== 'review' || risk?.decision !== 'review' || payment.pendingOperation)
    return decidedAlready(payment, decision)
  const reviewed: StoredRisk = { ...risk, review: { decision, by, at: scope.services.now() } }
  return decision === 'approve'
    ? approve(scope, payment, reviewed)
    : reject(scope, payment, risk, reviewed)
}

/** The same decision again answers with the payment as it is; anything else is a 409. */
function decidedAlready(payment: PaymentRow, decision: ReviewDecision): ReviewResult {
  if (payment.risk?.review?.decision === decision)
    return { payment, accepted: payment.pendingOperation !== null }
  if (payment.risk?.review) {
    throw new ApiError(
      'invalid_transition',
      `This payment's review was already decided: ${payment.risk.review.decision}.`,
      { status: payment.status, review: payment.risk.review.decision }
    )
  }
  throw new ApiError(
    'invalid_transition',
    'Only a payment your risk rules held for review (status review) can be approved or rejected.',
    { status: payment.status }
  )
}

async function lostRace(scope: PaymentScope, payment: PaymentRow, decision: ReviewDecision) {
  const current = (await findPayment(scope.services.db, scope.tenantId, payment.id))!
  return decidedAlready(current, decision)
}

async function approve(
  scope: PaymentScope,
  payment: PaymentRow,
  reviewed: StoredRisk
): Promise<ReviewResult> {
  const { db, now, announce } = scope.services
  const changes = { risk: reviewed, message: null }
  const { next, statements } = transitionStatements(db, payment, 'authorized', changes, now())
  const [update] = await db.batch(statements)
  if (update.meta.changes !== 1) return lostRace(scope, payment, 'approve')
  await announce(payment.tenantId, payment.id)
  if (!reviewed.captureOnApproval) return { payment: next, accepted: false }
  return capturePayment(scope, next, undefined)
}

async function reject(
  scope: PaymentScope,
  payment: PaymentRow,
  held: StoredRisk,
  reviewed: StoredRisk
): Promise<ReviewResult> {
  const { db, now, announce } = scope.services
  const [claim] = await db.batch([claimReviewVoidStatement(db, payment, reviewed, now())])
  if (claim.meta.changes !== 1) return lostRace(scope, payment, 'reject')
  const claimed: PaymentRow = {
    ...payment,
    risk: reviewed,
    pendingOperation: 'cancel',
    version: payment.version + 1,
  }
  const release = (message: string) =>
    db.batch([releaseReviewVoidStatement(db, claimed, held, message, now())])
  const open = await session(scope, claimed).catch(async (error) => {
    await release('The rejection could not reach the provider; decide again.')
    throw error
  })
  const outcome = await scope.provider
    .cancel(open.ctx, referenceOf(claimed))
    .catch(async (error) => {
      await release('The rejection could not reach the provider; decide again.')
      throw error
    })
  if (outcome.kind !== 'succeeded' && outcome.kind !== 'accepted')
    await release('The provider did not void the authorization; decide again.')
  const logs = await settle(scope, claimed, open, outcome, 'cancel') // throws unless it went through
  if (outcome.kind === 'accepted') {
    if (logs.length) await db.batch(logs as [(typeof logs)[number]])
    return { payment: claimed, accepted: true }
  }
  const { next, statements } = transitionStatements(
    db,
    claimed,
    'cancelled',
    {
      declineCode: 'fraud_suspected',
      message: 'Rejected in review; the authorization was voided.',
    },
    now()
  )
  const [update] = await db.batch([...statements, ...logs])
  if (update.meta.changes !== 1) {
    // The provider's notification of the void overtook this answer and settled the payment.
    return { payment: (await findPayment(db, scope.tenantId, payment.id))!, accepted: false }
  }
  await announce(payment.tenantId, payment.id)
  return { payment: next, accepted: false }
}
