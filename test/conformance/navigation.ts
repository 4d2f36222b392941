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
