/**
 * @module What the PayTR simulator remembers: stores (merchant_id, merchant_key, merchant_salt
 * and the "Bildirim URL" of their panel), orders by `merchant_oid` with their result and refunds,
 * iFrame tokens and bank 3-D Secure sessions.
 */
import { randomBytes, randomInt } from 'node:crypto'

export interface Merchant {
  id: string
  key: string
  salt: string
  /** The notification URL the store set in the PayTR panel (Destek & Kurulum > Ayarlar). */
  notificationUrl: string
}

export interface Refund {
  amountKurus: number
  referenceNo: string
  date: string
}

/** A card stored with `store_card=1` under a PayTR user (`utoken`). */
export interface StoredCard {
  ctoken: string
  number: string
  month: string
  year: string
  owner: string
}

export interface CardUser {
  merchantId: string
  utoken: string
  cards: StoredCard[]
}

export type OrderResult = 'waiting' | 'success' | 'failed'

export interface Order {
  merchantId: string
  oid: string
  via: 'iframe' | 'direct'
  amountKurus: number
  /** PayTR's currency code as sent (`TL` when empty). */
  currency: string
  email: string
  testMode: '0' | '1'
  okUrl: string
  failUrl: string
  result: OrderResult
  failedReason?: { code: string; message: string }
  cardNumber?: string
  /** Asked with `store_card=1`: the card is stored under this user once the payment succeeds. */
  storeCard?: { utoken?: string; month: string; year: string; owner: string }
  stored?: { utoken: string; ctoken: string }
  paidAt?: string
  refunds: Refund[]
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export const randomText = (length: number) =>
  Array.from(randomBytes(length), (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('')

/** PayTR's dates: "2021-03-25 23:45:22". */
export const paytrDate = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ')

export class PaytrStore {
  readonly merchants = new Map<string, Merchant>()
  private readonly orders = new Map<string, Order>()
  /** iFrame token → order key. */
  readonly iframeTokens = new Map<string, string>()
  /** Bank 3-D Secure session → order key. */
  readonly bankSessions = new Map<string, string>()
  readonly cardUsers = new Map<string, CardUser>()

  openMerchant(notificationUrl: string): Merchant {
    const merchant = {
      id: String(randomInt(100_000, 999_999)),
      key: randomText(16),
      salt: randomText(16),
      notificationUrl,
    }
    if (this.merchants.has(merchant.id)) return this.openMerchant(notificationUrl)
    this.merchants.set(merchant.id, merchant)
    return merchant
  }

  order(merchantId: string, oid: string): Order | undefined {
    return this.orders.get(`${merchantId}|${oid}`)
  }

  addOrder(order: Order): Order {
    this.orders.set(`${order.merchantId}|${order.oid}`, order)
    return order
  }

  issueIframeToken(order: Order): string {
    const token = randomText(52).toLowerCase()
    this.iframeTokens.set(token, `${order.merchantId}|${order.oid}`)
    return token
  }

  openBankSession(order: Order): string {
    const session = randomText(32)
    this.bankSessions.set(session, `${order.merchantId}|${order.oid}`)
    return session
  }

  byKey(key: string | undefined): Order | undefined {
    return key === undefined ? undefined : this.orders.get(key)
  }

  /** Stores the order's card under its user (a new one when no `utoken` was sent). */
  storeCard(order: Order) {
    const asked = order.storeCard
    if (!asked || !order.cardNumber) return
    const known = asked.utoken && this.cardUsers.get(asked.utoken)
    const user: CardUser =
      known && known.merchantId === order.merchantId
        ? known
        : { merchantId: order.merchantId, utoken: randomText(32), cards: [] }
    this.cardUsers.set(user.utoken, user)
    const { month, year, owner } = asked
    const stored = { ctoken: randomText(32), number: order.cardNumber, month, year, owner }
    user.cards.push(stored)
    order.stored = { utoken: user.utoken, ctoken: stored.ctoken }
  }

  /** The merchant's stored card, by user and card token. */
  storedCard(merchantId: string, utoken: string, ctoken: string): StoredCard | undefined {
    const user = this.cardUsers.get(utoken)
    return user?.merchantId === merchantId ? user.cards.find((c) => c.ctoken === ctoken) : undefined
  }

  refundedKurus(order: Order) {
    return order.refunds.reduce((sum, r) => sum + r.amountKurus, 0)
  }
}
