/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Server-side code (training, Prisma) lives in server/ and runs in the custom server, not in Next bundles.
  serverExternalPackages: ["@tensorflow/tfjs-node", "better-sqlite3", "@prisma/client"],
};
export default nextConfig;
