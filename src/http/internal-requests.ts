/**
 * @module Requests the gateway hands to its own routes in-process (the sandbox PSP's
 * notifications). They are known by object identity, which no header or address can forge: a
 * request from the network is always a different object. Middleware may replace `c.req.raw`
 * (the body limit wraps the body), so the app notes the identity before any of it runs.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env'

const internal = new WeakSet<Request>()

export function internalRequest(url: string, init: RequestInit): Request {
  const request = new Request(url, init)
  internal.add(request)
  return request
}

export const isInternalRequest = (request: Request) => internal.has(request)

/** Sets `internalCaller` from the request as it entered the app. */
export function noteInternalCaller(): MiddlewareHandler<AppEnv> {
  return async function noteInternalCallerMiddleware(c, next) {
    c.set('internalCaller', isInternalRequest(c.req.raw))
    await next()
  }
}
