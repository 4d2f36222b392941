/**
 * @module The x-ca signatures on the server side, with node:crypto (an implementation independent
 * of the gateway's WebCrypto one). cmpay `service/request/CheckSign.php` verifies a request with
 * the merchant's public key over base64(utf8_encode(uri \n query \n nonce \n timestamp \n body));
 * `service/response/BuildSign.php` and `worker/AutoOrderNotify.php` sign base64(utf8_encode(nonce
 * \n timestamp \n json_encode(charge))) with the platform's private key. SHA1withRSA throughout.
 */
import { type KeyObject, sign, verify } from 'node:crypto'
import { createUniqid, phpJsonEncode, phpUtf8Encode, uriAndQueryOf } from './php.ts'

const joined = (parts: (string | Buffer)[]) =>
  phpUtf8Encode(
    Buffer.concat(
      parts.flatMap((part, i) => [
        ...(i > 0 ? [Buffer.from('\n')] : []),
        typeof part === 'string' ? Buffer.from(part, 'utf8') : part,
      ])
    )
  )

export function requestSignatureHolds(
  merchantPublicKey: KeyObject,
  headers: { restUrl: string; nonce: string; timestamp: string; signature: string },
  rawBody: Buffer
): boolean {
  const { uri, query } = uriAndQueryOf(headers.restUrl)
  const toVerify = joined([uri, query, headers.nonce, headers.timestamp, rawBody]).toString(
    'base64'
  )
  return verify(
    'sha1',
    Buffer.from(toVerify, 'ascii'),
    merchantPublicKey,
    Buffer.from(headers.signature, 'base64')
  )
}

/** The signed answer (or notify) headers and the charge JSON they cover. */
export function platformSigned(platformPrivateKey: KeyObject, charge: unknown, now: number) {
  const chargeJson = phpJsonEncode(charge)
  const nonce = createUniqid()
  const timestamp = String(now)
  const toSign = joined([nonce, timestamp, chargeJson]).toString('base64')
  const signature = sign('sha1', Buffer.from(toSign, 'ascii'), platformPrivateKey).toString(
    'base64'
  )
  return {
    chargeJson,
    headers: { 'X-Ca-Noncestr': nonce, 'X-Ca-Timestamp': timestamp, 'X-Ca-Signature': signature },
  }
}
