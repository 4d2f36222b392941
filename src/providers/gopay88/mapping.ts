/**
 * @module GoPay88's wire values and what they mean for the gateway: the collection channels, the
 * currencies, the order status codes, the error table, and amounts in yuan/rupees as decimal
 * strings. Source: GoPay88's API document, handed to merchants (https://www.gopay88.io; copy in
 * the document GoPay88 hands to merchants), sections 统一下单, 订单查询, 订单回调 and 错误码. Where
 * the document is silent, the reference server iredcap/cmpay (the x-ca scheme GoPay88 runs) is
 * cited by file.
 */
import type { DeclineCode } from '../../domain/decline-codes'
import { isCurrency, parseMajorAmount, toMajorNumber } from '../../domain/money'

/** 支付产品 (1) 支付方式: the collection channels. (2) `gopay_payout` is a payout, never a payment. */
export const COLLECTION_CHANNELS = [
  'gopay_banktransfer',
  'gopay_bankupi',
  'gopay_quickupi',
] as const
export type CollectionChannel = (typeof COLLECTION_CHANNELS)[number]
export const DEFAULT_CHANNEL: CollectionChannel = 'gopay_bankupi'

export const isCollectionChannel = (value: string): value is CollectionChannel =>
  (COLLECTION_CHANNELS as readonly string[]).includes(value)

/** 货币代码 支付币种: CNY, INR. */
export const CURRENCIES = ['CNY', 'INR'] as const
export const isSupportedCurrency = (currency: string) =>
  (CURRENCIES as readonly string[]).includes(currency)

/**
 * 支付金额, type `float`, "支付总金额,两位精度": a JSON number of yuan or rupees with at most two
 * decimals, as the document's request sample sends it (`"amount": 100`). Written as JavaScript
 * writes it (`100`, `1.66`), which PHP's and JavaScript's JSON re-encoding both keep as is.
 */
export const toWireAmount = (minor: number, currency: string): number =>
  toMajorNumber(minor, currency)

/**
 * An amount GoPay88 reports ("1.660" and "100.000" in its samples: three decimals, as its order
 * table stores them) in minor units; undefined when it is not a whole number of minor units.
 */
export function fromWireAmount(amount: string | number, currency: string): number | undefined {
  if (!isCurrency(currency)) return undefined
  const parsed = parseMajorAmount(amount, currency)
  return 'minor' in parsed ? parsed.minor : undefined
}

/** 订单业务状态: 0-关闭订单 1-等待支付 2-支付成功 3-支付失败. */
export const ORDER_STATUSES = ['0', '1', '2', '3'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

export const ORDER_STATUS_MEANING = {
  '0': 'closed',
  '1': 'waiting',
  '2': 'paid',
  '3': 'failed',
} as const satisfies Record<OrderStatus, 'closed' | 'waiting' | 'paid' | 'failed'>

/**
 * The 错误码 table: HTTP status, error_code and error_msg. Several rows share a status and code
 * and differ only in the bracketed text of the message. Two rows come from cmpay, not from the
 * GoPay88 table: a repeated out_trade_no (`validate/UnifiedOrder.php`) and an unknown signing key
 * (`service/Rest.php`).
 */
// biome-ignore format: a table reads better in rows
export const GOPAY88_ERRORS = {
  resource_not_found: [404, 100000, 'Global: Your Required Resource Are Not Found'],
  order_not_found: [400, 200000, 'Order does not exist.'],
  order_state: [400, 200003, 'Order Error.'],
  no_channel: [400, 400006, 'Route Payment Error. [No available channels]'],
  no_merchant_account: [400, 400008, 'Route Payment Error. [No available merchants account.]'],
  no_ma_code: [400, 400008, 'Route Payment Error. [No available ma code.]'],
  ma_code_disconnected: [400, 400008, 'Route Payment Error. [Ma code disconnected, Pls reorder.]'],
  account_misconfigured: [400, 400008, 'Route Payment Error. [Payment account was misconfigured.]'],
  invalid_parameters: [400, 100000, 'invalid parameters'],
  repeat_order_number: [400, 100000, 'Create Order Error:[Repeat Order Number]'],
  invalid_header: [400, 400000, 'Invalid Request.[Request header [xxx] Failure.]'],
  auth_key: [400, 400003, 'Invalid Request.[Auth Key No permission or nexistencet.]'],
  channel_not_allowed: [400, 400003, 'Invalid Request.[Payment Code Does Not Allowed.]'],
  rate_limited: [403, 100003, 'Invalid Request.[Trigger Restriction And Flow Control.]'],
  ip_not_authorized: [403, 400003, 'Invalid Request.[Request IP not authorized.]'],
  signature_failed: [403, 400003, 'Invalid Request.[Request Data And Sign Verify Failure.]'],
  signing_key_unknown: [403, 10009, 'Sign Verify Failure.[ Merchant Sign Key Incorrectly.]'],
  user_not_found: [404, 600000, 'User do not exist.'],
  system_error: [400, 999999, 'Error .[There may be a problem with the system.]'],
} as const satisfies Record<string, readonly [number, number, string]>

export type Gopay88Error = keyof typeof GOPAY88_ERRORS

/**
 * What an error answer to `unifiedorder` means. `retry`: nothing is known (the order may exist,
 * or GoPay88 failed): the payment stays open for the status query. Otherwise the order was
 * refused and the payment fails with `declineCode`; `reason` says what to fix. The rate limit
 * ("稍后再试") is a refusal: it is checked before anything else (cmpay `ApiRequest::check`), so no
 * order exists, and the shopper is better told now than after the payment's lifetime.
 */
// biome-ignore format: a table reads better in rows
export const CREATE_ERROR_MEANING = {
  resource_not_found: { decline: 'processing_error', reason: 'GoPay88 has no such API path: check the base URL' },
  order_not_found: { retry: true, reason: 'GoPay88 reports the order missing' },
  order_state: { retry: true, reason: 'GoPay88 reports the order in another state' },
  no_channel: { decline: 'not_permitted', reason: 'GoPay88 has no channel available for this payment' },
  no_merchant_account: { decline: 'processing_error', reason: 'GoPay88 has no merchant account available for this channel' },
  no_ma_code: { decline: 'processing_error', reason: 'GoPay88 has no collection code available; try again' },
  ma_code_disconnected: { decline: 'processing_error', reason: 'GoPay88 lost the collection code; order again' },
  account_misconfigured: { decline: 'processing_error', reason: 'GoPay88 reports the payment account misconfigured' },
  invalid_parameters: { decline: 'processing_error', reason: 'GoPay88 refused the order parameters' },
  repeat_order_number: { retry: true, reason: 'GoPay88 already has an order with this number' },
  invalid_header: { decline: 'processing_error', reason: 'GoPay88 refused an x-ca request header' },
  auth_key: { decline: 'processing_error', reason: 'GoPay88 does not know the API key (apiKey)' },
  channel_not_allowed: { decline: 'not_permitted', reason: 'The channel is not enabled for this GoPay88 merchant' },
  rate_limited: { decline: 'processing_error', reason: 'GoPay88 throttled the request (10 per second per IP); try again' },
  ip_not_authorized: { decline: 'processing_error', reason: "GoPay88 does not allow the gateway's IP address" },
  signature_failed: { decline: 'processing_error', reason: 'GoPay88 could not verify the request signature: check merchantPrivateKey and the public key registered with GoPay88' },
  signing_key_unknown: { decline: 'processing_error', reason: 'GoPay88 has no public key registered for this API key' },
  user_not_found: { decline: 'processing_error', reason: 'GoPay88 does not know the merchant UID (mchId)' },
  system_error: { retry: true, reason: 'GoPay88 reported a system error' },
} as const satisfies Record<
  Gopay88Error,
  { retry: true; reason: string } | { decline: DeclineCode; reason: string }
>

/** Letters and digits only, lower case: messages differ in spacing between GoPay88 and cmpay. */
const normalized = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '')

/** The bracketed part of a message that tells rows with the same code apart. */
const distinguishing = (message: string) => normalized(/\[(.*)\]/.exec(message)?.[1] ?? message)

/**
 * Which documented error an answer is, or undefined for one GoPay88 does not document. Rows are
 * matched by status and code (by code alone when the status differs, as cmpay answers 999999 with
 * HTTP 500), then by message; the first row of a group stands for messages it does not know.
 */
export function identifyError(
  httpStatus: number,
  errorCode: number,
  message: string
): Gopay88Error | undefined {
  const rows = Object.entries(GOPAY88_ERRORS) as [
    Gopay88Error,
    (typeof GOPAY88_ERRORS)[Gopay88Error],
  ][]
  const byStatus = rows.filter(([, [status, code]]) => status === httpStatus && code === errorCode)
  const byCode = rows.filter(([, [, code]]) => code === errorCode)
  const group = byStatus.length > 0 ? byStatus : byCode.length === 1 ? byCode : []
  const text = normalized(message)
  const exact = group.find(([, [, , documented]]) => text.includes(distinguishing(documented)))
  return (exact ?? group[0])?.[0]
}
