import { z } from "zod";
import { MappingSettingsSchema } from "../ledger/types/mapping";

// The bodies the mapping routes accept (and the page sends), parsed with the same schemas on both sides.

const IdSchema = z.string().trim().min(1).max(100);
// No control characters anywhere: PostgreSQL refuses a NUL, and none belongs in a name people read.
const KEY = /^[a-z][a-z-]*(:[^\s:\p{Cc}][^:\p{Cc}]*)*$/u;
// A revenue category is a source's own name ("Books: fiction"), so it may hold colons; lib/ledger trims it, so
// it never starts or ends with a space.
const REVENUE_CATEGORY_KEY = /^revenue:category:[^\s\p{Cc}](?:[^\p{Cc}]*[^\s\p{Cc}])?$/u;
export const CategoryKeySchema = z
  .string()
  .min(1)
  .max(255)
  .refine((key) => KEY.test(key) || REVENUE_CATEGORY_KEY.test(key), "Use a category key such as clearing:stripe, tax:GB or revenue:category:Books.");

export const MappingChoiceSchema = z.object({ qboAccountId: IdSchema.optional(), qboItemId: IdSchema.optional(), qboTaxCodeId: IdSchema.optional() }).strict();
export type MappingChoice = z.infer<typeof MappingChoiceSchema>;

// The ledger's own choices, without its defaults: what a save leaves out is carried over, not reset.
export const MappingSettingsInputSchema = z
  .object({ sales: MappingSettingsSchema.shape.sales.unwrap().optional(), refunds: MappingSettingsSchema.shape.refunds.unwrap().optional() })
  .strict();
export type MappingSettingsInput = z.infer<typeof MappingSettingsInputSchema>;

export const SaveMappingVersionSchema = z
  .object({
    qboConnectionId: IdSchema.optional(),
    note: z.string().trim().max(500).optional(),
    entries: z.record(CategoryKeySchema, MappingChoiceSchema),
    /** How sales and refunds are booked; a setting left out stays as the latest version has it. */
    settings: MappingSettingsInputSchema.optional(),
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
