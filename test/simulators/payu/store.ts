/**
 * @module What the PayU simulator remembers: points of sale (POS id = OAuth client_id, client
 * secret, second key, and the panel settings auto-receive, partial capture and the notification
 * signature algorithm), issued OAuth tokens, orders with their status and refunds.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto'

export const ORDER_STATUSES = [
  'NEW',
  'PENDING',
  'WAITING_FOR_CONFIRMATION',
  'COMPLETED',
  'CANCELED',
] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

export type RefundStatus = 'PENDING' | 'FINALIZED' | 'CANCELED'

export const SIGNATURE_ALGORITHMS = ['MD5', 'SHA-256', 'SHA256', 'SHA'] as const
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number]

export interface Pos {
  posId: string
  clientSecret: string
  secondKey: string
  /** Panel setting: capture every paid order at once (PayU's default), or hold it for the merchant. */
  autoReceive: boolean
  /** Panel setting PayU turns on by arrangement: `POST …/captures` with an amount. */
  partialCapture: boolean
  /** The algorithm named in `OpenPayu-Signature` (PayU signs notifications with MD5). */
  signatureAlgorithm: SignatureAlgorithm
}

export interface Token {
  posId: string
  expiresAt: number
  revoked: boolean
}

export interface Refund {
  refundId: string
  extRefundId?: string
  amount: number
  currencyCode: string
  description: string
  /** The request as it came, to answer a repeated one with the refund it made. */
  fingerprint: string
  status: RefundStatus
  creationDateTime: string
  statusDateTime: string
}

export interface Order {
  orderId: string
  extOrderId?: string
  posId: string
  status: OrderStatus
  totalAmount: number
  capturedAmount: number
  currencyCode: string
  description: string
  customerIp: string
  notifyUrl?: string
  continueUrl?: string
  buyer?: Record<string, unknown>
  products: { name: string; unitPrice: string; quantity: string }[]
  payMethodType: string
  orderCreateDate: string
  /** The single-use key of the hosted page's URL. */
  pageToken: string
  paymentId: string
  refunds: Refund[]
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const randomUpper = (length: number) =>
  Array.from(randomBytes(length), (b) => UPPER_ALNUM[b % UPPER_ALNUM.length]).join('')
const randomHex = (bytes: number) => randomBytes(bytes).toString('hex')

/** PayU's timestamps look like `2014-10-27T14:58:17.443+01:00`. */
export const payuTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 23)}+00:00`

export class PayuStore {
  readonly poses = new Map<string, Pos>()
  readonly tokens = new Map<string, Token>()
  readonly orders = new Map<string, Order>()
  private nextRefundId = 5_000_000_000 + randomInt(0, 1_000_000)
  private nextPaymentId = 1_500_000_000 + randomInt(0, 1_000_000)

  openPos(): Pos {
    let posId = String(randomInt(100_000, 1_000_000))
    while (this.poses.has(posId)) posId = String(randomInt(100_000, 1_000_000))
    const pos: Pos = {
      posId,
      clientSecret: randomHex(16),
      secondKey: randomHex(16),
      // Held orders let one POS show both: capture later, or the adapter's capture at once.
      autoReceive: false,
      partialCapture: true,
      signatureAlgorithm: 'MD5',
    }
    this.poses.set(posId, pos)
    return pos
  }

  issueToken(posId: string, expiresAt: number) {
    const token = randomUUID()
    this.tokens.set(token, { posId, expiresAt, revoked: false })
    return token
  }

  revokeTokens(posId: string) {
    let revoked = 0
    for (const token of this.tokens.values()) {
      if (token.posId === posId && !token.revoked) {
        token.revoked = true
        revoked++
      }
    }
    return revoked
  }

  /** Order ids look like PayU's: `WZHF5FFDRJ140731GUEST000P01`. */
  addOrder(
    fields: Omit<Order, 'orderId' | 'pageToken' | 'paymentId' | 'refunds' | 'capturedAmount'>,
    nowMs: number
  ): Order {
    const day = new Date(nowMs).toISOString().slice(2, 10).replaceAll('-', '')
    const order: Order = {
      ...fields,
      orderId: `${randomUpper(10)}${day}GUEST000P01`,
      pageToken: randomHex(24),
      paymentId: String(this.nextPaymentId++),
      capturedAmount: 0,
      refunds: [],
    }
    this.orders.set(order.orderId, order)
    return order
  }

  orderByExtId(posId: string, extOrderId: string) {
    return [...this.orders.values()].find((o) => o.posId === posId && o.extOrderId === extOrderId)
  }

  newRefundId() {
    return String(this.nextRefundId++)
  }
}
