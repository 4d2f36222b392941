/** @module Gives every request an id, echoed in `X-Request-Id` and in every error body. */
import type { MiddlewareHandler } from 'hono'
import { toBase62 } from '../../crypto/encoding'
import { randomBytes } from '../../crypto/random'
import type { AppEnv } from '../../env'
import { inRequest } from '../../request-context'

export const REQUEST_ID_HEADER = 'X-Request-Id'

export const newRequestId = () => `req_${toBase62(randomBytes(12))}`

export function requestId(): MiddlewareHandler<AppEnv> {
  return async function requestIdMiddleware(c, next) {
    const id = newRequestId()
    c.set('requestId', id)
    c.header(REQUEST_ID_HEADER, id)
    await inRequest(id, next)
    // Error responses built by onError replace the response; keep the header on them too.
    c.res.headers.set(REQUEST_ID_HEADER, id)
  }
}
