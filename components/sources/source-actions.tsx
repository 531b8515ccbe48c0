"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { callApi } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { TestEventResult } from "@/lib/sources/manage/send-test-event";

const when = new Intl.DateTimeFormat("en", { timeStyle: "medium", timeZone: "UTC" });

/** Sends a signed test delivery to the source's own endpoint and says whether it was stored. */
export function SendTestEventButton({ url, disabledReason }: { url: string; disabledReason?: string }) {
  const router = useRouter();
  const send = useMutation({ mutationFn: () => callApi<TestEventResult>("POST", `${url}/test-event`), onSuccess: () => router.refresh() });
  const result = send.data;
  return (
    <div className="space-y-2">
      <Button type="button" variant="secondary" disabled={send.isPending || disabledReason !== undefined} onClick={() => send.mutate()} title={disabledReason}>
        {send.isPending ? "Sending…" : "Send a test event"}
      </Button>
      <div aria-live="polite" data-testid="test-event-result">
        {result?.arrived ? (
          <Notice tone="success" title="Test event arrived">
            <code className="font-mono">{result.externalId}</code> (<code className="font-mono">{result.eventType}</code>) was accepted ({result.status}) and stored at{" "}
            {when.format(new Date(result.receivedAt))} UTC. It books nothing: Ledgerwire ignores this event type.
          </Notice>
        ) : result ? (
          <Notice tone="error" title="The test event did not arrive">
            {result.message}
          </Notice>
        ) : send.isError ? (
          <Notice tone="error">{send.error.message}</Notice>
        ) : null}
      </div>
    </div>
  );
}

/** A button that POSTs (or DELETEs) and refreshes, with an optional confirmation. */
export function ActionButton(props: { label: string; busy: string; method: "POST" | "DELETE"; url: string; confirm?: string; variant?: "secondary" | "danger"; ariaLabel?: string }) {
  const router = useRouter();
  const act = useMutation({ mutationFn: () => callApi(props.method, props.url), onSuccess: () => router.refresh() });
  return (
    <div>
      <Button
        type="button"
        variant={props.variant ?? "secondary"}
        aria-label={props.ariaLabel}
        disabled={act.isPending}
        onClick={() => {
          if (!props.confirm || window.confirm(props.confirm)) act.mutate();
        }}
      >
        {act.isPending ? props.busy : props.label}
      </Button>
      {act.isError ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {act.error.message}
        </p>
      ) : null}
    </div>
  );
}
