-- The billing database, exactly as ../shared/replica-schema.md describes it.
-- It belongs to the billing system: Lookback only reads it. Indexes: primary
-- and unique keys plus the two the replica has today.

CREATE TABLE accounts (
  account_no text PRIMARY KEY,
  name       text NOT NULL,
  currency   char(3) NOT NULL,
  status     text NOT NULL,
  opened_on  date NOT NULL
);

CREATE TABLE products (
  code     text PRIMARY KEY,
  name     text NOT NULL,
  category text NOT NULL
);

CREATE TABLE invoices (
  id         bigint PRIMARY KEY,
  account_no text NOT NULL REFERENCES accounts,
  number     text NOT NULL UNIQUE,
  issued_on  date NOT NULL,
  due_on     date NOT NULL,
  status     text NOT NULL,
  currency   char(3) NOT NULL
);

CREATE TABLE invoice_lines (
  id           bigint PRIMARY KEY,
  invoice_id   bigint NOT NULL REFERENCES invoices,
  product_code text NOT NULL REFERENCES products,
  description  text NOT NULL,
  quantity     numeric(12,3) NOT NULL,
  unit_price   numeric(12,2) NOT NULL,
  amount       numeric(12,2) NOT NULL,
  service_from date,
  service_to   date,
  product_no   text
);

CREATE TABLE payments (
  id          bigint PRIMARY KEY,
  invoice_id  bigint NOT NULL REFERENCES invoices,
  received_on date NOT NULL,
  amount      numeric(12,2) NOT NULL
);

CREATE TABLE fx_rates (
  currency char(3) NOT NULL,
  valid_on date NOT NULL,
  to_usd   numeric(18,8) NOT NULL,
  PRIMARY KEY (currency, valid_on)
);

CREATE INDEX invoices_account_no ON invoices (account_no);
CREATE INDEX invoice_lines_invoice_id ON invoice_lines (invoice_id);
