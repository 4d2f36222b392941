/**
 * @module Password rules as NIST SP 800-63B §3.1.1.2 puts them: a minimum length, no composition
 * rules, and a refusal of passwords known from breach corpora, including the usual disguises (a
 * known word with digits or symbols around it, or repeated). `securepassword123` passes.
 */

export const PASSWORD_MIN_LENGTH = 12
/** Long enough for any passphrase; bounded so one request cannot ask for megabytes of hashing. */
export const PASSWORD_MAX_LENGTH = 256

/** Keyboard walks, sequences and padded words the breach list below spells differently. */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789123',
  '111111111111',
  '000000000000',
  '123123123123',
  'qwertyuiopas',
  'qwertyuiop123',
  'qwerty123456',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'password1!password',
  'p@ssw0rd1234',
  'passw0rd1234',
  'welcome12345',
  'welcome123456',
  'administrator',
  'admin1234567',
  'adminadmin123',
  'letmein12345',
  'iloveyou1234',
  'changeme1234',
  'changeme123456',
  'trustno1trustno1',
  'football1234',
  'baseball1234',
  'superman1234',
  'sunshine1234',
  'princess1234',
  'abcdefghijkl',
  'abc123456789',
  'abcd12345678',
  'aaaaaaaaaaaa',
  'monkey123456',
  'dragon123456',
  'master123456',
  'starwars1234',
  'whatever1234',
  'secretpassword',
  'mypassword123',
  'mypassword1234',
  'defaultpassword',
  'gopaygopay123',
  // The passphrase every article about passphrases shows (xkcd 936), with or without spaces.
  'correcthorsebatterystaple',
])

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_username'

/**
 * Whether any of the candidates is on the list of about 49,000 passwords from public breach corpora
 * (zxcvbn's list, in the `breached_passwords` table): asked only when a password is set, so the
 * list costs no request and no byte of the Worker's bundle otherwise.
 */
export type BreachedPasswordLookup = (candidates: readonly string[]) => Promise<boolean>

/** `word` written two or more times in a row (`passwordpassword`, `abcabcabcabc`). */
function repeatedUnit(word: string): string | undefined {
  for (let size = 1; size <= word.length / 2; size++) {
    if (word.length % size === 0 && word.slice(0, size).repeat(word.length / size) === word)
      return word.slice(0, size)
  }
  return undefined
}

/** A repetition of one to three characters with at most two others at either end (`111111111111a`). */
function nearlyRepeated(lowered: string): boolean {
  const chars = [...lowered]
  for (let start = 0; start <= 2; start++) {
    for (let end = 0; end <= 2; end++) {
      const unit = repeatedUnit(chars.slice(start, chars.length - end).join(''))
      if (unit !== undefined && [...unit].length < 4) return true
    }
  }
  return false
}

async function isCommon(lowered: string, isBreached: BreachedPasswordLookup): Promise<boolean> {
  if (nearlyRepeated(lowered)) return true
  // Digits and symbols around a word hide little from a guesser (`iloveyou2024!`), as long as the
  // word is most of the password: long random digits around a short word are not a disguise.
  const core = lowered.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')
  const coreLength = [...core].length
  const wordDominates = coreLength >= 4 && [...lowered].length - coreLength <= coreLength
  // Spaces and separators between the words of a known phrase hide nothing either.
  const compact = lowered.replace(/[\s._-]+/g, '')
  const forms = [
    ...new Set([lowered, compact, ...(wordDominates && core !== lowered ? [core] : [])]),
  ]
  const units = forms.map(repeatedUnit).filter((unit) => unit !== undefined)
  if (units.some((unit) => [...unit].length < 4)) return true
  const candidates = [...new Set([...forms, ...units])]
  return candidates.some((form) => COMMON_PASSWORDS.has(form)) || isBreached(candidates)
}

export async function checkPassword(
  password: string,
  username: string,
  isBreached: BreachedPasswordLookup
): Promise<PasswordProblem | undefined> {
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) return 'too_short'
  if (length > PASSWORD_MAX_LENGTH) return 'too_long'
  const lowered = password.toLowerCase()
  if (await isCommon(lowered, isBreached)) return 'common'
  if (username.length >= 4 && lowered.includes(username.toLowerCase())) return 'contains_username'
  return undefined
}

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `Password must be at least ${PASSWORD_MIN_LENGTH} characters long.`,
  too_long: `Password must be at most ${PASSWORD_MAX_LENGTH} characters long.`,
  common: 'Password is on the list of commonly used passwords; choose another.',
  contains_username: 'Password must not contain the username.',
}
