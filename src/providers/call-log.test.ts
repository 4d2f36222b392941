import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isLuhnValid } from '../domain/cards'
import { maskBody, recordingFetch } from './call-log'

describe('provider call masking', () => {
  it('cuts card numbers to first 6 + last 4 and drops security codes in JSON', () => {
    const body = JSON.stringify({
      card: { number: '4242424242424242', cvc: '737', holder: 'J D' },
      amount: 100,
    })
    expect(JSON.parse(maskBody(body, [])!)).toEqual({
      card: { number: '424242******4242', cvc: '[redacted]', holder: 'J D' },
      amount: 100,
    })
  })

  it('masks form bodies and numbers with separators, and leaves non-card digits alone', () => {
    const masked = maskBody('cardNumber=4111 1111 1111 1111&cvv=123&orderId=1234567890123', [])!
    expect(masked).toContain('411111******1111')
    expect(masked).toContain('cvv=[redacted]')
    expect(masked).toContain('orderId=1234567890123')
  })

  it('replaces every credential value wherever it appears', () => {
    const masked = maskBody('{"note":"key sk_test_abcdef inside"}', ['sk_test_abcdef'])!
    expect(masked).not.toContain('sk_test_abcdef')
  })

  it('records each call with status and latency', async () => {
    let now = 1000
    const recorder = recordingFetch(
      async () => {
        now += 25
        return new Response('{"ok":true}', { status: 201 })
      },
      ['secret-value'],
      () => now
    )
    const res = await recorder.fetch('https://psp.example/pay?key=secret-value', {
      method: 'POST',
      body: '{"a":1}',
    })
    expect(await res.text()).toBe('{"ok":true}')
    expect(recorder.calls).toEqual([
      {
        method: 'POST',
        url: 'https://psp.example/pay?key=[redacted]',
        status: 201,
        latencyMs: 25,
        request: '{"a":1}',
        response: '{"ok":true}',
      },
    ])
  })
})

/** The digits a reader would see once separators are taken out, `+` and `%20` included. */
const withoutSeparators = (text: string): string =>
  text.replace(/[ ._/+-]|%(?:20|2[bdef]|5f)/gi, '')

describe('card numbers next to other digits or behind other separators', () => {
  it.each([
    ['x 5105105105105100 1', 'x 510510******5100 1'],
    ['5105105105105100-7', '510510******5100-7'],
    ['5105.1051.0510.5100', '510510******5100'],
  ])('leaves no card number in clear in %j', (body, expected) => {
    const masked = maskBody(body, [])!
    expect(withoutSeparators(masked)).not.toContain('5105105105105100')
    expect(masked).toBe(expected)
  })
})

describe('card numbers in other places and shapes', () => {
  it.each([
    ['underscores', '5105_1051_0510_5100'],
    ['slashes', '5105/1051/0510/5100'],
    ['a URL query, percent-encoded', 'https://psp.example/pay?pan=5105%201051%200510%205100&x=1'],
    ['a URL query, form-encoded', 'https://psp.example/pay?pan=5105+1051+0510+5100&x=1'],
    ['a longer run of digits', 'ref 2024-01-31-5105-1051-0510-5100-0042'],
    ['a JSON number', '{"number":5105105105105100}'],
    ['a 19-digit JSON number', '{"number":6212345678901234569}'],
  ])('are masked when in %s', (_, body) => {
    const masked = withoutSeparators(maskBody(body, [])!)
    expect(masked).not.toContain('5105105105105100')
    expect(masked).not.toContain('6212345678901234569')
    expect(masked).not.toContain('621234567890123')
  })

  it('keep the separators and the text around a card number inside a longer run', () => {
    const body = 'ref 1-5105-1051-0510-5100-7 ok'
    const masked = maskBody(body, [])!
    expect(masked.replace(/[\d*]/g, '#')).toBe(body.replace(/\d/g, '#'))
    expect(masked).toMatch(/^ref [\d*]-5105-1[\d*]\*\*-\*\*\*\*-5100-[\d*] ok$/)
  })

  it('take time in proportion to the length of a long run of digits', () => {
    const body = '4111 1111 1111 1111 0'.repeat(10_000)
    const started = performance.now()
    const masked = maskBody(body, [])!
    expect(performance.now() - started).toBeLessThan(2000)
    expect(withoutSeparators(masked)).not.toContain('4111111111111111')
  })
})

const SEPARATORS = [' ', '-', '.', '_', '/'] as const
const DIGIT = fc.constantFrom(...'0123456789')

/** Appends the check digit that makes `body` Luhn-valid. */
const withCheckDigit = (body: string): string =>
  `${body}${[...'0123456789'].find((digit) => isLuhnValid(`${body}${digit}`))}`

const luhnValidPan = fc
  .integer({ min: 13, max: 19 })
  .chain((length) => fc.string({ unit: DIGIT, minLength: length - 1, maxLength: length - 1 }))
  .map(withCheckDigit)

const separator = fc.oneof(
  { arbitrary: fc.constant(''), weight: 3 },
  { arbitrary: fc.constantFrom(...SEPARATORS), weight: 2 }
)

/** The PAN written with a random separator (or none) in each gap between its digits. */
const writtenPan = (pan: string) =>
  fc
    .array(separator, { minLength: pan.length - 1, maxLength: pan.length - 1 })
    .map((gaps) => [...pan].map((digit, i) => `${digit}${gaps[i] ?? ''}`).join(''))

const text = fc.string({
  unit: fc.constantFrom(...'ab Z:;,"=&?{}[]%+\\é0123456789-._/'),
  maxLength: 10,
})
const digits = fc.string({ unit: DIGIT, maxLength: 6 })
const joiner = fc.constantFrom('', ...SEPARATORS)

/** Where a value ends up in a logged body or URL. */
const PLACES: Record<string, (value: string) => string> = {
  raw: (value) => value,
  json: (value) => JSON.stringify({ card: { number: value }, amount: 100 }),
  form: (value) => `${new URLSearchParams({ cardNumber: value, amount: '100' })}`,
  formPercent: (value) => `cardNumber=${encodeURIComponent(value)}&amount=100`,
  query: (value) => new URL(`https://psp.example/pay?${new URLSearchParams({ pan: value })}`).href,
  queryPercent: (value) => new URL(`https://psp.example/pay?pan=${encodeURIComponent(value)}`).href,
}

const canary = luhnValidPan.chain((pan) =>
  fc.record({
    pan: fc.constant(pan),
    body: fc
      .tuple(
        text,
        digits,
        joiner,
        writtenPan(pan),
        joiner,
        digits,
        text,
        fc.constantFrom(...Object.values(PLACES))
      )
      .map(([before, digitsBefore, join1, written, join2, digitsAfter, after, place]) =>
        place(`${before}${digitsBefore}${join1}${written}${join2}${digitsAfter}${after}`)
      ),
  })
)

/** Every run of 7 digits among the PAN's middle ones, those that must never be shown. */
const middleRuns = (pan: string): string[] => {
  const middle = pan.slice(6, -4)
  return Array.from({ length: Math.max(0, middle.length - 6) }, (_, i) => middle.slice(i, i + 7))
}

describe('card number masking, fuzzed with canaries', () => {
  it('never shows a card number or 7 of its middle digits in a row', () => {
    fc.assert(
      fc.property(canary, ({ pan, body }) => {
        const shown = withoutSeparators(maskBody(body, []) ?? '')
        expect(shown).not.toContain(pan)
        for (const run of middleRuns(pan)) expect(shown).not.toContain(run)
      }),
      { seed: 42, numRuns: 2000 }
    )
  })
})
