import { z } from "zod";
import { ApiKeyScopesSchema } from "./api-key-scopes";

// Shared by the create form (checked before sending) and the handler (checked again, the one that counts).
// It lives apart from create-api-key.ts so the browser bundle never pulls in the database client.
export const CreateApiKeySchema = z
  .object({
    name: z.string({ error: "Give the key a name." }).trim().min(1, "Give the key a name.").max(80, "Keep the name to 80 characters or fewer."),
    scopes: ApiKeyScopesSchema,
    /** Optional: the key stops working at this moment (ISO 8601). At most two years ahead. */
    expiresAt: z
      .iso.datetime({ offset: true, error: "Give the expiry as a date and time, e.g. 2027-06-30T00:00:00Z." })
      .refine((value) => new Date(value).getTime() > Date.now(), "The expiry must be in the future.")
      .refine((value) => new Date(value).getTime() <= Date.now() + MAX_EXPIRY_MS, "A key can expire at most two years from now.")
      .optional(),
  })
  .strict();

export const MAX_EXPIRY_MS = 2 * 366 * 24 * 60 * 60 * 1000;

/** The expiries the create form offers, in days; "never" is the absence of one. */
export const EXPIRY_CHOICES_DAYS = [30, 90, 365] as const;

export type CreateApiKey = z.infer<typeof CreateApiKeySchema>;
