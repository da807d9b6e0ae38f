# Sourced by .ci/install-services.sh: `apt_get ARGS…` is apt-get that waits for another apt or
# dpkg (unattended-upgrades, a second job on the machine) instead of exiting 100 at once.
# Every wait is bounded by APT_LOCK_SECONDS (600 by default) and says what it is waiting for.

APT_LOCK_SECONDS=${APT_LOCK_SECONDS:-600}
APT_LOCKS=${APT_LOCKS:-"/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock"}

# Whether another process holds FILE. apt and dpkg lock with fcntl and keep the file open while they
# hold it: fuser sees that without taking the lock; without fuser, try the lock for an instant.
apt_lock_held() {
  local file=$1
  [[ -e $file ]] || return 1
  if command -v fuser >/dev/null 2>&1; then
    fuser "$file" >/dev/null 2>&1
    return
  fi
  python3 - "$file" <<'EOF'
import fcntl, sys
try:
    handle = open(sys.argv[1], "rb+")
except OSError:
    sys.exit(1)  # cannot even open it: not ours to wait for
try:
    fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
except OSError:
    sys.exit(0)
sys.exit(1)
EOF
}

# Wait until FILE is free or the DEADLINE (in bash's SECONDS) has passed; say so either way.
apt_wait_for_lock() {
  local file=$1 deadline=$2 said=-1
  while apt_lock_held "$file"; do
    if ((SECONDS >= deadline)); then
      echo "apt: gave up waiting for $file after ${APT_LOCK_SECONDS}s; held by: $(fuser -v "$file" 2>&1 | tail -n +2 || echo '?')" >&2
      return 1
    fi
    if ((SECONDS / 30 != said)); then
      said=$((SECONDS / 30))
      echo "apt: waiting for $file (held by another apt or dpkg; at most until ${APT_LOCK_SECONDS}s)" >&2
    fi
    sleep 2
  done
}

apt_get() {
  local deadline=$((SECONDS + APT_LOCK_SECONDS)) lock rc errors
  errors=$(mktemp)
  while :; do
    for lock in $APT_LOCKS; do
      apt_wait_for_lock "$lock" "$deadline" || { rm -f "$errors"; return 1; }
    done
    rc=0
    # DPkg::Lock::Timeout covers dpkg's lock; the lists lock (apt-get update) is the loop's job.
    apt-get -o DPkg::Lock::Timeout=$((deadline > SECONDS ? deadline - SECONDS : 1)) "$@" 2>"$errors" || rc=$?
    cat "$errors" >&2
    if ((rc == 100 && SECONDS < deadline)) && grep -qE "Could not get lock|Unable to lock" "$errors"; then
      echo "apt: another apt took the lock first; waiting again" >&2
      continue
    fi
    rm -f "$errors"
    return "$rc"
  done
}
