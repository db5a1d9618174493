"use client";

import { type ErrorBoundaryProps, PageError } from "@/lib/ui/PageError";

export default function CertificatesError(props: ErrorBoundaryProps) {
  return <PageError title="The certificate page failed" {...props} />;
}
