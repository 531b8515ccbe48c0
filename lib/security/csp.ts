// The Content Security Policy of every page: scripts only with this response's nonce (Next.js adds it to its
// own scripts), no framing by other sites, forms only to ourselves and to the sign-in providers we redirect to.
export function buildCsp(input: { nonce: string; dev: boolean; formTargets: string[] }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${input.nonce}' 'strict-dynamic'${input.dev ? " 'unsafe-eval'" : ""}`,
    // Tailwind's styles are a stylesheet; React sets some style attributes inline.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${input.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${input.formTargets.join(" ")}`.trim(),
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}
