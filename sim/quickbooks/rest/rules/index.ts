import type { EntityRules } from "./types";

/** Per-entity rules, keyed by entity name. An entity without rules accepts any field and computes nothing. */
export const RULES: Record<string, EntityRules> = {};
