/**
 * @module The result Paynkolay posts to successUrl/failUrl and answers from CompletePayment, signed
 * with `hashDataV2` over `MERCHANT_NO|REFERENCE_CODE|AUTH_CODE|RESPONSE_CODE|USE_3D|RND|INSTALLMENT|
 * AUTHORIZATION_AMOUNT|CURRENCY_CODE|secret` (paynkolay.com.tr/entegrasyon/05-hash-response).
 */
import { randomInt } from 'node:crypto'
import type { Merchant, Txn } from './store.ts'
import { fromKurus, sha512Base64 } from './wire.ts'

/** The result fields as Paynkolay posts and answers them. */
export function resultOf(merchant: Merchant, txn: Txn): Record<string, string> {
  // A pre-approval says 2 without an auth code (donus-parametreleri's example).
  const approved = txn.status === 'SUCCESS' || txn.preApproved
  const fields: Record<string, string> = {
    RESPONSE_CODE: approved ? '2' : '0',
    RESPONSE_DATA: approved ? 'İşlem Başarılı' : txn.message,
    USE_3D: String(txn.use3D),
    RND: String(Date.now()),
    MERCHANT_NO: merchant.merchantNo,
    AUTH_CODE: txn.authCode,
    REFERENCE_CODE: txn.reference,
    CLIENT_REFERENCE_CODE: txn.clientRef,
    TIMESTAMP: new Date(txn.createdAt).toISOString().slice(0, 10),
    TRANSACTION_AMOUNT: fromKurus(txn.amountKurus),
    AUTHORIZATION_AMOUNT: approved ? fromKurus(txn.amountKurus) : '0.00',
    CURRENCY_CODE: txn.currency,
    COMMISION: '0.00',
    COMMISION_RATE: '0.0000',
    INSTALLMENT: txn.installment,
    ERROR_CODE: txn.errorCode,
  }
  const signed = [
    'MERCHANT_NO',
    'REFERENCE_CODE',
    'AUTH_CODE',
    'RESPONSE_CODE',
    'USE_3D',
    'RND',
    'INSTALLMENT',
    'AUTHORIZATION_AMOUNT',
    'CURRENCY_CODE',
  ]
  fields.hashDataV2 = sha512Base64([...signed.map((name) => fields[name] ?? ''), merchant.secret])
  return fields
}

export function settle(txn: Txn, approved: boolean, decline?: { code: string; message: string }) {
  txn.status = approved ? 'SUCCESS' : 'ERROR'
  txn.preApproved = false
  txn.authCode = approved ? `S${randomInt(10_000, 99_999)}` : ''
  txn.errorCode = decline?.code ?? ''
  txn.message = decline?.message ?? ''
}
