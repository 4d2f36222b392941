/**
 * Fast-check input generators for the route fuzzing in test/helpers/route-fuzz.ts: headers (content
 * types, Idempotency-Key and others), query strings, path segments that are not the tenant's ids,
 * bodies broken from a route's documented example (wrong values, extra keys, odd number tokens, deep
 * nesting, huge sizes, invalid UTF-8, text that is not JSON), and amounts with too many decimals for
 * JPY, TRY and KWD. Also the JSON helpers the bodies are built with.
 */
import fc from 'fast-check'
import { newId } from '../../src/domain/ids'

const printableAscii = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c))
/** Header values are byte strings: Latin-1 without control characters, or Request itself throws. */
const headerByte = printableAscii
const headerValue = fc.oneof(
  fc.string({ unit: headerByte, maxLength: 40 }),
  fc.string({ unit: printableAscii, minLength: 256, maxLength: 2000 })
)

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  'application/problem+json',
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/octet-stream',
  '',
  ';;;',
  'json',
]

const EXTRA_HEADER_NAMES = [
  'Accept',
  'Accept-Encoding',
  'Content-Encoding',
  'Content-Language',
  'Cookie',
  'Origin',
  'Referer',
  'X-Forwarded-For',
  'X-Request-Id',
  'CF-Connecting-IP',
  'CF-IPCountry',
  'X-Api-Key',
  'If-Match',
]

const headerName = fc.oneof(
  fc.constantFrom(...EXTRA_HEADER_NAMES),
  fc.stringMatching(/^X-[A-Za-z0-9-]{1,20}$/)
)

/** Content type (or none), Idempotency-Key (valid, invalid or none) and a few other headers. */
export const headersArb = fc.record({
  contentType: fc.option(fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerValue), {
    freq: 3,
    nil: undefined,
  }),
  idempotencyKey: fc.option(
    fc.oneof(fc.string({ unit: printableAscii, minLength: 1, maxLength: 300 }), headerValue),
    { freq: 3, nil: undefined }
  ),
  extra: fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
})

const ODD_QUERY_TEXT = ['%', '%zz', '%FF', '%C3%28', '%E0%A4%A', '%00', '&&==', 'a[b]=1', '?', ';']

export const queryArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  fc
    .array(fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 })), { maxLength: 5 })
    .map((pairs) => `?${new URLSearchParams(pairs)}`),
  fc
    .array(fc.oneof(fc.constantFrom(...ODD_QUERY_TEXT), fc.string({ unit: printableAscii })), {
      maxLength: 6,
    })
    .map((parts) => `?${parts.join('').replace(/#/g, '%23')}`),
  fc.constant(`?x=${'y'.repeat(10_000)}`)
)

const ODD_SEGMENTS = ['%', '%zz', '%FF', '%C3%28', '%E0%A4%A', '%2F', '%00', '..', '.', ' ', '%20']

/** A path segment that is not a valid id of this tenant: random text, odd escapes, foreign ids. */
export const randomSegment = fc.oneof(
  fc.string({ maxLength: 80 }).map(encodeURIComponent),
  fc.constantFrom(...ODD_SEGMENTS),
  fc
    .constantFrom('payment', 'apiKey', 'webhookEndpoint', 'webhookMessage', 'refund')
    .map((kind) => newId(kind as Parameters<typeof newId>[0])),
  fc.constant('a'.repeat(3000))
)

const oddNumbers = fc.constantFrom(
  1e308,
  -1e308,
  5e-324,
  -1,
  0,
  Number.MAX_SAFE_INTEGER + 2,
  0.1 + 0.2,
  123456789012345.67
)

/** A value of some other type than the field wants, or an extreme one of the same type. */
const wrongValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  oddNumbers,
  fc.string({ maxLength: 50 }),
  fc.constant('x'.repeat(70_000)),
  fc.constant(Array.from({ length: 2000 }, (_, i) => i)),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  // Amounts that parse: smaller or larger than what the payment has, as number or text.
  fc.integer({ min: 1, max: 10_000_000 }).map((cents) => cents / 100),
  fc.integer({ min: 1, max: 10_000_000 }).map((cents) => (cents / 100).toFixed(2))
)

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Every path to a value inside a body, to pick one to break. */
export function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix]
  const entries = Array.isArray(value)
    ? value.map((item, i) => [i, item] as const)
    : Object.entries(value)
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key]))]
}

export function replacedAt(body: Json, path: (string | number)[], value: Json | undefined): Json {
  if (path.length === 0) return value ?? null
  const copy = structuredClone(body) as Record<string | number, Json>
  let node = copy
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>
  const last = path.at(-1)!
  if (value === undefined) delete node[last]
  else node[last] = value
  return copy
}

/** Bytes that are never valid UTF-8: stray continuation, overlong, surrogate, truncated, 0xFF. */
const INVALID_UTF8 = [
  [0xff],
  [0xfe, 0xff],
  [0x80],
  [0xc3, 0x28],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf0, 0x90, 0x28, 0xbc],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
]

const NUMBER_TOKENS = [
  '1e400',
  '-1e400',
  '1e-400',
  '100.000000000000000000001',
  '00012',
  '-0',
  '1E2',
  '123456789012345678901234567890',
  '0x10',
  'NaN',
  'Infinity',
  '.5',
  '5.',
]

/** The body's bytes, from malformed JSON to one of the templates with one field broken. */
export function bodyArb(templates: Json[]) {
  return fc.constantFrom(...templates).chain(bodyFrom)
}

function bodyFrom(template: Json) {
  const templateText = JSON.stringify(template)
  const paths = pathsOf(template)
  const broken = fc
    .tuple(fc.constantFrom(...paths), fc.option(wrongValue, { nil: undefined }))
    .map(([path, value]) => JSON.stringify(replacedAt(template, path, value as Json)))
  const withExtraKeys = fc
    .dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
    .map((extra) =>
      JSON.stringify(
        typeof template === 'object' && template && !Array.isArray(template)
          ? { ...extra, ...template }
          : extra
      )
    )
  const rawNumber = fc
    .tuple(fc.constantFrom(...paths), fc.constantFrom(...NUMBER_TOKENS))
    .map(([path, token]) =>
      JSON.stringify(replacedAt(template, path, '__NUMBER__')).replace('"__NUMBER__"', token)
    )
  const deepNesting = fc
    .tuple(fc.integer({ min: 50, max: 30_000 }), fc.boolean())
    .map(([depth, objects]) =>
      objects
        ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
        : `${'['.repeat(depth)}${']'.repeat(depth)}`
    )
  const huge = fc
    .integer({ min: 60_000, max: 200_000 })
    .map((size) => JSON.stringify({ ...(template as object), padding: 'x'.repeat(size) }))
  const invalidUtf8 = fc
    .tuple(fc.nat(), fc.constantFrom(...INVALID_UTF8), fc.boolean())
    .map(([at, bytes, insideString]) => {
      const text = insideString
        ? JSON.stringify(replacedAt(template, paths.at(-1)!, '__BYTES__'))
        : templateText
      const encoded = new TextEncoder().encode(text)
      const marker = insideString ? text.indexOf('__BYTES__') : at % (encoded.length + 1)
      const cut = insideString ? new TextEncoder().encode(text.slice(0, marker)).length : marker
      const tail = insideString ? cut + '__BYTES__'.length : cut
      const out = new Uint8Array(cut + bytes.length + encoded.length - tail)
      out.set(encoded.subarray(0, cut))
      out.set(bytes, cut)
      out.set(encoded.subarray(tail), cut + bytes.length)
      return out
    })
  const notJson = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.nat().map((n) => templateText.slice(0, n % Math.max(templateText.length, 1))),
    fc.constantFrom('', ' ', 'null', 'undefined', '{', '}', '[]', '""', '\u0000', 'a=1&b=2')
  )
  return fc.oneof(
    { weight: 4, arbitrary: broken },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: withExtraKeys },
    { weight: 1, arbitrary: rawNumber },
    { weight: 1, arbitrary: deepNesting },
    { weight: 1, arbitrary: huge },
    { weight: 2, arbitrary: invalidUtf8 },
    { weight: 2, arbitrary: notJson },
    { weight: 1, arbitrary: fc.constant(undefined) }
  )
}

/** Zero to six decimals more than the currency has (JPY 0, TRY 2, KWD 3); the last one not 0. */
function tooManyDecimals(exponent: number) {
  return fc
    .tuple(
      fc.integer({ min: 0, max: 99_999 }),
      fc.integer({ min: exponent + 1, max: exponent + 6 }),
      fc.nat(),
      fc.boolean()
    )
    .map(([whole, places, fractionSeed, asString]) => {
      const fraction = `${String(fractionSeed).padStart(places, '0').slice(-places, -1)}${
        (fractionSeed % 9) + 1
      }`.padStart(places, '0')
      const text = `${whole}.${fraction}`
      // A JSON number keeps its digits only within double precision; otherwise send the text.
      return asString || text.replace('.', '').replace(/^0+/, '').length > 15 ? text : Number(text)
    })
}

export const DECIMAL_CURRENCIES = [
  { currency: 'JPY', exponent: 0 },
  { currency: 'TRY', exponent: 2 },
  { currency: 'KWD', exponent: 3 },
] as const

/** A currency paired with an amount that has more decimals than that currency allows. */
export const tooPreciseAmount = fc
  .constantFrom(...DECIMAL_CURRENCIES)
  .chain(({ currency, exponent }) => fc.tuple(fc.constant(currency), tooManyDecimals(exponent)))
