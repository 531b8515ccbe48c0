import { permanentRedirect } from "next/navigation";

// Members moved into Settings with API keys and sources; old links and bookmarks still arrive.
export default async function MembersMoved({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  permanentRedirect(`/w/${encodeURIComponent(slug)}/settings/members`);
}
