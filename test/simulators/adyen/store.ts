/**
 * @module What the Adyen simulator keeps: merchant accounts with their credentials, payments with
 * their captures and refunds, stored payment methods, and idempotent answers. Amounts are Adyen
 * `amount.value`s (Adyen's minor units).
 */
import { randomBytes } from 'node:crypto'

export interface Merchant {
  id: string
  merchantAccount: string
  apiKey: string
  /** Hex, as the Customer Area shows it; notifications are signed with its bytes. */
  hmacKey: string
  clientKey: string
  notificationUrl: string
}

export type MethodType = 'scheme' | 'gopay_wallet'

export interface Amount {
  value: number
  currency: string
}

/** The answer a `/payments` or `/payments/details` call gives for a payment once it has one. */
export interface PaymentResult {
  resultCode: string
  refusalReason?: string
  refusalReasonCode?: string
}

export interface SimPayment {
  pspReference: string
  merchantId: string
  reference: string
  amount: Amount
  method: MethodType
  /** The `paymentMethod` named in notifications: `mc`, `visa`, `gopay_wallet`. */
  variant: string
  returnUrl: string
  manualCapture: boolean
  metadata: Record<string, string>
  /** Set while the shopper is on a redirect page; the redirectResult once they pressed a button. */
  redirectToken?: string
  redirectResult?: string
  result?: PaymentResult
  authorised: boolean
  capturedValue: number
  /** Refunds Adyen accepted and did not fail: never above `capturedValue`. */
  refundedValue: number
  cancelled: boolean
  /** Test holder names `capture failed` / `refund failed` (Adyen's failed-modification triggers). */
  failModification?: 'capture' | 'refund'
  store?: { shopperReference: string; recurringProcessingModel: string }
  storedPaymentMethodId?: string
}

export interface StoredMethod {
  id: string
  merchantId: string
  shopperReference: string
  type: MethodType
  variant: string
  active: boolean
}

export interface StoredAnswer {
  status: number
  body: unknown
}

export const randomHex = (bytes: number) => randomBytes(bytes).toString('hex').toUpperCase()

/** Adyen's references are 16 characters of digits and capitals. */
export function newPspReference(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRSTVWXZ'
  return [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('')
}

export class AdyenStore {
  readonly merchants = new Map<string, Merchant>()
  readonly payments = new Map<string, SimPayment>()
  readonly storedMethods = new Map<string, StoredMethod>()
  /** Idempotency keys are unique per company account (here: per merchant), whatever the endpoint. */
  private readonly answers = new Map<string, StoredAnswer>()
  /** Keys whose first request is still being processed. */
  private readonly inFlight = new Set<string>()

  merchantByApiKey(apiKey: string | null): Merchant | undefined {
    if (!apiKey) return undefined
    for (const merchant of this.merchants.values()) if (merchant.apiKey === apiKey) return merchant
    return undefined
  }

  paymentOf(merchant: Merchant, pspReference: string): SimPayment | undefined {
    const payment = this.payments.get(pspReference)
    return payment?.merchantId === merchant.id ? payment : undefined
  }

  paymentByRedirect(field: 'redirectToken' | 'redirectResult', value: string) {
    for (const payment of this.payments.values()) if (payment[field] === value) return payment
    return undefined
  }

  /**
   * Starts a request under `key`; false while an earlier request under it has not finished (Adyen
   * answers that duplicate with 704). A finished one is replayed by `answerFor`.
   */
  begin(merchant: Merchant, key: string): boolean {
    const id = `${merchant.id}|${key}`
    if (this.inFlight.has(id)) return false
    this.inFlight.add(id)
    return true
  }

  end(merchant: Merchant, key: string) {
    this.inFlight.delete(`${merchant.id}|${key}`)
  }

  answerFor(merchant: Merchant, key: string | null): StoredAnswer | undefined {
    return key ? this.answers.get(`${merchant.id}|${key}`) : undefined
  }

  remember(merchant: Merchant, key: string | null, answer: StoredAnswer) {
    if (key) this.answers.set(`${merchant.id}|${key}`, answer)
  }
}
