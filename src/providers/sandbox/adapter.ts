/**
 * @module The sandbox adapter: speaks the sandbox PSP's protocol exactly as an adapter for a real
 * provider would (signed JSON over `fetch`, parsed with zod, mapped to outcomes), so everything the
 * gateway does with it is what it does with any provider.
 */
import * as z from 'zod'
import { parseJson, send } from '../http'
import type {
  CreatePaymentInput,
  OperationOutcome,
  PaymentOutcome,
  PaymentProvider,
  PaymentReference,
  ProviderContext,
} from '../types'
import { sandboxConfigSchema } from './config'
import { inProcessSandboxFetch } from './psp'
import {
  deriveMerchantSecret,
  HEADER_MERCHANT,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  signRequest,
  verifyReturn,
} from './signing'
import { outcomeOfCharge, SandboxCharge, sandboxWebhooks } from './webhooks'

const PspError = z.object({ error: z.object({ code: z.string(), message: z.string() }) })

const Credentials = z.object({ merchantId: z.string(), secret: z.string() })

async function call(ctx: ProviderContext, method: 'GET' | 'POST', path: string, payload?: object) {
  const { merchantId, secret } = Credentials.parse(ctx.config)
  const body = payload === undefined ? '' : JSON.stringify(payload)
  const timestamp = Math.floor(ctx.deps.now() / 1000)
  return send(ctx.deps, `${ctx.baseUrl}/api${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      [HEADER_MERCHANT]: merchantId,
      [HEADER_TIMESTAMP]: String(timestamp),
      [HEADER_SIGNATURE]: await signRequest(secret, timestamp, body),
    },
    body: method === 'GET' ? undefined : body,
  })
}

async function chargeCall(
  ctx: ProviderContext,
  method: 'GET' | 'POST',
  path: string,
  payload?: object
): Promise<PaymentOutcome> {
  const result = await call(ctx, method, path, payload)
  if (!result.ok) return { kind: 'unknown', reason: result.reason }
  if (result.status >= 500) return { kind: 'unknown', reason: `http_${result.status}` }
  const charge = SandboxCharge.safeParse(parseJson(result.text))
  if (charge.success) return outcomeOfCharge(charge.data)
  const error = PspError.safeParse(parseJson(result.text))
  return {
    kind: 'declined',
    declineCode: 'processing_error',
    message: error.success
      ? error.data.error.message
      : `Unexpected sandbox answer (${result.status}).`,
    providerCode: error.success ? error.data.error.code : undefined,
  }
}

async function operation(
  ctx: ProviderContext,
  path: string,
  payload?: object
): Promise<OperationOutcome> {
  const result = await call(ctx, 'POST', path, payload)
  if (!result.ok) return { kind: 'unknown', reason: result.reason }
  if (result.status >= 500) return { kind: 'unknown', reason: `http_${result.status}` }
  const json = parseJson(result.text)
  if (result.status === 200) {
    const id = z.object({ id: z.string() }).safeParse(json)
    return { kind: 'succeeded', providerReference: id.success ? id.data.id : undefined }
  }
  const error = PspError.safeParse(json)
  return error.success
    ? { kind: 'rejected', reason: error.data.error.message, providerCode: error.data.error.code }
    : { kind: 'rejected', reason: `Unexpected sandbox answer (${result.status}).` }
}

const chargePath = (payment: PaymentReference) =>
  `/v1/charges/${encodeURIComponent(payment.providerPaymentId ?? '')}`

export const sandboxProvider: PaymentProvider = {
  id: 'sandbox',
  displayName: 'Sandbox (built in)',
  configSchema: sandboxConfigSchema,
  capabilities: {
    card: true,
    threeDS: true,
    hosted: false,
    capture: true,
    partialCapture: true,
    cancel: true,
    refund: true,
    partialRefund: true,
    recurring: false,
    webhooks: true,
    environments: ['test'],
  },
  // The sandbox lives inside the gateway: `APP_URL/sandbox`; the registry fills it in.
  baseUrls: { test: '/sandbox', production: '/sandbox' },
  inProcessFetch: inProcessSandboxFetch,
  builtInCredentials: async (tenantId, keyring) => ({
    merchantId: tenantId,
    secret: await deriveMerchantSecret(keyring.sandbox, tenantId),
  }),

  createPayment(ctx, input: CreatePaymentInput) {
    if (!input.card) return Promise.resolve({ kind: 'not_supported' })
    return chargeCall(ctx, 'POST', '/v1/charges', {
      reference: input.paymentId,
      amount: input.amountMinor,
      currency: input.currency,
      card: {
        number: input.card.number,
        exp_month: input.card.expiryMonth,
        exp_year: input.card.expiryYear,
        cvc: input.card.cvv,
        holder_name: input.card.holderName,
      },
      three_d_secure: input.threeDS,
      capture: input.capture,
      return_url: input.returnUrl,
    })
  },

  async completeReturn(ctx, payment, params) {
    const { secret } = Credentials.parse(ctx.config)
    const returned = {
      charge: params.charge ?? '',
      status: params.status ?? '',
      amount: params.amount ?? '',
      currency: params.currency ?? '',
    }
    const signed = await verifyReturn(secret, returned, params.signature ?? '')
    if (!signed || returned.charge !== payment.providerPaymentId) {
      // A truncated or altered return proves nothing either way, and the shopper may well have
      // paid: leave the outcome open for the provider's notification or the status cron to settle.
      return { kind: 'unknown', reason: 'unsigned_return' }
    }
    // The signed parameters say what happened; the charge itself is the authority.
    return chargeCall(ctx, 'GET', chargePath(payment))
  },

  // By charge id, or by our payment id (the charge's reference) when the create answer was lost.
  getStatus: (ctx, payment) =>
    chargeCall(
      ctx,
      'GET',
      payment.providerPaymentId
        ? chargePath(payment)
        : `/v1/charges?reference=${encodeURIComponent(payment.paymentId)}`
    ),
  cancel: (ctx, payment) => operation(ctx, `${chargePath(payment)}/cancel`),
  capture: (ctx, payment, amountMinor) =>
    operation(ctx, `${chargePath(payment)}/capture`, { amount: amountMinor }),
  chargeRecurring: () => Promise.resolve({ kind: 'not_supported' }),
  stopRecurring: () => Promise.resolve({ kind: 'not_supported' }),
  webhooks: sandboxWebhooks,
  refund: (ctx, payment, refund) =>
    operation(ctx, `${chargePath(payment)}/refunds`, {
      amount: refund.amountMinor,
      reference: refund.refundId,
    }),
}
