#!/usr/bin/env bash
# Makes sure a `redis-server` exists for the distributed queue's tests (test/helpers/redis.ts starts
# its own on a free loopback port, stopped by pid): installs Debian's `redis-server` when it is
# missing, never starting the system service.
NO_SERVICE=1 exec bash "$(dirname "$0")/ensure-package.sh" redis-server redis-server /usr/bin/redis-server \
  "install Redis 6.2 or later (redis-server on the PATH)." \
  "$(command -v redis-server || true)" /usr/bin/redis-server
