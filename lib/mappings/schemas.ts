import { z } from "zod";

// The bodies the mapping routes accept (and the page sends), parsed with the same schemas on both sides.

const IdSchema = z.string().trim().min(1).max(100);
export const CategoryKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-z][a-z-]*(:[^\s:][^:]*)*$/, "Use a category key such as clearing:stripe or tax:GB.");

export const MappingChoiceSchema = z.object({ qboAccountId: IdSchema.optional(), qboItemId: IdSchema.optional(), qboTaxCodeId: IdSchema.optional() }).strict();
export type MappingChoice = z.infer<typeof MappingChoiceSchema>;

export const SaveMappingVersionSchema = z
  .object({
    qboConnectionId: IdSchema.optional(),
    note: z.string().trim().max(500).optional(),
    entries: z.record(CategoryKeySchema, MappingChoiceSchema),
  })
  .strict();
export type SaveMappingVersion = z.infer<typeof SaveMappingVersionSchema>;

export const ActivateMappingVersionSchema = z.object({ versionId: IdSchema }).strict();
export type ActivateMappingVersion = z.infer<typeof ActivateMappingVersionSchema>;

export const ConnectionOnlySchema = z.object({ qboConnectionId: IdSchema.optional() }).strict();

export const CreateQboAccountSchema = z.object({ qboConnectionId: IdSchema.optional(), category: CategoryKeySchema }).strict();
export type CreateQboAccount = z.infer<typeof CreateQboAccountSchema>;

export const CreateQboItemSchema = z
  .object({ qboConnectionId: IdSchema.optional(), category: CategoryKeySchema, name: z.string().trim().min(1).max(100), incomeAccountId: IdSchema })
  .strict();
export type CreateQboItem = z.infer<typeof CreateQboItemSchema>;

export const PreviewPostingSchema = z
  .object({
    qboConnectionId: IdSchema.optional(),
    /** The version to preview with; the active one when left out. */
    versionId: IdSchema.optional(),
    /** One of the workspace's canonical events, or a pasted one. */
    canonicalEventId: IdSchema.optional(),
    event: z.unknown().optional(),
  })
  .strict()
  .refine((v) => (v.canonicalEventId === undefined) !== (v.event === undefined), { message: "Choose a recent event or paste one, not both.", path: ["event"] });
export type PreviewPosting = z.infer<typeof PreviewPostingSchema>;
