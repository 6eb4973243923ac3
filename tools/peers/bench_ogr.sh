#!/usr/bin/env bash
# Peer timing for benches/layers.rs: GDAL's ogr2ogr converting athar's incidents GeoJSON to
# GeoPackage, CSV and GeoJSONSeq (the same layer athar writes from memory). Note ogr2ogr also
# parses the GeoJSON, so its times include reading.
# Usage: tools/peers/bench_ogr.sh INCIDENTS.geojson OUTDIR [FORMAT...]
# FORMATs: GPKG (default), CSV, GeoJSONSeq. Prints one line per format:
# "ogr2ogr FORMAT SECONDS BYTES", then "ogrinfo read SECONDS BYTES": GDAL only reading the
# GeoJSON (it parses the whole file on open), to subtract from the conversions.
set -euo pipefail
in=$1
out=$2
command -v ogr2ogr >/dev/null || { echo "bench_ogr.sh: ogr2ogr missing (apt-get install gdal-bin)" >&2; exit 2; }
mkdir -p "$out"
run() {
  local fmt=$1 dst=$2
  shift 2
  rm -rf "$dst"
  local t0 t1
  t0=$(date +%s.%N)
  ogr2ogr -f "$fmt" "$dst" "$in" "$@" >/dev/null 2>&1
  t1=$(date +%s.%N)
  local bytes
  bytes=$(du -cb "$dst"* | tail -1 | cut -f1)
  awk -v f="$fmt" -v a="$t0" -v b="$t1" -v n="$bytes" 'BEGIN { printf "ogr2ogr %s %.3f %d\n", f, b - a, n }'
}
formats=("${@:3}")
((${#formats[@]})) || formats=(GPKG)
for f in "${formats[@]}"; do
  case $f in
    GPKG) run GPKG "$out/peer.gpkg" -nln incidents ;;
    CSV) run CSV "$out/peer.csv" -lco GEOMETRY=AS_XY ;;
    GeoJSONSeq) run GeoJSONSeq "$out/peer.geojsons" -lco RS=YES ;;
    *) echo "bench_ogr.sh: unknown format $f" >&2; exit 2 ;;
  esac
done
t0=$(date +%s.%N)
ogrinfo -ro -al -so "$in" >/dev/null 2>&1
t1=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" -v n="$(stat -c %s "$in")" 'BEGIN { printf "ogrinfo read %.3f %d\n", b - a, n }'
