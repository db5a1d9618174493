"use client";

import { type ErrorBoundaryProps, PageError } from "@/lib/ui/PageError";

export default function QueuesError(props: ErrorBoundaryProps) {
  return <PageError title="The queue view failed" {...props} />;
}
