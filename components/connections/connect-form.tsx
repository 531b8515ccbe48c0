"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { callApi } from "@/components/ui/api";
import { Button } from "@/components/ui/button";

type Environment = "SANDBOX" | "PRODUCTION";

/** Starts Connect: the server answers Intuit's consent URL (with a signed state) and the browser goes there. */
export function ConnectForm({ slug, available }: { slug: string; available: Environment[] }) {
  const [environment, setEnvironment] = useState<Environment>(available.includes("PRODUCTION") ? "PRODUCTION" : "SANDBOX");
  const connect = useMutation({
    mutationFn: () => callApi<{ authorizeUrl: string }>("POST", `/api/w/${slug}/qbo/connect`, { environment }),
    onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl),
  });
  return (
    <form
      aria-label="Connect a QuickBooks company"
      onSubmit={(event) => {
        event.preventDefault();
        connect.mutate();
      }}
      className="space-y-4"
    >
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">QuickBooks environment</legend>
        <div className="mt-2 flex gap-6 text-sm">
          {(["PRODUCTION", "SANDBOX"] as const).map((env) => (
            <label key={env} className={`flex items-center gap-2 ${available.includes(env) ? "" : "text-slate-400"}`}>
              <input type="radio" name="environment" value={env} checked={environment === env} disabled={!available.includes(env)} onChange={() => setEnvironment(env)} />
              {env === "PRODUCTION" ? "Production (your real books)" : "Sandbox (Intuit's test companies)"}
            </label>
          ))}
        </div>
      </fieldset>
      {connect.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {connect.error.message}
        </p>
      ) : null}
      <Button type="submit" disabled={connect.isPending || connect.isSuccess}>
        {connect.isPending || connect.isSuccess ? "Opening Intuit…" : "Connect to QuickBooks"}
      </Button>
    </form>
  );
}
