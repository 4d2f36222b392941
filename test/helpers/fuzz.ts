/**
 * Fuzzing support: raw requests (any bytes, any headers) sent through the Worker with rate limits
 * raised out of the way, the stable error shape every refusal must have, and a snapshot of a
 * tenant's rows in D1 to prove that a refused request wrote nothing.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { ERROR_CODES } from '../../src/errors'
import worker from '../../src/index'
import { GATEWAY } from './http'

/** Limits high enough that a 429 never hides what the gateway does with an input. */
export const UNLIMITED_RATES = {
  TENANT_GLOBAL_RATE_LIMIT: '1000000',
  TENANT_PAYMENT_RATE_LIMIT: '1000000',
  TENANT_REFUND_RATE_LIMIT: '1000000',
  TENANT_STATUS_RATE_LIMIT: '1000000',
  TENANT_RATE_LIMIT_BURST: '1000000',
  AUTH_IP_RATE_LIMIT: '1000000',
} as const

const unlimitedEnv = { ...env, ...UNLIMITED_RATES } as unknown as Env

export interface RawRequest {
  method: string
  /** Path and query string, already encoded as they go on the wire. */
  target: string
  headers?: Record<string, string>
  body?: string | Uint8Array
}

export interface RawResponse {
  status: number
  contentType: string
  text: string
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown
}

export async function sendRaw(request: RawRequest): Promise<RawResponse> {
  const ctx = createExecutionContext()
  const res = await worker.fetch(
    new Request(`${GATEWAY}${request.target}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
    }),
    unlimitedEnv,
    ctx
  )
  await waitOnExecutionContext(ctx)
  const text = await res.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, contentType: res.headers.get('Content-Type') ?? '', text, json }
}

/** Why a response breaks the contract for a refusal, or undefined when it keeps it. */
export function errorShapeProblem(res: RawResponse): string | undefined {
  if (!res.contentType.startsWith('application/json')) return `content type ${res.contentType}`
  const body = res.json as { success?: unknown; error?: Record<string, unknown> } | undefined
  if (body?.success !== false || typeof body.error !== 'object' || !body.error)
    return 'not { success: false, error }'
  const { code, message, requestId, docUrl } = body.error
  if (typeof code !== 'string' || !(ERROR_CODES as string[]).includes(code))
    return `unknown code ${String(code)}`
  if (typeof message !== 'string' || !message) return 'no message'
  if (typeof requestId !== 'string' || !requestId) return 'no requestId'
  if (typeof docUrl !== 'string' || !docUrl.endsWith(`#${code}`)) return `bad docUrl ${docUrl}`
  return undefined
}

/** Asserts the gateway's promise for any input: no 5xx, and every refusal a stable JSON error. */
export function expectWellFormedAnswer(res: RawResponse, what: string) {
  const context = `${what} → ${res.status} ${res.text.slice(0, 400)}`
  expect(res.status, context).toBeLessThan(500)
  if (res.status >= 400) expect(errorShapeProblem(res), context).toBeUndefined()
}

/** The tenant-scoped tables, as named in migrations/. */
export const TENANT_TABLES = [
  'payments',
  'refunds',
  'payment_events',
  'webhook_endpoints',
  'api_keys',
  'provider_configs',
  'callback_origins',
] as const

export type TenantSnapshot = Record<(typeof TENANT_TABLES)[number], unknown[]>

/** Every row the tenant has in those tables, in one D1 batch: counts and contents both compare. */
export async function tenantSnapshot(tenantId: string): Promise<TenantSnapshot> {
  const results = await env.DB.batch(
    TENANT_TABLES.map((table) =>
      env.DB.prepare(`SELECT * FROM ${table} WHERE tenant_id = ? ORDER BY rowid`).bind(tenantId)
    )
  )
  return Object.fromEntries(
    TENANT_TABLES.map((table, i) => [table, results[i]!.results])
  ) as TenantSnapshot
}

export const rowCounts = (snapshot: TenantSnapshot) =>
  Object.fromEntries(TENANT_TABLES.map((table) => [table, snapshot[table].length]))
