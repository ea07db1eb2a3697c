// The reference page's initializer: a served file, not an inline script, so the page works under
// Content-Security-Policy default-src 'self'. Both documents come from this gateway.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    urls: [
      { url: "/openapi/merchant.json", name: "Merchant API" },
      { url: "/openapi/admin.json", name: "Operator API" }
    ],
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout"
  });
});
