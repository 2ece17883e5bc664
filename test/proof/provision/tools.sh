#!/usr/bin/env bash
# tools.sh: install the Debian packages the build proof needs, when they are missing (root, Debian 12).
#
#   tools.sh            install what is missing; prints nothing when all is there
#   tools.sh --check    only report what is missing (exit 1 if anything is)
#
# Other jobs may run apt at the same time: apt waits up to 120 s for the dpkg lock, and
# `--no-upgrade` keeps packages that are already installed at their version.
set -euo pipefail

# package        command that shows it is there
NEEDS='
buildah          buildah
skopeo           skopeo
umoci            umoci
runc             runc
debootstrap      debootstrap
docker-registry  docker-registry
curl             curl
ca-certificates  update-ca-certificates
'

missing=()
while read -r pkg cmd; do
  [ -n "$pkg" ] || continue
  PATH=$PATH:/usr/sbin:/sbin command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done <<< "$NEEDS"
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "${1:-}" = --check ]; then
  echo "missing Debian packages: ${missing[*]}" >&2
  exit 1
fi
[ "$(id -u)" = 0 ] || { echo "tools.sh: missing ${missing[*]}; installing them needs root" >&2; exit 1; }
command -v apt-get >/dev/null || { echo "tools.sh: missing ${missing[*]} and no apt-get (Debian 12 expected)" >&2; exit 1; }

export DEBIAN_FRONTEND=noninteractive
APT=(apt-get -o DPkg::Lock::Timeout=120 -o Acquire::Retries=3)
echo "tools.sh: apt-get install ${missing[*]}" >&2
for try in 1 2 3; do   # `apt-get update` takes the lists lock, which DPkg::Lock::Timeout does not cover
  "${APT[@]}" update -qq && break
  [ "$try" = 3 ] && { echo "tools.sh: apt-get update failed" >&2; exit 1; }
  sleep 20
done
"${APT[@]}" install -y -qq --no-install-recommends --no-upgrade "${missing[@]}" >/dev/null
