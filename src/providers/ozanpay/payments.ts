/**
 * @module Creating OzanPay hosted-page payments and asking for their status. The create answer
 * gives `purchaseUrl` (status PENDING, code "283" in the ClearSettle integration); the shopper
 * comes back to `returnUrl` with `referenceNo`, `transactionId`, `status`, `message` and
 * `amountProcessed`, which carry no signature (the Laravel integration trusts them only from
 * OzanPay's source IP), so every outcome here comes from the status query.
 */
import { parseJson } from '../http'
import type {
  CreatePaymentInput,
  PaymentOutcome,
  PaymentReference,
  ProviderContext,
} from '../types'
import { INITIALIZE_PATH, postOzan, STATUS_PATH } from './client'
import { isWireCurrency, outcomeOfStatus, purchaseUrlOf } from './mapping'
import { initializeBody, statusBody } from './requests'
import { ErrorAnswer, InitializeAnswer, StatusAnswer } from './wire'

/** A refusal of the create request: nothing was made, the payment fails. */
function refused(status: number, text: string): PaymentOutcome {
  const error = ErrorAnswer.safeParse(parseJson(text))
  const message = (error.success && error.data.message) || `OzanPay answered HTTP ${status}.`
  const code = error.success ? error.data.code : undefined
  return { kind: 'declined', declineCode: 'processing_error', message, providerCode: code }
}

export async function createPayment(
  ctx: ProviderContext,
  input: CreatePaymentInput
): Promise<PaymentOutcome> {
  // Cards are typed on OzanPay's page; no source shows pre-authorization or stored cards.
  if (input.card || input.recurring || !input.capture || !input.returnUrl) {
    return { kind: 'not_supported' }
  }
  if (input.paymentMethod !== undefined || !isWireCurrency(input.currency)) {
    return { kind: 'not_supported' }
  }
  const result = await postOzan(ctx, INITIALIZE_PATH, initializeBody(ctx, input, input.returnUrl))
  if (!result.ok) return { kind: 'unknown', reason: result.reason }
  if (result.status >= 500) return { kind: 'unknown', reason: `http_${result.status}` }
  const answer = InitializeAnswer.safeParse(parseJson(result.text))
  if (result.status !== 200 || !answer.success) return refused(result.status, result.text)
  const { purchaseUrl, transactionId, status, message, code } = answer.data
  if (purchaseUrl) {
    return {
      kind: 'pending',
      redirectUrl: purchaseUrlOf(purchaseUrl),
      providerPaymentId: transactionId ?? null,
    }
  }
  return {
    kind: 'declined',
    declineCode: 'processing_error',
    message: message || `OzanPay gave no purchaseUrl (status ${status ?? 'none'}).`,
    providerCode: code ?? status,
  }
}

export async function getStatus(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<PaymentOutcome> {
  const result = await postOzan(ctx, STATUS_PATH, statusBody(ctx, payment))
  if (!result.ok) return { kind: 'unknown', reason: result.reason }
  if (result.status !== 200) return { kind: 'unknown', reason: `http_${result.status}` }
  const answer = StatusAnswer.safeParse(parseJson(result.text))
  if (!answer.success) return { kind: 'unknown', reason: 'unreadable_status_answer' }
  const { status, transactionId, message, code, referenceNo } = answer.data
  if (referenceNo !== undefined && referenceNo !== payment.paymentId) {
    return { kind: 'unknown', reason: 'status_of_another_payment' }
  }
  if (transactionId && payment.providerPaymentId && transactionId !== payment.providerPaymentId) {
    return { kind: 'unknown', reason: 'status_of_another_transaction' }
  }
  return outcomeOfStatus(
    status,
    transactionId ?? payment.providerPaymentId ?? undefined,
    message,
    code
  )
}

/** The shopper is back; the posted fields are unsigned hints, only the status query decides. */
export const completeReturn = (
  ctx: ProviderContext,
  payment: PaymentReference,
  _params: Record<string, string>
): Promise<PaymentOutcome> => getStatus(ctx, payment)
