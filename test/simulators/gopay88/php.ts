/**
 * @module The PHP behaviour the GoPay88 server (a white label of iredcap/cmpay, ThinkPHP) shows
 * on the wire: `json_encode` with default flags, `utf8_encode` before hashing, the 32-character
 * upper-case `createUniqid`, and the millisecond `getMicroTime`.
 */
import { randomBytes } from 'node:crypto'

/** `json_encode($value)`: no spaces, `/` as `\/`, non-ASCII as `\uxxxx` in lower-case hex. */
export const phpJsonEncode = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/')

/** `utf8_encode($bytes)`: each byte read as ISO-8859-1 and written as UTF-8. */
export const phpUtf8Encode = (bytes: Buffer): Buffer =>
  Buffer.from(bytes.toString('latin1'), 'utf8')

/** `Rest::createUniqid()`: 32 upper-case hex characters. */
export const createUniqid = (): string => randomBytes(16).toString('hex').toUpperCase()

/** `stristr($url, '/pay/')` split at `?`, as CheckSign does (false becomes ""). */
export function uriAndQueryOf(restUrl: string): { uri: string; query: string } {
  const start = restUrl.toLowerCase().indexOf('/pay/')
  const rest = start < 0 ? '' : restUrl.slice(start)
  const mark = rest.indexOf('?')
  return mark > 0
    ? { uri: rest.slice(0, mark), query: rest.slice(mark + 1) }
    : { uri: rest, query: '' }
}

/** A decimal string with three decimals, as the orders table (decimal(12,3)) returns amounts. */
export function threeDecimals(amount: string): string {
  const [whole = '0', fraction = ''] = amount.split('.')
  return `${whole}.${fraction.padEnd(3, '0').slice(0, 3)}`
}
