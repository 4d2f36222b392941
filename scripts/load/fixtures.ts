/**
 * @module What the scenarios act on, made through the gateway before a run: request bodies,
 * successful payments (to read and refund), 3-D Secure payments walked up to the shopper's return
 * (each return can be used once), and the signed notifications the iyzico simulator held for them.
 */
import { randomUUID } from 'node:crypto'
import { withLuhnCheckDigit } from '../../src/domain/cards.ts'
import { walkToCallback } from './shopper.ts'
import { BENCH_CLIENT_HEADER, type Simulators } from './simulators.ts'
import { CALLBACK_URL, type Tenant } from './tenant.ts'

/** Requests under way at once while fixtures are made. */
const FIXTURE_CONCURRENCY = 8

const runId = Date.now().toString(36)
let shoppers = 0

/** Where this run's cards start: runs against one state do not reuse each other's cards. */
const firstCard = Math.floor(Math.random() * 9e8)

/**
 * A card payment as the README's examples make it, each from its own shopper with their own card
 * (in the range of the README's Turkish test card, which the sandbox and the iyzico simulator
 * both pay): the risk rules count attempts per email and per card, and one shopper paying
 * thousands of times with one card would be scored as card testing (held or blocked), and make
 * every later attempt count all the earlier ones.
 */
export function paymentBody(use3D: boolean): string {
  shoppers++
  return JSON.stringify({
    amount: 100.5,
    currency: 'TRY',
    customer: { name: 'John', surname: 'Doe', email: `shopper-${runId}-${shoppers}@bench.example` },
    cardInfo: {
      cardHolderName: 'John Doe',
      cardNumber: withLuhnCheckDigit(`552879${String(firstCard + shoppers).padStart(9, '0')}`),
      expireMonth: '12',
      expireYear: '2030',
      cvv: '123',
    },
    use3D,
    ...(use3D ? { callbackUrl: CALLBACK_URL } : {}),
  })
}

export const apiHeaders = (tenant: Tenant) => ({
  Authorization: `Bearer ${tenant.apiKey}`,
  'Content-Type': 'application/json',
})

/** `make(0…count-1)`, at most `FIXTURE_CONCURRENCY` at a time; the first failure fails it all. */
export async function inParallel<T>(count: number, make: (index: number) => Promise<T>) {
  const results: T[] = new Array(count)
  let next = 0
  const lane = async () => {
    while (next < count) {
      const index = next++
      results[index] = await make(index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(FIXTURE_CONCURRENCY, count) }, lane))
  return results
}

async function createPayment(tenant: Tenant, provider: string, use3D: boolean) {
  const answer = await fetch(`${tenant.gateway}/v1/payments/${provider}`, {
    method: 'POST',
    headers: { ...apiHeaders(tenant), 'Idempotency-Key': randomUUID() },
    body: paymentBody(use3D),
  })
  const body = (await answer.json()) as Record<string, unknown>
  const expected = use3D ? 'pending' : 'successful'
  if (answer.status !== 201 || body.status !== expected)
    throw new Error(`${provider} payment: ${answer.status} ${JSON.stringify(body).slice(0, 500)}`)
  return body as { paymentId: string; redirectUrl?: string }
}

/** Successful direct card payments; their ids. */
export async function paidPayments(tenant: Tenant, provider: string, count: number) {
  return inParallel(count, async () => (await createPayment(tenant, provider, false)).paymentId)
}

export interface CallbackRequest {
  path: string
  body: string
}

/** iyzico 3-D Secure payments the shopper passed at the bank: the return each would post. */
export async function pendingReturns(tenant: Tenant, count: number): Promise<CallbackRequest[]> {
  return inParallel(count, async () => {
    const payment = await createPayment(tenant, 'iyzico', true)
    const back = await walkToCallback(payment.redirectUrl!, tenant.gateway)
    if (back.method !== 'POST' || back.body === undefined)
      throw new Error(`iyzico returns by POST, not ${back.method} ${back.url}`)
    const url = new URL(back.url)
    return { path: `${url.pathname}${url.search}`, body: back.body }
  })
}

export interface HeldNotification {
  headers: Record<string, string>
  body: string
}

/**
 * The `API_AUTH` notifications the iyzico simulator held for these payments, signed as it signs
 * them (`X-IYZ-SIGNATURE-V3`). Taking the outbox empties it.
 */
export async function heldNotifications(
  tenant: Tenant,
  simulators: Simulators,
  paymentIds: string[]
): Promise<HeldNotification[]> {
  const outbox = await fetch(
    `${simulators.origin}/iyzico/__sim/outbox?merchant=${tenant.iyzicoMerchant}`,
    { headers: { [BENCH_CLIENT_HEADER]: '1' } }
  )
  const { notifications } = (await outbox.json()) as { notifications: HeldNotification[] }
  const ids = new Set(paymentIds)
  return notifications.filter((n) => {
    const body = JSON.parse(n.body) as { paymentConversationId?: string; iyziEventType?: string }
    return body.iyziEventType === 'API_AUTH' && ids.has(body.paymentConversationId ?? '')
  })
}
