/**
 * @module Calls with an OAuth bearer token (client credentials): the cached token of the scope if
 * there is one, else a fresh one from the provider. A 401 or 403 on a cached token means the
 * provider revoked or expired it early: the token is dropped and the call made once more with a
 * fresh one. A fresh token that is refused is the provider's answer, passed on as is.
 */
import type { SendResult } from './http'
import type { ProviderDeps } from './types'

export interface IssuedToken {
  accessToken: string
  expiresInSeconds: number
}

/** The provider's token endpoint: a token, or the failed answer (bad credentials, no answer). */
export type TokenIssuer = () => Promise<{ token: IssuedToken } | { failed: SendResult }>

const refusesToken = (result: SendResult) =>
  result.ok && (result.status === 401 || result.status === 403)

export async function withAccessToken(
  deps: ProviderDeps,
  scope: string,
  issue: TokenIssuer,
  call: (accessToken: string) => Promise<SendResult>
): Promise<SendResult> {
  const fresh = async (): Promise<string | SendResult> => {
    const issued = await issue()
    if ('failed' in issued) return issued.failed
    await deps.tokens.put(scope, issued.token.accessToken, issued.token.expiresInSeconds)
    return issued.token.accessToken
  }
  const cached = await deps.tokens.get(scope)
  const token = cached ?? (await fresh())
  if (typeof token !== 'string') return token
  const result = await call(token)
  if (!cached || !refusesToken(result)) return result
  await deps.tokens.drop(scope)
  const renewed = await fresh()
  return typeof renewed === 'string' ? call(renewed) : renewed
}
