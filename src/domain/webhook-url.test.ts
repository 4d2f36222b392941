import { describe, expect, it } from 'vitest'
import { checkWebhookUrl } from './webhook-url'

describe('webhook endpoint URLs', () => {
  it.each([
    ['https://shop.example.com/webhooks', 'live'],
    ['https://hooks.example.com:8443/gopay?x=1', 'live'],
    ['http://localhost:3000/webhooks', 'test'],
    ['http://127.0.0.1:4000/hook', 'test'],
    ['https://8.8.8.8/hook', 'live'],
    ['https://[2606:4700:4700::1111]/hook', 'live'],
    ['https://[64:ff9b::808:808]/hook', 'live'],
    ['https://[2002:808:808::1]/hook', 'live'],
  ] as const)('accepts %s for %s endpoints', (url, mode) => {
    expect(checkWebhookUrl(url, mode)).toHaveProperty('url')
  })

  it.each([
    ['http://shop.example.com/webhooks', 'live', 'not_https'],
    ['http://shop.example.com/webhooks', 'test', 'not_https'],
    ['http://localhost:3000/webhooks', 'live', 'not_https'],
    ['https://localhost/webhooks', 'live', 'internal_address'],
    ['https://127.0.0.1/hook', 'live', 'internal_address'],
    ['https://10.1.2.3/hook', 'live', 'internal_address'],
    ['https://172.16.0.1/hook', 'live', 'internal_address'],
    ['https://192.168.1.1/hook', 'live', 'internal_address'],
    ['https://169.254.169.254/latest/meta-data', 'live', 'internal_address'],
    ['https://100.64.0.1/hook', 'live', 'internal_address'],
    ['https://0.0.0.0/hook', 'live', 'internal_address'],
    ['https://[::1]/hook', 'live', 'internal_address'],
    ['https://[fd00::1]/hook', 'live', 'internal_address'],
    ['https://[fe80::1]/hook', 'live', 'internal_address'],
    ['https://[::ffff:10.0.0.1]/hook', 'live', 'internal_address'],
    ['https://[::ffff:7f00:1]/hook', 'live', 'internal_address'],
    ['https://2130706433/hook', 'live', 'internal_address'],
    ['https://0x7f.1/hook', 'live', 'internal_address'],
    ['https://127.1/hook', 'live', 'internal_address'],
    ['https://localhost./hook', 'live', 'internal_address'],
    ['https://[::]/hook', 'live', 'internal_address'],
    ['https://[::7f00:1]/hook', 'live', 'internal_address'],
    ['https://[::127.0.0.1]/hook', 'live', 'internal_address'],
    ['https://[::ffff:0:a00:1]/hook', 'live', 'internal_address'],
    ['https://[64:ff9b::a9fe:a9fe]/hook', 'live', 'internal_address'],
    ['https://[64:ff9b::127.0.0.1]/hook', 'live', 'internal_address'],
    ['https://[64:ff9b:1::1]/hook', 'live', 'internal_address'],
    ['https://[2002:7f00:1::1]/hook', 'live', 'internal_address'],
    ['https://[2002:c0a8:101::]/hook', 'live', 'internal_address'],
    ['https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook', 'live', 'internal_address'],
    ['https://[2001:db8::1]/hook', 'live', 'internal_address'],
    ['https://[fec0::1]/hook', 'live', 'internal_address'],
    ['https://[ff02::1]/hook', 'live', 'internal_address'],
    ['https://[0:0:0:0:0:0:0:1]/hook', 'live', 'internal_address'],
    ['https://localhost../hook', 'live', 'internal_address'],
    ['https://127.0.0.1../hook', 'live', 'internal_address'],
    ['https://224.0.0.1/hook', 'live', 'internal_address'],
    ['https://printer.local/hook', 'live', 'internal_address'],
    ['https://db.internal/hook', 'live', 'internal_address'],
    ['https://user:pw@shop.example.com/hook', 'live', 'credentials'],
    ['https:shop.example.com/hook', 'live', 'not_http'],
    ['ftp://shop.example.com/hook', 'live', 'not_http'],
  ] as const)('refuses %s for %s endpoints (%s)', (url, mode, problem) => {
    expect(checkWebhookUrl(url, mode)).toEqual({ problem })
  })
})
