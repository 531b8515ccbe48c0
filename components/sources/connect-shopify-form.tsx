"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { QboChoice } from "@/lib/sources/manage/qbo-company";
import { ConnectShopifySchema, type ConnectShopify } from "@/lib/sources/manage/source-inputs";
import { errorsOf, toFieldErrors, type FieldErrors } from "./field-errors";
import { QboCompanyField } from "./qbo-company-field";

// A custom app's webhooks (or those made under Settings › Notifications › Webhooks) are signed with one secret,
// pasted here. OAuth for a public Shopify app is not offered yet.
export function ConnectShopifyForm({ slug, choices }: { slug: string; choices: QboChoice[] }) {
  const router = useRouter();
  const [name, setName] = useState("Shopify");
  const [shopDomain, setShopDomain] = useState("");
  const [webhookSecret, setWebhookSecret] = useState("");
  const [company, setCompany] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const connect = useMutation({
    mutationFn: (input: ConnectShopify) => callApi("POST", `/api/w/${slug}/sources/shopify`, input),
    onSuccess: () => {
      setWebhookSecret("");
      setShopDomain("");
      router.refresh();
    },
    onError: (error) => setErrors(errorsOf(error)),
  });

  return (
    <form
      aria-label="Connect Shopify"
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = ConnectShopifySchema.safeParse({ name, shopDomain, webhookSecret, ...(company ? { qboConnectionId: company } : {}) });
        if (!parsed.success) return setErrors(toFieldErrors(parsed.error.issues));
        setErrors({});
        connect.mutate(parsed.data);
      }}
    >
      <TextField id="shopify-name" label="Name" maxLength={80} value={name} error={errors.name} onChange={(e) => setName(e.target.value)} />
      <TextField id="shopify-domain" label="Shop domain" placeholder="acme.myshopify.com" value={shopDomain} error={errors.shopDomain} onChange={(e) => setShopDomain(e.target.value)} />
      <div>
        <TextField
          id="shopify-secret"
          label="Webhook secret"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={webhookSecret}
          error={errors.webhookSecret}
          onChange={(e) => setWebhookSecret(e.target.value)}
        />
        <p className="mt-1 text-sm text-slate-600">
          Your app&apos;s client secret (Shopify signs an app&apos;s webhooks with it), or the key shown under Settings › Notifications › Webhooks for
          webhooks made there. Sealed on saving; never shown again.
        </p>
      </div>
      <QboCompanyField id="shopify-qbo" choices={choices} value={company} onChange={setCompany} error={errors.qboConnectionId} />
      <div aria-live="polite">
        {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
        {connect.isSuccess ? <Notice tone="success">Shopify connected. Subscribe the webhooks listed on the new source below, then send a test event.</Notice> : null}
      </div>
      <Button type="submit" disabled={connect.isPending}>
        {connect.isPending ? "Connecting…" : "Connect Shopify"}
      </Button>
    </form>
  );
}
