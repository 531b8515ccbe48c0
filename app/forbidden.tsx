import { NoAccess } from "@/components/ui/no-access";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <NoAccess />
    </main>
  );
}
