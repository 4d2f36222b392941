/**
 * @module Papara checkout payments: `POST /payments` creates the payment record and answers its
 * `paymentUrl`, where the shopper pays with the Papara wallet (balance, a stored card or mobile
 * payment: all on Papara's page; this API takes no card data). Status comes from `GET
 * /payments?id=`, or `GET /payments/reference?referenceId=` (our payment id) when the create
 * answer was lost. Papara has no failed status: a payment nobody paid stays waiting until Papara
 * deletes it an hour after it was made (node SDK README "Payments"), and until then the shopper may
 * open the page again and pay. So a payment still waiting when the shopper is back stays pending;
 * `cancel` (reconciliation's, once the payment expired) fails it when that hour is over.
 */
import type {
  CreatePaymentInput,
  PaymentOutcome,
  PaymentReference,
  ProviderContext,
} from '../types'
import { askPapara, BY_REFERENCE_PATH, PAYMENTS_PATH } from './client'
import { isPaparaCurrency } from './mapping'
import { declineOf, mayHaveActed, outcomeOfPayment, paymentOf } from './outcomes'
import { createPaymentBody, outOfLimits } from './requests'
import { PaparaCreated } from './wire'

export async function createPayment(
  ctx: ProviderContext,
  input: CreatePaymentInput
): Promise<PaymentOutcome> {
  // A wallet page only: no card data, no authorization hold, no stored method, no method choice.
  if (input.card || input.recurring || !input.capture || !input.returnUrl) {
    return { kind: 'not_supported' }
  }
  const { currency, returnUrl } = input
  if (input.paymentMethod !== undefined || !isPaparaCurrency(currency)) {
    return { kind: 'not_supported' }
  }
  const refused = outOfLimits(input)
  if (refused) return refused
  const answer = await askPapara(ctx, {
    method: 'POST',
    path: PAYMENTS_PATH,
    json: createPaymentBody(ctx, input, { currency, returnUrl }),
  })
  if (answer.kind === 'unknown') return answer
  if (answer.kind === 'error') {
    return mayHaveActed(answer)
      ? { kind: 'unknown', reason: `papara_${answer.code}` }
      : declineOf(answer)
  }
  const created = PaparaCreated.safeParse(answer.data)
  if (!created.success) return { kind: 'unknown', reason: 'created_without_payment_url' }
  return {
    kind: 'pending',
    redirectUrl: created.data.paymentUrl,
    providerPaymentId: created.data.id,
  }
}

/** The payment at Papara: by its id, or by our reference when the create answer was lost. */
export const lookUp = (ctx: ProviderContext, payment: PaymentReference) => {
  const id = payment.providerPaymentId
  return askPapara(ctx, {
    method: 'GET',
    ...(id
      ? { path: PAYMENTS_PATH, query: { id } }
      : { path: BY_REFERENCE_PATH, query: { referenceId: payment.paymentId } }),
  })
}

export async function getStatus(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<PaymentOutcome> {
  const id = payment.providerPaymentId
  const answer = await lookUp(ctx, payment)
  // A refused status query says nothing about the payment itself.
  if (answer.kind === 'error')
    return { kind: 'unknown', reason: `papara_${answer.code ?? answer.status}` }
  if (answer.kind === 'unknown') return answer
  const found = paymentOf(answer.data)
  if (!found) return { kind: 'unknown', reason: 'unreadable_payment' }
  if (
    (id && found.id !== id) ||
    (found.referenceId !== undefined && found.referenceId !== payment.paymentId)
  ) {
    return { kind: 'unknown', reason: 'payment_of_another_reference' }
  }
  return outcomeOfPayment(found)
}

/**
 * The shopper is back from Papara's page with `paymentId`, `referenceId`, `status` and `amount`
 * appended (php-sample `json/result.json` `returningRedirectUrl`): only the status query decides,
 * and a payment still waiting stays pending (the shopper may still pay within Papara's hour).
 */
export function completeReturn(
  ctx: ProviderContext,
  payment: PaymentReference,
  _params: Record<string, string>
): Promise<PaymentOutcome> {
  return getStatus(ctx, payment)
}
