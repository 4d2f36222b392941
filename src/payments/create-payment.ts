/**
 * @module Creating a payment: check the callback URL, open the provider session, call the
 * provider once, and write the payment, its events and the masked provider log in one D1 batch.
 * A payment made with `recurring: true` asks the provider to store the payment method.
 */
import { actsIn, environmentOfMode, modeOfEnvironment, type Principal } from '../auth/principal'
import type { Keyring } from '../crypto/keyring'
import { findPayment } from '../db/repos/payments'
import type { StoredItem } from '../db/schema'
import { checkCallbackUrl } from '../domain/callback-url'
import { maskPan } from '../domain/cards'
import type { ScoredAttempt } from '../durable-objects/risk-memory'
import { ApiError } from '../errors'
import type {
  CreatePaymentInput,
  Environment,
  PaymentProvider,
  ProviderContext,
} from '../providers/types'
import type { Services } from '../services'
import { allowedOriginsOf } from './allowed-origins'
import { amountMinorOf, type CreatePaymentBody, itemsOf } from './create-request'
import { answerOf, type PaymentAnswer, storeNewPayment } from './new-payment'
import { openProviderSession } from './provider-context'
import { issueReturnToken } from './return-tokens'
import { planForRisk } from './risk-decision'
import { issueShopperPage, withoutCardData } from './shopper-pages'

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

/** What the provider cannot do is refused before anything, card data above all, reaches it. */
function requireCapabilities(provider: PaymentProvider, body: CreatePaymentBody) {
  const { capabilities } = provider
  const missing = body.cardInfo
    ? !capabilities.card && 'card payments'
    : !capabilities.hosted && 'payments without card data (hosted or wallet)'
  const refused =
    missing ||
    (!body.capture && !capabilities.capture && 'authorize-only payments (capture: false)') ||
    (body.recurring && !capabilities.recurring && 'recurring charges')
  if (refused) throw new ApiError('not_supported', `${provider.id} does not offer ${refused}.`)
}

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
    /** The attempt's risk score, from the tenant's Durable Object. */
    risk?: ScoredAttempt
  }
): Promise<PaymentAnswer> {
  const { principal, provider, body, paymentId } = request
  const tenantId = principal.tenantId
  const environment = environmentOf(principal, body.environment)
  const now = services.now()

  if (request.reclaimed) {
    // A retry took over the claim of a request that died; if that one stored its payment, use it.
    const existing = await findPayment(services.db, tenantId, paymentId)
    if (existing) return answerOf(existing)
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

  requireCapabilities(provider, body)
  const plan = planForRisk(request.risk, provider, body)
  const session = await openProviderSession(env, services, keyring, provider, {
    tenantId,
    environment,
  })
  // The earlier attempt may have reached the provider and died before storing its answer: a
  // charge the provider finds under this payment id is taken as it is, never made again.
  const earlier = request.reclaimed
    ? await chargeMadeBefore(provider, session.ctx, paymentId, body, plan.capture, now)
    : undefined
  const returnToken = callbackUrl
    ? await issueReturnToken(
        keyring.stateTokens,
        { tenantId, paymentId, provider: provider.id },
        now
      )
    : undefined
  const amountMinor = amountMinorOf(body)
  const card = body.cardInfo
  const input: CreatePaymentInput = {
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
    threeDS: plan.use3D,
    capture: plan.capture,
    recurring: body.recurring,
    returnUrl:
      returnToken &&
      `${services.config.APP_URL}/v1/callback/${provider.id}?state=${returnToken.token}`,
    customer: body.customer,
    description: body.description,
    orderId: body.orderId ?? body.conversationId,
    installmentCount: body.installmentCount,
    items: itemsOf(body),
    paymentMethod: body.paymentMethod,
  }
  const outcome = withoutCardData(
    earlier ?? (await provider.createPayment(session.ctx, input)),
    input.card
  )
  if (outcome.kind === 'not_supported') {
    throw new ApiError(
      'not_supported',
      outcome.reason
        ? `${provider.displayName}: ${outcome.reason}`
        : `${provider.displayName} cannot take this payment (its currency, card data or 3-D ` +
            'Secure choice); GET /v1/providers lists what each provider can do.'
    )
  }
  // A provider that answered with a page instead of a URL: the gateway serves it at its own URL.
  const page =
    outcome.kind === 'pending' && outcome.page
      ? await issueShopperPage(
          keyring.stateTokens,
          { tenantId, paymentId, card: input.card },
          outcome.page,
          services.config.PENDING_PAYMENT_LIFETIME_SECONDS * 1000,
          now
        )
      : undefined
  const stored = page
    ? { ...outcome, redirectUrl: `${services.config.APP_URL}/v1/pay/${paymentId}?t=${page.token}` }
    : outcome

  return storeNewPayment(
    services,
    {
      id: paymentId,
      tenantId,
      provider: provider.id,
      environment,
      amountMinor,
      currency: body.currency,
      authorizeOnly: !plan.capture,
      callbackUrl,
      returnTokenId: returnToken?.claims.tokenId ?? null,
      cardMasked: card ? maskPan(card.cardNumber) : null,
      orderId: body.orderId ?? body.conversationId ?? null,
      description: body.description ?? null,
      customerEmail: body.customer.email,
      customerPhone: body.customer.phoneNumber ?? null,
      idempotencyKey: request.idempotencyKey ?? null,
      recurring: body.recurring ? 'requested' : null,
      parentPaymentId: null,
      items: storedItemsOf(body),
      risk: plan.risk,
      cardFingerprint: request.risk?.cardFingerprint ?? null,
      createdAt: now,
    },
    stored,
    session.calls,
    'create',
    page?.row
  )
}

/** The provider's record of a charge under `paymentId`, when it has one that took or holds money. */
async function chargeMadeBefore(
  provider: PaymentProvider,
  ctx: ProviderContext,
  paymentId: string,
  body: CreatePaymentBody,
  capture: boolean,
  now: number
) {
  const outcome = await provider.getStatus(ctx, {
    paymentId,
    providerPaymentId: null,
    amountMinor: amountMinorOf(body),
    currency: body.currency,
    capturedMinor: 0,
    refundedMinor: 0,
    authorizeOnly: !capture,
    createdAt: now,
    customerPhone: body.customer.phoneNumber ?? null,
  })
  return outcome.kind === 'succeeded' || (outcome.kind === 'pending' && outcome.providerPaymentId)
    ? outcome
    : undefined
}

/** The order lines as `payments.items` keeps them: tax rates in basis points (8.5% → 850). */
export const storedItemsOf = (body: CreatePaymentBody): StoredItem[] | null =>
  body.items?.map((item) => ({
    ...(item.id === undefined ? {} : { id: item.id }),
    name: item.name,
    ...(item.category === undefined ? {} : { category: item.category }),
    unitPriceMinor: amountMinorOf({ amount: item.price, currency: body.currency }),
    quantity: item.quantity ?? 1,
    ...(item.taxRate === undefined ? {} : { taxRateBp: Math.round(item.taxRate * 100) }),
  })) ?? null
