import { z } from "zod";
import { ApiKeyScopesSchema } from "./api-key-scopes";

// Shared by the create form (checked before sending) and the handler (checked again, the one that counts).
// It lives apart from create-api-key.ts so the browser bundle never pulls in the database client.
export const CreateApiKeySchema = z
  .object({
    name: z.string({ error: "Give the key a name." }).trim().min(1, "Give the key a name.").max(80, "Keep the name to 80 characters or fewer."),
    scopes: ApiKeyScopesSchema,
  })
  .strict();

export type CreateApiKey = z.infer<typeof CreateApiKeySchema>;
