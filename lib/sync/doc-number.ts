// QuickBooks refused a document number as a duplicate (6140). The workspace chooses: ALLOW posts it without a
// DocNumber (the reference moves into the memo, before the "(Ledgerwire ...)" tag), SUFFIX numbers it "-2",
// "-3", ... within QuickBooks' 21 characters. Each variant is a different write, so it gets a request id of
// its own: QuickBooks would answer the first id with its stored 6140 again.

const DOC_NUMBER_MAX = 21;
const MAX_SUFFIX = 9;

export type DocNumberChoice = "ALLOW" | "SUFFIX";

export function withoutDuplicateDocNumber(body: Record<string, unknown>, requestId: string, choice: DocNumberChoice): { body: Record<string, unknown>; requestId: string } | null {
  const doc = typeof body.DocNumber === "string" ? body.DocNumber : undefined;
  if (!doc) return null;
  const base = requestId.replace(/-d\d+$/, "");
  if (choice === "ALLOW") {
    const { DocNumber: _dropped, ...rest } = body;
    const note = typeof rest.PrivateNote === "string" ? rest.PrivateNote : "";
    const at = note.lastIndexOf(" (Ledgerwire ");
    const PrivateNote = at >= 0 ? `${note.slice(0, at)} Ref ${doc}.${note.slice(at)}` : `${note} Ref ${doc}.`.trim();
    return { body: { ...rest, PrivateNote }, requestId: `${base}-d0` };
  }
  const match = /^(.*)-(\d)$/.exec(doc);
  const [stem, n] = match && requestId !== base ? [match[1]!, Number(match[2])] : [doc, 1];
  if (n >= MAX_SUFFIX) return null;
  const suffix = `-${n + 1}`;
  return { body: { ...body, DocNumber: `${stem.slice(0, DOC_NUMBER_MAX - suffix.length)}${suffix}` }, requestId: `${base}-d${n + 1}` };
}
