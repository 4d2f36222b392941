import { describe, expect, it } from 'vitest'
import { isId, newId } from './ids'

describe('ids', () => {
  it('are prefixed and recognisable', () => {
    const id = newId('tenant')
    expect(id).toMatch(/^ten_[0-9A-HJKMNP-TV-Z]{26}$/)
    expect(isId('tenant', id)).toBe(true)
    expect(isId('user', id)).toBe(false)
  })

  it('sort by creation time', () => {
    const earlier = newId('apiKey', 1_700_000_000_000)
    const later = newId('apiKey', 1_700_000_000_001)
    expect(earlier < later).toBe(true)
  })

  it('do not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId('user', 0)))
    expect(ids.size).toBe(1000)
  })
})

describe('ids made in the same millisecond', () => {
  it('sort in the order they were made', () => {
    const ids = Array.from({ length: 100 }, () => newId('event', 1_800_000_000_000))
    expect([...ids].sort()).toEqual(ids)
  })
})
