/**
 * @module Stripe's request encoding, as stripe-node writes it (`src/utils.ts`,
 * `queryStringifyRequestData`, tests in `test/utils.spec.ts`): nested objects as `a[b][c]=v`,
 * arrays indexed (`a[0][b]=c`), `null` as an empty value, `undefined` left out, keys and values
 * through `encodeURIComponent` with `! * ( ) '` also escaped and `[` `]` left literal. The same
 * encoding serves POST bodies and GET query strings.
 */

export type FormValue = string | number | boolean | null | undefined | FormObject | FormValue[]
export interface FormObject {
  [key: string]: FormValue
}

const encodeComponent = (text: string) =>
  encodeURIComponent(text)
    .replace(/!/g, '%21')
    .replace(/\*/g, '%2A')
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/'/g, '%27')
    // stripe-node leaves brackets readable; Stripe accepts them either way
    .replace(/%5B/g, '[')
    .replace(/%5D/g, ']')

/** Encodes `params` exactly as stripe-node sends them. */
export function encodeForm(params: FormObject): string {
  const pairs: string[] = []
  const add = (key: string, value: FormValue): void => {
    if (value === undefined) return
    if (value === null || typeof value !== 'object') {
      pairs.push(`${encodeComponent(key)}=${encodeComponent(value === null ? '' : String(value))}`)
      return
    }
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) add(`${key}[${index}]`, item)
      return
    }
    for (const [inner, item] of Object.entries(value)) add(`${key}[${inner}]`, item)
  }
  for (const [key, value] of Object.entries(params)) add(key, value)
  return pairs.join('&')
}
