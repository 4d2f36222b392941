/**
 * @module What the GoPay simulator remembers: e-shops (GoID, client id and secret), issued OAuth
 * tokens, and payments with their preauthorization, recurrence, stored card and refund history.
 */
import { randomBytes, randomInt } from 'node:crypto'

export const STATES = [
  'CREATED',
  'PAYMENT_METHOD_CHOSEN',
  'AUTHORIZED',
  'PAID',
  'CANCELED',
  'TIMEOUTED',
  'REFUNDED',
  'PARTIALLY_REFUNDED',
] as const
export type State = (typeof STATES)[number]

export type Scope = 'payment-create' | 'payment-all'

export interface Eshop {
  goId: string
  clientId: string
  clientSecret: string
  notificationUrl: string
}

export interface Token {
  goId: string
  scope: Scope
  expiresAt: number
  revoked: boolean
}

export interface Refund {
  state: 'SUCCESS' | 'FAILED' | 'REQUESTED'
  amount: number
  currency: string
  dateRequested: string
  dateLastChange: string
}

export interface Payment {
  id: number
  parentId?: number
  goId: string
  orderNumber: string
  orderDescription?: string
  state: State
  subState?: string
  amount: number
  currency: string
  lang: string
  instrument?: string
  payer: Record<string, unknown>
  contact: Record<string, unknown>
  preauthorization?: {
    requested: true
    state: 'REQUESTED' | 'AUTHORIZED' | 'CAPTURED' | 'CANCELED'
  }
  recurrence?: {
    recurrence_cycle: string
    recurrence_period?: number
    recurrence_date_to: string
    recurrence_state: 'REQUESTED' | 'STARTED' | 'STOPPED'
  }
  requestCardToken: boolean
  cardId?: number
  returnUrl: string
  notificationUrl: string
  gwHash: string
  refunds: Refund[]
}

export interface Card {
  id: number
  goId: string
  status: 'ACTIVE' | 'DELETED'
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export const randomText = (length: number) =>
  Array.from(randomBytes(length), (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('')

const randomDigits = (length: number) =>
  `${randomInt(1, 10)}${Array.from({ length: length - 1 }, () => randomInt(0, 10)).join('')}`

export class GoPayStore {
  readonly eshops = new Map<string, Eshop>()
  readonly tokens = new Map<string, Token>()
  readonly payments = new Map<number, Payment>()
  readonly byGwHash = new Map<string, number>()
  readonly cards = new Map<number, Card>()
  /** E-shops whose recurring charges wait for `/__sim/charge_recurrences` instead of running at once. */
  readonly slowRecurrences = new Set<string>()
  private nextPaymentId = 3_000_000_000 + randomInt(0, 100_000_000)
  private nextCardId = 8_000_000_000 + randomInt(0, 100_000_000)

  openEshop(notificationUrl: string): Eshop {
    const eshop = {
      goId: `8${randomDigits(9)}`,
      clientId: randomDigits(10),
      clientSecret: randomText(8),
      notificationUrl,
    }
    this.eshops.set(eshop.goId, eshop)
    return eshop
  }

  eshopByClientId(clientId: string) {
    return [...this.eshops.values()].find((e) => e.clientId === clientId)
  }

  issueToken(goId: string, scope: Scope, expiresAt: number) {
    const token = `AAA${randomText(61)}`
    this.tokens.set(token, { goId, scope, expiresAt, revoked: false })
    return token
  }

  revokeTokens(goId: string) {
    let revoked = 0
    for (const token of this.tokens.values()) {
      if (token.goId === goId && !token.revoked) {
        token.revoked = true
        revoked++
      }
    }
    return revoked
  }

  addPayment(fields: Omit<Payment, 'id' | 'gwHash' | 'refunds'>): Payment {
    const payment: Payment = {
      ...fields,
      id: this.nextPaymentId++,
      gwHash: randomText(29),
      refunds: [],
    }
    this.payments.set(payment.id, payment)
    this.byGwHash.set(payment.gwHash, payment.id)
    return payment
  }

  storeCard(goId: string): Card {
    const card: Card = { id: this.nextCardId++, goId, status: 'ACTIVE' }
    this.cards.set(card.id, card)
    return card
  }
}
