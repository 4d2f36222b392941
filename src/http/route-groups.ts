/**
 * @module Route groups, built on first use. A new isolate loads none of the routes, schemas or
 * providers before its first request (startup is paid by every isolate in every location); the
 * first request under a group's prefixes builds that group's application only, and any other path
 * (docs, dashboard, `/openapi.json`, unknown paths) builds the whole one. Each group holds every
 * route under its prefixes, which a test checks against the whole application.
 */
import type { AppEnv } from '../env'

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

const shell = () => import('./app-shell')

export const ROUTE_GROUPS: readonly RouteGroup[] = [
  {
    name: 'health',
    prefixes: ['/health'],
    load: async () => (await shell()).buildApp([(await import('./routes/health')).healthRoutes]),
  },
  {
    name: 'providers',
    prefixes: ['/v1/providers'],
    load: async () =>
      (await shell()).buildApp([(await import('./routes/providers')).providerRoutes]),
  },
  {
    name: 'auth',
    prefixes: ['/v1/auth/'],
    load: async () =>
      (await shell()).buildApp([
        (await import('./routes/auth')).authRoutes,
        (await import('./routes/api-keys')).apiKeyRoutes,
      ]),
  },
  {
    name: 'payments',
    prefixes: ['/v1/payments', '/v1/pay/', '/v1/callback/', '/v1/webhooks/', '/sandbox/'],
    load: async () =>
      (await shell()).buildApp([
        (await import('./routes/payments')).paymentRoutes,
        (await import('./routes/payment-history')).paymentHistoryRoutes,
        (await import('./routes/recurrence')).recurrenceRoutes,
        (await import('./routes/callbacks')).callbackRoutes,
        (await import('./routes/shopper-pages')).shopperPageRoutes,
        (await import('./routes/webhooks')).webhookRoutes,
        (await import('./routes/risk')).riskRoutes,
        (await import('./routes/sandbox')).sandboxRoutes,
      ]),
  },
  {
    name: 'config',
    prefixes: ['/v1/config/'],
    load: async () =>
      (await shell()).buildApp([
        (await import('./routes/provider-config')).providerConfigRoutes,
        (await import('./routes/callback-origins')).callbackOriginRoutes,
        (await import('./routes/webhook-endpoints')).webhookEndpointRoutes,
        (await import('./routes/risk')).riskRoutes,
      ]),
  },
  {
    name: 'insights',
    prefixes: ['/v1/logs/', '/v1/analytics/', '/v1/reports'],
    load: async () =>
      (await shell()).buildApp([
        (await import('./routes/logs')).logRoutes,
        (await import('./routes/analytics')).analyticsRoutes,
        (await import('./routes/reports')).reportRoutes,
        (await import('./routes/reconciliation-report')).reconciliationReportRoutes,
      ]),
  },
  {
    name: 'admin',
    prefixes: ['/v1/admin/'],
    load: async () =>
      (await shell()).buildApp([(await import('./routes/suspensions')).suspensionRoutes]),
  },
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
