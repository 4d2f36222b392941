/**
 * @module What the iyzico simulator remembers: merchant accounts (API key, secret key, merchant
 * id, the webhook URL of the merchant panel), payments with their item transactions, refunds and
 * cancel, 3-D Secure sessions at the simulated bank, and checkout forms by token. Amounts are
 * integer minor units (kuruş) here; the wire writes them as decimals.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto'

export interface Merchant {
  merchantId: string
  apiKey: string
  secretKey: string
  notificationUrl: string
}

export interface RefundRecord {
  refundTxId: string
  conversationId: string
  amount: number
  createdAt: number
}

export interface ItemTransaction {
  paymentTransactionId: string
  itemId: string
  price: number
  paidPrice: number
  refunds: RefundRecord[]
}

export type PaymentStatus = 'SUCCESS' | 'FAILURE' | 'INIT_THREEDS' | 'CALLBACK_THREEDS'
export type Phase = 'AUTH' | 'PRE_AUTH' | 'POST_AUTH'

export interface BankError {
  errorCode: string
  errorMessage: string
  errorGroup: string
}

export interface Payment {
  paymentId: string
  merchantId: string
  conversationId: string
  basketId?: string
  currency: string
  price: number
  paidPrice: number
  installment: number
  status: PaymentStatus
  phase: Phase
  threeDS: boolean
  /** The card (first six, last four) and the number, which decides the sandbox outcome. */
  cardNumber: string
  mdStatus?: number
  callbackUrl?: string
  /** The bank page's address for a 3-D Secure payment. */
  session?: string
  /** The checkout form it was paid on. */
  token?: string
  items: ItemTransaction[]
  error?: BankError
  cancel?: { conversationId: string; createdAt: number }
  createdAt: number
}

export interface CheckoutForm {
  token: string
  merchantId: string
  conversationId: string
  basketId?: string
  currency: string
  price: number
  paidPrice: number
  preauth: boolean
  callbackUrl: string
  items: { id: string; price: number }[]
  expiresAt: number
  paymentId?: string
}

const digits = (length: number) =>
  Array.from({ length }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(0, 10))).join('')

export class IyzicoStore {
  readonly merchants = new Map<string, Merchant>()
  private readonly byApiKey = new Map<string, string>()
  readonly payments = new Map<string, Payment>()
  readonly forms = new Map<string, CheckoutForm>()
  /** 3-D Secure bank page address → payment id. */
  readonly sessions = new Map<string, string>()
  /** Merchants whose iyzico has no `/v2/payment/refund` (only the per-item `/payment/refund`). */
  readonly legacyRefunds = new Set<string>()
  private nextId = 22_000_000 + randomInt(0, 1_000_000)

  openMerchant(notificationUrl: string): Merchant {
    const merchant: Merchant = {
      merchantId: digits(7),
      apiKey: `sandbox-${randomBytes(24).toString('base64url').slice(0, 32)}`,
      secretKey: `sandbox-${randomBytes(24).toString('base64url').slice(0, 32)}`,
      notificationUrl,
    }
    this.merchants.set(merchant.merchantId, merchant)
    this.byApiKey.set(merchant.apiKey, merchant.merchantId)
    return merchant
  }

  merchantByApiKey(apiKey: string): Merchant | undefined {
    const id = this.byApiKey.get(apiKey)
    return id === undefined ? undefined : this.merchants.get(id)
  }

  newPaymentId = () => String(this.nextId++)
  newTransactionId = () => String(this.nextId++ + 5_000_000)
  newSession = () => randomBytes(16).toString('hex')
  newToken = () => randomUUID()
  newReference = () => randomUUID()

  /** The merchant's latest payment of a conversation (iyzico answers the one it finds). */
  paymentOfConversation(merchantId: string, conversationId: string): Payment | undefined {
    let found: Payment | undefined
    for (const payment of this.payments.values())
      if (payment.merchantId === merchantId && payment.conversationId === conversationId)
        found = payment
    return found
  }

  refundedOf = (payment: Payment) =>
    payment.items.reduce(
      (sum, item) => sum + item.refunds.reduce((total, refund) => total + refund.amount, 0),
      0
    )
}
