/**
 * @module The bench's tenant, set up through the gateway's own API as `npm run seed` does: the
 * first user (the administrator, owner of the first tenant), a test API key, the shop's callback
 * origin, and iyzico credentials from a fresh merchant account at its simulator, whose
 * notifications are addressed to the gateway. The sandbox needs no credentials (it is built in).
 */
import { randomUUID } from 'node:crypto'
import { BENCH_CLIENT_HEADER, type Simulators } from './simulators.ts'

/** Where the shop sends shoppers back to; loopback origins are allowed for test payments. */
export const SHOP_ORIGIN = 'http://localhost:3000'
export const CALLBACK_URL = `${SHOP_ORIGIN}/payment-callback`

/** Access tokens live 15 minutes; a new one is fetched well before. */
const TOKEN_REFRESH_MS = 10 * 60_000

export interface Tenant {
  gateway: string
  username: string
  password: string
  /** A signed-in user's access token: credentials routes refuse API keys. */
  token: string
  tokenAt: number
  apiKey: string
  /** The iyzico simulator's merchant, for its outbox. */
  iyzicoMerchant: string
}

export interface Answer {
  status: number
  body: Record<string, unknown>
}

export async function call(
  gateway: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}
): Promise<Answer> {
  const res = await fetch(`${gateway}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/json',
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const text = await res.text()
  let body: Record<string, unknown> = {}
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {}
  } catch {
    body = { text: text.slice(0, 300) }
  }
  return { status: res.status, body }
}

export function expectStatus(step: string, answer: Answer, ...statuses: number[]) {
  if (!statuses.includes(answer.status))
    throw new Error(`${step}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`)
  return answer.body
}

async function signIn(gateway: string, username: string, password: string) {
  const login = await call(gateway, 'POST', '/v1/auth/login', { body: { username, password } })
  return String(expectStatus('sign-in', login, 200).token)
}

/** The tenant's user token, signed in again when it is old enough to expire during a run. */
export async function freshToken(tenant: Tenant) {
  if (Date.now() - tenant.tokenAt > TOKEN_REFRESH_MS) {
    tenant.token = await signIn(tenant.gateway, tenant.username, tenant.password)
    tenant.tokenAt = Date.now()
  }
  return tenant.token
}

export async function seedTenant(gateway: string, simulators: Simulators): Promise<Tenant> {
  const username = 'bench-admin'
  const password = `bench-${randomUUID()}`
  expectStatus(
    'register',
    await call(gateway, 'POST', '/v1/auth/register', { body: { username, password } }),
    201
  )
  const token = await signIn(gateway, username, password)
  expectStatus(
    'callback origins',
    await call(gateway, 'PUT', '/v1/config/callback-origins', {
      token,
      body: { origins: [SHOP_ORIGIN] },
    }),
    200
  )
  const key = expectStatus(
    'API key',
    await call(gateway, 'POST', '/v1/auth/api-keys', {
      token,
      body: { name: 'bench', mode: 'test' },
    }),
    201
  )
  const account = await fetch(`${simulators.origin}/iyzico/__sim/merchants`, {
    method: 'POST',
    headers: { [BENCH_CLIENT_HEADER]: '1', 'Content-Type': 'application/json' },
    body: JSON.stringify({ notificationUrl: `${gateway}/v1/webhooks/iyzico` }),
  })
  const { merchant, ...config } = (await account.json()) as Record<string, unknown>
  expectStatus(
    'iyzico credentials',
    await call(gateway, 'POST', '/v1/config/tenant', { token, body: config }),
    200
  )
  return {
    gateway,
    username,
    password,
    token,
    tokenAt: Date.now(),
    apiKey: String(key.key),
    iyzicoMerchant: String(merchant),
  }
}
