/**
 * @module The Adyen adapter (Checkout API v71): card payments with raw card data and 3-D Secure
 * through Adyen's redirect, the GoPay wallet as a redirect payment, stored methods for recurring
 * charges, and captures, cancels and refunds that Adyen acknowledges (`received`) and settles by
 * webhook. Adyen has no payment status API: the webhook is the authority after an answer is lost.
 * Docs: https://docs.adyen.com/online-payments/build-your-integration/advanced-flow
 */
import type {
  OperationOutcome,
  PaymentOutcome,
  PaymentProvider,
  PaymentReference,
  ProviderContext,
} from '../types'
import { callAdyen, describeError } from './client'
import { adyenConfigSchema } from './config'
import {
  type CaptureMode,
  captureModeIn,
  outcomeOfModificationAnswer,
  outcomeOfPaymentAnswer,
} from './outcomes'
import { decodeStoredMethod, shopperReferenceOf } from './recurring-token'
import {
  buildModificationRequest,
  buildPaymentRequest,
  buildRecurringRequest,
  GOPAY_WALLET,
  idempotencyKeyOf,
} from './requests'
import { adyenWebhooks } from './webhooks'
import { PaymentResponse } from './wire'

export const ADYEN_TEST_BASE_URL = 'https://checkout-test.adyen.com/v71'

/** https://docs.adyen.com/development-resources/live-endpoints: the company's prefix, then /checkout. */
export const adyenLiveBaseUrl = (prefix: string) =>
  `https://${prefix}-checkout-live.adyenpayments.com/checkout/v71`

const paymentPath = (payment: PaymentReference, operation: 'captures' | 'cancels' | 'refunds') =>
  `/payments/${encodeURIComponent(payment.providerPaymentId ?? '')}/${operation}`

/**
 * What the shopper brought back, as `/payments/details` takes it (PaymentCompletionDetails):
 * `redirectResult` on the return URL (what a GET return carries), else a `payload`, else the
 * 3-D Secure 1 form fields `MD` and `PaRes` of a POST return.
 */
function returnDetailsOf(params: Record<string, string>): Record<string, string> | undefined {
  if (params.redirectResult) return { redirectResult: params.redirectResult }
  if (params.payload) return { payload: params.payload }
  if (params.MD && params.PaRes) return { MD: params.MD, PaRes: params.PaRes }
  return undefined
}

const NO_PSP_REFERENCE: OperationOutcome = {
  kind: 'rejected',
  reason: 'Adyen has not named this payment (no pspReference) yet.',
}

async function modify(
  ctx: ProviderContext,
  payment: PaymentReference,
  operation: 'captures' | 'cancels' | 'refunds',
  body: Record<string, unknown> | undefined,
  idempotencyKey: string
): Promise<OperationOutcome> {
  if (!payment.providerPaymentId) return NO_PSP_REFERENCE
  if (!body)
    return { kind: 'rejected', reason: `Adyen cannot take this ${payment.currency} amount.` }
  return outcomeOfModificationAnswer(
    await callAdyen(ctx, {
      method: 'POST',
      path: paymentPath(payment, operation),
      body,
      idempotencyKey,
    })
  )
}

export const adyenProvider: PaymentProvider = {
  id: 'adyen',
  displayName: 'Adyen (cards and the GoPay wallet)',
  configSchema: adyenConfigSchema,
  capabilities: {
    card: true,
    threeDS: true,
    hosted: true,
    capture: true,
    partialCapture: true,
    cancel: true,
    refund: true,
    partialRefund: true,
    recurring: true,
    webhooks: true,
    environments: ['test', 'production'],
  },
  // Production has no shared host: `baseUrlFor` builds it from the tenant's prefix.
  baseUrls: { test: ADYEN_TEST_BASE_URL, production: '' },
  baseUrlFor: (environment, config) =>
    environment === 'production' && config.liveEndpointUrlPrefix
      ? adyenLiveBaseUrl(config.liveEndpointUrlPrefix)
      : undefined,

  async createPayment(ctx, input) {
    const request = buildPaymentRequest(ctx, input)
    if ('unsupported' in request) return { kind: 'not_supported' }
    const answer = await callAdyen(ctx, {
      method: 'POST',
      path: '/payments',
      body: request.body,
      idempotencyKey: idempotencyKeyOf.create(input.paymentId),
    })
    return outcomeOfPaymentAnswer(answer, {
      capture: input.capture ? 'automatic' : 'manual',
      ...(input.recurring
        ? { stored: { shopperReference: shopperReferenceOf(input.paymentId), type: request.type } }
        : {}),
    })
  },

  async completeReturn(ctx, payment, params): Promise<PaymentOutcome> {
    const details = returnDetailsOf(params)
    // Without them there is nothing to ask Adyen; its AUTHORISATION webhook will tell.
    if (!details) return { kind: 'unknown', reason: 'missing_redirect_result' }
    const answer = await callAdyen(ctx, {
      method: 'POST',
      path: '/payments/details',
      body: { details },
      idempotencyKey: idempotencyKeyOf.details(payment.paymentId),
    })
    // The shopper has finished at Adyen, so the payment exists there: an error about this call
    // says nothing of its result, which the AUTHORISATION webhook brings.
    if (answer.kind === 'error')
      return { kind: 'unknown', reason: describeError(answer.status, answer.error) }
    if (answer.kind === 'not_configured') return { kind: 'unknown', reason: answer.reason }
    const parsed = answer.kind === 'ok' ? PaymentResponse.safeParse(answer.json) : undefined
    const response = parsed?.success ? parsed.data : undefined
    const otherPayment =
      (response?.merchantReference && response.merchantReference !== payment.paymentId) ||
      (response?.pspReference &&
        payment.providerPaymentId &&
        response.pspReference !== payment.providerPaymentId)
    // A redirectResult of another payment (pasted into this payment's return) proves nothing here.
    if (otherPayment) return { kind: 'unknown', reason: 'redirect_result_of_another_payment' }
    // The gateway knows how the payment was created; Adyen's echo of our metadata is the fallback.
    const capture: CaptureMode = payment.authorizeOnly
      ? 'manual'
      : captureModeIn(response?.additionalData)
    return outcomeOfPaymentAnswer(answer, {
      capture,
      stored: {
        shopperReference: shopperReferenceOf(payment.paymentId),
        // `paymentMethod.type` echoes the request; `additionalData.paymentMethod` names it too.
        type: [response?.paymentMethod?.type, response?.additionalData?.paymentMethod].includes(
          GOPAY_WALLET
        )
          ? GOPAY_WALLET
          : 'scheme',
      },
    })
  },

  // Checkout has no payment lookup; webhooks carry every result.
  getStatus: async () => ({ kind: 'not_supported' }),

  cancel: (ctx, payment) =>
    modify(
      ctx,
      payment,
      'cancels',
      buildModificationRequest(ctx, payment, payment.paymentId),
      idempotencyKeyOf.cancel(payment.paymentId)
    ),

  capture: (ctx, payment, amountMinor) =>
    modify(
      ctx,
      payment,
      'captures',
      buildModificationRequest(ctx, payment, payment.paymentId, amountMinor),
      idempotencyKeyOf.capture(payment.paymentId, amountMinor)
    ),

  // The refund id is both the reference (it comes back in the REFUND webhook) and the
  // Idempotency-Key, so a retry after a lost answer replays Adyen's first answer.
  refund: (ctx, payment, refund) =>
    modify(
      ctx,
      payment,
      'refunds',
      buildModificationRequest(ctx, payment, refund.refundId, refund.amountMinor),
      idempotencyKeyOf.refund(refund.refundId)
    ),

  async chargeRecurring(ctx, parent, charge) {
    const method = decodeStoredMethod(parent.recurringToken)
    if (!method) {
      return {
        kind: 'declined',
        declineCode: 'not_permitted',
        message: 'Adyen has not reported the stored payment method of this payment yet.',
      }
    }
    const body = buildRecurringRequest(ctx, method, charge)
    if (!body) return { kind: 'not_supported' }
    const answer = await callAdyen(ctx, {
      method: 'POST',
      path: '/payments',
      body,
      idempotencyKey: idempotencyKeyOf.recurring(charge.paymentId),
    })
    return outcomeOfPaymentAnswer(answer, { capture: 'automatic' })
  },

  async stopRecurring(ctx, parent) {
    const method = decodeStoredMethod(parent.recurringToken)
    if (!method) return { kind: 'rejected', reason: 'No stored payment method to delete.' }
    const answer = await callAdyen(ctx, {
      method: 'DELETE',
      path: `/storedPaymentMethods/${encodeURIComponent(method.storedPaymentMethodId)}`,
      query: {
        shopperReference: method.shopperReference,
        merchantAccount: ctx.config.merchantAccount ?? '',
      },
    })
    switch (answer.kind) {
      case 'ok':
        return { kind: 'succeeded' }
      case 'unknown':
        return { kind: 'unknown', reason: answer.reason }
      default:
        return outcomeOfModificationAnswer(answer)
    }
  },

  webhooks: adyenWebhooks,
}
