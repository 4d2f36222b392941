/**
 * @module Creating a payment: check the callback URL, open the provider session, call the
 * provider once, and write the payment, its events and the masked provider log in one D1 batch.
 */
import { actsIn, environmentOfMode, modeOfEnvironment, type Principal } from '../auth/principal'
import type { Keyring } from '../crypto/keyring'
import { isUniqueViolation } from '../db/errors'
import { findPayment, insertPayment, type PaymentRow } from '../db/repos/payments'
import { checkCallbackUrl } from '../domain/callback-url'
import { maskPan } from '../domain/cards'
import { ApiError } from '../http/errors'
import type { Services } from '../http/services'
import type { Environment, PaymentOutcome, PaymentProvider } from '../providers/types'
import { allowedOriginsOf } from './allowed-origins'
import { amountMinorOf, type CreatePaymentBody } from './create-request'
import { presentPayment } from './present'
import { openProviderSession } from './provider-context'
import { eventStatement, logStatements, statusEventStatements } from './records'
import { issueReturnToken } from './return-tokens'

export interface PaymentAnswer {
  httpStatus: 201 | 202 | 402
  body: ReturnType<typeof presentPayment>
}

/** API keys act in their own mode; signed-in users choose, defaulting to test. */
function environmentOf(principal: Principal, requested: Environment | undefined): Environment {
  const environment = requested ?? environmentOfMode(principal.mode === 'live' ? 'live' : 'test')
  if (!actsIn(principal, modeOfEnvironment(environment))) {
    throw new ApiError(
      'forbidden',
      `A ${principal.mode} API key cannot make ${environment} payments.`
    )
  }
  return environment
}

/** How an outcome is stored: status and the columns that go with it. */
function fieldsOf(
  outcome: Exclude<PaymentOutcome, { kind: 'not_supported' }>,
  amountMinor: number
) {
  switch (outcome.kind) {
    case 'succeeded':
      return {
        status: outcome.status,
        providerPaymentId: outcome.providerPaymentId,
        capturedMinor: outcome.status === 'successful' ? amountMinor : 0,
      }
    case 'pending':
      return {
        status: 'pending' as const,
        providerPaymentId: outcome.providerPaymentId,
        redirectUrl: outcome.redirectUrl,
        message: '3-D Secure authentication required',
      }
    case 'declined':
      return {
        status: 'failed' as const,
        providerPaymentId: outcome.providerPaymentId ?? null,
        declineCode: outcome.declineCode,
        message: outcome.message,
      }
    case 'cancelled':
      return {
        status: 'failed' as const,
        providerPaymentId: outcome.providerPaymentId ?? null,
        declineCode: 'not_permitted' as const,
        message: 'The provider cancelled the charge.',
      }
    case 'unknown':
      return {
        status: 'processing' as const,
        message: 'The provider did not answer in time; the final status will follow.',
      }
  }
}

export const httpStatusOf = (row: PaymentRow): PaymentAnswer['httpStatus'] =>
  row.status === 'failed' ? 402 : row.status === 'processing' ? 202 : 201

export async function createPayment(
  env: Env,
  services: Services,
  keyring: Keyring,
  request: {
    principal: Principal
    provider: PaymentProvider
    body: CreatePaymentBody
    paymentId: string
    /** The id was reserved by an earlier attempt under the same Idempotency-Key. */
    reclaimed: boolean
    idempotencyKey?: string
  }
): Promise<PaymentAnswer> {
  const { principal, provider, body, paymentId } = request
  const tenantId = principal.tenantId
  const environment = environmentOf(principal, body.environment)
  const now = services.now()

  if (request.reclaimed) {
    // A retry took over the claim of a request that died; if that one stored its payment, use it.
    const existing = await findPayment(services.db, tenantId, paymentId)
    if (existing) return { httpStatus: httpStatusOf(existing), body: presentPayment(existing) }
  }

  let callbackUrl: string | null = null
  if (body.callbackUrl) {
    const checked = checkCallbackUrl(
      body.callbackUrl,
      await allowedOriginsOf(services, tenantId),
      environment
    )
    if ('problem' in checked) {
      throw new ApiError(
        'callback_url_not_allowed',
        checked.problem === 'test_only_origin'
          ? 'This callback origin is allowed for test payments only.'
          : 'callbackUrl must be an https URL on one of your allowed callback origins (PUT /v1/config/callback-origins).',
        [{ path: 'callbackUrl', message: checked.problem }]
      )
    }
    callbackUrl = checked.url
  }

  const session = await openProviderSession(env, services, keyring, provider, {
    tenantId,
    environment,
  })
  const returnToken = callbackUrl
    ? await issueReturnToken(
        keyring.stateTokens,
        { tenantId, paymentId, provider: provider.id },
        now
      )
    : undefined
  const amountMinor = amountMinorOf(body)
  const card = body.cardInfo
  const outcome = await provider.createPayment(session.ctx, {
    paymentId,
    amountMinor,
    currency: body.currency,
    card: card && {
      holderName: card.cardHolderName,
      number: card.cardNumber,
      expiryMonth: card.expireMonth,
      expiryYear: card.expireYear,
      cvv: card.cvv,
    },
    threeDS: body.use3D,
    capture: body.capture,
    returnUrl:
      returnToken &&
      `${services.config.APP_URL}/v1/callback/${provider.id}?state=${returnToken.token}`,
    customer: body.customer,
    description: body.description,
    orderId: body.orderId ?? body.conversationId,
    installmentCount: body.installmentCount,
  })
  if (outcome.kind === 'not_supported') {
    throw new ApiError('not_supported', `${provider.id} does not support this kind of payment.`)
  }

  const row: PaymentRow = {
    id: paymentId,
    tenantId,
    provider: provider.id,
    environment,
    version: 1,
    amountMinor,
    currency: body.currency,
    capturedMinor: 0,
    refundedMinor: 0,
    refundReservedMinor: 0,
    providerPaymentId: null,
    callbackUrl,
    returnTokenId: returnToken?.claims.tokenId ?? null,
    returnUsedAt: null,
    redirectUrl: null,
    cardMasked: card ? maskPan(card.cardNumber) : null,
    orderId: body.orderId ?? body.conversationId ?? null,
    description: body.description ?? null,
    customerEmail: body.customer.email,
    declineCode: null,
    message: null,
    idempotencyKey: request.idempotencyKey ?? null,
    reconcileAttempts: 0,
    nextReconcileAt: null,
    createdAt: now,
    updatedAt: now,
    ...fieldsOf(outcome, amountMinor),
  }
  const { db } = services
  try {
    await db.batch([
      insertPayment(db, row),
      eventStatement(db, row, 'payment.created', now),
      ...statusEventStatements(db, row, now),
      ...logStatements(
        db,
        { tenantId, provider: provider.id, paymentId, operation: 'create', outcome: outcome.kind },
        session.calls,
        now
      ),
    ])
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    // The same reserved id raced in from a retried request: answer with what was stored.
    const stored = (await findPayment(db, tenantId, paymentId))!
    return { httpStatus: httpStatusOf(stored), body: presentPayment(stored) }
  }
  await services.announce(tenantId, paymentId)
  return { httpStatus: httpStatusOf(row), body: presentPayment(row) }
}
