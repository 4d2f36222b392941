/**
 * @module CSV as RFC 4180 writes it (CRLF line ends; a field with a comma, quote, CR or LF in double
 * quotes, quotes doubled), safe to open in a spreadsheet: a text cell starting with `=`, `+`, `-`,
 * `@`, tab or CR is prefixed with `'` so it is never read as a formula (OWASP "CSV injection").
 * Integer cells are the gateway's own numbers and stay raw, a negative one included, so the
 * minor-unit columns remain numbers a spreadsheet can sum.
 */

/** A cell: text (escaped), an integer written as is, or empty. */
export type Cell = string | number | null

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

export function csvCell(cell: Cell): string {
  if (cell === null) return ''
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell)) throw new RangeError(`CSV number ${cell} is not an integer`)
    return String(cell)
  }
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export const csvLine = (cells: readonly Cell[]) => `${cells.map(csvCell).join(',')}\r\n`
