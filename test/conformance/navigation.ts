/** @module What a shopper's browser does next, shared by the workerd test browser and the load bench. */

export interface Navigation {
  method: 'GET' | 'POST'
  url: string
  /** Form-encoded body of a POST. */
  body?: string
}

export interface Form {
  action: string
  method: 'GET' | 'POST'
  fields: [string, string][]
}

/** What submitting a form does: a POST with its fields as the body, or a GET with them as the query. */
export function submitForm(form: Form): Navigation {
  const body = new URLSearchParams(form.fields).toString()
  if (form.method === 'POST') return { method: 'POST', url: form.action, body }
  const url = new URL(form.action)
  for (const [name, value] of form.fields) url.searchParams.append(name, value)
  return { method: 'GET', url: url.toString() }
}
