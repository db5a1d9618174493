"use client";

import { type ErrorBoundaryProps, PageError } from "@/lib/ui/PageError";

export default function ReportError(props: ErrorBoundaryProps) {
  return <PageError title="The report page failed" {...props} />;
}
