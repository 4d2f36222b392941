/**
 * Canaries: distinctive secrets and card numbers planted through the public API, then looked for
 * everywhere the gateway keeps or says something (every D1 row, every KV entry, every Durable
 * Object's storage, the console, every answer, queued message and merchant webhook), in clear, URL-
 * and JSON-escaped, hex and base64. The scenario (`test/canaries/`) walks the flows that carry them:
 * sign-up and sign-in, API keys, webhook endpoints, direct, 3-D Secure and hosted payments with six
 * providers and the sandbox, declines, refunds, provider faults, wrong credentials, notifications,
 * webhook deliveries, the cron, card numbers in the wrong field, and every read-back route and
 * page. Each scan also proves it saw the data (the sealed rows, the masked card numbers), so none
 * passes vacuously.
 */
import { env } from 'cloudflare:workers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toHex, utf8 } from '../../src/crypto/encoding'
import { TEST_CARDS } from '../../src/providers/sandbox/mapping'
import { Planted } from '../canaries/planted'
import {
  type Canary,
  captureConsole,
  d1Rows,
  durableObjectRows,
  type Exchange,
  kvEntries,
  type Place,
  recordGateway,
  securityCodePairs,
  sightings,
} from '../canaries/scan'
import { runScenario, type ScenarioRun } from '../canaries/scenario'
import { recordingEnv } from '../helpers/webhooks'

const SCENARIO_TIMEOUT_MS = 300_000

const planted = new Planted()
const recording = recordingEnv()
const gateway = recordGateway(recording.env)
const logs = captureConsole()
let run: ScenarioRun
let exchanges: Exchange[] = []

beforeAll(async () => {
  run = await runScenario(planted, recording.sent)
  exchanges = await gateway.exchanges()
}, SCENARIO_TIMEOUT_MS)

afterAll(() => {
  gateway.restore()
  logs.restore()
})

/** Every answer of the Worker: API, errors, pages, redirects. */
const answers = () => exchanges.map((e) => e.place)
/** What the Worker queued and what merchant endpoints received. */
const queued = (): Place[] => [
  ...recording.sent.map((m, i) => ({ where: `queue message ${i}`, text: JSON.stringify(m) })),
  ...run.webhooks.map((w, i) => ({
    where: `merchant webhook ${i}`,
    text: `${w.url}\n${JSON.stringify(w.headers)}\n${w.body}`,
  })),
]

async function everywhere(): Promise<Place[]> {
  return [
    ...(await d1Rows()),
    ...(await kvEntries()),
    ...(await durableObjectRows()),
    ...logs.lines(),
    ...answers(),
    ...queued(),
  ]
}

/** Pages made of code alone, the same for everyone: the demo offers the sandbox's test cards. */
const DOCUMENTATION = /^GET \/(demo|docs)\b/
const isPublishedTestCard = (canary: Canary) => canary.value in TEST_CARDS

describe('canaries', () => {
  it('are recognised however they are encoded, and a security code by its field name', () => {
    const probe = { label: 'probe', value: 'CANARY-SECRET-probe-1f2e3d' }
    // Base64 of the value behind 0, 1 and 2 bytes of something else, as in a Basic header.
    const encoded = ['', 'k:', 'key:'].map((prefix) => `Basic ${btoa(`${prefix}${probe.value}`)}`)
    const forms = [
      ...encoded,
      ...encoded.map((form) => form.replace(/\+/g, '-').replace(/\//g, '_')),
      `key=${toHex(utf8(probe.value))}`,
      `{"key":${JSON.stringify(probe.value)}}`,
    ]
    const places = forms.map((text, i) => ({ where: `form ${i}`, text }))
    expect(sightings(places, [probe])).toHaveLength(forms.length)
    expect(sightings([{ where: 'masked', text: 'CANA…3d2' }], [probe])).toEqual([])
    const pairs = [
      '{"cvc":"987"}',
      'cvv=987',
      'payment_method_data%5Bcard%5D%5Bcvc%5D=987',
      '{"securityCode": 1234}',
    ]
    const clean = ['{"cvc_check":"pass"}', '{"cvc":"[redacted]"}', 'cvv=[redacted]']
    const asPlaces = (texts: string[]) => texts.map((text, i) => ({ where: `${i}`, text }))
    expect(securityCodePairs(asPlaces(pairs))).toHaveLength(pairs.length)
    expect(securityCodePairs(asPlaces(clean))).toEqual([])
  })

  it('are planted and heard: the scans see the data they look through', async () => {
    expect(planted.secrets.length).toBeGreaterThanOrEqual(25)
    expect(planted.cardNumbers.length).toBeGreaterThanOrEqual(20)
    expect(run.tenants).toHaveLength(8)
    const lines = logs.lines().map((l) => l.text)
    expect(lines.some((l) => l.includes('"event":"login_failed"'))).toBe(true)
    expect(lines.some((l) => l.includes('"event":"cron_job"'))).toBe(true)
    expect(exchanges.length).toBeGreaterThan(100)
    const pages = exchanges.filter((e) => /content-type: text\/html/i.test(e.place.text))
    expect(pages.length).toBeGreaterThanOrEqual(8)
    expect(exchanges.some((e) => e.path.startsWith('/v1/pay/') && e.status === 200)).toBe(true)
    expect(exchanges.some((e) => e.status === 400)).toBe(true)
    expect(run.webhooks.length).toBeGreaterThan(10)
    expect((await kvEntries()).length).toBeGreaterThan(0)
    expect((await durableObjectRows()).length).toBeGreaterThan(0)
  })

  it('find provider credentials sealed at rest and nowhere in clear, hex or base64', async () => {
    const sealed = await env.DB.prepare(
      'SELECT tenant_id, provider, sealed_config FROM provider_configs'
    ).all<{ tenant_id: string; provider: string; sealed_config: string }>()
    expect(sealed.results.length).toBe(12)
    for (const row of sealed.results) expect(row.sealed_config).toMatch(/^v2\.[0-9a-f]{8}\./)
    const kv = await kvEntries()
    expect(kv.some((e) => e.where.startsWith('KV cfg:'))).toBe(true)
    const seen = sightings(await everywhere(), planted.secrets)
    expect(seen).toEqual([])
  })

  it('find every card number only as first 6 and last 4, and no security code', async () => {
    const places = await everywhere()
    const data = places.filter((p) => !DOCUMENTATION.test(p.where))
    const documentation = places.filter((p) => DOCUMENTATION.test(p.where))
    expect(documentation.length).toBeGreaterThanOrEqual(3)
    expect(sightings(data, planted.cardNumbers)).toEqual([])
    expect(
      sightings(
        documentation,
        planted.cardNumbers.filter((c) => !isPublishedTestCard(c))
      )
    ).toEqual([])
    expect(securityCodePairs(places)).toEqual([])
    const masked = await env.DB.prepare('SELECT card_masked FROM payments').all<{
      card_masked: string | null
    }>()
    const shown = masked.results.map((r) => r.card_masked)
    expect(shown).toContain('589004******0016')
    expect(shown).toContain('424242******4242')
    expect(shown).toContain('374427*****0003')
    const logged = places.filter((p) => p.where.startsWith('D1 provider_logs')).map((p) => p.text)
    for (const form of ['589004******0016', '555555******4444', '435508******4358']) {
      expect(logged.some((text) => text.includes(form))).toBe(true)
    }
    expect(logged.some((text) => text.includes('[redacted]'))).toBe(true)
    expect(answers().some((a) => a.text.includes('460345******0000'))).toBe(true)
    // The card numbers sent where none belongs are kept, masked, where they were sent.
    const misplaced = await env.DB.prepare(
      "SELECT description, order_id, customer_phone, items FROM payments WHERE description LIKE 'card %'"
    ).first<{ description: string; order_id: string; customer_phone: string; items: string }>()
    expect(misplaced).toEqual({
      description: 'card 453914******6467 as the shopper typed it',
      order_id: 'order-601100******0131',
      customer_phone: '356600******0505',
      items: expect.stringContaining('Gift card 630495******0000'),
    })
  })

  it('show API keys, webhook secrets and refresh tokens once, in the answer that made them', async () => {
    const { shownOnce } = planted
    // Three refresh tokens, an API key, and two webhook secrets for each of seven tenants.
    expect(shownOnce).toHaveLength(3 + 1 + 2 * 7)
    const stored = [
      ...(await d1Rows()),
      ...(await kvEntries()),
      ...(await durableObjectRows()),
      ...logs.lines(),
      ...queued(),
    ]
    expect(sightings(stored, shownOnce)).toEqual([])
    for (const canary of shownOnce) {
      const seen = sightings(answers(), [canary])
      expect(
        seen.map((s) => s.where),
        canary.label
      ).toHaveLength(1)
    }
  })
})
