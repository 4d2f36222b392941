import { describe, expect, it } from 'vitest'
import { readCharge, signedForms, sliceTopLevelMember } from './charge-json'

const slice = (raw: string) => sliceTopLevelMember(raw, 'charge')

describe('slicing the raw charge out of a GoPay88 body', () => {
  it('returns the charge text exactly as it arrived', () => {
    const charge = '{"out_trade_no":"E1","url":"https:\\/\\/x\\/y","subject":"VIP\\u5145\\u503c"}'
    expect(slice(`{"result_code":"OK","result_msg":"SUCCESS","charge":${charge}}`)).toBe(charge)
  })

  it('keeps escaped quotes, backslashes and braces inside strings', () => {
    const charge = '{"a":"say \\"}\\" {[","b":"\\\\","c":"]}","d":{"e":["}",{"f":"{"}]}}'
    const raw = `{"charge":${charge},"result_code":"OK"}`
    expect(slice(raw)).toBe(charge)
    expect(JSON.parse(slice(raw)!)).toEqual(JSON.parse(raw).charge)
  })

  it('reads nested objects, arrays and scalars whatever the member order and spacing', () => {
    expect(slice('{ "x" : [1, {"charge": 2}] ,\n "charge" : {"n":{"m":[1,2,{"k":null}]}} }')).toBe(
      '{"n":{"m":[1,2,{"k":null}]}}'
    )
    expect(slice('{"charge":[]}')).toBe('[]')
    expect(slice('{"charge":-1.5e3}')).toBe('-1.5e3')
    expect(slice('{"charge":"text"}')).toBe('"text"')
  })

  it('finds a key written with escapes, as JSON.parse would', () => {
    expect(slice('{"\\u0063harge":{"a":1}}')).toBe('{"a":1}')
  })

  it('ignores a "charge" that is only a string value or nested deeper', () => {
    expect(slice('{"result_msg":"charge","inner":{"charge":{}}}')).toBeUndefined()
  })

  it('refuses a body with two charge members (parsers disagree on which one counts)', () => {
    expect(slice('{"charge":{"status":3},"charge":{"status":2}}')).toBeUndefined()
  })

  it('refuses bodies that are not one well-formed JSON object', () => {
    for (const raw of [
      '',
      '[]',
      '{"charge":{"a":1}',
      '{"charge":{"a":1}} trailing',
      '{"charge":{"a":"unterminated}}',
      '{"charge":{"a":[1}}',
      '{"charge" {"a":1}}',
      '{"charge":{"a":1},}',
      '{charge:{"a":1}}',
      '{"charge":tru}',
      '{"charge":"line\nbreak"}',
    ]) {
      expect(slice(raw), raw).toBeUndefined()
    }
  })

  it('parses the slice it verified', () => {
    expect(readCharge('{"charge":{"status":"2"}}')).toEqual({
      text: '{"status":"2"}',
      value: { status: '2' },
    })
    expect(readCharge('{"charge":{"a":1,}}')).toBeUndefined()
  })
})

describe('the texts a platform signature over a charge may cover', () => {
  it("gives the received text, PHP's json_encode of it (the SDK's form) and the unspaced text", () => {
    const received =
      '{\n  "url": "https://x/y",\n  "subject": "会员 \\"VIP\\"",\n  "extparam": {},\n  "n": 1.50,\n  "m": [ 2, null ]\n}'
    expect(signedForms(received)).toEqual([
      received,
      '{"url":"https:\\/\\/x\\/y","subject":"\\u4f1a\\u5458 \\"VIP\\"","extparam":[],"n":1.5,"m":[2,null]}',
      '{"url":"https://x/y","subject":"会员 \\"VIP\\"","extparam":{},"n":1.50,"m":[2,null]}',
    ])
  })

  it('gives one form for a charge cmpay wrote, and keeps whitespace inside strings', () => {
    const php = '{"a":"x \\/ y","b":"\\u4f1a","c":100,"d":"\\n"}'
    expect(signedForms(php)).toEqual([php])
    expect(signedForms('{"a" : "1  2"}')).toEqual(['{"a" : "1  2"}', '{"a":"1  2"}'])
    expect(signedForms('{"f": 100.00, "e": 1e3}')[1]).toBe('{"f":100.0,"e":1000.0}')
  })
})
