"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@/components/ui/api";
import type { MappingState } from "@/lib/mappings/get-mapping-state";

// The mapping page's data: one query for the whole state, mutations that refresh it when they succeed.

export function mappingKey(slug: string) {
  return ["mappings", slug] as const;
}

export function useMappingState(slug: string) {
  return useQuery({ queryKey: mappingKey(slug), queryFn: () => callApi<MappingState>("GET", `/api/w/${slug}/mappings`) });
}

export function useMappingMutation<I, O>(slug: string, method: string, path: (input: I) => string, body: (input: I) => unknown = (input) => input) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => callApi<O>(method, `/api/w/${slug}/mappings${path(input)}`, body(input)),
    onSuccess: () => client.invalidateQueries({ queryKey: mappingKey(slug) }),
  });
}
