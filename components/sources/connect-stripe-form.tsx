"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { QboChoice } from "@/lib/sources/manage/qbo-company";
import { ConnectStripeSchema, type ConnectStripe } from "@/lib/sources/manage/source-inputs";
import { errorsOf, toFieldErrors, type FieldErrors } from "./field-errors";
import { QboCompanyField } from "./qbo-company-field";

// Step one of connecting Stripe: a name and a restricted key, which the server checks against Stripe before it
// saves anything. Step two (the endpoint URL and its signing secret) is on the new source's card.
export function ConnectStripeForm({ slug, choices }: { slug: string; choices: QboChoice[] }) {
  const router = useRouter();
  const [name, setName] = useState("Stripe");
  const [apiKey, setApiKey] = useState("");
  const [company, setCompany] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const connect = useMutation({
    mutationFn: (input: ConnectStripe) => callApi<{ source: { id: string; name: string } }>("POST", `/api/w/${slug}/sources/stripe`, input),
    onSuccess: () => {
      setApiKey("");
      router.refresh();
    },
    onError: (error) => setErrors(errorsOf(error)),
  });

  return (
    <form
      aria-label="Connect Stripe"
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = ConnectStripeSchema.safeParse({ name, apiKey, ...(company ? { qboConnectionId: company } : {}) });
        if (!parsed.success) return setErrors(toFieldErrors(parsed.error.issues));
        setErrors({});
        connect.mutate(parsed.data);
      }}
    >
      <TextField id="stripe-name" label="Name" maxLength={80} value={name} error={errors.name} onChange={(e) => setName(e.target.value)} />
      <div>
        <TextField
          id="stripe-api-key"
          label="Restricted API key"
          placeholder="rk_live_…"
          autoComplete="off"
          spellCheck={false}
          type="password"
          value={apiKey}
          error={errors.apiKey}
          onChange={(e) => setApiKey(e.target.value)}
        />
        <p className="mt-1 text-sm text-slate-600">
          In Stripe: Developers › API keys › Create restricted key, with <strong>Balance</strong> and <strong>Tax rates</strong> set to Read and
          everything else None. It is checked with Stripe now, then sealed; it is never shown again.
        </p>
      </div>
      <QboCompanyField id="stripe-qbo" choices={choices} value={company} onChange={setCompany} error={errors.qboConnectionId} />
      <div aria-live="polite">
        {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
        {connect.isSuccess ? <Notice tone="success">Stripe accepted the key. Now add the endpoint in Stripe: its URL and signing secret are on the new source below.</Notice> : null}
      </div>
      <Button type="submit" disabled={connect.isPending}>
        {connect.isPending ? "Checking the key with Stripe…" : "Check key and connect"}
      </Button>
    </form>
  );
}
