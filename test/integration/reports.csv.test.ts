/**
 * `GET /v1/reports?format=csv`: over 4,000 generated payments the CSV parses back (RFC 4180) to
 * the numbers of the JSON report, and it defuses formula cells, a negative net included, so that
 * no spreadsheet runs them.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { call } from '../helpers/http'
import { report, seedReportData, single, store } from '../helpers/reports'
import { createTestTenant, type TestTenant } from '../helpers/tenant'

let tenants: TestTenant[]

beforeAll(async () => {
  const data = await seedReportData()
  tenants = data.tenants
})

/** RFC 4180: fields split on commas outside quotes, quotes doubled inside, records end in CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let i = 0
  let quoted = false
  while (i < text.length) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i += 2
      } else if (ch === '"') {
        quoted = false
        i++
      } else {
        field += ch
        i++
      }
    } else if (ch === '"') {
      quoted = true
      i++
    } else if (ch === ',') {
      record.push(field)
      field = ''
      i++
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i += 2
    } else {
      field += ch
      i++
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record has no CRLF')
  return records
}

describe('the CSV report', () => {
  it('parses back to the numbers of the JSON report', async () => {
    const tenant = tenants[0]!
    const query = 'period=daily&from=2025-01-01&to=2025-12-31&timezone=Europe/Istanbul'
    const json = await report(tenant, query)
    const res = await call<string>('GET', `/v1/reports?${query}&format=csv`, {
      token: tenant.token,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('Content-Disposition')).toBe(
      'attachment; filename="report-daily-2025-01-01-2025-12-31.csv"'
    )
    const [header, ...records] = parseCsv(res.body)
    const at = (record: string[], name: string) => record[header!.indexOf(name)]!
    const sales = records.filter((r) => at(r, 'section') === 'sales')
    const tax = records.filter((r) => at(r, 'section') === 'tax')
    expect(sales.length).toBe(json.body.rows.length)
    expect(tax.length).toBe(json.body.tax.length)
    const byKey = new Map(
      json.body.rows.map((r) => [`${r.periodStart}|${r.currency}|${r.provider}`, r])
    )
    for (const record of sales) {
      const row = byKey.get(
        `${at(record, 'period_start')}|${at(record, 'currency')}|${at(record, 'provider')}`
      )!
      expect(Number(at(record, 'gross_minor'))).toBe(row.grossMinor)
      expect(Number(at(record, 'refunds_minor'))).toBe(row.refundsMinor)
      expect(Number(at(record, 'chargebacks_minor'))).toBe(row.chargebacksMinor)
      expect(Number(at(record, 'net_minor'))).toBe(row.netMinor)
      expect(Number(at(record, 'successful_count'))).toBe(row.successfulCount)
      expect(at(record, 'net')).toBe(row.netMinor < 0 ? `'${row.net}` : row.net)
      expect(at(record, 'provider_fees')).toBe('')
    }
    const taxTotal = tax.reduce((sum, r) => sum + Number(at(r, 'tax_minor') || 0), 0)
    expect(taxTotal).toBe(json.body.tax.reduce((sum, t) => sum + (t.taxMinor ?? 0), 0))
  })

  it('defuses formula cells and writes a negative net that no spreadsheet runs', async () => {
    const tenant = await createTestTenant()
    const march = Date.parse('2026-03-10T12:00:00Z')
    const evil = single(tenant, march, 5000, { provider: '=HYPERLINK("http://x","y"),@' })
    const refunded = single(tenant, march, 7000, { status: 'refunded', refunded: 7000 })
    await store(
      [evil, refunded],
      [{ payment: refunded, amount: 7000, status: 'succeeded', createdAt: Date.UTC(2026, 3, 2) }]
    )
    const res = await call<string>(
      'GET',
      '/v1/reports?period=monthly&from=2026-03-01&to=2026-04-30&format=csv',
      { token: tenant.token }
    )
    expect(res.status).toBe(200)
    expect(res.body).toContain(`,"'=HYPERLINK(""http://x"",""y""),@",`)
    const [header, ...records] = parseCsv(res.body)
    const at = (record: string[], name: string) => record[header!.indexOf(name)]!
    const april = records.find((r) => at(r, 'period_start') === '2026-04-01')!
    expect(at(april, 'net_minor')).toBe('-7000')
    expect(at(april, 'net')).toBe("'-70.00")
    for (const record of records) {
      for (const cell of record) expect(cell).not.toMatch(/^[=+@\t\r]/)
    }
  })
})
