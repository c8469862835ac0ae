/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WebAssembly packages stay outside the server bundle (see STACK.md).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@napi-rs/canvas", "@node-rs/argon2", "sql.js"],
  // `npm test` type-checks before building; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // Pages get their Content Security Policy (with a per-request nonce) and HSTS from proxy.ts. A header
  // set here wins over a route handler's own header of the same name, so nothing set here is one that a
  // route sets for itself (the CSP of /share and of exports, the Referrer-Policy of /share).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Cross-Origin-Resource-Policy", value: "same-site" },
          {
            key: "Permissions-Policy",
            value:
              "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
          },
        ],
      },
      {
        source: "/:path((?!share/).*)",
        headers: [{ key: "Referrer-Policy", value: "strict-origin-when-cross-origin" }],
      },
    ];
  },
};

export default nextConfig;
