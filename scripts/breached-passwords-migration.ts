/**
 * @module Writes `migrations/0014_breached_passwords.sql`: the table the password policy checks,
 * seeded with zxcvbn's list of passwords from public breach corpora (`@zxcvbn-ts/language-common`,
 * a dev dependency). Run again after updating that package; the migration must then be a new one
 * for databases that already applied this.
 */
import { writeFileSync } from 'node:fs'
import { dictionary } from '@zxcvbn-ts/language-common'

const MIGRATION = 'migrations/0014_breached_passwords.sql'
/** Rows per INSERT: D1 limits one statement to 100 KB. */
const ROWS_PER_STATEMENT = 1000

const quoted = (value: string) => `('${value.replaceAll("'", "''")}')`
const passwords = [...new Set(dictionary['passwords-common'] as string[])]
const statements = [
  'CREATE TABLE `breached_passwords` (\n\t`password` text PRIMARY KEY NOT NULL\n);',
]
for (let start = 0; start < passwords.length; start += ROWS_PER_STATEMENT) {
  const rows = passwords.slice(start, start + ROWS_PER_STATEMENT).map(quoted)
  statements.push(`INSERT INTO \`breached_passwords\` (\`password\`) VALUES ${rows.join(',')};`)
}
writeFileSync(MIGRATION, `${statements.join('\n--> statement-breakpoint\n')}\n`)
console.log(`${MIGRATION}: ${passwords.length} passwords`)
