import { describe, expect, it } from 'vitest'
import type { NotificationRequest } from '../types'
import { gopayWebhooks } from './webhooks'

const notification = (query: string, method: 'GET' | 'POST' = 'GET'): NotificationRequest => ({
  method,
  rawBody: '',
  headers: new Headers(),
  query: new URLSearchParams(query),
})

describe('GoPay notifications', () => {
  it('are GETs acknowledged with an empty 200', () => {
    expect(gopayWebhooks.methods).toEqual(['GET'])
    expect(gopayWebhooks.acknowledgement).toMatchObject({ status: 200, body: '' })
  })

  it('only say which payment to ask about', () => {
    expect(gopayWebhooks.parse(notification('id=3123456789'))).toEqual([
      { eventId: '', providerPaymentId: '3123456789', change: { kind: 'query_status' } },
    ])
    expect(gopayWebhooks.parse(notification('id=3123456790&parent_id=3123456789'))).toEqual([
      { eventId: '', providerPaymentId: '3123456790', change: { kind: 'query_status' } },
    ])
  })

  it('read nothing from anything else', () => {
    expect(gopayWebhooks.parse(notification(''))).toEqual([])
    expect(gopayWebhooks.parse(notification('id=abc'))).toEqual([])
    expect(gopayWebhooks.parse(notification('id=3123456789', 'POST'))).toEqual([])
  })
})
