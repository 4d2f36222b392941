/**
 * @module The body of `POST /payments`, in the SDK's field order (`PaymentCreateOptions`):
 * `amount` (major units, JSON number), `referenceId` (our payment id, far below the SDK's
 * 100-character limit: Papara returns it unchanged in the answer, the notification and the
 * return, and finds the payment by it), `orderDescription` (shown to the shopper on Papara's
 * page), `notificationUrl` (the gateway's webhook route), `redirectUrl` (the gateway's return URL)
 * and `currency` (the integer enum, optional in the SDK: left out for TRY as every official
 * example does, sent for USD, EUR and GBP). `turkishNationalId` is optional and not sent: the
 * gateway takes no national id from merchants.
 */
import type { CreatePaymentInput, PaymentOutcome, ProviderContext } from '../types'
import {
  CURRENCY_CODES,
  DEFAULT_CURRENCY,
  MAX_AMOUNT_MAJOR,
  MIN_AMOUNT_MAJOR,
  type PaparaCurrency,
  toPaparaAmount,
  withinPaparaLimits,
} from './mapping'

export function createPaymentBody(
  ctx: ProviderContext,
  input: CreatePaymentInput,
  wire: { currency: PaparaCurrency; returnUrl: string }
): string {
  const description = input.description ?? `Order ${input.orderId ?? input.paymentId}`
  return JSON.stringify({
    amount: toPaparaAmount(input.amountMinor, wire.currency),
    referenceId: input.paymentId,
    orderDescription: description,
    notificationUrl: ctx.notificationUrl,
    redirectUrl: wire.returnUrl,
    ...(wire.currency === DEFAULT_CURRENCY ? {} : { currency: CURRENCY_CODES[wire.currency] }),
  })
}

/** Papara takes 1.00 to 500000.00: anything else is declined before it is sent. */
export function outOfLimits(input: CreatePaymentInput): PaymentOutcome | undefined {
  if (withinPaparaLimits(input.amountMinor, input.currency)) return undefined
  return {
    kind: 'declined',
    declineCode: 'not_permitted',
    message: `Papara takes amounts from ${MIN_AMOUNT_MAJOR}.00 to ${MAX_AMOUNT_MAJOR}.00.`,
    providerCode: 'amount_limits',
  }
}
