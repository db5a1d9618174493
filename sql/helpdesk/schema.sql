-- The helpdesk database, exactly as ../shared/replica-schema.md describes it.
-- It belongs to the helpdesk system: Lookback only reads it. This DDL exists to
-- build the demo and test databases; the indexes below are the ones the
-- replica has today (primary keys plus the six listed). Lookback's
-- recommendations live in sql/indexes/.

CREATE TABLE offices (
  id       smallint PRIMARY KEY,
  name     text NOT NULL,
  timezone text NOT NULL
);

CREATE TABLE techs (
  id        int PRIMARY KEY,
  login     text NOT NULL UNIQUE,
  full_name text NOT NULL,
  office_id smallint NOT NULL REFERENCES offices,
  hired_on  date NOT NULL,
  left_on   date
);

CREATE TABLE teams (
  id int PRIMARY KEY
);

CREATE TABLE team_names (
  team_id    int NOT NULL REFERENCES teams,
  name       text NOT NULL,
  valid_from timestamptz NOT NULL,
  PRIMARY KEY (team_id, valid_from)
);

CREATE TABLE team_members (
  tech_id    int NOT NULL REFERENCES techs,
  team_id    int NOT NULL REFERENCES teams,
  valid_from timestamptz NOT NULL,
  valid_to   timestamptz
);

CREATE TABLE tech_cost_rates (
  tech_id     int NOT NULL REFERENCES techs,
  valid_from  date NOT NULL,
  hourly_cost numeric(10,2) NOT NULL,
  currency    char(3) NOT NULL,
  PRIMARY KEY (tech_id, valid_from)
);

CREATE TABLE customers (
  id                 int PRIMARY KEY,
  name               text NOT NULL,
  billing_account_no text,
  created_at         timestamptz NOT NULL
);

CREATE TABLE queues (
  id      int PRIMARY KEY,
  name    text NOT NULL,
  team_id int NOT NULL REFERENCES teams
);

CREATE TABLE tickets (
  id             bigint PRIMARY KEY,
  customer_id    int NOT NULL REFERENCES customers,
  subject        text NOT NULL,
  channel        text NOT NULL,
  priority       smallint NOT NULL,
  created_at     timestamptz NOT NULL,
  status         text NOT NULL,
  queue_id       int NOT NULL REFERENCES queues,
  assignee_id    int REFERENCES techs,
  updated_at     timestamptz NOT NULL,
  resolved_at    timestamptz,
  merged_into_id bigint
);

CREATE TABLE ticket_events (
  id        bigint PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES tickets,
  at        timestamptz NOT NULL,
  actor_id  int REFERENCES techs,
  field     text NOT NULL,
  old_value text,
  new_value text
);

CREATE TABLE ticket_comments (
  id         bigint PRIMARY KEY,
  ticket_id  bigint NOT NULL REFERENCES tickets,
  author_id  int REFERENCES techs,
  created_at timestamptz NOT NULL,
  visibility text NOT NULL,
  body       text NOT NULL,
  credit     numeric(2,1) NOT NULL
);

CREATE TABLE time_entries (
  id         bigint PRIMARY KEY,
  ticket_id  bigint NOT NULL REFERENCES tickets,
  tech_id    int NOT NULL REFERENCES techs,
  started_at timestamptz NOT NULL,
  minutes    int NOT NULL CHECK (minutes > 0),
  billable   boolean NOT NULL,
  note       text NOT NULL
);

CREATE TABLE certificates (
  id                 bigint PRIMARY KEY,
  customer_id        int NOT NULL REFERENCES customers,
  product_no         text NOT NULL,
  ticket_id          bigint REFERENCES tickets,
  common_name        text NOT NULL,
  sans               text[] NOT NULL,
  status             text NOT NULL,
  vendor             text NOT NULL,
  vendor_order_id    text,
  serial_hex         text,
  sha256_fingerprint text,
  key_type           text NOT NULL,
  requested_at       timestamptz NOT NULL,
  issued_at          timestamptz,
  not_before         timestamptz,
  not_after          timestamptz,
  server_hostname    text,
  vhost              text,
  updated_at         timestamptz NOT NULL
);

-- The secondary indexes the replica has today, and nothing more.
CREATE INDEX team_names_team_id_valid_from ON team_names (team_id, valid_from);
CREATE INDEX ticket_events_ticket_id_at ON ticket_events (ticket_id, at);
CREATE INDEX ticket_comments_ticket_id_created_at ON ticket_comments (ticket_id, created_at);
CREATE INDEX time_entries_ticket_id ON time_entries (ticket_id);
CREATE INDEX certificates_customer_id ON certificates (customer_id);
CREATE INDEX tickets_customer_id ON tickets (customer_id);
