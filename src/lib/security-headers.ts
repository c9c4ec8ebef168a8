/**
 * Security headers (issue 10 §9). Pages get a per-request nonce CSP from proxy.ts: Next puts the nonce
 * on its own inline scripts, so no other inline script runs. `'unsafe-inline'` stays for styles only
 * (React style attributes). `frame-ancestors 'none'`: no page of ours can be framed (clickjacking).
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers for every response (pages and API); HSTS only when the request came over HTTPS. */
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "SAMEORIGIN" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];
export const HSTS = { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" };
