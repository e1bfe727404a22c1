#!/usr/bin/env bash
# Makes the grader's sandbox (bubblewrap, see grader/run/sandbox.ts) available on a Debian or Ubuntu machine:
# installs the `bubblewrap` package when `bwrap` is missing and, where Ubuntu's AppArmor restricts unprivileged
# user namespaces (kernel.apparmor_restrict_unprivileged_userns=1, the default on ubuntu-24.04 runners), loads
# Ubuntu's own `bwrap-userns-restrict` profile: bwrap may create its namespaces, the processes it starts keep
# no capabilities, and the global restriction stays on. Idempotent. Never fails the job: without a working
# sandbox the grader runs without one, says so, and records sandbox "none".
set -uo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else return 1; fi
}

probe() {
  bwrap --unshare-all --unshare-user --die-with-parent --ro-bind / / --proc /proc --dev /dev -- /bin/true 2>&1
}

if ! command -v bwrap >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  echo "sandbox: installing bubblewrap"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null 2>&1 \
    || { as_root apt-get update -qq >/dev/null 2>&1 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null 2>&1; } \
    || echo "sandbox: could not install bubblewrap"
fi

if ! command -v bwrap >/dev/null 2>&1; then
  echo "sandbox: none (bwrap is not installed); grading runs without it"
  exit 0
fi

if ! why=$(probe); then
  restricted=$(sysctl -n kernel.apparmor_restrict_unprivileged_userns 2>/dev/null || echo 0)
  profile=/usr/share/apparmor/extra-profiles/bwrap-userns-restrict
  if [ "$restricted" = "1" ]; then
    [ -r "$profile" ] || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq apparmor-profiles >/dev/null 2>&1 || true
    if [ -r "$profile" ]; then
      as_root install -m 0644 "$profile" /etc/apparmor.d/bwrap-userns-restrict && as_root apparmor_parser -r /etc/apparmor.d/bwrap-userns-restrict \
        && echo "sandbox: loaded AppArmor's bwrap-userns-restrict profile"
    fi
  fi
  why=$(probe) || { echo "sandbox: none (bwrap cannot start here: ${why%%$'\n'*}); grading runs without it"; exit 0; }
fi
echo "sandbox: bubblewrap $(bwrap --version 2>/dev/null | awk '{print $2}') works"
