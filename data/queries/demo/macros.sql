-- Deterministic random draws for the demo generator: uniform and standard normal from a hash of a key.
CREATE OR REPLACE TEMP MACRO demo_u(key, j) AS ((hash(key, j) % 1000000)::DOUBLE + 0.5) / 1000000.0;
CREATE OR REPLACE TEMP MACRO demo_normal(key, j) AS
  sqrt(-2 * ln(demo_u(key, j))) * cos(2 * pi() * demo_u(key, j + 100));
