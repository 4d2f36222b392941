/**
 * @module The GoPay88 (GoPay黄金支付) adapter: hosted collection through `unifiedorder` (the
 * shopper pays on GoPay88's page at `credential.mweb_url`), status through `orderquery` by our
 * payment id, and the signed notify. GoPay88 documents no refund, cancel, capture or recurring
 * API, so those answer `not_supported`. Protocol: GoPay88's API document (handed to merchants); the
 * x-ca scheme's reference implementation is iredcap/cmpay.
 */
import { sha256Hex } from '../../crypto/hash'
import { notSupported } from '../not-supported'
import type {
  CreatePaymentInput,
  PaymentOutcome,
  PaymentProvider,
  PaymentReference,
  ProviderContext,
} from '../types'
import {
  type CallResult,
  callGopay88,
  PATH_ORDER_QUERY,
  PATH_UNIFIED_ORDER,
  PATH_UNIFIED_ORDER_AS_DOCUMENTED,
} from './api'
import {
  CreatedCharge,
  channelOfReference,
  defaultChannelOf,
  OrderCharge,
  outcomeOfOrder,
  paymentPageOf,
  providerReference,
} from './charges'
import { gopay88ConfigSchema } from './config'
import {
  COLLECTION_CHANNELS,
  type CollectionChannel,
  CREATE_ERROR_MEANING,
  isCollectionChannel,
  isSupportedCurrency,
  toWireAmount,
} from './mapping'
import { gopay88Webhooks } from './webhooks'

/** The document's example client_ip, sent when the shopper's address is unknown. */
export const DEFAULT_CLIENT_IP = '127.0.0.1'
const TEXT_MAX_LENGTH = 128

/** extparam.userid "商户侧的用户唯一ID": a stable id of the shopper that reveals no e-mail. */
const merchantUserId = async (email: string) =>
  (await sha256Hex(email.trim().toLowerCase())).slice(0, 32)

/**
 * subject and body (both required, non-empty): the description, else `Order <id>`, cut by
 * characters (never inside a surrogate pair).
 */
const orderText = (input: CreatePaymentInput) =>
  Array.from(input.description?.trim() || `Order ${input.orderId ?? input.paymentId}`)
    .slice(0, TEXT_MAX_LENGTH)
    .join('')

/** No such path (MissException): nothing was created, so the other spelling may be tried. */
const pathMissing = (result: CallResult) =>
  result.kind === 'error' && result.error === 'resource_not_found'

function createOutcome(result: CallResult, paymentId: string, channel: string): PaymentOutcome {
  switch (result.kind) {
    case 'unknown':
      return result
    case 'error': {
      const meaning = CREATE_ERROR_MEANING[result.error]
      if ('retry' in meaning) return { kind: 'unknown', reason: `gopay88_${result.error}` }
      return {
        kind: 'declined',
        declineCode: meaning.decline,
        message: `${meaning.reason} (${result.errorCode}: ${result.message})`,
        providerCode: String(result.errorCode),
      }
    }
    case 'unusable_key':
      return { kind: 'declined', declineCode: 'processing_error', message: result.reason }
    case 'failed':
      return {
        kind: 'declined',
        declineCode: 'processing_error',
        message: `GoPay88 opened no payment for this order (${result.resultCode} ${result.resultMsg}).`,
        providerCode: result.resultMsg,
      }
    case 'charge': {
      const charge = CreatedCharge.safeParse(result.charge)
      if (!charge.success || charge.data.out_trade_no !== paymentId)
        return { kind: 'unknown', reason: 'unreadable_answer' }
      const redirectUrl = paymentPageOf(charge.data.credential)
      if (!redirectUrl) {
        return {
          kind: 'declined',
          declineCode: 'processing_error',
          message: 'GoPay88 answered without a payment page for the shopper.',
          providerCode: 'no_credential',
        }
      }
      return {
        kind: 'pending',
        redirectUrl,
        providerPaymentId: providerReference(channel, paymentId),
      }
    }
  }
}

async function createPayment(
  ctx: ProviderContext,
  input: CreatePaymentInput
): Promise<PaymentOutcome> {
  const channel = input.paymentMethod ?? defaultChannelOf(ctx.config)
  const hostedSale = !input.card && input.capture && !input.recurring && input.returnUrl
  if (!hostedSale || !isCollectionChannel(channel) || !isSupportedCurrency(input.currency))
    return { kind: 'not_supported' }
  const { mchId } = gopay88ConfigSchema.parse(ctx.config)
  const text = orderText(input)
  const order = {
    mchid: mchId,
    out_trade_no: input.paymentId,
    subject: text,
    body: text,
    amount: toWireAmount(input.amountMinor, input.currency),
    currency: input.currency,
    channel,
    extparam: { userid: await merchantUserId(input.customer.email) },
    client_ip: input.customer.ipAddress ?? DEFAULT_CLIENT_IP,
    return_url: input.returnUrl,
    notify_url: ctx.notificationUrl,
  }
  const result = await callGopay88(ctx, PATH_UNIFIED_ORDER, order)
  // The document's 接口网关 line spells the path `unifedorder`: a host serving only that answers 404.
  const answered = pathMissing(result)
    ? await callGopay88(ctx, PATH_UNIFIED_ORDER_AS_DOCUMENTED, order)
    : result
  return createOutcome(answered, input.paymentId, channel)
}

async function queryOrder(
  ctx: ProviderContext,
  payment: PaymentReference,
  channel: CollectionChannel
): Promise<PaymentOutcome | 'not_found'> {
  const { mchId } = gopay88ConfigSchema.parse(ctx.config)
  const result = await callGopay88(ctx, PATH_ORDER_QUERY, {
    mchid: mchId,
    out_trade_no: payment.paymentId,
    channel,
  })
  switch (result.kind) {
    case 'unknown':
      return result
    case 'unusable_key':
      return { kind: 'unknown', reason: 'unusable_key' }
    case 'error':
      // An error says nothing about the money: the payment is asked about again later.
      return result.error === 'order_not_found'
        ? 'not_found'
        : { kind: 'unknown', reason: `gopay88_${result.error}` }
    case 'failed':
      // cmpay answers FAIL with an empty charge when no order matches.
      return 'not_found'
    case 'charge': {
      const charge = OrderCharge.safeParse(result.charge)
      if (!charge.success || charge.data.out_trade_no !== payment.paymentId || !charge.data.status)
        return { kind: 'unknown', reason: 'unreadable_answer' }
      return outcomeOfOrder({ ...charge.data, status: charge.data.status })
    }
  }
}

/**
 * `orderquery` needs the channel: the one in our reference, or, when the create answer was lost,
 * the configured default first and then the others (an out_trade_no exists under one channel).
 */
async function getStatus(ctx: ProviderContext, payment: PaymentReference): Promise<PaymentOutcome> {
  const known = channelOfReference(payment.providerPaymentId)
  const first = known ?? defaultChannelOf(ctx.config)
  const channels = known ? [known] : [first, ...COLLECTION_CHANNELS.filter((c) => c !== first)]
  for (const channel of channels) {
    const outcome = await queryOrder(ctx, payment, channel)
    if (outcome !== 'not_found') return outcome
  }
  // Not (yet) at GoPay88: a create still on its way would not show; never a decline.
  return { kind: 'unknown', reason: 'order_not_found' }
}

export const gopay88Provider: PaymentProvider = {
  id: 'gopay88',
  displayName: 'GoPay88 (GoPay黄金支付)',
  configSchema: gopay88ConfigSchema,
  capabilities: {
    card: false,
    threeDS: false,
    hosted: true,
    capture: false,
    partialCapture: false,
    cancel: false,
    refund: false,
    partialRefund: false,
    recurring: false,
    webhooks: true,
    environments: ['test', 'production'],
  },
  // The document's host; it says its URLs are test URLs and the real ones come from GoPay88's
  // sales staff, so tenants' operators set PROVIDER_ENDPOINTS where GoPay88 gives another.
  baseUrls: { test: 'https://pay.gopay88.io', production: 'https://pay.gopay88.io' },
  createPayment,
  // The return URL carries nothing GoPay88 signs: only the order status decides.
  completeReturn: (ctx, payment) => getStatus(ctx, payment),
  getStatus,
  cancel: notSupported,
  refund: notSupported,
  capture: notSupported,
  chargeRecurring: notSupported,
  stopRecurring: notSupported,
  webhooks: gopay88Webhooks,
}
