import type { Prisma } from "../db/generated/client";

/** The columns of a key anyone may see: never keyHash. Every read of ApiKey for display selects exactly these. */
export const API_KEY_VIEW = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  expiresAt: true,
  createdBy: { select: { name: true, email: true } },
} as const satisfies Prisma.ApiKeySelect;

export type ApiKeyView = Prisma.ApiKeyGetPayload<{ select: typeof API_KEY_VIEW }>;
