/**
 * Hand-built compact JWS tokens for attack tests: any header, any payload, signed with any key (or
 * none), so a test can produce exactly the malformed token it describes, and the same ES256
 * signature written in other ways. WebCrypto only; jose would refuse to build several of these on
 * purpose.
 */
import {
  fromBase64Url,
  fromHex,
  toBase64,
  toBase64Url,
  toHex,
  utf8,
} from '../../src/crypto/encoding'

export type Claims = Record<string, unknown>
export type Signer = (signingInput: Uint8Array) => Promise<Uint8Array>

export const segment = (value: unknown) => toBase64Url(utf8(JSON.stringify(value)))

/** `header.payload.signature`, the signature over the first two segments as they are sent. */
export async function compactJws(header: Claims, payload: Claims, sign: Signer): Promise<string> {
  const signingInput = `${segment(header)}.${segment(payload)}`
  return `${signingInput}.${toBase64Url(await sign(utf8(signingInput)))}`
}

/** ES256 as JWS has it (RFC 7518 §3.4): the raw 64-byte r‖s, which is what WebCrypto returns. */
export const es256 =
  (privateKey: CryptoKey): Signer =>
  async (input) =>
    new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, input))

export type HmacAlg = 'HS256' | 'HS384' | 'HS512'
const HMAC_HASH = { HS256: 'SHA-256', HS384: 'SHA-384', HS512: 'SHA-512' } as const

export const hmac =
  (alg: HmacAlg, secret: Uint8Array): Signer =>
  async (input) => {
    const key = await crypto.subtle.importKey(
      'raw',
      secret,
      { name: 'HMAC', hash: HMAC_HASH[alg] },
      false,
      ['sign']
    )
    return new Uint8Array(await crypto.subtle.sign('HMAC', key, input))
  }

/** A P-256 key pair the gateway has never seen: the attacker's. */
export async function attackerKeyPair() {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair
  const publicJwk = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as JsonWebKey
  return { ...pair, publicJwk }
}

const pem = (label: string, der: Uint8Array, eol: string) => {
  const lines = toBase64(der).match(/.{1,64}/g) ?? []
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join(eol) + eol
}

/**
 * The ways a published ES256 public key is commonly written down, each as the bytes an attacker
 * would feed to HMAC in a key-confusion attack (RFC 8725 §2.1): the stored JWK text, the JWK in
 * RFC 7638 member order, a JWKS entry and document, SPKI as PEM (LF and CRLF) and DER, the raw
 * uncompressed point, and the coordinates as base64url text.
 */
export async function publicKeySerialisations(
  publicJwkText: string,
  kid: string
): Promise<Record<string, Uint8Array>> {
  const jwk = JSON.parse(publicJwkText) as { kty: string; crv: string; x: string; y: string }
  const key = await crypto.subtle.importKey(
    'jwk',
    jwk,
    { name: 'ECDSA', namedCurve: 'P-256' },
    true,
    ['verify']
  )
  const der = new Uint8Array((await crypto.subtle.exportKey('spki', key)) as ArrayBuffer)
  const raw = new Uint8Array((await crypto.subtle.exportKey('raw', key)) as ArrayBuffer)
  const thumbprintOrder = { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
  const jwksEntry = { ...jwk, kid, alg: 'ES256', use: 'sig' }
  return {
    'stored JWK text': utf8(publicJwkText),
    'JWK in RFC 7638 order': utf8(JSON.stringify(thumbprintOrder)),
    'pretty-printed JWK': utf8(JSON.stringify(jwk, null, 2)),
    'JWKS entry with kid, alg and use': utf8(JSON.stringify(jwksEntry)),
    'JWKS document': utf8(JSON.stringify({ keys: [jwksEntry] })),
    'SPKI PEM (LF)': utf8(pem('PUBLIC KEY', der, '\n')),
    'SPKI PEM (CRLF)': utf8(pem('PUBLIC KEY', der, '\r\n')),
    'SPKI PEM without final newline': utf8(pem('PUBLIC KEY', der, '\n').trimEnd()),
    'SPKI DER': der,
    'SPKI DER as base64 text': utf8(toBase64(der)),
    'raw uncompressed point': raw,
    'x and y as base64url text': utf8(`${jwk.x}${jwk.y}`),
  }
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
/** A 64-byte signature takes 86 characters, the last carrying 4 unused bits: set one of them. */
export const withSpareBitSet = (signature: string) =>
  signature.slice(0, -1) + B64URL[B64URL.indexOf(signature.at(-1)!) | 1]

/** (r, n − s): the other valid ECDSA signature of the same message (P-256 order n). */
export function highS(signature: string) {
  const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n
  const bytes = fromBase64Url(signature)
  const s = BigInt(`0x${toHex(bytes.slice(32))}`)
  const flipped = fromHex((n - s).toString(16).padStart(64, '0'))
  return toBase64Url(new Uint8Array([...bytes.slice(0, 32), ...flipped]))
}

/** The gateway's raw r‖s signature re-encoded as an ASN.1 DER ECDSA-Sig-Value. */
export function derEcdsaSignature(signature: string) {
  const bytes = fromBase64Url(signature)
  const integer = (half: Uint8Array) => {
    let start = 0
    while (start < half.length - 1 && half[start] === 0) start++
    const trimmed = half.slice(start)
    const value = trimmed[0]! & 0x80 ? [0, ...trimmed] : [...trimmed]
    return [0x02, value.length, ...value]
  }
  const body = [...integer(bytes.slice(0, 32)), ...integer(bytes.slice(32))]
  return toBase64Url(new Uint8Array([0x30, body.length, ...body]))
}
