/**
 * @module The access rule of every route, declared where the route is defined and collected in one
 * table (`ROUTE_ACCESS`) that a test walks. Deny by default: a route without a rule is a test failure.
 *
 * - `public`: anyone (health, docs, provider list, register/login/refresh, provider callbacks).
 * - `tenant`: a tenant's API key or a signed-in user of the tenant.
 * - `user`: a signed-in user of the tenant (access token); API keys cannot manage credentials.
 * - `admin`: the gateway's administrator (the first registered user).
 */
import { createRoute, type RouteConfig } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env'
import { ApiError } from '../errors'
import { authenticate } from './middleware/authenticate'
import { tenantGuard } from './middleware/tenant-guard'

export type Access = 'public' | 'tenant' | 'user' | 'admin'

export interface RouteAccess {
  method: string
  /** Hono path syntax (`/v1/payments/:provider`). */
  path: string
  access: Access
}

export const ROUTE_ACCESS: RouteAccess[] = []

export const toHonoPath = (openApiPath: string) => openApiPath.replace(/\{(\w+)\}/g, ':$1')

export function authorize(access: Access): MiddlewareHandler<AppEnv> {
  return async function authorizeMiddleware(c, next) {
    if (access !== 'public') {
      const principal = await authenticate(c)
      if (access === 'admin' && principal.role !== 'admin') {
        throw new ApiError('forbidden', 'This operation is reserved for the gateway administrator.')
      }
      if ((access === 'user' || access === 'admin') && principal.via !== 'access_token') {
        throw new ApiError(
          'forbidden',
          'This operation needs a signed-in user; API keys cannot do it.'
        )
      }
      c.set('principal', principal)
    }
    await next()
  }
}

/** Records a route's rule in the table; for routes that are not OpenAPI operations (HTML pages). */
export function declareAccess(method: string, path: string, access: Access) {
  ROUTE_ACCESS.push({ method: method.toUpperCase(), path, access })
}

/**
 * A stable `operationId` from the method and path, for routes that do not name theirs:
 * `POST /v1/config/webhooks/{id}/test` → `postConfigWebhooksByIdTest`.
 */
export function operationIdOf(method: string, path: string) {
  const words = path
    .split('/')
    .filter((part) => part && part !== 'v1')
    .map((part) => part.replace(/^\{(.+)\}$/, 'by-$1'))
    .flatMap((part) => part.split(/[-_]/))
  return [method, ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('')
}

/**
 * An OpenAPI route with its access rule enforced, documented and recorded. Every authenticated
 * route spends the tenant's global rate bucket: through the `tenantGuard` it is given, or else one
 * for the global bucket alone.
 */
export function route<const R extends Omit<RouteConfig, 'middleware' | 'security'>>(
  access: Access,
  config: R,
  ...middleware: MiddlewareHandler<AppEnv>[]
) {
  declareAccess(config.method, toHonoPath(config.path), access)
  const limited =
    access === 'public' || middleware.length > 0 ? middleware : [tenantGuard('global')]
  return createRoute({
    operationId: operationIdOf(config.method, config.path),
    ...config,
    middleware: [authorize(access), ...limited],
    security: access === 'public' ? [] : [{ bearer: [] }],
    'x-access': access,
  })
}
