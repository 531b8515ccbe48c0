"use client";

import { useMutation } from "@tanstack/react-query";
import { callApi } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

type Result = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: { id: string; seq: number; reason: string } };

// Verification reads the whole chain, so it runs when asked rather than on every page view.
export function VerifyChainButton({ slug }: { slug: string }) {
  const verify = useMutation({ mutationFn: () => callApi<Result>("GET", `/api/w/${slug}/audit/verify`) });
  const result = verify.data;
  return (
    <div className="space-y-2">
      <Button variant="secondary" onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? "Verifying…" : "Verify integrity"}
      </Button>
      {verify.isError ? <Notice tone="error">{verify.error.message}</Notice> : null}
      {result?.ok ? <Notice tone="success">All {result.entries} entries are intact: the chain is unbroken.</Notice> : null}
      {result && !result.ok ? (
        <Notice tone="error" title={`The chain is broken at entry ${result.brokenAt.seq}`}>
          {result.brokenAt.reason} (entry id {result.brokenAt.id}).
        </Notice>
      ) : null}
    </div>
  );
}
