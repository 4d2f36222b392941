/**
 * @module Calls to PayU with an OAuth bearer token. The token comes from `POST
 * /pl/standard/user/oauth/authorize` with the form `grant_type=client_credentials&client_id=<POS
 * id>&client_secret=<secret>` (PHP SDK `OpenPayU_Oauth::retrieveAccessToken`; without the form
 * content type PayU answers 401), lives 43199 s, and is cached per tenant and environment by the
 * gateway (`withAccessToken`, which fetches a new one once when PayU refuses a cached token).
 * client_credentials tokens carry no scope at PayU: the cache keeps them under the grant type.
 * API calls send `Content-Type: application/json`, `Accept: application/json` and the bearer token
 * (SDK `AuthType_Oauth`); a GET carries no body, which PayU refuses with 403.
 */
import { parseJson, type SendResult, send } from '../http'
import { type TokenIssuer, withAccessToken } from '../oauth'
import type { ProviderContext } from '../types'
import { PayuToken } from './wire'

export const TOKEN_PATH = '/pl/standard/user/oauth/authorize'
export const API_PATH = '/api/v2_1'
export const GRANT_TYPE = 'client_credentials'

/** API reference "Create OAuth Token": "Generated access token is valid for 43199 seconds." */
export const TOKEN_LIFETIME_SECONDS = 43_199

export interface PayuRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** After `/api/v2_1`. */
  path: string
  /** The JSON text to send, exactly as signed and logged. */
  json?: string
}

/** What came back, and whether the token endpoint failed (then the request itself never left). */
export interface PayuAnswer {
  result: SendResult
  tokenFailed: boolean
}

export function requestToken(ctx: ProviderContext): Promise<SendResult> {
  const body = new URLSearchParams({
    grant_type: GRANT_TYPE,
    client_id: ctx.config.posId ?? '',
    client_secret: ctx.config.clientSecret ?? '',
  }).toString()
  return send(ctx.deps, `${ctx.baseUrl}${TOKEN_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: '*/*' },
    body,
  })
}

function tokenIssuer(ctx: ProviderContext, onFailure: () => void): TokenIssuer {
  return async () => {
    const result = await requestToken(ctx)
    const token =
      result.ok && result.status === 200 ? PayuToken.safeParse(parseJson(result.text)) : undefined
    if (!token?.success) {
      onFailure()
      return { failed: result }
    }
    return {
      token: {
        accessToken: token.data.access_token,
        expiresInSeconds: token.data.expires_in || TOKEN_LIFETIME_SECONDS,
      },
    }
  }
}

export async function callPayu(ctx: ProviderContext, request: PayuRequest): Promise<PayuAnswer> {
  let tokenFailed = false
  const issue = tokenIssuer(ctx, () => {
    tokenFailed = true
  })
  const result = await withAccessToken(ctx.deps, GRANT_TYPE, issue, (accessToken) =>
    send(ctx.deps, `${ctx.baseUrl}${API_PATH}${request.path}`, {
      method: request.method,
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        Authorization: `Bearer ${accessToken}`,
      },
      body: request.json,
    })
  )
  return { result, tokenFailed }
}

/** `/orders/{orderId}…`; the id is PayU's (letters and digits), encoded all the same. */
export const orderPath = (orderId: string, action?: string): string =>
  `/orders/${encodeURIComponent(orderId)}${action ? `/${action}` : ''}`
