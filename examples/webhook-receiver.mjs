// A merchant's webhook endpoint in a few lines: it checks each notification with the
// standardwebhooks package, as any Standard Webhooks receiver would, and prints it.
//
//   GOPAY_WEBHOOK_SECRET=whsec_… node examples/webhook-receiver.mjs      (listens on :4000, or PORT)
import { createServer } from 'node:http'
import { Webhook } from 'standardwebhooks'

const secret = process.env.GOPAY_WEBHOOK_SECRET
if (!secret) {
  console.error(
    'Set GOPAY_WEBHOOK_SECRET to the whsec_… secret shown when you created the endpoint.'
  )
  process.exit(1)
}
const webhook = new Webhook(secret)
const seen = new Set() // webhook-id: the same message may arrive more than once

const server = createServer(async (req, res) => {
  let body = ''
  for await (const chunk of req) body += chunk
  try {
    const event = webhook.verify(body, req.headers)
    const id = req.headers['webhook-id']
    if (!seen.has(id)) {
      seen.add(id)
      console.log(`verified ${id}: ${event.type} ${event.data.paymentId} → ${event.data.status}`)
    }
    res.writeHead(204).end()
  } catch (error) {
    console.log(`rejected: ${error.message}`)
    res.writeHead(400).end()
  }
})
server.listen(Number(process.env.PORT ?? 4000), () =>
  console.log(`listening on http://localhost:${server.address().port}`)
)
