/**
 * @module Calls to OzanPay: a JSON POST with the API key in the body (no header authentication
 * and no request signature in any source). Paths below the base URL
 * (`https://checkout-api(-sandbox).ozan.com`): initializePayment is confirmed by a Laravel
 * integration against Ozan's hosts; the status path is unverified (docs/providers/ozanpay.md).
 */
import { type SendResult, send } from '../http'
import type { ProviderContext } from '../types'

export const INITIALIZE_PATH = '/pw/v3/initializePayment'
export const STATUS_PATH = '/api/v3/status'

export const postOzan = (ctx: ProviderContext, path: string, json: string): Promise<SendResult> =>
  send(ctx.deps, `${ctx.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: json,
  })
