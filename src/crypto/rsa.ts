/**
 * @module RSA keys from the PEM text providers hand out, for WebCrypto's RSASSA-PKCS1-v1_5.
 * WebCrypto imports private keys only as PKCS#8 and public keys only as SPKI, while Chinese
 * gateways (GoPay88's x-ca scheme) issue PKCS#1 (`BEGIN RSA PRIVATE KEY`) or its bare base64. A
 * PKCS#1 key is wrapped in the outer structure WebCrypto expects (RFC 5208 §5, RFC 5280 §4.1):
 *   PrivateKeyInfo       = SEQ { INTEGER 0, AlgorithmIdentifier, OCTET STRING (RSAPrivateKey) }
 *   SubjectPublicKeyInfo = SEQ { AlgorithmIdentifier, BIT STRING (0 unused bits, RSAPublicKey) }
 *   AlgorithmIdentifier  = SEQ { OID 1.2.840.113549.1.1.1 (rsaEncryption), NULL }
 * Imported keys are cached per isolate by their text, so a request signs without re-parsing.
 */
import { fromBase64, utf8 } from './encoding'

export type RsaHash = 'SHA-1' | 'SHA-256'

const RSA_ALGORITHM_IDENTIFIER = Uint8Array.from([
  0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
])
const SEQUENCE = 0x30
const INTEGER = 0x02
const BIT_STRING = 0x03
const OCTET_STRING = 0x04

/** A DER length: short form below 128, else 0x80 | byte count, then the bytes big-endian. */
function derLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length)
  const bytes: number[] = []
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256)
  return Uint8Array.from([0x80 | bytes.length, ...bytes])
}

function der(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const content = concat(parts)
  return concat([Uint8Array.of(tag), derLength(content.length), content])
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/**
 * The outer SEQUENCE's first two elements: their tags, and whether the first is INTEGER 0 (the
 * version of a PKCS#1 or PKCS#8 private key; a public modulus is never 0).
 */
function outline(
  bytes: Uint8Array
): { tags: [number, number]; startsWithZero: boolean } | undefined {
  if (bytes[0] !== SEQUENCE || bytes[1] === undefined) return undefined
  const at = (bytes[1] & 0x80 ? bytes[1] & 0x7f : 0) + 2
  const first = bytes[at]
  const lengthByte = bytes[at + 1]
  if (first === undefined || lengthByte === undefined) return undefined
  const lengthBytes = lengthByte & 0x80 ? lengthByte & 0x7f : 0
  let length = lengthBytes ? 0 : lengthByte
  for (let i = 0; i < lengthBytes; i++) length = length * 256 + (bytes[at + 2 + i] ?? 0)
  const contentAt = at + 2 + lengthBytes
  const second = bytes[contentAt + length]
  if (second === undefined) return undefined
  return {
    tags: [first, second],
    startsWithZero: first === INTEGER && length === 1 && bytes[contentAt] === 0,
  }
}

export const wrapPkcs1PrivateKey = (pkcs1: Uint8Array): Uint8Array =>
  der(SEQUENCE, der(INTEGER, Uint8Array.of(0)), RSA_ALGORITHM_IDENTIFIER, der(OCTET_STRING, pkcs1))

export const wrapPkcs1PublicKey = (pkcs1: Uint8Array): Uint8Array =>
  der(SEQUENCE, RSA_ALGORITHM_IDENTIFIER, der(BIT_STRING, Uint8Array.of(0), pkcs1))

interface Pem {
  label: string | undefined
  der: Uint8Array
}

/** PEM text (any line breaks) or bare base64 → its label and DER bytes. */
export function readPem(text: string): Pem {
  const match = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(text)
  const body = (match ? match[2]! : text).replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw new TypeError('not PEM or base64 key text')
  return { label: match?.[1], der: fromBase64(body) }
}

/** The PKCS#8 DER of an RSA private key given as PKCS#1 or PKCS#8, PEM or bare base64. */
export function privateKeyPkcs8(text: string): Uint8Array {
  const { label, der: bytes } = readPem(text)
  if (label === 'RSA PRIVATE KEY') return wrapPkcs1PrivateKey(bytes)
  if (label === 'PRIVATE KEY') return bytes
  if (label !== undefined) throw new TypeError(`expected a private key, got ${label}`)
  // Bare base64: PKCS#8 is SEQ { INTEGER 0, SEQ …}; PKCS#1 is SEQ { INTEGER 0, INTEGER n, … }.
  const shape = outline(bytes)
  if (!shape?.startsWithZero) throw new TypeError('not an RSA private key')
  return shape.tags[1] === SEQUENCE ? bytes : wrapPkcs1PrivateKey(bytes)
}

/** The SPKI DER of an RSA public key given as SPKI or PKCS#1, PEM or bare base64. */
export function publicKeySpki(text: string): Uint8Array {
  const { label, der: bytes } = readPem(text)
  if (label === 'RSA PUBLIC KEY') return wrapPkcs1PublicKey(bytes)
  if (label === 'PUBLIC KEY') return bytes
  if (label !== undefined) throw new TypeError(`expected a public key, got ${label}`)
  // Bare base64: SPKI is SEQ { SEQ …, BIT STRING }; PKCS#1 is SEQ { INTEGER n, INTEGER e }.
  const shape = outline(bytes)
  if (shape?.tags[0] === SEQUENCE && shape.tags[1] === BIT_STRING) return bytes
  if (shape?.tags[0] === INTEGER && shape.tags[1] === INTEGER && !shape.startsWithZero)
    return wrapPkcs1PublicKey(bytes)
  throw new TypeError('not an RSA public key')
}

/** Imported keys by usage, hash and text; bounded so a long-lived isolate does not grow. */
const KEY_CACHE_MAX_ENTRIES = 256
const keyCache = new Map<string, Promise<CryptoKey>>()

function cached(cacheKey: string, load: () => Promise<CryptoKey>): Promise<CryptoKey> {
  const hit = keyCache.get(cacheKey)
  if (hit) return hit
  const loading = load()
  // A key that fails to import is not kept: the tenant may fix its configuration.
  loading.catch(() => keyCache.delete(cacheKey))
  if (keyCache.size >= KEY_CACHE_MAX_ENTRIES) keyCache.delete(keyCache.keys().next().value!)
  keyCache.set(cacheKey, loading)
  return loading
}

export const importRsaPrivateKey = (text: string, hash: RsaHash): Promise<CryptoKey> =>
  cached(`sign|${hash}|${text}`, async () =>
    crypto.subtle.importKey(
      'pkcs8',
      privateKeyPkcs8(text),
      { name: 'RSASSA-PKCS1-v1_5', hash },
      false,
      ['sign']
    )
  )

export const importRsaPublicKey = (text: string, hash: RsaHash): Promise<CryptoKey> =>
  cached(`verify|${hash}|${text}`, async () =>
    crypto.subtle.importKey(
      'spki',
      publicKeySpki(text),
      { name: 'RSASSA-PKCS1-v1_5', hash },
      false,
      ['verify']
    )
  )

type Bytes = string | Uint8Array
const bytesOf = (data: Bytes) => (typeof data === 'string' ? utf8(data) : data)

export async function rsaSign(key: CryptoKey, data: Bytes): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, bytesOf(data)))
}

export const rsaVerify = (key: CryptoKey, signature: Uint8Array, data: Bytes): Promise<boolean> =>
  crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, bytesOf(data))
