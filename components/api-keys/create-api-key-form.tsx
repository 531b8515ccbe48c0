"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/api-keys/api-key-scopes";
import { CreateApiKeySchema, EXPIRY_CHOICES_DAYS, type CreateApiKey } from "@/lib/api-keys/create-api-key-schema";
import { ApiError, callApi } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { NewApiKey } from "./new-api-key";

type FieldErrors = Partial<Record<"name" | "scopes" | "expiresAt", string>>;
type Created = { apiKey: { name: string }; key: string };

// The first message per field, from our own check or from the server's 422 (same schema, same sentences).
function fieldErrors(issues: { path: string; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const { path, message } of issues) {
    const field = path.split(".")[0];
    if ((field === "name" || field === "scopes" || field === "expiresAt") && !errors[field]) errors[field] = message;
  }
  return errors;
}

export function CreateApiKeyForm({ slug }: { slug: string }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["events:write"]);
  // Days until the key stops working; "" is never.
  const [expiryDays, setExpiryDays] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  // The full key lives only in this component's memory: a reload or "Done" and it is gone for good.
  const [created, setCreated] = useState<Created | null>(null);
  const create = useMutation({
    mutationFn: (input: CreateApiKey) => callApi<Created>("POST", `/api/w/${slug}/api-keys`, input),
    onSuccess: (result) => {
      setCreated(result);
      setName("");
      router.refresh();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.details?.errors) setErrors(fieldErrors(error.details.errors));
    },
  });

  const toggle = (scope: ApiKeyScope, on: boolean) => setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  const generalError = create.isError && !(create.error instanceof ApiError && create.error.details?.errors) ? create.error.message : null;

  return (
    <div className="space-y-5">
      {created ? <NewApiKey name={created.apiKey.name} apiKey={created.key} onDone={() => setCreated(null)} /> : null}
      <form
        aria-label="Create an API key"
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const expiresAt = expiryDays ? new Date(Date.now() + Number(expiryDays) * 86_400_000).toISOString() : undefined;
          const parsed = CreateApiKeySchema.safeParse({ name, scopes, ...(expiresAt ? { expiresAt } : {}) });
          if (!parsed.success) {
            setErrors(fieldErrors(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }))));
            return;
          }
          setErrors({});
          setCreated(null);
          create.mutate(parsed.data);
        }}
      >
        <div className="max-w-md">
          <TextField id="api-key-name" label="Name" placeholder="e.g. Warehouse system" maxLength={80} value={name} error={errors.name} onChange={(e) => setName(e.target.value)} />
        </div>
        <fieldset aria-describedby={errors.scopes ? "api-key-scopes-error" : undefined}>
          <legend className="text-sm font-medium text-slate-700">Scopes</legend>
          <div className="mt-2 space-y-2">
            {API_KEY_SCOPES.map((scope) => (
              <div key={scope.id} className="flex items-start gap-2 text-sm">
                <input
                  id={`scope-${scope.id}`}
                  type="checkbox"
                  name="scopes"
                  value={scope.id}
                  checked={scopes.includes(scope.id)}
                  onChange={(e) => toggle(scope.id, e.target.checked)}
                  aria-describedby={`scope-${scope.id}-description`}
                  className="mt-0.5"
                />
                <div>
                  <label htmlFor={`scope-${scope.id}`} className="font-mono font-medium text-slate-900">
                    {scope.id}
                  </label>
                  <p id={`scope-${scope.id}-description`} className="text-slate-600">
                    {scope.description}
                  </p>
                </div>
              </div>
            ))}
          </div>
          {errors.scopes ? (
            <p id="api-key-scopes-error" className="mt-1 text-sm text-red-700">
              {errors.scopes}
            </p>
          ) : null}
        </fieldset>
        <div className="max-w-md">
          <label htmlFor="api-key-expiry" className="text-sm font-medium text-slate-700">
            Expires
          </label>
          <select
            id="api-key-expiry"
            value={expiryDays}
            onChange={(e) => setExpiryDays(e.target.value)}
            aria-describedby={errors.expiresAt ? "api-key-expiry-error" : undefined}
            className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="">Never (until revoked)</option>
            {EXPIRY_CHOICES_DAYS.map((days) => (
              <option key={days} value={String(days)}>
                In {days} days
              </option>
            ))}
          </select>
          {errors.expiresAt ? (
            <p id="api-key-expiry-error" className="mt-1 text-sm text-red-700">
              {errors.expiresAt}
            </p>
          ) : null}
        </div>
        <div aria-live="polite">{generalError ? <Notice tone="error">{generalError}</Notice> : null}</div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create key"}
        </Button>
      </form>
    </div>
  );
}
