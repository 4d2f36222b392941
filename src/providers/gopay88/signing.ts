/**
 * @module The x-ca signatures of GoPay88 (API document, 请求/返回的签名和校验算法; the reference
 * server iredcap/cmpay `service/request/CheckSign.php` and `service/response/BuildSign.php`, and
 * its SDK `IredCap\Pay\Util\SignUtil`).
 *   request:  string = URI \n query \n x-ca-noncestr \n x-ca-timestamp \n body
 *   answer and notify: string = x-ca-noncestr \n x-ca-timestamp \n <charge JSON>
 *   x-ca-signature = base64(SHA1withRSA(key, ASCII(base64(string))))
 * The merchant key signs requests; the platform key signs answers and notifications. The server
 * passes each part through PHP `utf8_encode` (ISO-8859-1 → UTF-8) before base64, so non-ASCII
 * bytes are encoded twice: requests are therefore sent as ASCII-only JSON, as PHP's
 * `json_encode` writes them, and verification reproduces the double encoding.
 */
import { fromBase64, toBase64, toHex, utf8 } from '../../crypto/encoding'
import { randomBytes } from '../../crypto/random'
import { importRsaPrivateKey, importRsaPublicKey, rsaSign, rsaVerify } from '../../crypto/rsa'
import { signedForms } from './charge-json'

export const HEADER_REST_URL = 'x-ca-resturl'
export const HEADER_TIMESTAMP = 'x-ca-timestamp'
export const HEADER_NONCE = 'x-ca-noncestr'
export const HEADER_AUTH = 'x-ca-auth'
export const HEADER_SIGNATURE = 'x-ca-signature'

/** The document's example value of `content-type` and `accept` (the SDK's CONTENT_TYPE_JSON). */
export const JSON_CONTENT_TYPE = 'application/json; charset=UTF-8'

/** "一个32位系统随机数": 32 upper-case hex characters, as the SDK's createUniqid gives. */
export const newNonce = (): string => toHex(randomBytes(16)).toUpperCase()

/**
 * JSON with every non-ASCII UTF-16 unit escaped as `\uxxxx` (lower-case hex, as PHP writes) and
 * `/` left as is, like the document's signing example.
 */
export const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )

/**
 * PHP `utf8_encode` of a text's UTF-8 bytes: every byte read as ISO-8859-1 and written as UTF-8.
 * ASCII stays as it is.
 */
export function phpUtf8Encode(text: string): Uint8Array {
  const bytes = utf8(text)
  if (bytes.every((b) => b < 0x80)) return bytes
  const out: number[] = []
  for (const b of bytes) {
    if (b < 0x80) out.push(b)
    else out.push(0xc0 | (b >> 6), 0x80 | (b & 0x3f))
  }
  return Uint8Array.from(out)
}

/** URI and query as the server takes them from x-ca-resturl: from the first `/pay/` on. */
export function signedPathOf(restUrl: string): { uri: string; query: string } {
  const start = restUrl.toLowerCase().indexOf('/pay/')
  const path = start < 0 ? '' : restUrl.slice(start)
  const mark = path.indexOf('?')
  return mark < 0
    ? { uri: path, query: '' }
    : { uri: path.slice(0, mark), query: path.slice(mark + 1) }
}

export interface SignedRequest {
  restUrl: string
  nonce: string
  timestamp: string
  body: string
}

export function requestStringToSign(request: SignedRequest): string {
  const { uri, query } = signedPathOf(request.restUrl)
  return [uri, query, request.nonce, request.timestamp, request.body].join('\n')
}

export const answerStringToSign = (nonce: string, timestamp: string, chargeJson: string) =>
  [nonce, timestamp, chargeJson].join('\n')

/** The ASCII text that SHA1withRSA signs: base64 of the string after PHP's utf8_encode. */
export const signedBase64 = (stringToSign: string): string => toBase64(phpUtf8Encode(stringToSign))

export async function signRequest(privateKey: string, request: SignedRequest): Promise<string> {
  const key = await importRsaPrivateKey(privateKey, 'SHA-1')
  return toBase64(await rsaSign(key, signedBase64(requestStringToSign(request))))
}

/** Every header of a GoPay88 API request; the body is sent exactly as signed. */
export async function requestHeaders(
  credentials: { apiKey: string; merchantPrivateKey: string },
  request: SignedRequest
): Promise<Record<string, string>> {
  return {
    'content-type': JSON_CONTENT_TYPE,
    accept: JSON_CONTENT_TYPE,
    [HEADER_REST_URL]: request.restUrl,
    [HEADER_TIMESTAMP]: request.timestamp,
    [HEADER_NONCE]: request.nonce,
    [HEADER_AUTH]: credentials.apiKey,
    [HEADER_SIGNATURE]: await signRequest(credentials.merchantPrivateKey, request),
  }
}

function decodeSignature(signature: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return undefined
  try {
    return fromBase64(signature)
  } catch {
    return undefined
  }
}

/**
 * Checks the platform's signature of an answer or notification over the charge JSON as received,
 * or over another text of the same charge (`signedForms`). A charge with non-ASCII text is also
 * accepted signed without PHP's double encoding.
 */
export async function verifyPlatformSignature(
  platformPublicKey: string,
  headers: { nonce: string | null; timestamp: string | null; signature: string | null },
  chargeJson: string
): Promise<boolean> {
  const { nonce, timestamp } = headers
  const signature = decodeSignature(headers.signature ?? '')
  if (!nonce || !timestamp || !signature) return false
  const key = await importRsaPublicKey(platformPublicKey, 'SHA-1')
  for (const form of signedForms(chargeJson)) {
    const text = answerStringToSign(nonce, timestamp, form)
    if (await rsaVerify(key, signature, signedBase64(text))) return true
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
    const ascii = /^[\u0000-\u007f]*$/.test(text)
    if (!ascii && (await rsaVerify(key, signature, toBase64(utf8(text))))) return true
  }
  return false
}

/** The x-ca answer headers of a response or notification. */
export const answerHeaders = (headers: Headers) => ({
  nonce: headers.get(HEADER_NONCE),
  timestamp: headers.get(HEADER_TIMESTAMP),
  signature: headers.get(HEADER_SIGNATURE),
})
