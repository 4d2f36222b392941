/**
 * @module What a create does with its risk score, before any provider call: allow it, force 3-D
 * Secure (`challenge`), authorize only and hold it for review, or refuse it (422 `risk_blocked`).
 * A step that cannot be taken becomes the next stricter one: a direct card payment without a
 * `callbackUrl` cannot be sent through 3-D Secure, so it is held; a provider that cannot authorize
 * only and void cannot hold, so the payment is blocked.
 */
import type { StoredRisk } from '../db/schema'
import type { ScoredAttempt } from '../durable-objects/risk-memory'
import { ApiError } from '../errors'
import type { PaymentProvider } from '../providers/types'
import type { Services } from '../services'
import type { CreatePaymentBody } from './create-request'

export interface RiskPlan {
  use3D: boolean
  capture: boolean
  risk: StoredRisk | null
}

const blocked = (risk: ScoredAttempt, why: string) =>
  new ApiError('risk_blocked', `${why} Risk score ${risk.score}.`, {
    score: risk.score,
    reasons: risk.reasons,
    rulesVersion: risk.rulesVersion,
  })

export function planForRisk(
  risk: ScoredAttempt | undefined,
  provider: PaymentProvider,
  body: Pick<CreatePaymentBody, 'use3D' | 'capture' | 'cardInfo' | 'callbackUrl'>
): RiskPlan {
  const plan: RiskPlan = { use3D: body.use3D, capture: body.capture, risk: null }
  if (!risk) return plan
  let decision = risk.decision
  if (decision === 'block') throw blocked(risk, 'This payment was refused by your risk rules.')
  const authenticates = !body.cardInfo || body.use3D
  if (decision === 'challenge' && !authenticates) {
    if (body.callbackUrl && provider.capabilities.threeDS) plan.use3D = true
    else decision = 'review'
  }
  const stored: StoredRisk = {
    score: risk.score,
    decision,
    reasons: risk.reasons,
    rulesVersion: risk.rulesVersion,
  }
  if (decision === 'review') {
    const { capture, cancel } = provider.capabilities
    if (!capture || !cancel) {
      throw blocked(
        risk,
        `Your risk rules hold this payment for review, and ${provider.displayName} cannot authorize only and void, which a hold needs.`
      )
    }
    plan.capture = false
    stored.captureOnApproval = body.capture
  }
  plan.risk = stored
  return plan
}

/**
 * Counts a failed payment against its card, email and IP address. The payment's answer stands
 * whatever happens here: a guard that cannot be reached only loses one count, which is logged.
 */
export async function countRiskFailure(
  services: Pick<Services, 'guard'>,
  tenantId: string,
  paymentId: string
): Promise<void> {
  try {
    await services.guard(`tenant:${tenantId}`).recordRiskFailure(paymentId)
  } catch (error) {
    console.error(
      JSON.stringify({ event: 'risk_failure_not_counted', paymentId, error: String(error) })
    )
  }
}
