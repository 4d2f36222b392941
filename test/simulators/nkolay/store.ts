/**
 * @module What the Nkolay simulator remembers: merchants (merchant number, the three `sx` tokens,
 * the secret key and the notification address of their panel), transactions by `IKSIRPF…`
 * reference code with their cancels and refunds, and the bank's 3-D Secure sessions.
 * Cards: the test cards of the spec's table succeed (expiry and CVV are not checked against the
 * table, as the conformance harness pays with its own); `4000000000000002` is declined with the
 * bank answer 05 and `4000000000009995` with 51 (insufficient funds); other numbers get 14.
 */
import { randomBytes, randomInt } from 'node:crypto'

export interface Merchant {
  merchantNo: string
  sx: string
  sxList: string
  sxCancel: string
  secret: string
  notificationUrl: string
}

export interface ReturnRow {
  reference: string
  type: 'cancel' | 'refund' | 'refundp'
  amountKurus: number
  at: number
}

export interface Txn {
  reference: string
  merchantNo: string
  clientRef: string
  type: 'SALES' | 'PRESALES'
  amountKurus: number
  currency: string
  installment: string
  use3D: boolean
  status: 'NEW' | 'SUCCESS' | 'ERROR'
  /** The bank approved 3-D Secure; the sale stays NEW until CompletePayment (the "pre-approval"). */
  preApproved: boolean
  authCode: string
  errorCode: string
  message: string
  createdAt: number
  successUrl: string
  failUrl: string
  capturedKurus: number
  returns: ReturnRow[]
}

export const TEST_CARDS = new Set([
  '4155650100416111',
  '5289394722895016',
  '5549600797792011',
  '5549603469426017',
  '4531444531442283',
  '4546711234567894',
  '5218487962459752',
  '5101385101385104',
  '5404355404355405',
  '4555714555714556',
  '4258464258464253',
  '5200190006338608',
  '4355093000315232',
  '4355093000777068',
  '5421190122090656',
])

export const DECLINES: Record<string, { code: string; message: string }> = {
  '4000000000000002': { code: '05', message: 'İşlem onaylanmadı (Do not honour)' },
  '4000000000009995': { code: '51', message: 'Yetersiz bakiye (Insufficient funds)' },
}

export class NkolayStore {
  readonly merchants = new Map<string, Merchant>()
  readonly txns = new Map<string, Txn>()
  /** 3-D Secure session id (the bank's MD) → reference code. */
  readonly sessions = new Map<string, string>()
  private nextReference = 1_874_000

  openMerchant(notificationUrl: string): Merchant {
    const merchantNo = `400${randomInt(100_000, 999_999)}`
    const sx = `${randomInt(100_000_000, 999_999_999)}|${randomBytes(48).toString('base64')}`
    const merchant: Merchant = {
      merchantNo,
      sx,
      sxList: `${sx}|${randomBytes(16).toString('base64')}`,
      sxCancel: `${sx}|${randomBytes(18).toString('base64')}`,
      secret: `_${randomBytes(15).toString('base64url')}`,
      notificationUrl,
    }
    this.merchants.set(merchantNo, merchant)
    return merchant
  }

  bySx(sx: string | null, variant: 'sx' | 'sxList' | 'sxCancel'): Merchant | undefined {
    for (const merchant of this.merchants.values()) if (merchant[variant] === sx) return merchant
    return undefined
  }

  newReference = () => `IKSIRPF${this.nextReference++}`

  txnOf(merchant: Merchant, reference: string | null): Txn | undefined {
    const txn = this.txns.get(reference ?? '')
    return txn?.merchantNo === merchant.merchantNo ? txn : undefined
  }

  returnedKurus = (txn: Txn) => txn.returns.reduce((sum, r) => sum + r.amountKurus, 0)
}
