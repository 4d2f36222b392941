/**
 * @module The OzanPay simulator's state: merchant accounts by API key (with the URL their panel
 * would post server-to-server returns to) and checkout sessions by merchant and `referenceNo`.
 */
import { randomBytes } from 'node:crypto'

export type SessionStatus = 'WAITING' | 'APPROVED' | 'DECLINED'

export interface Merchant {
  apiKey: string
  notificationUrl: string
}

export interface Session {
  apiKey: string
  referenceNo: string
  transactionId: string
  token: string
  amount: number
  currency: string
  email: string
  returnUrl: string
  status: SessionStatus
  message: string
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex')

export class OzanStore {
  readonly merchants = new Map<string, Merchant>()
  private readonly sessions = new Map<string, Session>()
  private readonly byToken = new Map<string, Session>()
  private sequence = 83_000

  openMerchant(notificationUrl: string): Merchant {
    const merchant = { apiKey: hex(16), notificationUrl }
    this.merchants.set(merchant.apiKey, merchant)
    return merchant
  }

  find(apiKey: string, referenceNo: string): Session | undefined {
    return this.sessions.get(`${apiKey}|${referenceNo}`)
  }

  session(token: string): Session | undefined {
    return this.byToken.get(token)
  }

  open(fields: Omit<Session, 'transactionId' | 'token' | 'status' | 'message'>): Session {
    const now = Math.floor(Date.now() / 1000)
    const session: Session = {
      ...fields,
      transactionId: `${++this.sequence}-${now}-${Math.floor(Math.random() * 9000) + 1000}`,
      token: hex(12),
      status: 'WAITING',
      message: 'Waiting for payment',
    }
    this.sessions.set(`${fields.apiKey}|${fields.referenceNo}`, session)
    this.byToken.set(session.token, session)
    return session
  }
}
