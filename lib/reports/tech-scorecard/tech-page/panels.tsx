import "server-only";
import type { User } from "../../../auth/roles";
import type { RawParams } from "../../../params/parse";
import { ErrorPanel } from "../../../ui/ErrorPanel";
import { formatCell } from "../../../ui/format";
import { SqlView } from "../../../ui/SqlView";
import { runForPage } from "../../page-run";
import { scorecardColumns } from "../columns";
import { isFlagged } from "../comparison";
import type { ScorecardRow } from "../row";
import { FlagBadge } from "../view/flag-badge";
import { BesideTeam } from "./beside-team";
import { FirstReplyList } from "./first-reply-list";
import { HeatMap, nightActs } from "./heat-map";
import type { TechProfileRow } from "./query";
import { techActsReport, techFirstRepliesReport, techHoursReport, techTeamReport } from "./report";
import { TicketActivity } from "./ticket-activity";

/**
 * The tech page's panels: async server components, each running its own
 * sub-report (report.ts) behind its own <Suspense>, so each shows as soon
 * as its numbers are in. `input` is the page's query plus the login.
 */
export interface PanelProps {
  input: RawParams;
  user: User;
  tech: TechProfileRow;
  /** The reporting zone (LOOKBACK_TZ): instants are shown in it, and it is named. */
  timeZone: string;
}

const column = (key: string) => scorecardColumns.find((c) => c.key === key) ?? { type: "text" as const };

function Failed({ issues }: { issues: { param: string; message: string }[] }) {
  return (
    <ErrorPanel
      kind="invalid_params"
      message={issues.map((i) => `${i.param} ${i.message}`).join("; ") || "Bad parameters"}
    />
  );
}

/** The tech's numbers as tiles, then beside their team's median. */
export async function TeamPanel({ input, user, tech }: PanelProps) {
  const result = await runForPage(techTeamReport, input, user);
  if (result.kind === "invalid") return <Failed issues={result.issues} />;
  if (result.kind === "failed") return <ErrorPanel kind={result.error.kind} message={result.error.message} />;
  const teamRows = result.run.rows as ScorecardRow[];
  const row = teamRows.find((r) => r.tech_id === tech.tech_id) ?? null;
  if (row === null) {
    return (
      <section aria-label="Numbers">
        <p className="empty">No comments, field changes or time entries by {tech.login} in this range.</p>
        <SqlView queries={result.run.queries} />
      </section>
    );
  }
  const others = user.role === "tech" ? [] : teamRows;
  return (
    <section aria-label="Numbers">
      <div className="tiles">
        <Tile label="Credit (old score)" value={formatCell(row.credit, column("credit"))} />
        <Tile label="Public replies" value={formatCell(row.public_replies, column("public_replies"))} />
        <Tile label="Bare notes" value={`${row.bare_notes} of ${row.internal_notes} notes`} />
        <Tile label="Resolved" value={`${row.tickets_resolved} (${row.reopened} reopened)`} />
        <Tile label="Tickets touched" value={formatCell(row.tickets_touched, column("tickets_touched"))} />
        <Tile label="Time logged" value={formatCell(row.minutes_logged, column("minutes_logged"))} />
        <Tile label="After hours" value={formatCell(row.after_hours_share, column("after_hours_share"))} />
        <Tile
          label="Median first reply"
          value={formatCell(row.median_first_reply_minutes, column("median_first_reply_minutes"))}
        />
      </div>
      <h2>Beside the team</h2>
      {others.length > 0 && tech.team ? (
        <BesideTeam row={row} teamRows={others} team={tech.team} />
      ) : (
        <p className="muted">
          {user.role === "tech" ? "Team medians are shown to leads and managers." : "No team to compare with."}
        </p>
      )}
      <SqlView queries={result.run.queries} />
    </section>
  );
}

/**
 * The flag beside the tech's name, when their numbers earn it. The same run
 * as TeamPanel's (the same report and parameters: the cache shares one
 * query), so the heading need not wait for it.
 */
export async function TechFlag({ input, user, tech }: PanelProps) {
  const result = await runForPage(techTeamReport, input, user);
  if (result.kind !== "ok") return null;
  const row = (result.run.rows as ScorecardRow[]).find((r) => r.tech_id === tech.tech_id);
  return row && isFlagged(row) ? <FlagBadge row={row} /> : null;
}

/** When the tech works: acts by weekday and hour in their office's zone. */
export async function HoursPanel({ input, user, tech }: PanelProps) {
  const result = await runForPage(techHoursReport, input, user);
  if (result.kind === "invalid") return <Failed issues={result.issues} />;
  if (result.kind === "failed") return <ErrorPanel kind={result.error.kind} message={result.error.message} />;
  const heat = result.run.rows;
  return (
    <section aria-labelledby="hours-heading">
      <h2 id="hours-heading">When {tech.full_name.split(" ")[0]} works</h2>
      <p className="muted">
        {nightActs(heat).toLocaleString("en-US")} acts at night (22:00–06:00 in the office&apos;s zone, {tech.timezone}
        ).
      </p>
      <HeatMap cells={heat} zone={tech.timezone} />
      <SqlView queries={result.run.queries} />
    </section>
  );
}

export async function FirstRepliesPanel({ input, user, timeZone }: PanelProps) {
  const result = await runForPage(techFirstRepliesReport, input, user);
  if (result.kind === "invalid") return <Failed issues={result.issues} />;
  if (result.kind === "failed") return <ErrorPanel kind={result.error.kind} message={result.error.message} />;
  return (
    <section aria-labelledby="replies-heading">
      <h2 id="replies-heading">First replies ({result.run.rows.length})</h2>
      <FirstReplyList replies={result.run.rows} timeZone={timeZone} />
      <SqlView queries={result.run.queries} />
    </section>
  );
}

export async function ActsPanel({ input, user, timeZone }: PanelProps) {
  const result = await runForPage(techActsReport, input, user);
  if (result.kind === "invalid") return <Failed issues={result.issues} />;
  if (result.kind === "failed") return <ErrorPanel kind={result.error.kind} message={result.error.message} />;
  return (
    <section aria-labelledby="acts-heading">
      <h2 id="acts-heading">Tickets touched</h2>
      <TicketActivity acts={result.run.rows} timeZone={timeZone} />
      <SqlView queries={result.run.queries} />
    </section>
  );
}

function Tile({ label, value }: { label: string; value: string }) {
  return (
    <div className="tile">
      <div className="tile-label">{label}</div>
      <div className="tile-value">{value}</div>
    </div>
  );
}
