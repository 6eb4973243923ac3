#!/usr/bin/env python3
"""Stream the WOF admin repos (bare git mirrors) with `git cat-file --batch` and keep
the properties needed by build_wof_arab.py, one JSON line per record, in cache/<cc>.jsonl.
Usage: python3 wof_extract.py [cc ...]   (default: all countries of the brief)"""
import json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.environ.get('WOF_WORK', '/tmp/wof_arab')  # cache and outputs, outside the repo
os.makedirs(os.path.join(WORK, 'cache'), exist_ok=True)
MIRROR = os.environ.get('WOF_MIRROR', '/work/.mirror/whosonfirst-data+whosonfirst-data-admin-{}/repo')
COUNTRIES = ['ye', 'iq', 'lb', 'ps', 'ly', 'sd', 'jo', 'kw', 'sa', 'eg',
             'ae', 'qa', 'bh', 'om', 'tn', 'dz', 'ma']
KEEP = ('wof:id', 'wof:placetype', 'wof:name', 'wof:country', 'wof:hierarchy', 'wof:parent_id',
        'wof:population', 'wof:superseded_by', 'edtf:deprecated', 'mz:is_current',
        'geom:latitude', 'geom:longitude', 'lbl:latitude', 'lbl:longitude', 'src:geom',
        'gn:geonameid', 'gn:feature_code', 'gn:population', 'gn:name', 'iso:country',
        'name:ara_x_preferred', 'name:ara_x_variant', 'name:eng_x_preferred', 'name:eng_x_variant',
        'wof:concordances', 'qs:placetype', 'qs:gn_pop', 'qs:pop', 'qs:gn_fcode',
        'wof:population_rank', 'mz:min_zoom', 'mps:latitude', 'mps:longitude', 'geom:bbox')


def extract(cc):
    repo = MIRROR.format(cc)
    commit = subprocess.check_output(['git', '-C', repo, 'rev-parse', 'HEAD'], text=True).strip()
    ls = subprocess.check_output(['git', '-C', repo, 'ls-tree', '-r', 'HEAD'], text=True)
    blobs = []
    for line in ls.splitlines():
        meta, path = line.split('\t', 1)
        if not path.startswith('data/') or not path.endswith('.geojson') or '-alt' in path:
            continue
        blobs.append((meta.split()[2], path))
    out = open(os.path.join(WORK, 'cache', cc + '.jsonl'), 'w', encoding='utf-8')
    p = subprocess.Popen(['git', '-C', repo, 'cat-file', '--batch'], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE)
    # feed in a thread-free way: write all requests first is risky for pipe buffers,
    # so interleave one request / one answer.
    n = 0
    for sha, path in blobs:
        p.stdin.write((sha + '\n').encode()); p.stdin.flush()
        header = p.stdout.readline().split()
        size = int(header[2])
        data = p.stdout.read(size); p.stdout.read(1)
        try:
            feat = json.loads(data)
            props = feat['properties']
        except Exception as e:
            print('bad json', path, e, file=sys.stderr); continue
        rec = {k: props[k] for k in KEEP if k in props}
        rec['_geomtype'] = (feat.get('geometry') or {}).get('type')
        rec['_path'] = path
        rec['_commit'] = commit
        rec['_repo'] = 'whosonfirst-data-admin-' + cc
        out.write(json.dumps(rec, ensure_ascii=False) + '\n'); n += 1
    p.stdin.close(); p.wait(); out.close()
    print(cc, commit, n, 'records', file=sys.stderr)


if __name__ == '__main__':
    for cc in (sys.argv[1:] or COUNTRIES):
        extract(cc)
