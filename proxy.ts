import { NextResponse, type NextRequest } from "next/server";

/**
 * The pages' Content Security Policy, with a fresh nonce per request: Next.js reads it from the
 * request's policy and puts it on its own inline scripts, and 'strict-dynamic' lets those load the
 * rest. Styles stay 'unsafe-inline': TipTap injects a <style> element and pages render style
 * attributes (chart heights, progress bars), which a nonce cannot cover. With images, fonts and
 * connections limited to this origin, injected CSS has nowhere to send anything.
 */
function contentSecurityPolicy(nonce: string, { https, dev }: { https: boolean; dev: boolean }): string {
  return [
    "default-src 'self'",
    // React rebuilds server error stacks with eval in development only.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only where the app is served over https: on plain http it would send subresources nowhere.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

function servedOverHttps(request: NextRequest): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0].trim();
  return (forwarded ?? request.nextUrl.protocol.replace(/:$/, "")) === "https";
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const https = servedOverHttps(request);
  const policy = contentSecurityPolicy(nonce, { https, dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  // Browsers ignore it over plain http; over https it keeps them there for two years.
  if (https) response.headers.set("Strict-Transport-Security", "max-age=63072000");
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only. /api stays out so upload bodies never pass through a proxy (DECISIONS.md);
      // /share answers with its own stricter policy; static files need none.
      source: "/((?!api/|_next/static/|_next/image|favicon\\.ico|share/).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
        // Server actions answer with data, not a document; their bodies need no detour either.
        { type: "header", key: "next-action" },
      ],
    },
  ],
};
