/**
 * @module What follow-up calls need besides the gateway's payment record. Paycell names the
 * shopper by `msisdn` on inquire, reverse, refund and POSTAUTH: it comes from the phone the
 * gateway stores with the payment. The 3-D Secure `provision` needs the `threeDSessionId`,
 * `cardToken` and `installmentCount` of the create (and the shopper's address): those live only
 * until the payment settles, in the provider's sealed cache (AES-GCM in KV, see `token-cache.ts`).
 */
import * as z from 'zod'
import type { PaymentReference, ProviderContext } from '../types'
import { msisdnOf } from './mapping'

/** Far beyond the gateway's pending lifetime; Paycell's own 3-D sessions expire much sooner. */
export const SESSION_TTL_SECONDS = 24 * 60 * 60

/** The gateway does not know the shopper's address on follow-up calls; the create's one is reused. */
export const DEFAULT_CLIENT_IP = '127.0.0.1'

const ThreeDSession = z.object({
  clientIPAddress: z.string(),
  threeDSessionId: z.string(),
  cardToken: z.string(),
  /**
   * The count `getThreeDSession` was opened with; the provision repeats it (paycell-api-php
   * `testui` `payment.component.ts` sends the same `installmentCount` to both). Sessions cached
   * before the count was kept were single payments as far as the provision knew: 0.
   */
  installmentCount: z.number().int().nonnegative().default(0),
})
export type ThreeDSession = z.infer<typeof ThreeDSession>

export interface PaymentFacts {
  msisdn: string
  clientIPAddress: string
  threeDSessionId?: string
  cardToken?: string
  installmentCount?: number
}

const scopeOf = (paymentId: string) => `3ds-session:${paymentId}`

export const rememberSession = (ctx: ProviderContext, paymentId: string, session: ThreeDSession) =>
  ctx.deps.tokens.put(scopeOf(paymentId), JSON.stringify(session), SESSION_TTL_SECONDS)

async function recallSession(ctx: ProviderContext, paymentId: string) {
  const held = await ctx.deps.tokens.get(scopeOf(paymentId))
  if (held === undefined) return undefined
  try {
    const parsed = ThreeDSession.safeParse(JSON.parse(held))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** The payment's facts; undefined when its stored phone is no Turkish mobile number. */
export async function recallPayment(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<PaymentFacts | undefined> {
  const msisdn = msisdnOf(payment.customerPhone ?? undefined)
  if (!msisdn) return undefined
  const session = await recallSession(ctx, payment.paymentId)
  return { msisdn, clientIPAddress: DEFAULT_CLIENT_IP, ...session }
}
