"use client";

import type { QboChoice } from "@/lib/sources/manage/qbo-company";
import type { SourceView } from "@/lib/sources/manage/list-sources";
import { CompanySelect } from "./company-select";
import { SecretForm } from "./secret-form";
import { ActionButton, SendTestEventButton } from "./source-actions";
import { SourceActivityView } from "./source-activity-view";
import { WebhookSetup } from "./webhook-setup";

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const KIND = { STRIPE: "Stripe", SHOPIFY: "Shopify", API: "Events API" } as const;

function statusOf(source: SourceView): { label: string; tone: string } {
  if (source.status === "DISCONNECTED") return { label: "Disconnected", tone: "border-slate-200 bg-slate-50 text-slate-600" };
  if (source.awaitingWebhookSecret) return { label: "Waiting for the signing secret", tone: "border-amber-200 bg-amber-50 text-amber-900" };
  if (source.status === "PAUSED") return { label: "Paused", tone: "border-amber-200 bg-amber-50 text-amber-900" };
  return { label: "Active", tone: "border-emerald-200 bg-emerald-50 text-emerald-800" };
}

export function SourceCard({ slug, source, choices }: { slug: string; source: SourceView; choices: QboChoice[] }) {
  const url = `/api/w/${slug}/sources/${source.id}`;
  const status = statusOf(source);
  const headingId = `source-${source.id}-name`;
  return (
    <article aria-labelledby={headingId} className="space-y-5 rounded-xl border border-slate-200 bg-white p-5">
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={headingId} className="font-semibold">
            {source.name}
          </h3>
          <p className="text-sm text-slate-600">
            {KIND[source.kind]}
            {source.externalAccountId ? ` · ${source.externalAccountId}` : ""}
            {source.apiKey ? ` · ${source.apiKey.mode} mode` : ""} · connected {when.format(source.createdAt)} UTC
          </p>
        </div>
        <span className={`rounded-full border px-2.5 py-0.5 text-sm font-medium ${status.tone}`}>{status.label}</span>
      </header>

      {source.status === "DISCONNECTED" ? (
        <p className="text-sm text-slate-600">
          Disconnected{source.disconnectedAt ? ` on ${when.format(source.disconnectedAt)} UTC` : ""}: its secrets are erased and its deliveries refused. What it sent is kept.
        </p>
      ) : (
        <>
          <WebhookSetup id={source.id} kind={source.kind} url={source.webhookUrl} />
          <SigningSecret slug={slug} source={source} />
          {source.apiKey ? (
            <section className="space-y-2 text-sm">
              <p>
                <span className="font-medium text-slate-700">Restricted API key:</span> <code className="font-mono">{source.apiKey.hint}</code> (reads fees and tax rates)
              </p>
              <details>
                <summary className="cursor-pointer text-slate-700">Replace the key</summary>
                <div className="mt-2 max-w-md">
                  <SecretForm id={`${source.id}-new-key`} label="New restricted key" placeholder="rk_live_…" submit="Check and replace" method="PUT" url={`${url}/api-key`} field="apiKey" done="Stripe accepted the new key; it replaces the old one." />
                </div>
              </details>
            </section>
          ) : null}
          <CompanySelect id={source.id} url={url} current={source.qboCompany} choices={choices} />
          {source.status === "PAUSED" ? (
            <p className="text-sm text-amber-900">
              Paused{source.pausedAt ? ` since ${when.format(source.pausedAt)} UTC` : ""}: deliveries are still verified and stored, but nothing is posted to QuickBooks until you resume.
            </p>
          ) : null}
          <SourceActivityView id={source.id} activity={source.activity} awaitingSecret={source.awaitingWebhookSecret} />
          <div className="flex flex-wrap items-start gap-3 border-t border-slate-100 pt-4">
            <SendTestEventButton url={url} disabledReason={source.awaitingWebhookSecret ? "Paste the signing secret first." : undefined} />
            {source.status === "PAUSED" ? (
              <ActionButton label="Resume" busy="Resuming…" method="POST" url={`${url}/resume`} ariaLabel={`Resume ${source.name}`} />
            ) : (
              <ActionButton label="Pause" busy="Pausing…" method="POST" url={`${url}/pause`} ariaLabel={`Pause ${source.name}`} />
            )}
            <ActionButton
              label="Disconnect"
              busy="Disconnecting…"
              method="DELETE"
              url={url}
              variant="danger"
              ariaLabel={`Disconnect ${source.name}`}
              confirm={`Disconnect “${source.name}”? Its secrets are erased and every delivery to its URL is refused from now on. This cannot be undone.`}
            />
          </div>
        </>
      )}
    </article>
  );
}

function SigningSecret({ slug, source }: { slug: string; source: SourceView }) {
  const url = `/api/w/${slug}/sources/${source.id}/secrets`;
  const placeholder = source.kind === "STRIPE" ? "whsec_…" : "";
  if (source.awaitingWebhookSecret) {
    return (
      <section className="max-w-md space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-4">
        <p className="text-sm text-amber-900">
          Add the endpoint in Stripe with the URL above, then open it there and reveal its <strong>Signing secret</strong>. Until it is pasted here, Stripe&apos;s deliveries are
          refused and Stripe retries them.
        </p>
        <SecretForm id={`${source.id}-secret`} label="Signing secret" placeholder={placeholder} submit="Save signing secret" method="POST" url={url} field="secret" done="Saved. Send a test event to check the endpoint." />
      </section>
    );
  }
  const [current, ...old] = source.signing;
  return (
    <section className="space-y-2 text-sm">
      <p>
        <span className="font-medium text-slate-700">Signing secret:</span> <code className="font-mono">{current}</code>
        {old.length > 0 ? (
          <>
            {" "}
            (new), and <code className="font-mono">{old.join(", ")}</code> (old) while rotating
            {source.rotationStartedAt ? ` since ${when.format(source.rotationStartedAt)} UTC` : ""}: both are accepted.
          </>
        ) : null}
      </p>
      {old.length > 0 ? (
        <div className="space-y-1">
          <p className="text-slate-600">Once {source.kind === "STRIPE" ? "Stripe" : "Shopify"} signs with the new secret only, finish the rotation: the old one is then refused.</p>
          <ActionButton label="Finish rotation" busy="Finishing…" method="POST" url={`${url}/finish-rotation`} confirm="Drop the old secret? Deliveries still signed with it will be refused." />
        </div>
      ) : null}
      <details>
        <summary className="cursor-pointer text-slate-700">Rotate the signing secret</summary>
        <div className="mt-2 max-w-md">
          <SecretForm
            id={`${source.id}-new-secret`}
            label="New signing secret"
            placeholder={placeholder}
            submit="Add new secret"
            method="POST"
            url={url}
            field="secret"
            help={
              source.kind === "STRIPE"
                ? "In Stripe, “Roll secret” on the endpoint gives a new one and can keep the old valid for a while; paste the new one here. Both are accepted until you finish the rotation."
                : "Paste the new secret; the old one stays accepted until you finish the rotation."
            }
            done="New secret added: old and new are both accepted until you finish the rotation."
          />
        </div>
      </details>
    </section>
  );
}
