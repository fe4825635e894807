-- TraceKit collector schema. Times are epoch nanoseconds (bigint); trace ids are 16 bytes.
-- Each span and log is kept whole in `payload` (an OTLP protobuf export request of that one
-- item), so reads return exactly what was ingested; the other columns exist to be searched.

-- One row per trace, maintained on every insert: search results come from here.
CREATE TABLE traces (
  trace_id        bytea    PRIMARY KEY,
  start_nanos     bigint   NOT NULL,
  end_nanos       bigint   NOT NULL,
  duration_nanos  bigint   GENERATED ALWAYS AS (end_nanos - start_nanos) STORED,
  span_count      integer  NOT NULL,
  error_count     integer  NOT NULL,
  services        text[]   NOT NULL,
  -- The earliest span without a parent (null until one arrives).
  root_name       text,
  root_service    text,
  root_start      bigint,
  root_span_id    bigint,
  -- The earliest span: shown while the root is missing.
  first_name      text     NOT NULL,
  first_service   text     NOT NULL,
  first_start     bigint   NOT NULL,
  first_span_id   bigint   NOT NULL
);
-- Newest first, time windows, retention.
CREATE INDEX traces_start ON traces (start_nanos);
-- minDuration / maxDuration.
CREATE INDEX traces_duration ON traces (duration_nanos);
-- service=.
CREATE INDEX traces_services ON traces USING gin (services);
-- error=true.
CREATE INDEX traces_errors ON traces (start_nanos) WHERE error_count > 0;

CREATE TABLE spans (
  trace_id        bytea    NOT NULL,
  span_id         bigint   NOT NULL,
  parent_span_id  bigint,
  service         text     NOT NULL,
  name            text     NOT NULL,
  start_nanos     bigint   NOT NULL,
  end_nanos       bigint   NOT NULL,
  error           boolean  NOT NULL,
  -- Span attributes as text ({"key": "value"}), for tag=key=value.
  tags            jsonb    NOT NULL,
  payload         bytea    NOT NULL,
  -- A retried batch inserts nothing twice (ON CONFLICT DO NOTHING).
  PRIMARY KEY (trace_id, span_id)
);
-- service= with operation=, and the operations cleanup after retention.
CREATE INDEX spans_service_name ON spans (service, name, trace_id);
-- operation= without service=.
CREATE INDEX spans_name ON spans (name, trace_id);
-- tag=key=value.
CREATE INDEX spans_tags ON spans USING gin (tags jsonb_path_ops);

-- Distinct (service, span name) pairs, so /api/services needs no scan of spans.
CREATE TABLE operations (
  service  text  NOT NULL,
  name     text  NOT NULL,
  PRIMARY KEY (service, name)
);

CREATE TABLE logs (
  id           bigint    GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  time_nanos   bigint    NOT NULL,
  trace_id     bytea,
  span_id      bigint,
  service      text      NOT NULL,
  -- OTel severity number; taken from the severity text when the number is unspecified.
  severity     smallint  NOT NULL,
  -- For q= (case-insensitive substring, evaluated on the rows the other criteria select).
  body         text      NOT NULL,
  payload      bytea     NOT NULL
);
-- Newest first, time windows, retention.
CREATE INDEX logs_time ON logs (time_nanos);
-- traceId= (the logs of a trace), with spanId=.
CREATE INDEX logs_trace ON logs (trace_id, span_id, time_nanos) WHERE trace_id IS NOT NULL;
-- spanId= alone.
CREATE INDEX logs_span ON logs (span_id) WHERE span_id IS NOT NULL;
-- service=.
CREATE INDEX logs_service ON logs (service, time_nanos);
-- level=.
CREATE INDEX logs_severity ON logs (severity, time_nanos);
