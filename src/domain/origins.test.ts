import { describe, expect, it } from 'vitest'
import { parseAllowedOrigin } from './origins'

describe('allowed callback origins', () => {
  it.each([
    ['https://shop.example.com', 'https://shop.example.com', false],
    ['https://Shop.Example.com/', 'https://shop.example.com', false],
    ['https://shop.example.com:8443', 'https://shop.example.com:8443', false],
    ['https://shop.example.com:443', 'https://shop.example.com', false],
    ['http://localhost:3000', 'http://localhost:3000', true],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080', true],
    ['https://localhost', 'https://localhost', true],
  ])('accepts %s as %s', (input, origin, testOnly) => {
    expect(parseAllowedOrigin(input)).toEqual({ origin, testOnly })
  })

  it.each([
    'http://shop.example.com',
    'shop.example.com',
    '//shop.example.com',
    'https://shop.example.com/path',
    'https://shop.example.com?x=1',
    'https://shop.example.com#f',
    'https://user:pass@shop.example.com',
    'https://shop.example.com.',
    'https://10.0.0.1',
    'https://8.8.8.8',
    'https://intranet',
    'https://foo.localhost',
    'https://metadata.google.internal',
    'https://printer.local',
    'javascript:alert(1)',
    'data:text/html,x',
    'ftp://shop.example.com',
    'https://shop.example.com\r\nX: y',
    'https:\\\\shop.example.com',
    ' https://shop.example.com',
    'https:shop.example.com',
  ])('refuses %j', (input) => {
    expect(parseAllowedOrigin(input)).toHaveProperty('problem')
  })
})
