// Attachable: a note or a file linked to other records (AttachableRef[].EntityRef names them by type and
// Id). Files arrive through POST /upload (attachments.ts); their bytes live beside the record and are read
// through the download URIs, which the client cannot set.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { entityByName } from "../entities";
import { faults } from "../faults";
import { findRecord } from "../store";
import { isBlank, isObject, refValue, stringValue, type Json } from "./common";
import type { EntityRules } from "./types";

const FIELDS = [
  "FileName",
  "Note",
  "Category",
  "ContentType",
  "Size",
  "AttachableRef",
  "Lat",
  "Long",
  "PlaceName",
  "Tag",
  "FileAccessUri",
  "TempDownloadUri",
  "ThumbnailFileAccessUri",
  "ThumbnailTempDownloadUri",
];

/** Set from the stored file only. */
const FILE_FIELDS = ["FileAccessUri", "TempDownloadUri", "ThumbnailFileAccessUri", "ThumbnailTempDownloadUri", "Size"] as const;

const CATEGORIES = ["Contact Photo", "Document", "Image", "Receipt", "Signature", "Sound", "Other"];

function attachableRefs(ctx: RealmContext, value: unknown): Json[] {
  if (isBlank(value)) return [];
  if (!Array.isArray(value) || !value.every(isObject)) throw faults.invalidValue("AttachableRef", "AttachableRef must be an array of objects");
  return value.map((raw) => {
    const ref: Json = { ...raw };
    const entityRef = isObject(ref.EntityRef) ? ref.EntityRef : undefined;
    const type = entityRef ? stringValue(entityRef.type) : undefined;
    const id = refValue(entityRef);
    if (!type || !id) throw faults.requiredParam("AttachableRef.EntityRef");
    const def = entityByName(type);
    if (!def || !findRecord(ctx, def.name, id)) throw faults.invalidReference("AttachableRef.EntityRef", `${type} ${id}`);
    ref.EntityRef = { type: def.name, value: id };
    ref.IncludeOnSend = ref.IncludeOnSend === true;
    return ref;
  });
}

function prepareAttachable(ctx: RealmContext, record: Json, previous: EntityRecord | undefined): EntityRecord {
  const stored = ctx.realm.attachments?.[String(record.Id)];
  // A note needs no file; a record without either is empty.
  if (isBlank(record.FileName) && isBlank(record.Note) && !stored) throw faults.requiredParam("FileName");
  if (!isBlank(record.Category) && !CATEGORIES.includes(String(record.Category))) {
    throw faults.invalidValue("Category", `Invalid Category: ${String(record.Category)}. Expected one of ${CATEGORIES.join(", ")}`);
  }
  record.AttachableRef = attachableRefs(ctx, record.AttachableRef);
  for (const field of FILE_FIELDS) {
    if (stored && previous && previous[field] !== undefined) record[field] = previous[field];
    else if (!stored) delete record[field];
  }
  if (stored) {
    record.ContentType = stored.contentType;
    if (isBlank(record.FileName)) record.FileName = previous?.FileName;
  }
  return record as EntityRecord;
}

export const attachableRules: EntityRules = {
  fields: FIELDS,
  prepare: prepareAttachable,
  beforeRemove(ctx, record) {
    if (ctx.realm.attachments) delete ctx.realm.attachments[record.Id];
  },
};
