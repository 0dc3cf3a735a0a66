-- Calendar helpers for cost views: UTC days and ISO weeks from epoch arithmetic, so a view gives the same
-- days in any client whatever its TimeZone setting (and without per-row time-zone conversion).
CREATE OR REPLACE MACRO utc_day(ts) AS CAST(make_timestamp(epoch_us(ts)) AS DATE);
CREATE OR REPLACE MACRO utc_week_start(ts) AS CAST(date_trunc('week', make_timestamp(epoch_us(ts))) AS DATE);
CREATE OR REPLACE MACRO utc_time_of_day_us(ts) AS epoch_us(ts) % 86400000000;
CREATE OR REPLACE MACRO iso_week(d) AS strftime(d, '%G-W%V');
-- Shapley share of one factor d (changing from d0 to d0 + dd) in the change of a product d·a·b·c whose other
-- factors change a0→a1, b0→b1, c0→c1: averages dd × (the others, each at old or new) over all orders of change.
CREATE OR REPLACE MACRO shapley4(dd, a0, a1, b0, b1, c0, c1) AS
  dd * ((a0 * b0 * c0 + a1 * b1 * c1) / 4.0 + (a1 * b0 * c0 + a0 * b1 * c0 + a0 * b0 * c1 + a1 * b1 * c0 + a1 * b0 * c1 + a0 * b1 * c1) / 12.0);
-- How many of the n days after `day` fall on ISO weekday wd (1 = Monday).
CREATE OR REPLACE MACRO days_left_on_weekday(day, n, wd) AS
  CASE WHEN n >= (wd - isodow(day) + 6) % 7 + 1 THEN (n - ((wd - isodow(day) + 6) % 7 + 1)) // 7 + 1 ELSE 0 END;
