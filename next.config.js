/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WebAssembly packages stay outside the server bundle (see STACK.md).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@napi-rs/canvas", "@node-rs/argon2", "sql.js"],
  // `npm test` type-checks before building; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
