/**
 * @module Creating Paycell card payments. The card becomes a `cardToken` (`getCardTokenSecure`);
 * without 3-D Secure `provision` answers at once; with it, `getThreeDSession` opens a session the
 * shopper completes on the bank's page (see `returns.ts` for how it ends). Paycell has no hosted
 * page in this API.
 */
import type { CreatePaymentInput, PaymentOutcome, ProviderContext } from '../types'
import { cardTokenOf } from './card-token'
import { referenceOf } from './client'
import { declineOfCode, isPaycellCurrency, msisdnOf } from './mapping'
import { provision } from './provision'
import { DEFAULT_CLIENT_IP, type PaymentFacts, rememberSession } from './session'
import { startSession, threeDSecurePage } from './three-d'

/** Paycell's `installmentCount`: 0 or 1 is a single payment; banks offer up to 12. */
const MAX_INSTALLMENTS = 12

export const NO_MSISDN: PaymentOutcome = {
  kind: 'declined',
  declineCode: 'processing_error',
  message:
    "Paycell needs the shopper's Turkish mobile number: customer.phoneNumber, 10 digits after +90.",
  providerCode: 'msisdn',
}

export async function createPayment(
  ctx: ProviderContext,
  input: CreatePaymentInput
): Promise<PaymentOutcome> {
  const installmentCount = input.installmentCount ?? 0
  const card = input.card
  if (!card || input.recurring || !isPaycellCurrency(input.currency))
    return { kind: 'not_supported' }
  if (input.paymentMethod !== undefined && input.paymentMethod !== 'card')
    return { kind: 'not_supported' }
  if (installmentCount > MAX_INSTALLMENTS || (input.threeDS && !input.returnUrl)) {
    return { kind: 'not_supported' }
  }
  const msisdn = msisdnOf(input.customer.phoneNumber)
  if (!msisdn) return NO_MSISDN
  const facts: PaymentFacts = {
    msisdn,
    clientIPAddress: input.customer.ipAddress ?? DEFAULT_CLIENT_IP,
  }
  const referenceNumber = await referenceOf(ctx, 'payment', input.paymentId)
  const token = await cardTokenOf(ctx, card)
  if (!token.ok) return token.outcome
  const order = {
    referenceNumber,
    amountMinor: input.amountMinor,
    currency: input.currency,
    installmentCount,
    authorizeOnly: !input.capture,
    cardToken: token.cardToken,
  }
  if (!input.threeDS || !input.returnUrl) return provision(ctx, facts, order)
  const session = await startSession(ctx, facts, order)
  if (!session.ok) {
    // Nothing is charged before provision: a refused or lost session is a decline.
    return {
      kind: 'declined',
      declineCode: session.code ? declineOfCode(session.code) : 'processing_error',
      message: session.message || `Paycell did not open a 3-D Secure session (${session.reason}).`,
      ...(session.code ? { providerCode: session.code } : {}),
    }
  }
  const threeDSessionId = session.threeDSessionId
  await rememberSession(ctx, input.paymentId, {
    clientIPAddress: facts.clientIPAddress,
    threeDSessionId,
    cardToken: token.cardToken,
    installmentCount,
  })
  return {
    kind: 'pending',
    redirectUrl: '',
    page: threeDSecurePage(ctx, threeDSessionId, input.returnUrl),
    providerPaymentId: referenceNumber,
  }
}
