/**
 * @module Calls to GoPay with an OAuth2 bearer token (client credentials). A token of scope
 * `payment-create` may only create payments; everything else takes `payment-all` (doc
 * "Autentizace"). Tokens live 30 minutes and are cached per tenant, environment and scope by the
 * gateway (`withAccessToken`). Headers are the ones the official SDKs send (PHP `GoPay::call`,
 * Java `HttpClientPaymentClientImpl`): Accept, Accept-Language, Content-Type per endpoint (form
 * with no body for capture, void-authorization and void-recurrence), Authorization, User-Agent.
 */
import { toBase64, utf8 } from '../../crypto/encoding'
import { parseJson, type SendResult, send } from '../http'
import { type TokenIssuer, withAccessToken } from '../oauth'
import type { ProviderContext } from '../types'
import { acceptLanguageOf } from './mapping'
import { settingsOf } from './settings'
import { GoPayToken } from './wire'

export const TOKEN_SCOPES = { create: 'payment-create', all: 'payment-all' } as const
export type TokenScope = (typeof TOKEN_SCOPES)[keyof typeof TOKEN_SCOPES]

export const USER_AGENT = 'GoPay-Edge'

/** Doc "Autentizace": "Token má životnost 30 minut"; used when an answer omits `expires_in`. */
export const TOKEN_LIFETIME_SECONDS = 1800

/** The doc answers 200; any 2xx is taken as success, so a 201 never fails a created payment. */
export const answered = (status: number) => status >= 200 && status < 300

const JSON_TYPE = 'application/json'
const FORM_TYPE = 'application/x-www-form-urlencoded'

export type GoPayBody =
  | { json: string }
  | { form: string }
  /** POST without parameters, sent as the SDKs do: a form content type and no body. */
  | { empty: true }

export interface GoPayRequest {
  method: 'GET' | 'POST' | 'DELETE'
  path: string
  scope: TokenScope
  body?: GoPayBody
}

/** What came back, and whether the token endpoint failed (then the request itself never left). */
export interface GoPayAnswer {
  result: SendResult
  tokenFailed: boolean
}

function commonHeaders(ctx: ProviderContext): Record<string, string> {
  return {
    Accept: 'application/json',
    'Accept-Language': acceptLanguageOf(settingsOf(ctx).language),
    'User-Agent': USER_AGENT,
  }
}

/** `POST /oauth2/token`, Basic base64(clientId:clientSecret), form grant_type and scope. */
export function requestToken(ctx: ProviderContext, scope: TokenScope): Promise<SendResult> {
  const { clientId, clientSecret } = settingsOf(ctx)
  const body = new URLSearchParams({ grant_type: 'client_credentials', scope }).toString()
  return send(ctx.deps, `${ctx.baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: {
      ...commonHeaders(ctx),
      'Content-Type': FORM_TYPE,
      Authorization: `Basic ${toBase64(utf8(`${clientId}:${clientSecret}`))}`,
    },
    body,
  })
}

function tokenIssuer(ctx: ProviderContext, scope: TokenScope, onFailure: () => void): TokenIssuer {
  return async () => {
    const result = await requestToken(ctx, scope)
    const token =
      result.ok && answered(result.status)
        ? GoPayToken.safeParse(parseJson(result.text))
        : undefined
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

function contentOf(body: GoPayBody | undefined): { type?: string; text?: string } {
  if (!body) return {}
  if ('json' in body) return { type: JSON_TYPE, text: body.json }
  if ('form' in body) return { type: FORM_TYPE, text: body.form }
  return { type: FORM_TYPE }
}

export async function callGoPay(ctx: ProviderContext, request: GoPayRequest): Promise<GoPayAnswer> {
  let tokenFailed = false
  const issue = tokenIssuer(ctx, request.scope, () => {
    tokenFailed = true
  })
  const content = contentOf(request.body)
  const result = await withAccessToken(ctx.deps, request.scope, issue, (accessToken) =>
    send(ctx.deps, `${ctx.baseUrl}${request.path}`, {
      method: request.method,
      headers: {
        ...commonHeaders(ctx),
        ...(content.type ? { 'Content-Type': content.type } : {}),
        Authorization: `Bearer ${accessToken}`,
      },
      body: content.text,
    })
  )
  return { result, tokenFailed }
}

/** `/payments/payment/{id}…`; ids are digits, checked so that nothing else lands in the path. */
export function paymentPath(goPayId: string, action?: string): string {
  if (!/^\d+$/.test(goPayId)) throw new Error('GoPay payment id must be digits')
  return `/payments/payment/${goPayId}${action ? `/${action}` : ''}`
}
