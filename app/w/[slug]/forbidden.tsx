import { NoAccess } from "@/components/ui/no-access";

// Inside a workspace the 403 keeps the workspace's header (this boundary sits under app/w/[slug]/layout.tsx),
// so the person can go on to the sections they do have.
export default function WorkspaceForbidden() {
  return (
    <div className="max-w-md py-8">
      <NoAccess />
    </div>
  );
}
