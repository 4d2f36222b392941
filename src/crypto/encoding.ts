/** @module Byte ↔ text encodings used across signing, sealing and token formats. */

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export const utf8 = (text: string): Uint8Array => encoder.encode(text)
export const fromUtf8 = (bytes: ArrayBuffer | Uint8Array): string => decoder.decode(bytes)

const asBytes = (data: ArrayBuffer | Uint8Array): Uint8Array =>
  data instanceof Uint8Array ? data : new Uint8Array(data)

export function toHex(data: ArrayBuffer | Uint8Array): string {
  let out = ''
  for (const b of asBytes(data)) out += b.toString(16).padStart(2, '0')
  return out
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || /[^0-9a-f]/i.test(hex)) throw new TypeError('invalid hex')
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

export function toBase64(data: ArrayBuffer | Uint8Array): string {
  let binary = ''
  for (const b of asBytes(data)) binary += String.fromCharCode(b)
  return btoa(binary)
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text)
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

export const toBase64Url = (data: ArrayBuffer | Uint8Array): string =>
  toBase64(data).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

export function fromBase64Url(text: string): Uint8Array {
  if (/[^A-Za-z0-9_-]/.test(text)) throw new TypeError('invalid base64url')
  const padded = text.replace(/-/g, '+').replace(/_/g, '/')
  return fromBase64(padded + '='.repeat((4 - (padded.length % 4)) % 4))
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** Base62 of a byte string, big-endian, fixed width for a given byte length. */
export function toBase62(data: Uint8Array): string {
  let n = 0n
  for (const b of data) n = (n << 8n) | BigInt(b)
  const width = Math.ceil((data.length * 8) / Math.log2(62))
  let out = ''
  while (n > 0n) {
    out = BASE62[Number(n % 62n)] + out
    n /= 62n
  }
  return out.padStart(width, '0')
}
