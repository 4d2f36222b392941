// DOM and formatting helpers. Everything the API says reaches the page as text (textContent),
// never as markup, so a hostile payment message or webhook URL cannot become script.

/** `el('td', { className: 'num' }, 'text', otherNode)`: props are DOM properties, not HTML. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(props)) {
    if (key === 'dataset') Object.assign(node.dataset, value)
    else if (value !== undefined) node[key] = value
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false))
  return node
}

/**
 * Fills a `<table>`: `columns` are `[heading, (row) => text or node, className?]`. An empty list
 * shows `empty` in one row. `rowProps(row)` gives each `<tr>` its properties (dataset, …).
 */
export function fillTable(table, columns, rows, { empty = 'Nothing yet.', rowProps } = {}) {
  // A header takes its column's class, so number columns line up right under their heading.
  const head = el(
    'thead',
    {},
    el('tr', {}, ...columns.map(([title, , className]) => el('th', { className }, title)))
  )
  const body = el('tbody')
  appendRows(body, columns, rows, rowProps)
  if (rows.length === 0) {
    body.append(el('tr', {}, el('td', { colSpan: columns.length, className: 'empty' }, empty)))
  }
  table.replaceChildren(head, body)
}

/** Adds rows to a table `fillTable` made (a "More" page). */
export function appendRows(body, columns, rows, rowProps) {
  for (const row of rows) body.append(rowOf(columns, row, rowProps))
}

export function rowOf(columns, row, rowProps) {
  return el(
    'tr',
    rowProps ? rowProps(row) : {},
    ...columns.map(([, cell, className]) => el('td', { className }, cellValue(cell(row))))
  )
}

const cellValue = (value) => (value instanceof Node ? value : String(value ?? '—'))

export const clear = (...nodes) => {
  for (const node of nodes) node.replaceChildren()
}

// ISO 4217 minor-unit exponents other than 2 (the same table as src/domain/money.ts).
// biome-ignore format: a table reads better in rows
const EXPONENTS = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
}
const integers = new Intl.NumberFormat()

/** `10050, 'TRY'` → `100.50 TRY`, exactly: the digits are cut, never divided as floats. */
export function money(minor, currency) {
  const exponent = EXPONENTS[currency] ?? 2
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0')
  const whole = integers.format(BigInt(digits.slice(0, digits.length - exponent)))
  const fraction = exponent > 0 ? `.${digits.slice(-exponent)}` : ''
  return `${minor < 0 ? '−' : ''}${whole}${fraction} ${currency}`
}

export const count = (n) => integers.format(n)

export const percent = (rate) =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)} %`

export const time = (iso) => (iso ? new Date(iso).toLocaleString() : '—')

/** A `<pre>` in a `<details>`: request and response bodies, shown on demand. */
export function disclosure(summary, text) {
  return el('details', {}, el('summary', {}, summary), el('pre', {}, text ?? '(none)'))
}
