/**
 * @module The provision services' envelope: every JSON request carries `requestHeader`
 * (`applicationName`, `applicationPwd` in clear, `clientIPAddress`, a 17-digit
 * `transactionDateTime`, a `transactionId` of at most 20 characters), every answer a
 * `responseHeader` with `responseCode` "0" for success. Checks run before any work, as Paycell
 * refuses a bad header (2000), an unknown application (2023) or merchant (2011).
 */
import type { SimulatorKit } from '../kit/types.ts'
import { type Application, localTime, type PaycellStore } from './store.ts'

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json;charset=UTF-8' },
  })

export type Body = Record<string, unknown>

export const DESCRIPTIONS: Record<string, string> = {
  '0': 'Success',
  '1021': 'Token not found',
  '1022': '3D session not found',
  '1023': '3D session already used',
  '2000': 'Request header is invalid',
  '2001': 'MSISDN parameter is empty',
  '2011': 'Merchant is not found',
  '2012': 'Referance number is not unique',
  '2013': 'Order is not found',
  '2014': 'Transaction is already reversed',
  '2015': 'Total refund amount is greater than original amount',
  '2023': 'Application is invalid',
  '2027': 'Original sale transaction is refunded',
  '2029': 'Transaction can not be reversed after reconciliation date',
  '2030': 'Amount parameter is invalid',
  '2032': 'There was a invalid parameter',
  '2045': 'Postauth amount greater than preauth amount',
  '2046': '3D Validation Provision Amount Mismatch',
  '2048': 'Transaction is not suitable for refund',
  '3032': '3D authentication is not successful',
  '4000': 'Bank error',
  '4001': 'Insufficient balance',
}

export interface Call {
  app: Application
  body: Body
  transactionId: string
  now: number
}

export function answer(
  call: { transactionId: string; now: number },
  code: string,
  extra: Body = {}
) {
  return json({
    responseHeader: {
      transactionId: call.transactionId,
      responseDateTime: localTime(call.now),
      responseCode: code,
      responseDescription: DESCRIPTIONS[code] ?? 'Error',
    },
    extraParameters: null,
    ...extra,
  })
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined)

/** The checked envelope, or the refusal to send back. */
export function openCall(kit: SimulatorKit, store: PaycellStore, body: Body): Call | Response {
  const now = kit.now()
  const header = (body.requestHeader ?? {}) as Body
  const transactionId = str(header.transactionId) ?? ''
  const fail = (code: string) => answer({ transactionId, now }, code)
  if (
    !/^\d{17}$/.test(str(header.transactionDateTime) ?? '') ||
    !/^\d{1,20}$/.test(transactionId)
  ) {
    return fail('2000')
  }
  if (!str(header.clientIPAddress)) return fail('2000')
  const app = store.applications.get(str(header.applicationName) ?? '')
  if (!app || app.applicationPwd !== header.applicationPwd) return fail('2023')
  if (body.merchantCode !== app.merchantCode) return fail('2011')
  const msisdn = str(body.msisdn)
  if (!msisdn) return fail('2001')
  // The samples send 10 digits, the country code cut off.
  if (!/^\d{10}$/.test(msisdn)) return fail('2032')
  return { app, body, transactionId, now }
}

/**
 * A `referenceNumber`: "ilk 3 hanesi üye iş yerine özeldir paycell tarafından belirlenir. 20 haneli
 * numeric" (paycell-api-java `ProvisionRequestFactory.java`): 20 digits behind the merchant's prefix.
 */
export const isReference = (call: Call, value: unknown): value is string =>
  typeof value === 'string' && /^\d{20}$/.test(value) && value.startsWith(call.app.referencePrefix)

/** `installmentCount` as the samples send it (number or string); 0, 1 and none are one payment. */
export function installmentsOf(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return 0
  const count = typeof value === 'number' ? value : Number(str(value) ?? Number.NaN)
  if (!Number.isInteger(count) || count < 0 || count > 12) return undefined
  return count <= 1 ? 0 : count
}

export const isAmount = (value: unknown): value is string =>
  typeof value === 'string' && /^[1-9]\d{0,11}$/.test(value)

export { str }
