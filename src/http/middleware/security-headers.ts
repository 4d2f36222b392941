/**
 * @module Headers every HTML page the Worker serves carries: no framing by other sites, no MIME
 * sniffing, no Referer with payment ids leaving the page, and a Content-Security-Policy. A page
 * that set its own policy (the dashboard, a provider's page served at /v1/pay) keeps it; the rest
 * get one that allows only the gateway's own scripts, styles, images and connections.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../../env'

/**
 * `form-action` is not restricted here: the sandbox's 3-D Secure page posts to the gateway, which
 * then redirects the shopper on to the merchant, a redirect browsers check against `form-action`.
 */
export const DEFAULT_PAGE_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ')

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async function securityHeadersMiddleware(c, next) {
    await next()
    if (!c.res.headers.get('Content-Type')?.startsWith('text/html')) return
    // A copy: a response passed through from elsewhere has immutable headers.
    c.res = new Response(c.res.body, c.res)
    const headers = c.res.headers
    if (!headers.has('Content-Security-Policy'))
      headers.set('Content-Security-Policy', DEFAULT_PAGE_CSP)
    headers.set('X-Content-Type-Options', 'nosniff')
    if (!headers.has('Referrer-Policy')) headers.set('Referrer-Policy', 'no-referrer')
    headers.set('X-Frame-Options', 'DENY')
  }
}
