import { describe, expect, it } from 'vitest'
import { checkPassword } from './password-policy'

describe('password policy', () => {
  it("accepts the GoPay README's password", () => {
    expect(checkPassword('securepassword123', 'admin')).toBeUndefined()
  })

  it('needs 12 characters and imposes no composition rules', () => {
    expect(checkPassword('short-pass1', 'admin')).toBe('too_short')
    expect(checkPassword('alllowercaseletters', 'admin')).toBeUndefined()
    expect(checkPassword('correct horse battery staple', 'admin')).toBeUndefined()
  })

  it('counts characters, not bytes', () => {
    expect(checkPassword('şifreşifreşi', 'admin')).toBeUndefined()
    expect(checkPassword('🔑🔑🔑🔑🔑🔑', 'admin')).toBe('too_short')
  })

  it('refuses common passwords whatever their case', () => {
    expect(checkPassword('Password1234', 'admin')).toBe('common')
    expect(checkPassword('123456789012', 'admin')).toBe('common')
  })

  it('refuses passwords that contain the username', () => {
    expect(checkPassword('merchant-acme-2026!', 'acme')).toBe('contains_username')
  })

  it('bounds the length', () => {
    expect(checkPassword('a'.repeat(257), 'admin')).toBe('too_long')
  })
})
