"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { errorsOf, type FieldErrors } from "./field-errors";

// One secret field that is sent once and cleared: a signing secret (first one, or the new one of a rotation) or a
// replacement Stripe key. The server's sentence lands under the field (its path is `field`).
export function SecretForm(props: {
  id: string;
  label: string;
  placeholder: string;
  submit: string;
  method: "POST" | "PUT";
  url: string;
  field: "secret" | "apiKey";
  done: string;
  help?: string;
}) {
  const router = useRouter();
  const [value, setValue] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: (secret: string) => callApi(props.method, props.url, { [props.field]: secret }),
    onSuccess: () => {
      setValue("");
      setErrors({});
      router.refresh();
    },
    onError: (error) => setErrors(errorsOf(error)),
  });
  return (
    <form
      aria-label={props.submit}
      noValidate
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!value.trim()) return setErrors({ [props.field]: `Paste the ${props.label.toLowerCase()} first.` });
        save.mutate(value.trim());
      }}
    >
      <TextField
        id={props.id}
        label={props.label}
        placeholder={props.placeholder}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={value}
        error={errors[props.field]}
        onChange={(e) => setValue(e.target.value)}
      />
      {props.help ? <p className="text-sm text-slate-600">{props.help}</p> : null}
      <div aria-live="polite">
        {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
        {save.isSuccess ? <Notice tone="success">{props.done}</Notice> : null}
      </div>
      <Button type="submit" variant="secondary" disabled={save.isPending}>
        {save.isPending ? "Saving…" : props.submit}
      </Button>
    </form>
  );
}
