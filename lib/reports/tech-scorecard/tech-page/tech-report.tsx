import Link from "next/link";
import { notFound } from "next/navigation";
import type { User } from "../../../auth/roles";
import { SourceError } from "../../../db/errors";
import { ErrorPanel } from "../../../ui/ErrorPanel";
import { formatCell, formatDuration } from "../../../ui/format";
import { Instant } from "../../../ui/Instant";
import { scorecardColumns } from "../columns";
import { isFlagged } from "../comparison";
import { FlagBadge } from "../view/flag-badge";
import { BesideTeam } from "./beside-team";
import { FirstReplyList } from "./first-reply-list";
import { HeatMap, nightActs } from "./heat-map";
import { loadTechPage } from "./load";
import { zoneCity } from "./local-time";
import { TicketActivity } from "./ticket-activity";

interface Props {
  login: string;
  range: { from: string; to: string };
  user: User;
  timeZone: string;
}

const column = (key: string) => scorecardColumns.find((c) => c.key === key) ?? { type: "text" as const };

/**
 * One tech over the days of the range, for a lead to "reflect" with them:
 * their scorecard row beside the team median, when they work (a heat map in
 * their office's zone), the first replies they gave, and every ticket they
 * touched with what they did on it. 404 when the login is unknown or hidden
 * from the caller's role.
 */
export async function TechReport({ login, range, user, timeZone }: Props) {
  let data: Awaited<ReturnType<typeof loadTechPage>>;
  try {
    data = await loadTechPage(login, range, user, timeZone);
  } catch (error) {
    if (error instanceof SourceError) return <ErrorPanel kind={error.kind} message={error.message} />;
    throw error;
  }
  if (!data) notFound();
  const { tech, row, teamRows, heat, acts, firstReplies, freshness } = data;
  const zone = tech.timezone;
  const teamHref = `/reports/tech-scorecard?${new URLSearchParams({ ...range, ...(tech.team_id ? { team: String(tech.team_id) } : {}) })}`;
  const night = nightActs(heat);
  return (
    <>
      <h1>
        {tech.full_name} <span className="muted">({tech.login})</span>{" "}
        {row && isFlagged(row) && <FlagBadge row={row} />}
      </h1>
      <p className="muted">
        {tech.team ?? "No team"} · times in the {zoneCity(zone)} office&apos;s zone ({zone}) · {range.from} to{" "}
        {range.to} · <Link href={teamHref}>{tech.team ? `${tech.team} scorecard` : "All scorecards"}</Link> · data as of{" "}
        <Instant value={freshness.dataAsOf} />
      </p>
      {row === null ? (
        <p className="empty">No comments, field changes or time entries by {tech.login} in this range.</p>
      ) : (
        <>
          <div className="tiles">
            <Tile label="Credit (old score)" value={row.credit} />
            <Tile label="Public replies" value={formatCell(row.public_replies, column("public_replies"))} />
            <Tile label="Bare notes" value={`${row.bare_notes} of ${row.internal_notes} notes`} />
            <Tile label="Resolved" value={`${row.tickets_resolved} (${row.reopened} reopened)`} />
            <Tile label="Time logged" value={formatDuration(row.minutes_logged * 60)} />
            <Tile label="After hours" value={formatCell(row.after_hours_share, column("after_hours_share"))} />
            <Tile label="Night acts (22:00–06:00)" value={night.toLocaleString("en-US")} />
            <Tile
              label="Median first reply"
              value={formatCell(row.median_first_reply_minutes, column("median_first_reply_minutes"))}
            />
          </div>
          <h2>Beside the team</h2>
          {teamRows.length > 0 && tech.team ? (
            <BesideTeam row={row} teamRows={teamRows} team={tech.team} />
          ) : (
            <p className="muted">
              {user.role === "tech" ? "Team medians are shown to leads and managers." : "No team to compare with."}
            </p>
          )}
        </>
      )}
      <h2>When {tech.full_name.split(" ")[0]} works</h2>
      <HeatMap cells={heat} zone={zone} />
      <h2>First replies ({firstReplies.length})</h2>
      <FirstReplyList replies={firstReplies} zone={zone} />
      <h2>Tickets touched ({row?.tickets_touched ?? 0})</h2>
      <TicketActivity acts={acts} zone={zone} />
    </>
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
