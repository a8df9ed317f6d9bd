#!/usr/bin/env bash
# Installs everything annals needs to build, test and run on a bare Debian 12
# machine: the compiler, CMake, and the Debian packages of every library and
# data set the code uses. Run as root (or with sudo available).
set -euo pipefail
PACKAGES=(
  build-essential cmake pkg-config python3 ca-certificates
  libsqlite3-dev sqlite3          # the archive (FTS5 is built in)
  libicu-dev                      # normalization, case folding, charsets
  libstemmer-dev                  # Snowball stemmers (name keys of inflected languages)
  libxml2-dev                     # HTML parser
  libarchive-dev zlib1g-dev       # WARC and gzip
  libzstd-dev                     # the kept texts of text pages (page_texts)
  libre2-dev                      # linear-time regexes for untrusted text
  libuchardet-dev                 # charset detection
  libxxhash-dev                   # hashing for dedup
  nlohmann-json3-dev libcli11-dev libexpected-dev
  libcpp-httplib-dev
  libjs-chart.js                  # the web page's charts (annals serve), embedded at build time
  chromium chromium-driver python3-selenium   # the browser test of the web page
  iso-codes libgeonames-dev       # names of states and cities (packaged data)
  robin-map-dev                   # hash maps of the word lookups
  libgtest-dev libgmock-dev libbenchmark-dev
)
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
