#!/usr/bin/env python3
"""Build places_wof_arab.tsv: Who's On First localities and neighbourhoods of Arab countries
with an Arabic name that athar's gazetteer lacks (standard library only).

    python3 wof_extract.py            # streams the WOF git mirrors into cache/<cc>.jsonl
    python3 build_wof_arab.py         # writes places_wof_arab.tsv, drops.tsv, stats.json
    python3 build_wof_arab.py --strict   # without the curated-locality extension of rule 4

Reads $ATHAR_GAZ (default: this repo's gazetteer/)/{places.tsv,common_words.tsv,manual/names_not_words.txt} (read only).
"""
import argparse
import collections
import json
import math
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.environ.get('WOF_WORK', '/tmp/wof_arab')  # cache and outputs, outside the repo
os.makedirs(os.path.join(WORK, 'cache'), exist_ok=True)
GAZ = os.environ.get('ATHAR_GAZ', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'gazetteer'))
COUNTRIES = ['YE', 'IQ', 'LB', 'PS', 'LY', 'SD', 'JO', 'KW', 'SA', 'EG',
             'AE', 'QA', 'BH', 'OM', 'TN', 'DZ', 'MA']
CONFLICT = {'YE', 'IQ', 'LB', 'PS', 'LY', 'SD'}
REVIEW_ONLY = {'SD'}
LOCALITY = {'locality', 'localadmin'}
HOOD = {'neighbourhood', 'macrohood', 'microhood', 'borough'}
COLUMNS = ['id', 'kind', 'country', 'parent', 'name_ar', 'name_en', 'variants_ar',
           'variants_en', 'lat', 'lon', 'population', 'source', 'citation']

# ---- folding and cleaning: tools/build_gazetteer.py's own (as src/text/normalize.rs folds)
sys.path.insert(0, os.path.join(HERE, '..'))
from build_gazetteer import HAS_AR, PLAIN_AR, clean, fold, fold_key  # noqa: E402

AR_LETTER = re.compile(r"[\u0621-\u063a\u0641-\u064a]")
GENERIC_PREFIX = ('منطقه', 'حي رقم', 'قطعه', 'مربع', 'بلوك', 'مجمع', 'مطار', 'ميناء', 'جامعه',
                  'مستشفي', 'مخطط', 'المنطقه', 'القطعه', 'ضاحيه رقم', 'مدينه رقم', 'محافظه',
                  'مديريه', 'قضاء', 'ناحيه', 'بلديه', 'مركز', 'معسكر', 'قاعده', 'محطه')


def strip_al(f):
    return f[2:] if f.startswith('ال') and len(f) > 4 else f


def km(a, b, c, d):
    p = math.pi / 180
    x = math.sin((c - a) * p / 2) ** 2 + math.cos(a * p) * math.cos(c * p) * math.sin((d - b) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1, x)))


def num(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def fmt(x):
    s = repr(float(x))
    return s[:-2] if s.endswith('.0') else s


# ---- gazetteer side
def load_gazetteer():
    rows = []
    with open(os.path.join(GAZ, 'places.tsv'), encoding='utf-8') as f:
        head = f.readline().rstrip('\n').split('\t')
        for line in f:
            r = dict(zip(head, line.rstrip('\n').split('\t')))
            r['lat'], r['lon'] = num(r.get('lat')), num(r.get('lon'))
            names = [r['name_ar']] + [v for v in r.get('variants_ar', '').split('|') if v]
            r['keys'] = {fold_key(n) for n in names if n} | {strip_al(fold(n)) for n in names if n}
            r['keys'].discard('')
            rows.append(r)
    index = collections.defaultdict(list)
    for r in rows:
        for k in r['keys']:
            index[k].append(r)
    return rows, index


def load_common():
    common = {}
    with open(os.path.join(GAZ, 'common_words.tsv'), encoding='utf-8') as f:
        f.readline()
        for line in f:
            w, z = line.rstrip('\n').split('\t')
            if int(z) >= 300:
                common[fold(w)] = int(z)
    exempt = set()
    with open(os.path.join(GAZ, 'manual', 'names_not_words.txt'), encoding='utf-8') as f:
        for line in f:
            if line.strip() and not line.startswith('#'):
                exempt.add(fold(line.strip()))
    return common, exempt


def is_common(word, common, exempt):
    f = fold(word)
    for w in (f, strip_al(f), f[2:] if f.startswith('ال') else f):
        if w in exempt:
            return False
    return f in common or strip_al(f) in common or (f.startswith('ال') and f[2:] in common)


def name_problem(name, common, exempt):
    """None if the (cleaned Arabic) name is usable, else the filter that rejects it."""
    f = fold(name)
    if not PLAIN_AR.match(name):
        return 'not_plain_arabic'
    if len(AR_LETTER.findall(f)) < 3:
        return 'short'
    if any(f.startswith(p + ' ') or f == p for p in GENERIC_PREFIX):
        return 'generic_label'
    if is_common(f, common, exempt):
        return 'common_word'
    toks = f.replace('-', ' ').split()
    if len(toks) > 1 and all(is_common(t, common, exempt) or len(AR_LETTER.findall(t)) < 2 for t in toks):
        return 'only_common_words'
    return None


GIVEN = set('''محمد احمد علي حسن حسين كاظم صالح جاسم عباس جعفر فاضل خليل ابراهيم اسماعيل يوسف موسي عيسي
عمر عثمان خالد سعيد سعد سالم سلمان سليمان حمد حمود حميد محمود مصطفي فيصل ناصر جبار مهدي هادي كريم رحيم
رشيد مجيد جواد رضا فلاح فالح شاكر ثامر عادل عدنان قاسم هاشم ياسين طه نوري صبري حمزه مالك نايف ماجد
مشعل سعود فهد عزيز عواد عوده حامد حمادي حماده جمعه خضر خضير كامل جميل سامي سمير منصور مرزوق مبارك
ياسر بكر زيد زياد عامر عمار رياض حازم شهاب نجم غازي لطيف ستار جبر شلال مطلك دحام عبيد عيد'''.split())


def person_like(name):
    """«كاظم حسين صخيل», «صالح غماد», «عبد الله هربي»: a village named like a man, which would
    catch a person's name in a report."""
    toks = fold(name).split()
    if len(toks) < 2:
        return False
    return toks[0] in GIVEN or toks[0] == 'عبد' or toks[0].startswith('عبد')


def arabic_names(rec):
    """[(cleaned name, field)] in order preferred then variant, Arabic script only."""
    out = []
    for field in ('name:ara_x_preferred', 'name:ara_x_variant'):
        vals = rec.get(field) or []
        if isinstance(vals, str):
            vals = [vals]
        for v in vals:
            c = clean(v)
            if c and HAS_AR.search(c):
                out.append((c, field))
    return out


# ---- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--strict', action='store_true',
                    help='rule 4 as written: outside conflict countries keep only towns and neighbourhoods')
    ap.add_argument('--out', default=os.path.join(WORK, 'places_wof_arab.tsv'))
    args = ap.parse_args()

    gaz_rows, gaz_index = load_gazetteer()
    gaz_ids = {r['id'] for r in gaz_rows}
    common, exempt = load_common()
    drops = []
    stats = collections.Counter()
    commits = {}
    kept = []
    bbox_out = []

    def drop(rec, cc, reason, name=''):
        stats[(cc, reason)] += 1
        drops.append((cc, str(rec.get('wof:id')), rec.get('wof:placetype', ''), name,
                      (rec.get('wof:name') or '').replace('\t', ' '), reason))

    for cc in COUNTRIES:
        path = os.path.join(WORK, 'cache', cc.lower() + '.jsonl')
        if not os.path.exists(path):
            continue
        recs = [json.loads(l) for l in open(path, encoding='utf-8')]
        commits[cc] = recs[0]['_commit']
        repo = recs[0]['_repo']
        # country bbox from the WOF country record
        bbox = None
        for r in recs:
            if r.get('wof:placetype') == 'country' and (r.get('wof:country') or r.get('iso:country')) == cc:
                bbox = [float(x) for x in r['geom:bbox'].split(',')]
        regions = {r['wof:id']: r for r in recs if r.get('wof:placetype') == 'region'}
        govs = [g for g in gaz_rows if g['country'] == cc and g['kind'] == 'governorate']

        def gov_keys(names):
            ks = set()
            for n in names:
                f = fold(n)
                for p in ('محافظه ', 'ولايه ', 'منطقه ', 'امانه ', 'شعبيه ', 'لواء ', 'قضاء '):
                    if f.startswith(p):
                        f = f[len(p):]
                ks.add(strip_al(f)); ks.add(fold_key(f))
            ks.discard('')
            return ks

        def latin(s):
            s = unicodedata.normalize('NFKD', s or '')
            s = ''.join(c for c in s if not unicodedata.combining(c)).lower()
            s = re.sub(r'\b(governorate|province|region|wilayat|wilaya|muhafazat|district|mintaqat|emirate|of)\b', ' ', s)
            s = re.sub(r'[^a-z ]+', ' ', s)
            return ''.join(w for w in s.split() if w not in ('al', 'el', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'an', 'ath'))

        region_parent = {}
        for rid, r in regions.items():
            # preferred Arabic names only: the WOF region variants hold other regions' names
            # (Sana'a -> «تعز», Eastern Darfur -> «ولاية جنوب دارفور»)
            rk = gov_keys([n for n, fld in arabic_names(r) if fld == 'name:ara_x_preferred'])
            hit = None
            for g in govs:
                gk = gov_keys([g['name_ar']] + [v for v in g['variants_ar'].split('|') if v])
                if rk & gk:
                    hit = g; break
            if hit is None:
                rl = latin(r.get('wof:name'))
                for g in govs:
                    if rl and rl in {latin(g['name_en'])} | {latin(v) for v in g['variants_en'].split('|') if v}:
                        hit = g; break
            if hit:
                region_parent[rid] = hit
        cities = [g for g in gaz_rows if g['country'] == cc and g['kind'] in ('city', 'town')
                  and g['lat'] is not None]

        cands = []
        review_rows = []
        for r in recs:
            pt = r.get('wof:placetype')
            if pt not in LOCALITY and pt not in HOOD:
                stats[(cc, 'placetype_other')] += 1
                continue
            if r.get('edtf:deprecated'):
                drop(r, cc, 'deprecated'); continue
            if r.get('wof:superseded_by'):
                drop(r, cc, 'superseded'); continue
            lat, lon = num(r.get('geom:latitude')), num(r.get('geom:longitude'))
            coord_src = 'geom'
            if lat is None or lon is None:
                lat, lon = num(r.get('lbl:latitude')), num(r.get('lbl:longitude'))
                coord_src = 'lbl'
            if lat is None or lon is None:
                drop(r, cc, 'no_geom'); continue
            if r.get('mz:is_current') == 0 and coord_src != 'geom':
                drop(r, cc, 'not_current_no_geom'); continue
            if cc == 'MA' and pt == 'localadmin':
                # Moroccan communes: the Arabic labels are mostly another commune's name
                # (Tahannaout -> «ستي فاطمة», Imouzzer -> «اضمين»)
                drop(r, cc, 'ma_localadmin_mismatched_arabic'); continue
            names = arabic_names(r)
            if not names:
                drop(r, cc, 'no_arabic_name'); continue
            name, field = names[0]
            prob = name_problem(name, common, exempt)
            review = None
            if prob in ('common_word', 'only_common_words'):
                review = prob          # decided below: towns and curated localities go to the review file
            elif prob:
                drop(r, cc, prob, name); continue
            pops = [(num(r.get(k)), k) for k in ('wof:population', 'gn:population')]
            pops = [(p, k) for p, k in pops if p and p > 0]
            pop, pop_field = max(pops) if pops else (None, None)
            fc = r.get('gn:feature_code') or ''
            if pt in HOOD:
                kind = 'neighbourhood'
            elif (pop and pop >= 10000) or fc.startswith('PPLA') or fc == 'PPLC':
                kind = 'town'
            else:
                kind = 'village'
            src = r.get('src:geom') or ''
            curated = pt in LOCALITY and (src not in ('geonames', '') or r.get('_geomtype') in ('Polygon', 'MultiPolygon'))
            if review and not (kind == 'town' or curated):
                drop(r, cc, review, name); continue
            if kind == 'village' and cc in CONFLICT and person_like(name):
                drop(r, cc, 'village_named_like_a_person', name); continue
            if kind == 'village' and cc not in CONFLICT:
                if args.strict or not curated:
                    drop(r, cc, 'village_outside_conflict_country', name); continue
            if bbox and not (bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]):
                bbox_out.append((cc, r['wof:id'], name, lat, lon))
                drop(r, cc, 'outside_country_bbox', name); continue
            if 'M:%s:wof-%s' % (cc, r['wof:id']) in gaz_ids:
                drop(r, cc, 'duplicate_same_wof_id', name); continue
            # variants: every other Arabic label
            allnames = [n for n, _ in names]
            keys = {fold_key(name), strip_al(fold(name))}
            allkeys = set()
            for n in allnames:
                if PLAIN_AR.match(n):
                    allkeys |= {fold_key(n), strip_al(fold(n))}
            allkeys.discard('')
            near_dup = None
            for k in allkeys:
                for g in gaz_index.get(k, []):
                    if g['country'] == cc and g['lat'] is not None and km(lat, lon, g['lat'], g['lon']) <= 10:
                        near_dup = g; break
                if near_dup:
                    break
            if near_dup:
                drop(r, cc, 'duplicate_gazetteer_10km', name + ' = ' + near_dup['id']); continue
            homs = []
            for k in keys:
                for g in gaz_index.get(k, []):
                    if g not in homs:
                        homs.append(g)
            same = [g for g in homs if g['country'] == cc and (g['kind'] in ('city', 'town', 'governorate') or (
                g['lat'] is not None and km(lat, lon, g['lat'], g['lon']) <= 30))]
            if same:
                # «صنعاء» 13 km from the gazetteer's Sanaa, two «الحديدة» records 200+ km from Hodeidah:
                # the same city with another centroid, or a misplaced copy
                drop(r, cc, 'same_country_homonym_of_gazetteer_city_or_within_30km', name + ' ~ ' + same[0]['id']); continue
            if homs and not (pop and pop >= 10000):
                # a homonym is kept only for a town with a recorded population >= 10,000 (not for a
                # PPLA*-only seat: Yemen's «السويداء», «الناصرة» would compete with Syria's and Israel's)
                drop(r, cc, 'homonym_not_town', name + ' ~ ' + homs[0]['id']); continue
            variants, seen = [], {fold(name)}
            for n in allnames[1:]:
                fn = fold(n)
                if fn in seen or name_problem(n, common, exempt):
                    continue
                vk = {fold_key(n), strip_al(fn)}
                if any(gaz_index.get(k) for k in vk) and not (vk & keys):
                    stats[(cc, 'variant_dropped_homonym')] += 1
                    continue
                seen.add(fn); variants.append(n)
            if review:
                review_rows.append(dict(rec=r, cc=cc, repo=repo, kind=kind, name=name, field=field,
                              variants=variants, lat=lat, lon=lon, coord_src=coord_src, pop=pop,
                              pop_field=pop_field, fc=fc, homs=homs, keys=keys, curated=curated, review=review))
                drop(r, cc, review + '_to_review_file', name)
                continue
            cands.append(dict(rec=r, cc=cc, repo=repo, kind=kind, name=name, field=field,
                              variants=variants, lat=lat, lon=lon, coord_src=coord_src, pop=pop,
                              pop_field=pop_field, fc=fc, homs=homs, keys=keys, curated=curated))

        # duplicates inside WOF: same key within 10 km -> keep the best record
        def rank(c):
            r = c['rec']
            return (c['kind'] == 'town', c['pop'] or 0, r.get('wof:placetype') == 'locality',
                    r.get('mz:is_current') == 1, c['field'] == 'name:ara_x_preferred', -int(r['wof:id']))
        cands.sort(key=rank, reverse=True)
        chosen = []
        by_key = collections.defaultdict(list)
        for c in cands:
            dup = None
            for k in c['keys']:
                for o in by_key[k]:
                    if km(c['lat'], c['lon'], o['lat'], o['lon']) <= 10:
                        dup = o; break
                if dup:
                    break
            if dup:
                drop(c['rec'], cc, 'duplicate_within_wof_10km', c['name'] + ' = wof-%s' % dup['rec']['wof:id'])
                continue
            for k in c['keys']:
                by_key[k].append(c)
            chosen.append(c)

        for c in chosen + review_rows:
            r = c['rec']
            parent, pnote = '', ''
            if c['kind'] == 'neighbourhood' and cities:
                best = min(cities, key=lambda g: km(c['lat'], c['lon'], g['lat'], g['lon']))
                d = km(c['lat'], c['lon'], best['lat'], best['lon'])
                if d <= 15:
                    parent = best['id']
                    pnote = 'parent %s %s (%.1f km, nearest gazetteer city/town of %s)' % (
                        best['id'], best['name_ar'], d, cc)
            if not parent:
                rid = None
                for h in r.get('wof:hierarchy') or []:
                    if h.get('region_id') in region_parent:
                        rid = h['region_id']; break
                if rid:
                    g = region_parent[rid]
                    reg = regions[rid]
                    parent = g['id']
                    pnote = 'parent %s %s (governorate matching the WOF region ancestor %s \'%s\')' % (
                        g['id'], g['name_ar'], rid, reg.get('wof:name'))
            if not parent:
                pnote = 'no parent: no gazetteer city within 15 km and no governorate row matching the WOF region'
            src = r.get('src:geom') or 'not recorded'
            gid = r.get('gn:geonameid') or (r.get('wof:concordances') or {}).get('gn:id')
            cit = "Who's On First record %s '%s' (github.com/whosonfirst-data/%s at commit %s, file %s): " % (
                r['wof:id'], clean(r.get('wof:name') or ''), c['repo'], r['_commit'], r['_path'])
            if c['coord_src'] == 'geom':
                cit += 'geom:latitude %s, geom:longitude %s, ' % (fmt(c['lat']), fmt(c['lon']))
            else:
                cit += 'lbl:latitude %s, lbl:longitude %s (no geom: coordinate), ' % (fmt(c['lat']), fmt(c['lon']))
            if src == 'geonames' and gid:
                cit += 'src:geom geonames = GeoNames point gn:id %s (geonames.org/%s, feature code %s; GeoNames CC BY 4.0)' % (
                    gid, gid, c['fc'] or 'not recorded')
            else:
                cit += 'src:geom %s' % src
                if gid:
                    cit += '; GeoNames concordance gn:id %s (geonames.org/%s%s; GeoNames CC BY 4.0)' % (
                        gid, gid, ', feature code ' + c['fc'] if c['fc'] else '')
            cit += '; Arabic name from %s (%s)' % (c['field'], c['name'])
            if c['variants']:
                cit += ', variants from name:ara_x_preferred/name:ara_x_variant'
            if c['pop']:
                cit += '; population %d from %s' % (c['pop'], c['pop_field'])
            cit += '; placetype %s' % r.get('wof:placetype')
            if c['curated'] and c['kind'] == 'village' and cc not in CONFLICT:
                cit += ' (kept outside the conflict countries as a WOF-curated locality: src:geom %s, geometry %s)' % (
                    src, r.get('_geomtype'))
            cit += '; WOF licence CC BY 4.0; ' + pnote
            if c['homs']:
                cit += '; homonym of gazetteer ' + ', '.join('%s %s (%s)' % (g['id'], g['name_ar'], g['country']) for g in c['homs'][:4])
            en_vars = []
            for k in ('name:eng_x_preferred', 'name:eng_x_variant'):
                for v in r.get(k) or []:
                    en_vars.append(clean(v))
            if r.get('gn:name'):
                en_vars.append(clean(r['gn:name']))
            name_en = clean(r.get('wof:name') or '')
            ev, seen_en = [], {name_en.lower()}
            for v in en_vars:
                if v and v.lower() not in seen_en and not HAS_AR.search(v):
                    seen_en.add(v.lower()); ev.append(v)
            kept.append(dict(id='M:%s:wof-%s' % (cc, r['wof:id']), kind=c['kind'], country=cc, parent=parent,
                             name_ar=c['name'], name_en=name_en, variants_ar='|'.join(c['variants']),
                             variants_en='|'.join(ev), lat=fmt(c['lat']), lon=fmt(c['lon']),
                             population=str(int(c['pop'])) if c['pop'] else '', source='manual',
                             citation=cit, _homs=c['homs'], _curated=c['curated'] and c['kind'] == 'village' and cc not in CONFLICT,
                             _fc=c['fc'], _review=c.get('review')))

    kept.sort(key=lambda x: (x['country'], x['id']))
    head = ("# Who's On First localities (towns, villages) and city neighbourhoods of Arab countries with an Arabic name "
            "that the gazetteer lacked (%s; WOF CC BY 4.0, incorporating GeoNames CC BY 4.0 and Quattroshapes CC BY). "
            "Every row cites the record and the coordinate fields read; no coordinate is estimated. kind town = population "
            ">= 10,000 or GeoNames PPLA*/PPLC, village = other localities (kept only in YE, IQ, LB, PS, LY, SD%s), "
            "neighbourhood = WOF neighbourhood/macrohood/microhood. parent = nearest gazetteer city/town within 15 km for "
            "neighbourhoods, else the governorate matching the WOF region ancestor, else empty. Left out: deprecated or "
            "superseded records, names that are everyday words or made only of them (common_words.tsv zipf >= 3.0, with or "
            "without the article; names_not_words.txt exempt), shorter than 3 letters, Latin-only or generic labels, names "
            "already in the gazetteer for the same country within 10 km, villages whose name the gazetteer has anywhere "
            "(towns kept and listed as homonyms in REPORT.md), points outside the country's WOF bounding box.\n") % (
        '; '.join('whosonfirst-data-admin-%s at commit %s' % (cc.lower(), commits[cc]) for cc in commits),
        '' if args.strict else '; outside them, localities with a WOF/Quattroshapes/Natural Earth geometry rather than a '
        'bare GeoNames point are kept too')
    # Sudan: WOF's Arabic labels there are mostly Wikidata labels matched on the Latin name
    # (Sauria -> «عظائيات» lizards, Gondar -> «قوندر», Kurti and Gilas at one point): kept apart
    review = [k for k in kept if k['_review']]
    kept = [k for k in kept if not k['_review']]
    side = [k for k in kept if k['country'] in REVIEW_ONLY]
    kept = [k for k in kept if k['country'] not in REVIEW_ONLY]
    heads = {
        'main': head,
        'sd': '# NOT FOR THE GAZETTEER AS IS: Sudanese rows built like places_wof_arab.tsv, kept apart because the WOF '
              'Arabic labels of Sudan look matched to the Latin name, not attested (Sauria -> «عظائيات», Gondar -> «قوندر», '
              'Kurti and Gilas at one point); review by hand.\n',
        'cw': '# NOT FOR THE GAZETTEER AS IS: towns (population >= 10,000 or PPLA*/PPLC) and WOF-curated localities that '
              'passed every filter of places_wof_arab.tsv except the everyday-word one (the name, or every word of it, has '
              'zipf >= 3.0 in common_words.tsv: «الوفرة», «صباح الأحمد»); review by hand, e.g. for names_not_words.txt.\n'}
    for path, rows, hk in ((args.out, kept, 'main'), (os.path.join(WORK, 'places_wof_arab_sd_review.tsv'), side, 'sd'),
                           (os.path.join(WORK, 'places_wof_arab_commonword_review.tsv'), review, 'cw')):
        with open(path, 'w', encoding='utf-8') as f:
            f.write(heads[hk])
            f.write('\t'.join(COLUMNS) + '\n')
            for k in rows:
                f.write('\t'.join(k[c].replace('\t', ' ') for c in COLUMNS) + '\n')
    with open(os.path.join(WORK, 'drops.tsv'), 'w', encoding='utf-8') as f:
        f.write('country\twof_id\tplacetype\tname_ar\twof_name\treason\n')
        for d in drops:
            f.write('\t'.join(str(x) for x in d) + '\n')
    with open(os.path.join(WORK, 'homonyms.tsv'), 'w', encoding='utf-8') as f:
        f.write('id\tname_ar\tname_en\tpopulation\tfeature_code\tgazetteer_homonyms\n')
        for k in kept:
            if k['_homs']:
                f.write('\t'.join([k['id'], k['name_ar'], k['name_en'], k['population'], k['_fc'],
                                   '; '.join('%s %s %s (%s, %s)' % (g['id'], g['kind'], g['name_ar'], g['country'],
                                             ('%.0f km' % km(float(k['lat']), float(k['lon']), g['lat'], g['lon']))
                                             if g['lat'] is not None else '?') for g in k['_homs'][:6])]) + '\n')
    out_stats = {'commits': commits,
                 'kept': collections.Counter('%s/%s' % (k['country'], k['kind']) for k in kept),
                 'commonword_review': collections.Counter('%s/%s' % (k['country'], k['kind']) for k in review),
                 'sd_review': collections.Counter('%s/%s' % (k['country'], k['kind']) for k in side),
                 'kept_curated_ext': collections.Counter(k['country'] for k in kept if k['_curated']),
                 'dropped': {'%s/%s' % key: v for key, v in sorted(stats.items())},
                 'bbox_out': bbox_out}
    json.dump(out_stats, open(os.path.join(WORK, 'stats.json'), 'w'), ensure_ascii=False, indent=1)
    print('kept', len(kept), file=sys.stderr)


if __name__ == '__main__':
    main()
