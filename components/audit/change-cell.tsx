// An audit entry's change as "field: before → after" lines. The raw JSON in one cell broke at every few
// characters once the table squeezed it; named fields on their own lines read like the change they record.
type Json = unknown;

function show(value: Json): string {
  if (value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function fieldsOf(value: Json): Record<string, Json> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, Json>) : null;
}

export function ChangeCell({ before, after }: { before: Json; after: Json }) {
  const b = fieldsOf(before);
  const a = fieldsOf(after);
  if ((before != null && !b) || (after != null && !a)) {
    // Not an object on one side: show both whole.
    return (
      <div className="space-y-0.5">
        {before != null ? <div>before: {show(before)}</div> : null}
        {after != null ? <div>after: {show(after)}</div> : null}
      </div>
    );
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  if (keys.length === 0) return null;
  return (
    <dl className="space-y-0.5">
      {keys.map((key) => {
        const was = b ? b[key] : undefined;
        const now = a ? a[key] : undefined;
        return (
          <div key={key} className="flex flex-wrap gap-x-1.5">
            <dt className="text-slate-500">{key}:</dt>
            <dd className="break-words [overflow-wrap:anywhere]">
              <FieldChange was={was} now={now} created={!b} removed={!a} />
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function FieldChange({ was, now, created, removed }: { was: Json; now: Json; created: boolean; removed: boolean }) {
  if (created) return <>{show(now)}</>;
  if (removed) return <span className="line-through">{show(was)}</span>;
  if (JSON.stringify(was) === JSON.stringify(now)) return <>{show(now)}</>;
  return (
    <>
      <span className="text-slate-500 line-through">{show(was)}</span> → {show(now)}
    </>
  );
}
