"use client";

import { type ErrorBoundaryProps, PageError } from "@/lib/ui/PageError";

export default function ClientError(props: ErrorBoundaryProps) {
  return <PageError title="The client page failed" {...props} />;
}
