/** Payment helpers: a tenant ready to pay with the sandbox, request bodies, and the 3-D Secure walk. */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { withLuhnCheckDigit } from '../../src/domain/cards'
import worker from '../../src/index'
import { type ApiResponse, type CallOptions, call, GATEWAY } from './http'
import { createTestTenant, type TestTenant } from './tenant'

export const SHOP = 'https://shop.example.com'

export async function createPayingTenant(): Promise<TestTenant> {
  const tenant = await createTestTenant()
  const res = await call('PUT', '/v1/config/callback-origins', {
    token: tenant.token,
    body: { origins: [SHOP] },
  })
  if (res.status !== 200) throw new Error(`origins: ${JSON.stringify(res.body)}`)
  return tenant
}

export const card = (cardNumber: string, cvv = '123') => ({
  cardHolderName: 'John Doe',
  cardNumber,
  expireMonth: '12',
  expireYear: '2030',
  cvv,
})

export const paymentBody = (overrides: Record<string, unknown> = {}) => ({
  amount: 100.5,
  currency: 'TRY',
  customer: { name: 'John', surname: 'Doe', email: 'john@example.com' },
  cardInfo: card('5528790000000008'),
  use3D: false,
  ...overrides,
})

export interface PaymentBody {
  success: boolean
  status: string
  paymentId: string
  transactionId: string | null
  amount: number
  amountMinor: number
  currency: string
  redirectUrl?: string
  declineCode?: string
  refundedAmountMinor: number
  refund?: { id: string; amountMinor: number; status: string }
}

export const pay = (
  tenant: TestTenant,
  overrides: Record<string, unknown> = {},
  options: CallOptions = {}
) =>
  call<PaymentBody>('POST', '/v1/payments/sandbox', {
    token: tenant.token,
    body: paymentBody(overrides),
    ...options,
  })

/** Presses a button on the sandbox's 3-D Secure page; returns where it sends the browser back to. */
export async function pressThreeDS(
  redirectUrl: string,
  action: 'authenticate' | 'fail' = 'authenticate'
) {
  const submitted = await call('POST', new URL(redirectUrl).pathname, {
    rawBody: `action=${action}`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  })
  return new URL(submitted.headers.get('Location')!)
}

/** Follows a 3-D Secure redirect like a browser: press a button, then come back to the gateway. */
export async function completeThreeDS(redirectUrl: string, action: 'authenticate' | 'fail') {
  const back = await pressThreeDS(redirectUrl, action)
  const callbackPath = `${back.pathname}${back.search}`
  return { callbackPath, callback: await call('GET', callbackPath) }
}

/**
 * Calls the Worker with some vars or bindings swapped (rate limits, a KV that fails), through its
 * exported fetch handler; everything else is the real environment.
 */
export function callWithEnv(changes: Partial<Env>) {
  const changed = { ...env, ...changes } as Env
  return async <T = Record<string, unknown>>(
    method: string,
    path: string,
    options: CallOptions = {}
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      ...options.headers,
    }
    if (options.token) headers.Authorization = `Bearer ${options.token}`
    const body =
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
    const ctx = createExecutionContext()
    const res = await worker.fetch(
      new Request(`${GATEWAY}${path}`, { method, headers, body, redirect: 'manual' }),
      changed,
      ctx
    )
    await waitOnExecutionContext(ctx)
    const text = await res.text()
    return {
      status: res.status,
      headers: res.headers,
      body: (text ? JSON.parse(text) : undefined) as T,
    }
  }
}

/** As if the create call's answer was lost: the charge exists at the provider, the gateway has no id. */
export const loseCreateAnswer = (paymentId: string) =>
  env.DB.prepare(
    "UPDATE payments SET status = 'processing', provider_payment_id = NULL WHERE id = ?"
  )
    .bind(paymentId)
    .run()

/** The types of a payment's outbox events, oldest first. */
export const eventsOf = async (paymentId: string) =>
  (
    await env.DB.prepare('SELECT type FROM payment_events WHERE payment_id = ? ORDER BY id')
      .bind(paymentId)
      .all<{ type: string }>()
  ).results.map((e) => e.type)

/** A card number that passes Luhn: `digits` followed by its check digit. */
export const luhnCard = withLuhnCheckDigit
