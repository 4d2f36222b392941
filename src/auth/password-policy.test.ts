import { env } from 'cloudflare:workers'
import { dictionary } from '@zxcvbn-ts/language-common'
import { describe, expect, it } from 'vitest'
import { createDb } from '../db/client'
import { breachedPasswordLookup } from '../db/repos/breached-passwords'
import { checkPassword as checkWith } from './password-policy'

const checkPassword = (password: string, username: string) =>
  checkWith(password, username, breachedPasswordLookup(createDb(env.DB)))

describe('password policy', () => {
  it("accepts the GoPay README's password", async () => {
    expect(await checkPassword('securepassword123', 'admin')).toBeUndefined()
  })

  it('needs 12 characters and imposes no composition rules', async () => {
    expect(await checkPassword('short-pass1', 'admin')).toBe('too_short')
    expect(await checkPassword('alllowercaseletters', 'admin')).toBeUndefined()
    expect(await checkPassword('violet tractor pickle sunrise', 'admin')).toBeUndefined()
  })

  it('counts characters, not bytes', async () => {
    expect(await checkPassword('şifreşifreşi', 'admin')).toBeUndefined()
    expect(await checkPassword('🔑🔑🔑🔑🔑🔑', 'admin')).toBe('too_short')
  })

  it('refuses common passwords whatever their case', async () => {
    expect(await checkPassword('Password1234', 'admin')).toBe('common')
    expect(await checkPassword('123456789012', 'admin')).toBe('common')
  })

  it('refuses long passwords from breach corpora', async () => {
    for (const password of ['1qaz2wsx3edc4rfv', 'leavemealone', 'Unbelievable', 'finalfantasy'])
      expect(await checkPassword(password, 'admin'), password).toBe('common')
  })

  it('sees through digits and symbols around a known word, and repetition', async () => {
    for (const password of [
      'iloveyou2024!',
      '!!sunshine!!2026',
      '2026trustno1',
      'monkeymonkey',
      'DragonDragonDragon',
      'abcabcabcabc',
      '121212121212',
    ])
      expect(await checkPassword(password, 'admin'), password).toBe('common')
    expect(await checkPassword('sunshine over the hills', 'admin')).toBeUndefined()
  })

  it('judges a short word inside long random digits and symbols by the whole password', async () => {
    for (const password of ['9301847562!ryan', '8302-9571-4418-cool', '7394#!ee!#2810'])
      expect(await checkPassword(password, 'admin'), password).toBeUndefined()
  })

  it('refuses a repeated character with a letter added, and the best-known passphrase', async () => {
    for (const password of [
      '111111111111a',
      'a111111111111',
      'x0000000000000!',
      'correcthorsebatterystaple',
      'Correct Horse Battery Staple',
      'correct-horse-battery-staple',
    ])
      expect(await checkPassword(password, 'admin'), password).toBe('common')
  })

  it('refuses passwords that contain the username', async () => {
    expect(await checkPassword('merchant-acme-2026!', 'acme')).toBe('contains_username')
  })

  it('bounds the length', async () => {
    expect(await checkPassword('a'.repeat(257), 'admin')).toBe('too_long')
  })

  it('checks against exactly the breach list of zxcvbn, which the migration seeds', async () => {
    const { results } = await env.DB.prepare('SELECT password FROM breached_passwords').all<{
      password: string
    }>()
    const seeded = results.map((row) => row.password).sort()
    const list = [...new Set(dictionary['passwords-common'] as string[])].sort()
    expect(seeded.length).toBe(list.length)
    expect(seeded).toEqual(list)
  })
})
