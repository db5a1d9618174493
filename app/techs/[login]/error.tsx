"use client";

import { type ErrorBoundaryProps, PageError } from "@/lib/ui/PageError";

export default function TechPageError(props: ErrorBoundaryProps) {
  return <PageError title="The tech page failed" {...props} />;
}
