-- demo_pause(seconds) sleeps and returns 0: the knob of the slow-query scenario.
-- Declared DETERMINISTIC (it is not) because only then does H2 evaluate the one-row
-- "WITH pause AS (SELECT demo_pause(?))" once per statement instead of once per joined row.
CREATE ALIAS demo_pause DETERMINISTIC FOR 'dev.tracekit.demo.data.H2Functions.pause';
