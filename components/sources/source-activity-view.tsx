import type { SourceActivity } from "@/lib/sources/manage/source-activity";

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

function At({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{when.format(date)} UTC</time>;
}

const RESULT: Record<string, string> = {
  stored: "stored, waiting to be read",
  normalised: "understood, ready to post",
  ignored: "ignored: it books nothing",
  failed: "could not be booked (see exceptions)",
  unreadable: "signed but unreadable: kept for inspection",
};

// The source's recent traffic: what last arrived and what became of it, and what was refused and why.
export function SourceActivityView({ id, activity, awaitingSecret }: { id: string; activity: SourceActivity; awaitingSecret: boolean }) {
  const last = activity.lastDelivery;
  return (
    <div className="space-y-3 text-sm">
      <div>
        <h4 className="font-medium text-slate-700">Last delivery</h4>
        <p data-testid={`${id}-last-delivery`} className="mt-0.5 text-slate-700">
          {last ? (
            <>
              <At date={last.receivedAt} /> · <code className="font-mono">{last.eventType ?? "unknown type"}</code> · {RESULT[last.result]}
              {last.detail && last.result !== "ignored" ? <span className="block text-slate-600">{last.detail}</span> : null}
            </>
          ) : (
            "Nothing received yet. Once the endpoint is set up, send a test event to see one arrive here."
          )}
        </p>
      </div>
      <div>
        <h4 className="font-medium text-slate-700">Refused deliveries, last 7 days</h4>
        {activity.refusals.length === 0 ? (
          <p className="mt-0.5 text-slate-600">None.</p>
        ) : (
          <ul className="mt-1 space-y-1">
            {activity.refusals.map((r) => (
              <li key={`${r.reason}-${r.at.toISOString()}`} className="text-slate-700">
                <At date={r.at} /> · {r.count > 1 ? `${r.count} times` : "once"} · {r.text}
                {awaitingSecret && r.reason === "SIGNATURE_INVALID" ? " Paste the signing secret to accept them: Stripe retries each for up to three days." : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
