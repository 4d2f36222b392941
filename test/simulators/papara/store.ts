/**
 * @module What the Papara simulator remembers: merchants (API key, merchant secret key, names as
 * the API's `merchant` object shows them) and checkout payments with their status (0 pending,
 * 1 completed, 2 refunded). Papara deletes payments nobody paid after an hour (node SDK README,
 * "Payments"); `find` does the same.
 */
import { randomBytes, randomUUID } from 'node:crypto'

export const UNPAID_LIFETIME_MS = 60 * 60 * 1000

export interface Merchant {
  merchantId: string
  apiKey: string
  /** The panel's "merchant secret key", sent in every notification (base64, as Papara's are). */
  secretKey: string
  legalName: string
}

export type Status = 0 | 1 | 2

export interface Payment {
  id: string
  merchantId: string
  userId: string | null
  referenceId: string
  orderDescription: string
  status: Status
  /** Minor units; the wire shows major units. */
  amountMinor: number
  currency: number
  notificationUrl: string
  notificationDone: boolean
  redirectUrl: string
  returningRedirectUrl: string
  turkishNationalId: number | null
  createdAt: number
}

export class PaparaStore {
  readonly merchants = new Map<string, Merchant>()
  readonly payments = new Map<string, Payment>()

  openMerchant(): Merchant {
    const merchant: Merchant = {
      merchantId: randomUUID(),
      apiKey: randomBytes(48).toString('base64'),
      secretKey: randomBytes(64).toString('base64'),
      legalName: `Simulated merchant ${randomBytes(3).toString('hex')}`,
    }
    this.merchants.set(merchant.merchantId, merchant)
    return merchant
  }

  merchantByApiKey(apiKey: string | null) {
    return [...this.merchants.values()].find((m) => apiKey !== null && m.apiKey === apiKey)
  }

  add(fields: Omit<Payment, 'id' | 'userId' | 'notificationDone' | 'returningRedirectUrl'>) {
    const payment: Payment = {
      ...fields,
      id: randomUUID(),
      userId: null,
      notificationDone: false,
      returningRedirectUrl: '',
    }
    this.payments.set(payment.id, payment)
    return payment
  }

  private alive(payment: Payment | undefined, now: number) {
    if (!payment) return undefined
    if (payment.status === 0 && now - payment.createdAt > UNPAID_LIFETIME_MS) {
      this.payments.delete(payment.id)
      return undefined
    }
    return payment
  }

  find(merchantId: string, id: string, now: number) {
    const payment = this.alive(this.payments.get(id), now)
    return payment?.merchantId === merchantId ? payment : undefined
  }

  /** `referenceId` need not be unique at Papara: the newest payment with it. */
  findByReference(merchantId: string, referenceId: string, now: number) {
    const matches = [...this.payments.values()].filter(
      (p) => p.merchantId === merchantId && p.referenceId === referenceId
    )
    return this.alive(matches.at(-1), now)
  }
}
