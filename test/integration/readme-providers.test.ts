/**
 * The README's provider table says what each provider can do; `GET /v1/providers` is what the
 * gateway does. They must agree, row by row, for every provider the gateway speaks.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import readme from '../../README.md?raw'
import type { Capabilities } from '../../src/providers/types'
import { call } from '../helpers/http'

interface Listed {
  id: string
  experimental: boolean
  capabilities: Capabilities
}

const COLUMNS = [
  'provider',
  'cards',
  'threeDS',
  'hosted',
  'capture',
  'cancel',
  'refund',
  'recurring',
  'notifications',
] as const

/** The table's rows by provider id: `| \`stripe\` | yes | … |`. */
function tableRows() {
  const rows = new Map<string, Record<(typeof COLUMNS)[number], string>>()
  for (const line of readme.split('\n')) {
    const id = line.match(/^\| `([a-z0-9]+)`/)?.[1]
    if (!id) continue
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim())
    if (cells.length !== COLUMNS.length) continue
    rows.set(id, Object.fromEntries(COLUMNS.map((name, i) => [name, cells[i]!])) as never)
  }
  return rows
}

let providers: Listed[]

beforeAll(async () => {
  providers = (await call<{ data: Listed[] }>('GET', '/v1/providers')).body.data
})

describe("the README's provider table", () => {
  it('has a row for every provider, and only for those', () => {
    expect([...tableRows().keys()].sort()).toEqual(providers.map((p) => p.id).sort())
    expect(providers).toHaveLength(12)
  })

  it('says yes or no exactly where the capabilities do', () => {
    const rows = tableRows()
    for (const { id, capabilities: can, experimental } of providers) {
      const row = rows.get(id)!
      const yes = (cell: string) => cell.startsWith('yes')
      const no = (cell: string) => cell.startsWith('no')
      expect(yes(row.cards), `${id} cards`).toBe(can.card)
      expect(yes(row.threeDS), `${id} 3-D Secure`).toBe(can.threeDS)
      expect(no(row.hosted), `${id} hosted`).toBe(!can.hosted)
      expect(no(row.capture), `${id} capture`).toBe(!can.capture)
      expect(no(row.cancel), `${id} cancel`).toBe(!can.cancel)
      expect(no(row.refund), `${id} refund`).toBe(!can.refund)
      expect(no(row.recurring), `${id} recurring`).toBe(!can.recurring)
      expect(row.notifications.startsWith('none'), `${id} notifications`).toBe(!can.webhooks)
      expect(row.provider.includes('experimental'), `${id} experimental`).toBe(experimental)
    }
  })
})
