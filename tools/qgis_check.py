#!/usr/bin/python3
"""Open athar's layers in headless QGIS and check them as a QGIS user would see them.

Usage:
  QT_QPA_PLATFORM=offscreen /usr/bin/python3 tools/qgis_check.py FILE...
  QT_QPA_PLATFORM=offscreen /usr/bin/python3 tools/qgis_check.py --expect expect.json

For each layer file (every layer inside a .gpkg): the layer loads valid, its CRS is EPSG:4326,
and the .qml of the same stem, when there is one, applies (loadNamedStyle succeeds). With
--expect (a JSON list of {path, layer, count, geometry, fields: {name: Int|Real|Text|Date}, qml,
renderer, default_renderer}) it also checks the feature count, the geometry type, each field's
type as QGIS reads it, the renderer the style sets, and (GeoPackage) the default style stored in
the file. Needs PyQGIS (Debian: python3-qgis); exits 2 when it cannot be imported, 1 on any
failed check, 0 when all pass.
"""
import csv
import json
import os
import sys
import urllib.parse

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

try:
    from qgis.core import QgsApplication, QgsVectorLayer, QgsWkbTypes
    from qgis.PyQt.QtCore import QVariant
except ImportError as e:  # pragma: no cover - environment problem, reported clearly
    print(f"qgis_check: cannot import PyQGIS ({e}); install python3-qgis and run with /usr/bin/python3",
          file=sys.stderr)
    sys.exit(2)

TYPES = {
    "Int": {QVariant.Int, QVariant.LongLong},
    "Real": {QVariant.Double},
    "Text": {QVariant.String},
    "Date": {QVariant.Date},
}


def csv_uri(path):
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    q = {"type": "csv", "detectTypes": "yes", "crs": "EPSG:4326", "encoding": "UTF-8"}
    if header and header[0] == "WKT":
        q["wktField"] = "WKT"
    else:
        for x, y in (("longitude", "latitude"), ("lon", "lat")):
            if x in header and y in header:
                q["xField"], q["yField"] = x, y
                break
    return "file://" + urllib.parse.quote(os.path.abspath(path)) + "?" + urllib.parse.urlencode(q, safe=":")


def open_layer(path, name):
    ext = os.path.splitext(path)[1].lower()
    if ext == ".gpkg":
        return QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    if ext == ".csv":
        return QgsVectorLayer(csv_uri(path), name, "delimitedtext")
    return QgsVectorLayer(path, name, "ogr")


def gpkg_layers(path):
    import sqlite3
    con = sqlite3.connect(path)
    try:
        rows = con.execute(
            "SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name"
        ).fetchall()
    finally:
        con.close()
    return [r[0] for r in rows]


def check(entry, errors):
    path, name = entry["path"], entry["layer"]
    where = f"{os.path.basename(path)}:{name}"
    layer = open_layer(path, name)
    if not layer.isValid():
        errors.append(f"{where}: QGIS cannot load it")
        return
    if layer.crs().authid() != "EPSG:4326":
        errors.append(f"{where}: CRS is {layer.crs().authid()!r}, not EPSG:4326")
    if "count" in entry and layer.featureCount() != entry["count"]:
        errors.append(f"{where}: {layer.featureCount()} features, expected {entry['count']}")
    if "geometry" in entry:
        got = QgsWkbTypes.displayString(QgsWkbTypes.flatType(layer.wkbType()))
        if got != entry["geometry"]:
            errors.append(f"{where}: geometry {got}, expected {entry['geometry']}")
    fields = layer.fields()
    for fname, ftype in entry.get("fields", {}).items():
        i = fields.indexOf(fname)
        if i < 0:
            errors.append(f"{where}: no field {fname}")
            continue
        f = fields.at(i)
        if f.type() not in TYPES[ftype]:
            errors.append(f"{where}: field {fname} is {f.typeName()} ({f.type()}), expected {ftype}")
    if entry.get("default_renderer"):
        got = layer.renderer().type() if layer.renderer() else None
        if got != entry["default_renderer"]:
            errors.append(f"{where}: default style renderer {got}, expected {entry['default_renderer']}")
    qml = entry.get("qml")
    if qml:
        msg, ok = layer.loadNamedStyle(qml)
        if not ok:
            errors.append(f"{where}: style {os.path.basename(qml)} does not apply: {msg}")
        elif entry.get("renderer"):
            r = layer.renderer()
            got = r.type() if r else None
            if got != entry["renderer"]:
                errors.append(f"{where}: style gives renderer {got}, expected {entry['renderer']}")
            elif got == "categorizedSymbol" and len(r.categories()) < 2:
                errors.append(f"{where}: style has {len(r.categories())} categories")
            elif got == "graduatedSymbol" and len(r.ranges()) < 2:
                errors.append(f"{where}: style has {len(r.ranges())} ranges")


def entries_for_files(files):
    out = []
    for path in files:
        stem, ext = os.path.splitext(path)
        qml = stem + ".qml"
        if ext.lower() == ".gpkg":
            for name in gpkg_layers(path):
                q = os.path.join(os.path.dirname(path), name + ".qml")
                out.append({"path": path, "layer": name, "qml": q if os.path.exists(q) else None})
        else:
            out.append({"path": path, "layer": os.path.basename(stem),
                        "qml": qml if os.path.exists(qml) else None})
    return out


def main(argv):
    entries = []
    args = list(argv)
    if "--expect" in args:
        k = args.index("--expect")
        if k + 1 >= len(args):
            print("qgis_check: --expect needs a file", file=sys.stderr)
            return 2
        with open(args[k + 1], encoding="utf-8") as f:
            entries.extend(json.load(f))
        del args[k:k + 2]
    entries.extend(entries_for_files(args))
    if not entries:
        print(__doc__, file=sys.stderr)
        return 2
    app = QgsApplication([], False)
    app.initQgis()
    errors = []
    try:
        for e in entries:
            check(e, errors)
    finally:
        app.exitQgis()
    for e in errors:
        print(f"qgis_check: {e}", file=sys.stderr)
    if errors:
        return 1
    print(f"qgis_check: {len(entries)} layers ok (QGIS {__import__('qgis.core').core.Qgis.QGIS_VERSION})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
