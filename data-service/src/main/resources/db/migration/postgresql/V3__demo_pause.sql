-- demo_pause(seconds) sleeps and returns 0: the knob of the slow-query scenario.
CREATE FUNCTION demo_pause(seconds double precision) RETURNS integer
    LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_sleep(seconds);
    RETURN 0;
END
$$;
