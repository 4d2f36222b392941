/**
 * @module Route groups, built on first use. A new isolate loads none of the routes, schemas or
 * providers before its first request (startup is paid by every isolate in every location); the
 * first request under a group's prefixes builds that group's application only, and any other path
 * (docs, dashboard, `/openapi.json`, unknown paths) builds the whole one. Each group holds every
 * route under its prefixes, which a test checks against the whole application.
 */
import type { AppEnv } from '../env'
import type { RouteModule } from './app-shell'

interface GatewayApp {
  fetch(
    request: Request,
    env: AppEnv['Bindings'],
    ctx?: ExecutionContext
  ): Response | Promise<Response>
}

export interface RouteGroup {
  name: string
  /** Paths equal to one of these, or starting with it, belong to the group. */
  prefixes: readonly string[]
  load: () => Promise<GatewayApp>
}

type ModuleLoader = () => Promise<RouteModule>

/** A group whose application holds these route modules, in this order, built on first use. */
const group = (name: string, prefixes: string[], ...modules: ModuleLoader[]): RouteGroup => ({
  name,
  prefixes,
  load: async () => {
    const [{ buildApp }, ...routes] = await Promise.all([
      import('./app-shell'),
      ...modules.map((load) => load()),
    ])
    return buildApp(routes)
  },
})

export const ROUTE_GROUPS: readonly RouteGroup[] = [
  group('health', ['/health'], async () => (await import('./routes/health')).healthRoutes),
  group(
    'providers',
    ['/v1/providers'],
    async () => (await import('./routes/providers')).providerRoutes
  ),
  group(
    'auth',
    ['/v1/auth/'],
    async () => (await import('./routes/auth')).authRoutes,
    async () => (await import('./routes/api-keys')).apiKeyRoutes
  ),
  group(
    'payments',
    ['/v1/payments', '/v1/pay/', '/v1/callback/', '/v1/webhooks/', '/sandbox/'],
    async () => (await import('./routes/payments')).paymentRoutes,
    async () => (await import('./routes/payment-history')).paymentHistoryRoutes,
    async () => (await import('./routes/recurrence')).recurrenceRoutes,
    async () => (await import('./routes/callbacks')).callbackRoutes,
    async () => (await import('./routes/shopper-pages')).shopperPageRoutes,
    async () => (await import('./routes/webhooks')).webhookRoutes,
    async () => (await import('./routes/risk')).riskRoutes,
    async () => (await import('./routes/sandbox')).sandboxRoutes
  ),
  group(
    'config',
    ['/v1/config/'],
    async () => (await import('./routes/provider-config')).providerConfigRoutes,
    async () => (await import('./routes/callback-origins')).callbackOriginRoutes,
    async () => (await import('./routes/webhook-endpoints')).webhookEndpointRoutes,
    async () => (await import('./routes/risk')).riskRoutes
  ),
  group(
    'insights',
    ['/v1/logs/', '/v1/analytics/', '/v1/reports'],
    async () => (await import('./routes/logs')).logRoutes,
    async () => (await import('./routes/analytics')).analyticsRoutes,
    async () => (await import('./routes/reports')).reportRoutes,
    async () => (await import('./routes/reconciliation-report')).reconciliationReportRoutes
  ),
  group(
    'admin',
    ['/v1/admin/'],
    async () => (await import('./routes/suspensions')).suspensionRoutes
  ),
]

const WHOLE: RouteGroup = {
  name: 'whole',
  prefixes: [],
  load: async () => (await import('../app')).createApp(),
}

export function routeGroupOf(path: string): RouteGroup {
  return (
    ROUTE_GROUPS.find((group) =>
      group.prefixes.some((prefix) => path === prefix || path.startsWith(prefix))
    ) ?? WHOLE
  )
}

const built = new Map<RouteGroup, Promise<GatewayApp>>()

function appOf(group: RouteGroup): Promise<GatewayApp> {
  let app = built.get(group)
  if (!app) {
    app = group.load()
    // A failed build is tried again by the next request rather than remembered.
    app.catch(() => built.delete(group))
    built.set(group, app)
  }
  return app
}

/** Answers a request with the application of its path's group. */
export async function dispatch(
  request: Request,
  env: AppEnv['Bindings'],
  ctx?: ExecutionContext
): Promise<Response> {
  const app = await appOf(routeGroupOf(new URL(request.url).pathname))
  return app.fetch(request, env, ctx)
}
