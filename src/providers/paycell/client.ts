/**
 * @module Calls to Paycell. Two families on two hosts: the provision REST services
 * (`https://tpay-test.turkcell.com.tr/tpay/provision/services/restful/getCardToken/<method>/`,
 * production `https://tpay.turkcell.com.tr/...`) and payment management
 * (`https://omccstb.turkcell.com.tr/paymentmanagement/rest/<method>`, production
 * `https://epayment.turkcell.com.tr/...`). An operator's override base (`PROVIDER_ENDPOINTS`)
 * serves both under one origin. Every provision call carries `requestHeader` with the application
 * password in clear; there is no request signature (paycell-api-php `model/requestHeader.php`).
 */
import type * as z from 'zod'
import { parseJson, send } from '../http'
import type { Environment, ProviderContext } from '../types'
import {
  DEFAULT_REFERENCE_PREFIX,
  oneOffReferenceOf,
  type REFERENCE_KINDS,
  referenceNumberOf,
  transactionDateTimeOf,
} from './mapping'

export const PROVISION_BASE_URLS: Record<Environment, string> = {
  test: 'https://tpay-test.turkcell.com.tr',
  production: 'https://tpay.turkcell.com.tr',
}

export const PAYMENT_MANAGEMENT_URLS: Record<Environment, string> = {
  test: 'https://omccstb.turkcell.com.tr',
  production: 'https://epayment.turkcell.com.tr',
}

export const provisionUrl = (ctx: ProviderContext, method: string) =>
  `${ctx.baseUrl}/tpay/provision/services/restful/getCardToken/${method}/`

/** The real payment-management host, unless the operator moved Paycell to another base. */
export function paymentManagementUrl(ctx: ProviderContext, method: string) {
  const origin =
    ctx.baseUrl === PROVISION_BASE_URLS[ctx.environment]
      ? PAYMENT_MANAGEMENT_URLS[ctx.environment]
      : ctx.baseUrl
  return `${origin}/paymentmanagement/rest/${method}`
}

export interface PaycellSettings {
  applicationName: string
  applicationPassword: string
  secureCode: string
  merchantCode: string
  /** The first 3 digits of every `referenceNumber`, assigned by Paycell. */
  referencePrefix: string
}

export const settingsOf = (ctx: ProviderContext): PaycellSettings => ({
  applicationName: ctx.config.applicationName ?? '',
  applicationPassword: ctx.config.applicationPassword ?? '',
  secureCode: ctx.config.secureCode ?? '',
  merchantCode: ctx.config.merchantCode ?? '',
  referencePrefix: ctx.config.referencePrefix ?? DEFAULT_REFERENCE_PREFIX,
})

/** The merchant's stable reference number of an operation on a gateway id. */
export const referenceOf = (
  ctx: ProviderContext,
  kind: keyof typeof REFERENCE_KINDS,
  gatewayId: string
) => referenceNumberOf(settingsOf(ctx).referencePrefix, kind, gatewayId)

/** A reference number for one call only, from its `transactionId`. */
export const oneOffReference = (ctx: ProviderContext, transactionId: string) =>
  oneOffReferenceOf(settingsOf(ctx).referencePrefix, transactionId)

/** `transactionId` (≤ 20, unique per application): the 17-digit time and 3 random digits. */
export function newTransaction(now: number) {
  const transactionDateTime = transactionDateTimeOf(now)
  const random = crypto.getRandomValues(new Uint16Array(1))[0]! % 1000
  return {
    transactionDateTime,
    transactionId: transactionDateTime + String(random).padStart(3, '0'),
  }
}

export type Answer<T> = { ok: true; value: T } | { ok: false; reason: string }

export async function postJson<T>(
  ctx: ProviderContext,
  url: string,
  body: unknown,
  schema: z.ZodType<T>
): Promise<Answer<T>> {
  const result = await send(ctx.deps, url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  })
  if (!result.ok) return { ok: false, reason: result.reason }
  if (result.status >= 500) return { ok: false, reason: `http_${result.status}` }
  const parsed = schema.safeParse(parseJson(result.text))
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reason: `unreadable_answer_http_${result.status}` }
}

export interface CallOptions {
  clientIPAddress: string
  /** A `transactionId` of our choosing (a refund's own reference, so its inquire entry is found). */
  transactionId?: string
}

/**
 * One provision-service call: `requestHeader` first, then the method's fields, which may use the
 * call's `transactionId` (inquire's own `referenceNumber` is built from it).
 */
export function callProvision<T>(
  ctx: ProviderContext,
  method: string,
  fields: Record<string, unknown> | ((transactionId: string) => Record<string, unknown>),
  schema: z.ZodType<T>,
  options: CallOptions
): Promise<Answer<T>> {
  const settings = settingsOf(ctx)
  const transaction = newTransaction(ctx.deps.now())
  const transactionId = options.transactionId ?? transaction.transactionId
  const requestHeader = {
    applicationName: settings.applicationName,
    applicationPwd: settings.applicationPassword,
    clientIPAddress: options.clientIPAddress,
    transactionDateTime: transaction.transactionDateTime,
    transactionId,
  }
  const body = typeof fields === 'function' ? fields(transactionId) : fields
  return postJson(ctx, provisionUrl(ctx, method), { requestHeader, ...body }, schema)
}
