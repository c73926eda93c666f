#!/bin/sh
# Runs once, when the PostgreSQL container initialises an empty data folder: Temporal's own user and
# its two databases, and the application's user and database. Passwords come from the environment
# (TEMPORAL_DB_PASSWORD, APP_DB_PASSWORD); nothing secret is written in the compose file.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v temporal_pw="$TEMPORAL_DB_PASSWORD" -v app_pw="$APP_DB_PASSWORD" <<'SQL'
CREATE ROLE temporal LOGIN PASSWORD :'temporal_pw';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
CREATE ROLE complaints_app LOGIN PASSWORD :'app_pw';
CREATE DATABASE complaints OWNER complaints_app;
SQL
