/**
 * The deliberately slow part: password hashing (600,000 PBKDF2-SHA256 iterations in 6 calls).
 * Target: under 200 ms per hash in workerd; it runs only on registration and sign-in.
 */
import { bench, describe } from 'vitest'
import { hashPassword } from '../src/auth/passwords'

describe('passwords', () => {
  bench(
    'hash a password',
    async () => {
      await hashPassword('securepassword123')
    },
    { iterations: 10 }
  )
})
