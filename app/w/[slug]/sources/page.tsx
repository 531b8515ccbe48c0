import { permanentRedirect } from "next/navigation";

// Sources live in Settings with members and API keys; the address the issue and early docs used still arrives.
export default async function SourcesMoved({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  permanentRedirect(`/w/${encodeURIComponent(slug)}/settings/sources`);
}
