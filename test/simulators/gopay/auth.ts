/**
 * @module GoPay's OAuth2 client credentials (doc "Získání přístupového tokenu"): `POST
 * /api/oauth2/token` with `Authorization: Basic base64(clientId:clientSecret)` and the form body
 * `grant_type=client_credentials&scope=…`; tokens live 1800 s. A `payment-create` token may only
 * create payments. Bad credentials and bad tokens are refused with HTTP 403 (the doc's result
 * code for unauthorized access) and GoPay's error shape.
 */
import type { SimulatorKit } from '../kit/types.ts'
import type { Eshop, GoPayStore, Scope } from './store.ts'
import { fieldError, gopayError, json, systemError } from './wire.ts'

export const TOKEN_LIFETIME_SECONDS = 1800

const SCOPES: readonly Scope[] = ['payment-create', 'payment-all']

function basicCredentials(header: string | null): [string, string] | undefined {
  const encoded = header?.match(/^Basic ([A-Za-z0-9+/=]+)$/)?.[1]
  if (!encoded) return undefined
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon < 0 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)]
}

export async function issueToken(kit: SimulatorKit, store: GoPayStore, request: Request) {
  const now = kit.now()
  const credentials = basicCredentials(request.headers.get('Authorization'))
  const eshop = credentials && store.eshopByClientId(credentials[0])
  if (!eshop || eshop.clientSecret !== credentials[1]) {
    return gopayError(now, 403, { code: 202, message: 'Wrong credentials' })
  }
  if (!request.headers.get('Content-Type')?.startsWith('application/x-www-form-urlencoded')) {
    return fieldError(now, 111, 'grant_type', 'Wrong format')
  }
  const form = new URLSearchParams(await request.text())
  if (form.get('grant_type') !== 'client_credentials') {
    return gopayError(now, 403, { code: 201, message: 'Grant type not supported' })
  }
  const scope = SCOPES.find((s) => s === form.get('scope'))
  if (!scope) return fieldError(now, 111, 'scope', 'Wrong format')
  const fault = kit.fault(eshop.goId, 'token')
  if (fault === 'http_500') return systemError(now)
  kit.count(eshop.goId, 'token')
  const accessToken = store.issueToken(eshop.goId, scope, now + TOKEN_LIFETIME_SECONDS * 1000)
  return json({
    token_type: 'bearer',
    access_token: accessToken,
    expires_in: TOKEN_LIFETIME_SECONDS,
    // In the doc's example answer, unused ("nepoužívá se").
    refresh_token: `r${accessToken}`,
  })
}

/** The e-shop of a valid bearer token that may do this, or GoPay's refusal. */
export function authorize(
  kit: SimulatorKit,
  store: GoPayStore,
  request: Request,
  needs: Scope
): Eshop | Response {
  const now = kit.now()
  const bearer = request.headers.get('Authorization')?.match(/^Bearer (\S+)$/)?.[1]
  const token = bearer ? store.tokens.get(bearer) : undefined
  if (!token || token.revoked || token.expiresAt <= now) {
    return gopayError(now, 403, { code: 200, message: 'Unauthorized access: invalid token' })
  }
  if (needs === 'payment-all' && token.scope !== 'payment-all') {
    return gopayError(now, 403, { code: 200, message: 'Unauthorized access: token scope' })
  }
  return store.eshops.get(token.goId)!
}
