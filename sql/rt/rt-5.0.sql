-- The Request Tracker 5.0 tables Lookback reads, with the columns it reads
-- (lib/sources/rt). Written by us from RT's documented schema, for the tests,
-- the demo on RT and the benchmark: a real RT database has these and more.
-- Names are unquoted (lower case in PostgreSQL); timestamps are UTC without
-- time zone, as RT stores them. `configurations` exists from RT 5.0 on: it
-- is how the version is told (see lib/sources/rt/check.ts).

CREATE TABLE principals (
  id            int PRIMARY KEY,
  principaltype varchar(16) NOT NULL,
  disabled      int NOT NULL DEFAULT 0
);

CREATE TABLE users (
  id           int PRIMARY KEY,
  name         varchar(200) NOT NULL,
  emailaddress varchar(120),
  organization varchar(200),
  realname     varchar(120),
  timezone     varchar(50),
  created      timestamp,
  lastupdated  timestamp
);
CREATE UNIQUE INDEX users1 ON users (lower(name));

CREATE TABLE groups (
  id          int PRIMARY KEY,
  name        varchar(200),
  description varchar(255),
  domain      varchar(64),
  instance    int,
  created     timestamp,
  lastupdated timestamp
);
CREATE INDEX groups1 ON groups (lower(domain), lower(name), instance);

CREATE TABLE groupmembers (
  id       int PRIMARY KEY,
  groupid  int NOT NULL DEFAULT 0,
  memberid int NOT NULL DEFAULT 0,
  created  timestamp
);
CREATE UNIQUE INDEX groupmembers1 ON groupmembers (groupid, memberid);

CREATE TABLE queues (
  id          int PRIMARY KEY,
  name        varchar(200) NOT NULL,
  lifecycle   varchar(32),
  disabled    int NOT NULL DEFAULT 0,
  created     timestamp,
  lastupdated timestamp
);

CREATE TABLE tickets (
  id              int PRIMARY KEY,
  effectiveid     int NOT NULL DEFAULT 0,
  ismerged        smallint,
  queue           int NOT NULL DEFAULT 0,
  type            varchar(16),
  owner           int NOT NULL DEFAULT 0,
  subject         varchar(200) DEFAULT '[no subject]',
  initialpriority int NOT NULL DEFAULT 0,
  priority        int NOT NULL DEFAULT 0,
  timeworked      int NOT NULL DEFAULT 0,
  status          varchar(64),
  resolved        timestamp,
  lastupdated     timestamp,
  creator         int NOT NULL DEFAULT 0,
  created         timestamp
);
CREATE INDEX tickets3 ON tickets (effectiveid);

CREATE TABLE transactions (
  id         bigint PRIMARY KEY,
  objecttype varchar(255) NOT NULL,
  objectid   int NOT NULL DEFAULT 0,
  timetaken  int NOT NULL DEFAULT 0,
  type       varchar(20),
  field      varchar(255),
  oldvalue   varchar(255),
  newvalue   varchar(255),
  creator    int NOT NULL DEFAULT 0,
  created    timestamp
);
CREATE INDEX transactions1 ON transactions (objecttype, objectid);

CREATE TABLE customfields (
  id         int PRIMARY KEY,
  name       varchar(200),
  type       varchar(200),
  lookuptype varchar(255) NOT NULL,
  disabled   int NOT NULL DEFAULT 0
);

CREATE TABLE customfieldvalues (
  id          int PRIMARY KEY,
  customfield int NOT NULL,
  name        varchar(200),
  description varchar(255),
  created     timestamp
);
CREATE INDEX customfieldvalues1 ON customfieldvalues (customfield);

CREATE TABLE objectcustomfieldvalues (
  id          int PRIMARY KEY,
  customfield int NOT NULL,
  objecttype  varchar(255),
  objectid    bigint NOT NULL,
  content     varchar(255),
  created     timestamp,
  lastupdated timestamp,
  disabled    int NOT NULL DEFAULT 0
);
CREATE INDEX objectcustomfieldvalues2 ON objectcustomfieldvalues (customfield, objecttype, objectid);

CREATE TABLE configurations (
  id int PRIMARY KEY
);
