import { ResultSkeleton } from "@/lib/ui/ResultSkeleton";

export default function Loading() {
  return <ResultSkeleton />;
}
