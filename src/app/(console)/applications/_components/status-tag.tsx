import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from "@/lib/schemas/application-workflow";

const STYLES: Record<ApplicationStatus, string> = {
  DRAFT: "bg-slate-200 text-slate-800",
  SIGNED: "bg-amber-100 text-amber-900",
  APPROVED: "bg-green-100 text-green-800",
  REJECTED: "bg-red-100 text-red-800",
  SENT_OFF: "bg-blue-100 text-blue-800",
  WITHDRAWN: "bg-slate-100 text-slate-500",
};

export function StatusTag({ status }: { status: ApplicationStatus }) {
  return <span className={`whitespace-nowrap rounded px-2 py-0.5 text-sm ${STYLES[status]}`}>{APPLICATION_STATUS_LABELS[status]}</span>;
}
