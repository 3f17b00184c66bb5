#!/usr/bin/env bash
# Installs everything the test suite needs, on a Debian machine, as root (or with sudo).
# Idempotent. Must run outside the loopback-only namespace: there is no network inside.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${GW_NETNS:-}" = 1 ]; then
  echo "install-test-deps.sh: run this outside the namespace (there is no network inside)" >&2
  exit 2
fi
sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)

# Debian packages: the JDK and Maven that build the project, unshare/ip for the namespace,
# openssl for the TLS tests, Chromium for the browser tests, Kamailio and sipp (sip-tester) for the
# SIP bridge's integration tests, Prosody (with lua-unbound, its resolver) and slixmpp (an XMPP client
# that is not Smack) for the XMPP bridge's (Prosody for e2e/xmpp.test.mjs too); lintian, adduser (the
# package's postinst) and systemd (systemd-analyze) for the Debian package's tests (PackageIT, LintianIT);
# prometheus for the metrics tests (promtool checks the exposition and the shipped alert rules, and a real
# Prometheus on loopback scrapes a test gateway); haproxy, a real reverse proxy in front of the gateway
# (PROXY protocol and X-Forwarded-For, and the README's configuration for several nodes) and nginx (the
# README's other one); coturn for e2e/turn.test.mjs (a call forced through a TURN relay
# with the credentials the gateway mints); redis-server, the shared state of cluster mode (RedisExtension
# starts a throw-away one per test on a free loopback port); rtpengine-daemon, the media relay the SIP bridge
# drives over its ng protocol for plain-RTP phones (RtpengineExtension starts one in userspace on loopback).
packages=(openjdk-17-jdk-headless maven util-linux iproute2 openssl chromium nodejs npm kamailio sip-tester
          prosody lua-unbound python3-slixmpp lintian adduser systemd prometheus haproxy nginx coturn
          redis-server rtpengine-daemon)
missing=()
for p in "${packages[@]}"; do
  case "$p" in
    openjdk-17-jdk-headless) command -v javac >/dev/null 2>&1 && continue ;;
    maven) command -v mvn >/dev/null 2>&1 && continue ;;
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
    chromium) [ -x /usr/bin/chromium ] && continue ;;
    *) dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' && continue ;;
  esac
  missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-test-deps.sh: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# The package enables its own Redis service on 127.0.0.1:6379 with persistence; the tests start their own
# and want none of it (nor a shared database that outlives a test run).
if [ -d /run/systemd/system ] && systemctl is-enabled redis-server >/dev/null 2>&1; then
  "${sudo[@]}" systemctl disable --now redis-server >/dev/null 2>&1 || true
fi
# nginx's package likewise starts its default site on port 80 of every interface; the tests start their own
# nginx on a free loopback port.
if [ -d /run/systemd/system ] && systemctl is-enabled nginx >/dev/null 2>&1; then
  "${sudo[@]}" systemctl disable --now nginx >/dev/null 2>&1 || true
fi

# rtpengine's package starts its own daemon from /etc/rtpengine; the tests start theirs on free loopback ports.
if [ -d /run/systemd/system ] && systemctl is-enabled rtpengine-daemon >/dev/null 2>&1; then
  "${sudo[@]}" systemctl disable --now rtpengine-daemon >/dev/null 2>&1 || true
fi

# The browser tests' npm packages (exact versions, from e2e/package-lock.json) and the StanzaJS bundle.
e2e/install.sh
