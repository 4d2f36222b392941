/**
 * @module The shopper's return through `/v1/callback/{provider}?state=…`: the state token is
 * checked and spent (once), the adapter completes the payment with the provider, the outcome is
 * applied once, and the shopper goes to the merchant's stored callback URL with a signed result.
 */
import type { Keyring } from '../crypto/keyring'
import { findPayment, spendReturnToken } from '../db/repos/payments'
import { findProvider } from '../providers/registry'
import type { Services } from '../services'
import { applyOutcome } from './apply-outcome'
import { callbackSecretsOf, signingSecretsOf } from './callback-secrets'
import { merchantRedirect } from './merchant-redirect'
import { presentPayment } from './present'
import { openProviderSession, referenceOf } from './provider-context'
import { readReturnToken } from './return-tokens'
import { countRiskFailure } from './risk-decision'

export type ReturnResult =
  | { kind: 'redirect'; location: string }
  | { kind: 'refused'; reason: string }

export async function completeReturn(
  env: Env,
  services: Services,
  keyring: Keyring,
  request: { providerId: string; state: string | undefined; params: Record<string, string> }
): Promise<ReturnResult> {
  const now = services.now()
  const token = request.state
    ? await readReturnToken(keyring.stateTokens, request.state, now)
    : undefined
  if (!token || token.provider !== request.providerId) {
    return { kind: 'refused', reason: 'This payment link is invalid or has expired.' }
  }
  const provider = findProvider(token.provider)
  let payment = await findPayment(services.db, token.tenantId, token.paymentId)
  if (!provider || !payment?.callbackUrl)
    return { kind: 'refused', reason: 'This payment link is invalid.' }
  if (!(await spendReturnToken(services.db, token.tenantId, token.paymentId, token.tokenId, now))) {
    return { kind: 'refused', reason: 'This payment link has already been used.' }
  }

  if (payment.status === 'pending') {
    const session = await openProviderSession(env, services, keyring, provider, payment)
    const outcome = await provider.completeReturn(session.ctx, referenceOf(payment), request.params)
    payment = await applyOutcome(
      services,
      payment,
      outcome,
      { operation: 'complete', calls: session.calls },
      now
    )
    // A failed 3-D Secure counts against the card, email and IP like a decline at create.
    if (payment.status === 'failed' && payment.risk)
      await countRiskFailure(services, payment.tenantId, payment.id)
  }

  const shown = presentPayment(payment)
  const location = await merchantRedirect(
    payment.callbackUrl!,
    signingSecretsOf(await callbackSecretsOf(services.db, keyring, payment.tenantId, now)),
    {
      paymentId: payment.id,
      status: payment.status,
      success: shown.success && payment.status !== 'pending',
      error: payment.status === 'failed' ? (payment.declineCode ?? 'payment_failed') : undefined,
    },
    now
  )
  return { kind: 'redirect', location }
}
