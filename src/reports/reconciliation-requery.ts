/**
 * @module Asking providers again about what the reconciliation report lists, on the merchant's
 * request, the way the cron does: a payment through `askStatus` (its status query and
 * `applyOutcome`), a refund by sending it again under its own id. Every change is recorded and
 * announced like any other; nothing here decides a state by itself.
 */
import type { Principal } from '../auth/principal'
import type { Keyring } from '../crypto/keyring'
import type { PaymentRow, RefundRow } from '../db/repos/payments'
import { findRefund } from '../db/repos/provider-notifications'
import { ApiError } from '../errors'
import { askStatus, type PaymentScope } from '../payments/operations'
import { reconcileRefund } from '../payments/reconcile-refunds'
import { findProvider } from '../providers/registry'
import type { Services } from '../services'

export interface RequeryDeps {
  env: Env
  services: Services
  keyring: Keyring
  principal: Pick<Principal, 'tenantId' | 'mode'>
}

export interface RequeryAnswer {
  requeried: string[]
  changed: { paymentId: string; refundId?: string; from: string; to: string }[]
  unchanged: string[]
  failed: { id: string; message: string }[]
}

/**
 * A payment's status from its provider, asked as the status route asks an open payment; a
 * settled one the report lists as mismatched too, so its latest call (and the report) shows the
 * provider's current word.
 */
async function requeryPayment(deps: RequeryDeps, payment: PaymentRow): Promise<PaymentRow> {
  const provider = findProvider(payment.provider)
  if (!provider) throw new ApiError('provider_not_found', `Unknown provider ${payment.provider}.`)
  const scope: PaymentScope = {
    env: deps.env,
    services: deps.services,
    keyring: deps.keyring,
    provider,
    tenantId: deps.principal.tenantId,
    mode: deps.principal.mode,
  }
  return askStatus(scope, payment)
}

/**
 * The refund sent again under its own id, as `reconcileRefund` in payments/reconcile-refunds.ts
 * does (that function is not exported; this is the same sequence and should be replaced by it
 * once it is): booked if the provider has it or makes it now, freed if it refuses.
 */
/** The refund sent again under its own id, as the cron does. */
const requeryRefund = (deps: RequeryDeps, refund: RefundRow) =>
  reconcileRefund(deps.env, deps.services, deps.keyring, refund, deps.services.now())

/** An `ApiError` says what went wrong in words meant for merchants; anything else stays in the log. */
function messageOf(id: string, error: unknown) {
  if (error instanceof ApiError) return error.message
  console.error(JSON.stringify({ event: 'requery_failed', id, error: String(error) }))
  return 'The provider could not be asked; the cron will try again.'
}

/** Asks about each payment and refund in turn; one failing does not stop the others. */
export async function requery(
  deps: RequeryDeps,
  targets: { payments: PaymentRow[]; refunds: RefundRow[] }
): Promise<RequeryAnswer> {
  const answer: RequeryAnswer = { requeried: [], changed: [], unchanged: [], failed: [] }
  for (const payment of targets.payments) {
    answer.requeried.push(payment.id)
    try {
      const after = await requeryPayment(deps, payment)
      if (after.status === payment.status) answer.unchanged.push(payment.id)
      else answer.changed.push({ paymentId: payment.id, from: payment.status, to: after.status })
    } catch (error) {
      answer.failed.push({ id: payment.id, message: messageOf(payment.id, error) })
    }
  }
  for (const refund of targets.refunds) {
    answer.requeried.push(refund.id)
    try {
      await requeryRefund(deps, refund)
      const after = await findRefund(deps.services.db, refund.tenantId, refund.id)
      if (!after || after.status === refund.status) answer.unchanged.push(refund.id)
      else
        answer.changed.push({
          paymentId: refund.paymentId,
          refundId: refund.id,
          from: refund.status,
          to: after.status,
        })
    } catch (error) {
      answer.failed.push({ id: refund.id, message: messageOf(refund.id, error) })
    }
  }
  return answer
}
