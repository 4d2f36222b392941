// The API reference at /docs: Swagger UI (served from /vendor/swagger-ui/) over /openapi.json.
window.addEventListener('load', () => {
  window.ui = window.SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#reference',
    deepLinking: true,
    docExpansion: 'list',
    defaultModelsExpandDepth: 1,
    displayOperationId: true,
    persistAuthorization: false,
    tryItOutEnabled: false,
  })
})
