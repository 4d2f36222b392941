/**
 * @module What the Paycell simulator remembers: applications (merchants), card tokens, 3-D Secure
 * sessions and payments with their transaction history, as `inquire` lists it. Days are Istanbul
 * calendar days (`reconciliationDate`, `YYYYMMDD`); `dayEnd` moves a merchant's payments a day
 * back, as Paycell's end-of-day reconciliation would have passed.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { AppSecrets } from './hash.ts'

export interface Application extends AppSecrets {
  merchantCode: string
  /** The first 3 digits of every `referenceNumber`, which Paycell assigns to the merchant. */
  referencePrefix: string
}

/** The official SDKs' test application prefix (Java and Node `REFERENCE_NUMBER_PREFIX`). */
export const SIMULATOR_REFERENCE_PREFIX = '001'

export interface CardToken {
  application: string
  number: string
  expiry: { month: string; year: string }
  createdAt: number
}

export type SessionState = 'waiting' | 'passed' | 'failed'

export interface ThreeDSession {
  application: string
  cardToken: string
  amount: string
  msisdn: string
  /** `AUTH` (for a SALE provision) or `PREAUTH`. */
  transactionType: 'AUTH' | 'PREAUTH'
  /** Normalized: 0 for a single payment (0, 1 or none). */
  installmentCount: number
  callbackUrl?: string
  state: SessionState
  used: boolean
}

export type ProvisionType =
  | 'SALE'
  | 'PREAUTH'
  | 'POSTAUTH'
  | 'PREAUTH_REVERSE'
  | 'POSTAUTH_REVERSE'
  | 'REVERSE'
  | 'REFUND'

export interface Entry {
  provisionType: ProvisionType
  transactionId: string
  referenceNumber: string
  amount: string
  approvalCode: string
  dateTime: string
  reconciliationDate: string
}

export interface Payment {
  application: string
  referenceNumber: string
  msisdn: string
  currency: string
  orderId: string
  /** Newest first, as `provisionList` shows them. */
  entries: Entry[]
}

/** Paycell's local time, `YYYYMMddHHmmssSSS` (Turkey is UTC+3 all year). */
export const localTime = (epochMs: number) =>
  new Date(epochMs + 3 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 17)

export class PaycellStore {
  readonly applications = new Map<string, Application>()
  readonly tokens = new Map<string, CardToken>()
  readonly sessions = new Map<string, ThreeDSession>()
  /** By `application|referenceNumber`; every reference number used (payments and operations). */
  readonly payments = new Map<string, Payment>()
  readonly references = new Set<string>()

  openApplication(): Application {
    const id = randomBytes(4).toString('hex').toUpperCase()
    const app = {
      applicationName: `SIMAPP${id}`,
      applicationPwd: randomBytes(12).toString('base64url'),
      secureCode: randomBytes(6).toString('hex').toUpperCase(),
      merchantCode: String(1000 + (randomBytes(2).readUInt16BE() % 9000)),
      referencePrefix: SIMULATOR_REFERENCE_PREFIX,
    }
    this.applications.set(app.applicationName, app)
    return app
  }

  issueToken(token: Omit<CardToken, 'createdAt'>, now: number) {
    const id = randomUUID()
    this.tokens.set(id, { ...token, createdAt: now })
    return id
  }

  openSession(session: Omit<ThreeDSession, 'state' | 'used'>) {
    const id = randomUUID()
    this.sessions.set(id, { ...session, state: 'waiting', used: false })
    return id
  }

  payment(application: string, referenceNumber: string) {
    return this.payments.get(`${application}|${referenceNumber}`)
  }

  /** False when the reference number was used before (2012). */
  claimReference(application: string, referenceNumber: string) {
    const key = `${application}|${referenceNumber}`
    if (this.references.has(key)) return false
    this.references.add(key)
    return true
  }

  addPayment(payment: Payment) {
    this.payments.set(`${payment.application}|${payment.referenceNumber}`, payment)
  }

  dayEnd(application: string) {
    for (const payment of this.payments.values()) {
      if (payment.application !== application) continue
      for (const entry of payment.entries) {
        const day = new Date(
          `${entry.reconciliationDate.replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')}T00:00:00Z`
        )
        entry.reconciliationDate = new Date(day.getTime() - 86_400_000)
          .toISOString()
          .slice(0, 10)
          .replace(/-/g, '')
      }
    }
  }
}
