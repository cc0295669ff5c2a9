// Starts the API page: Swagger UI served from the swagger-ui-bundle package, never from a CDN.
window.addEventListener("load", function () {
  window.SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#api", deepLinking: true });
});
