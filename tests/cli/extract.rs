//! `athar extract` and `athar map` on the dev corpus (read from ../shared, never copied) and on
//! the bundled examples, scored with the project's scorer.

use crate::athar;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel)
}

fn require_shared() -> PathBuf {
    let p = shared("corpus/dev/docs.jsonl");
    assert!(
        p.is_file(),
        "the dev corpus is missing at {} (CI lays ../shared beside the repo)",
        p.display()
    );
    p
}

/// Run `athar extract … --format geojson` and return the features.
fn extract(args: &[&str]) -> (Vec<Value>, String, i32) {
    let out = athar()
        .arg("extract")
        .args(args)
        .args(["--format", "geojson"])
        .output()
        .expect("run athar");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out.status.code().unwrap_or(-1);
    let feats = if stdout.trim().is_empty() {
        Vec::new()
    } else {
        let v: Value =
            serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("bad GeoJSON {e}: {stdout}"));
        v["features"].as_array().cloned().unwrap_or_default()
    };
    (feats, stderr, code)
}

fn props(f: &Value) -> &serde_json::Map<String, Value> {
    f["properties"].as_object().expect("properties")
}

/// The properties of the first incident whose property `key` is `value`.
fn incident_with<'f>(
    feats: &'f [Value],
    key: &str,
    value: &str,
) -> Option<&'f serde_json::Map<String, Value>> {
    feats.iter().map(props).find(|p| p[key] == value)
}

/// The incidents `athar extract` finds in one plain-text report published on `date`.
fn extract_text(text: &str, date: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("doc.txt");
    std::fs::write(&p, text).unwrap();
    extract(&[p.to_str().unwrap(), "--date", date]).0
}

#[test]
fn dev_corpus_scores_above_the_floors() {
    let docs = require_shared();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("incidents.geojson");
    let st = athar()
        .args([
            "extract",
            docs.to_str().unwrap(),
            "--format",
            "geojson",
            "-o",
        ])
        .arg(&out)
        .status()
        .unwrap();
    assert!(st.success());
    let py = Command::new("python3")
        .arg(shared("eval/score.py"))
        .arg("--gold")
        .arg(shared("corpus/dev/gold"))
        .arg(&out)
        .arg("--json")
        .output()
        .expect("python3 is needed to run ../shared/eval/score.py");
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    let s: Value = serde_json::from_slice(&py.stdout).unwrap();
    eprintln!("dev score: {s}");
    let f = |k: &str| s[k].as_f64().unwrap_or(0.0);
    // the issue's floors are F1 0.85 and 0.80 for the attributes; these are set just under
    // what the tool reaches (F1 0.922, event 0.971, killed 0.891, date 0.90) to catch a
    // regression
    assert!(f("f1") >= 0.90, "incident-place F1 {}", f("f1"));
    assert!(
        s["trap_fp"].as_u64().unwrap() <= 1,
        "trap_fp {}",
        s["trap_fp"]
    );
    assert!(
        f("acc_within_tolerance") >= 0.90,
        "geocoding {}",
        f("acc_within_tolerance")
    );
    assert!(
        f("event_type_acc") >= 0.93,
        "event type {}",
        f("event_type_acc")
    );
    assert!(f("killed_acc") >= 0.85, "killed {}", f("killed_acc"));
    assert!(f("date_acc") >= 0.85, "date {}", f("date_acc"));
}

#[test]
fn seed_article_gives_the_expected_incidents() {
    let seed = shared("corpus/seed/aleppo-cluster-strikes.ar.txt");
    assert!(seed.is_file(), "missing {}", seed.display());
    let (feats, _, code) = extract(&[seed.to_str().unwrap(), "--date", "2016-09-25"]);
    assert_eq!(code, 0);
    let by_name = |n: &str| {
        feats
            .iter()
            .find(|f| props(f)["place_name"] == n)
            .unwrap_or_else(|| {
                panic!(
                    "no incident at {n}: {:?}",
                    feats
                        .iter()
                        .map(|f| props(f)["place_name"].clone())
                        .collect::<Vec<_>>()
                )
            })
    };
    for n in ["الصاخور", "بستان القصر"] {
        let p = props(by_name(n));
        assert_eq!(p["event_type"], "cluster_munition", "{n}");
        assert_eq!(p["date"], "2016-09-24", "{n}");
        let claims: Vec<Value> =
            serde_json::from_str(p["killed_claims"].as_str().unwrap()).unwrap();
        let got: Vec<(u64, String)> = claims
            .iter()
            .map(|c| {
                (
                    c["value"].as_u64().unwrap_or(0),
                    c["qualifier"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert!(got.contains(&(53, "at_least".into())), "{got:?}");
        assert!(got.contains(&(100, "more_than".into())), "{got:?}");
        assert!(got.contains(&(47, "exact".into())), "{got:?}");
        assert_eq!(
            p["killed"], 47,
            "the conservative best is the lowest figure"
        );
        let sources: Vec<&str> = claims
            .iter()
            .map(|c| c["source"].as_str().unwrap())
            .collect();
        assert!(sources.iter().any(|s| s.contains("المرصد")), "{sources:?}");
    }
    // not in the gazetteer (no citable coordinate): an approximate incident at Aleppo
    let ard = props(by_name("أرض الحمرا"));
    assert!(ard["geo_precision"].as_u64().unwrap() >= 2);
    assert!(ard["place_name_en"].as_str().unwrap().contains("Aleppo"));
    assert_eq!(ard["event_type"], "cluster_munition");
    for n in ["هنانو", "الأنصاري"] {
        let p = props(by_name(n));
        assert_eq!(p["date"], "2016-09-23", "{n}: «أمس الجمعة»");
        assert_eq!(p["target"], "civil-defence centre", "{n}");
    }
    assert!(
        feats.iter().all(|f| props(f)["country"] == "SY"),
        "an incident outside Syria (Britain?)"
    );
    // every incident's offsets slice back to its mention (code points)
    let text = std::fs::read_to_string(&seed).unwrap();
    let chars: Vec<char> = text.chars().collect();
    for f in &feats {
        let p = props(f);
        let (a, b) = (
            p["mention_start"].as_u64().unwrap() as usize,
            p["mention_end"].as_u64().unwrap() as usize,
        );
        let s: String = chars[a..b].iter().collect();
        assert_eq!(s, p["place_mention"].as_str().unwrap());
    }
}

#[test]
fn compass_reference_decides_the_homonym_and_no_bakery_in_kafranbel() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("doc.jsonl");
    std::fs::write(
        &p,
        concat!(
            r#"{"id":"a","text":"استشهاد 4 مدنيين بقصف صاروخي على مدينة أريحا جنوب إدلب","published":"2020-06-12"}"#,
            "\n",
            r#"{"id":"b","text":"قوات النظام تقصف بالمدفعية بلدة كفرنبل","published":"2019-05-20"}"#,
            "\n",
            r#"{"id":"c","text":"غارات جوية على مدينة دوما في الغوطة الشرقية","published":"2018-02-20"}"#,
            "\n"
        ),
    )
    .unwrap();
    let (feats, _, _) = extract(&[p.to_str().unwrap()]);
    let a = feats.iter().map(props).find(|p| p["doc"] == "a").unwrap();
    // Ariha in Idlib, not Jericho (أريحا too, and a bigger city)
    assert_eq!(a["country"], "SY", "{a:?}");
    let b = feats.iter().map(props).find(|p| p["doc"] == "b").unwrap();
    let c = feats.iter().map(props).find(|p| p["doc"] == "c").unwrap();
    assert_eq!(c["place_id"], "SY:C2338", "Douma, Rural Damascus: {c:?}");
    assert_ne!(b["target"], "bakery", "«فرن» inside «كفرنبل»: {b:?}");
}

/// «حي المواصلات» and «المواصلات» in one report are one incident.
#[test]
fn a_place_named_with_and_without_its_trigger_is_one_incident() {
    let feats = extract_text(
        "استهدف الطيران الحربي حي المواصلات ما أسفر عن مقتل شخصين\nفيديو يرصد قصف أحياء الصاخور والمواصلات بحلب",
        "2016-01-01",
    );
    let ids: Vec<String> = feats
        .iter()
        .map(|f| props(f)["place_id"].as_str().unwrap().to_string())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "a place twice: {ids:?}");
    assert!(!ids.is_empty());
}

/// Event type, actor and target of short posts from several countries.
#[test]
fn attributes_table() {
    // (text, place_name, event_type, actor1_norm, target)
    type Row<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<&'a str>);
    let rows: &[Row] = &[
        // a chained clause is its own event; an attack that kills only fighters is one on
        // the military; the focus on Yemen (Aden) vouches for «بـمأرب»
        (
            "لقي 8 أشخاص مصرعهم بقصف حوثي على عدن، فيما قتل 9 من الحوثيين في هجوم للمقاومة الشعبية بـمأرب.",
            "مأرب",
            "attack_on_military",
            None,
            None,
        ),
        // «قصف» by Israel is an air strike; «قيادي في حماس» names the target's group
        (
            "أربعمئة فلسطيني بين شهيد وجريح في قصف استهدف مخيم جباليا، والجيش الإسرائيلي يقول إنه كان يهدف لتصفية قيادي في حماس",
            "مخيم جباليا",
            "airstrike",
            Some("Israeli forces"),
            Some("camp"),
        ),
        // «مقذوف»: a projectile fired across the border is shelling
        (
            "تعرضت دورية بقطاع الطوال بمنطقة جازان لمقذوف عسكري من داخل الأراضي اليمنية",
            "الطوال",
            "shelling",
            None,
            None,
        ),
        // warplanes' strikes are not refined into the barrel bombs of the sentence before
        (
            "قتل عشرة أشخاص في حي الفردوس بعد إلقاء الطيران المروحي برميلاً متفجراً. وتعرضت بلدة أورم الكبرى لغارات عدة من الطيران الحربي",
            "أورم الكبرى",
            "airstrike",
            Some("Military aircraft (unattributed)"),
            None,
        ),
        // «في القصف الذي …» points back to the air strikes told before, not to the landmine
        // of the next clause
        (
            "قتل عشرة مدنيين في غارات جوية على محافظة إدلب. وأوضح المرصد أن تسعة مدنيين قتلوا في القصف الذي أصاب مبنيين في مدينة أريحا، فيما قتل طفل بانفجار لغم في مكان آخر",
            "أريحا",
            "airstrike",
            None,
            None,
        ),
        // «قصف» by a force named by its ground arm is shelling (by its air arm it is not)
        (
            "قتلت امرأة جراء قصف قوات النظام بلدة آفس شرقي إدلب",
            "افس",
            "shelling",
            Some("Syrian regime forces"),
            None,
        ),
        (
            "مقتل ثلاثة أطفال بانفجار مخلفات حربية في قرية الحوش بريف حماة الشمالي",
            "الحوش",
            "landmine",
            None,
            None,
        ),
        (
            "قصف جوي روسي يستهدف محطة مياه في مدينة الباب ويخرجها عن الخدمة",
            "الباب",
            "airstrike",
            Some("Russian forces"),
            Some("water station"),
        ),
        (
            "مقتل 7 أشخاص وإصابة 12 آخرين في قصف حوثي على حي الروضة بمدينة تعز",
            "الروضة",
            // «قصف» by a ground force is shelling
            "shelling",
            Some("Houthis"),
            None,
        ),
        // the object of an attack verb is a place cue
        (
            "في 21 آب 2013 قصفت قوات النظام الغوطة الشرقية بغاز السارين ما أدى لمقتل أكثر من 1400 شخص",
            "الغوطة",
            "chemical",
            Some("Syrian regime forces"),
            None,
        ),
        (
            "الاحتلال يقصف منزلا في خان يونس ويقتل عائلة من 6 أفراد",
            "خان يونس",
            "unspecified_attack",
            Some("Israeli forces"),
            Some("residential"),
        ),
        (
            "عاجل | قصف مدفعي لقوات الدعم السريع على حي الثورة في أم درمان يقتل 7 مدنيين",
            "الثورة",
            "shelling",
            Some("Rapid Support Forces"),
            None,
        ),
    ];
    let mut wrong = Vec::new();
    for (text, place, event, actor, target) in rows {
        let feats = extract_text(text, "2020-01-01");
        let got = incident_with(&feats, "place_name", place);
        let ok = got.as_ref().is_some_and(|p| {
            p["event_type"] == *event
                && p["actor1_norm"].as_str() == *actor
                && p["target"].as_str() == *target
        });
        if !ok {
            wrong.push(format!("{text}: {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn descriptions_and_earlier_events_make_no_unlisted_place() {
    let feats = extract_text(
        "سقط صاروخ باليستي حوثي على حي سكني بمدينة مأرب دون وقوع إصابات. \
         والإثنين الماضي، قتل 39 مدنيا في قصف استهدف مديرية الجوبة جنوبي مأرب",
        "2021-03-10",
    );
    let ps: Vec<_> = feats.iter().map(props).collect();
    // one incident, at the city, with the «nobody hurt» figure of its own sentence
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0]["place_mention"], "مأرب", "{ps:?}");
    assert_eq!(ps[0]["killed"], 0, "{ps:?}");
    assert_eq!(ps[0]["wounded"], 0, "{ps:?}");
}

#[test]
fn reports_that_nobody_was_hurt_give_zero_and_unknown_tolls_stay_null() {
    // (text, place, killed)
    let rows: &[(&str, &str, Option<u64>)] = &[
        (
            "غارات جوية على قرية غانية بريف جسر الشغور، دون تسجيل إصابات بشرية",
            "غانية",
            Some(0),
        ),
        (
            "قصف صاروخي على بلدة حزارين بريف إدلب الجنوبي، دون ورود أنباء عن إصابات في صفوف المدنيين",
            "حزارين",
            Some(0),
        ),
        (
            "سقطت قذائف على بلدة الفوعة دون أن يخلف القصف أي ضحايا",
            "الفوعة",
            Some(0),
        ),
        // no details is no figure; nor is «دون الاكتراث»
        (
            "قصف مدفعي على بلدة اللطامنة دون تفاصيل عن الخسائر البشرية",
            "اللطامنة",
            None,
        ),
        (
            "قصف مدفعي على بلدة محردة دون الإكتراث للمدنيين",
            "محردة",
            None,
        ),
    ];
    for (text, place, killed) in rows {
        let feats = extract_text(text, "2016-01-01");
        let p = incident_with(&feats, "place_mention", place)
            .unwrap_or_else(|| panic!("no incident at {place}: {feats:?}"));
        assert_eq!(p["killed"].as_u64(), *killed, "{text}: {p:?}");
    }
}

#[test]
fn homonyms_and_generic_names_follow_the_texts_country() {
    // «الصور» is also Tyre, Lebanon; «المنطقة الصناعية» is also an Aleppo district
    let feats = extract_text(
        "قتل سبعة مدنيين في قصف جوي استهدف المنطقة الصناعية في بلدة الصور شمال مدينة دير الزور، \
         وقتل خمسة بقصف على حي العمال في مدينة دير الزور",
        "2017-05-10",
    );
    let ps: Vec<_> = feats.iter().map(props).collect();
    let sur = ps
        .iter()
        .find(|p| p["place_name"] == "الصور")
        .unwrap_or_else(|| panic!("an incident at الصور: {ps:?}"));
    assert_eq!(sur["country"], "SY", "{sur:?}");
    assert!(
        ps.iter().all(|p| p["place_name"] != "الراموسة"),
        "the Aleppo industrial district: {ps:?}"
    );
}

#[test]
fn namesakes_outside_the_arab_world_need_their_country_named() {
    // «بنش» is a town in Idlib and Binche in Belgium (a larger city by population)
    let cases: &[(&str, &str)] = &[
        ("قصف مدفعي على بنش يوقع جرحى", "SY"),
        ("قصف مدفعي على بنش في بلجيكا يوقع جرحى", "BE"),
    ];
    for (text, country) in cases {
        let feats = extract_text(text, "2016-08-10");
        let ps: Vec<_> = feats.iter().map(props).collect();
        assert!(
            ps.iter()
                .any(|p| p["place_mention"] == "بنش" && p["country"] == *country),
            "{text}: {ps:?}"
        );
    }
}

#[test]
fn the_quarters_of_one_list_lie_in_one_city() {
    // Damascus and Aleppo both have a «الميدان»; listed with Aleppo's «الأشرفية» it is Aleppo's
    let feats = extract_text(
        "دمشق 28 ابريل 2016 (شينخوا) قتل 18 شخصا من جراء سقوط قذائف على حيي الميدان والاشرفية في مدينة حلب",
        "2016-04-28",
    );
    let ps: Vec<_> = feats.iter().map(props).collect();
    let midan = ps
        .iter()
        .find(|p| p["place_name"] == "الميدان")
        .unwrap_or_else(|| panic!("an incident at الميدان: {ps:?}"));
    assert_eq!(midan["admin1"], "Aleppo", "{midan:?}");
}

#[test]
fn a_name_written_once_after_its_place_word_is_that_place_throughout() {
    // «صلاح الدين» is an Aleppo quarter and (in GeoNames) an Iraqi city; «حي» says which, for
    // the title too
    let feats = extract_text(
        "صلاح الدين 12-6-2016\n\nغارة من الطيران الحربي على حي #صلاح الدين مما أدى الى سقوط شهيدين و15 جريح",
        "2016-06-12",
    );
    let ps: Vec<_> = feats.iter().map(props).collect();
    assert!(!ps.is_empty(), "{ps:?}");
    for p in &ps {
        assert_eq!(p["admin1"], "Aleppo", "{p:?}");
        assert_eq!(p["place_kind"], "neighbourhood", "{p:?}");
    }
}

#[test]
fn a_site_is_in_the_town_of_the_attack_not_the_region_named_after_it() {
    let feats = extract_text(
        "مجزرة جديدة في #معرة_النعمان بعد استهداف الطيران الروسي للسوق الشعبي بثلاث غارات #ادلب",
        "2019-05-10",
    );
    let ps: Vec<_> = feats.iter().map(props).collect();
    let site = ps
        .iter()
        .find(|p| p["place_mention"] == "سوق الشعبي")
        .unwrap_or_else(|| panic!("the market as a site: {ps:?}"));
    assert!(
        site["reason"]
            .as_str()
            .is_some_and(|r| r.contains("placed at معرة النعمان")),
        "{site:?}"
    );
}

#[test]
fn a_running_tally_is_not_the_attacks_toll() {
    let feats = extract_text(
        "قتل طفل بانفجار لغم أرضي في قرية الحوش بريف حماة. \
         ووفقا لتقرير حقوقي فإن 26 ضحية سقطوا في المحافظة نتيجة انفجار الألغام خلال العام الماضي",
        "2021-03-10",
    );
    let p = incident_with(&feats, "place_name", "الحوش").expect("an incident at الحوش");
    assert_eq!(p["killed"], 1, "{p:?}");
}

#[test]
fn quarters_the_gazetteer_lacks_are_placed_at_the_town_around_them() {
    // (text, quarters that must be incidents with the English name they get, words that must
    // not be incidents)
    type Row<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a [&'a str]);
    let rows: &[Row] = &[
        // after «حي» a frequent word with the article is still a quarter's name
        (
            "استشهد خمسة مدنيين في قصف مدفعي استهدف حي المحطة وسط خان يونس",
            &[("المحطة", "near Khān Yūnis")],
            &["خان يونس"],
        ),
        // no container after the name: the town named before it in the sentence …
        (
            "تعرضت مدينة تعز لقصف عنيف طال حي الجمهورية وأدى إلى مقتل طفلين",
            &[("الجمهورية", "near Taiz")],
            &[],
        ),
        // … or the one town the report places its attack in
        (
            "قتل ثلاثة مدنيين بقصف على مدينة هيت غرب العراق. وقال مصدر أمني إن القذائف سقطت على حي المعلمين",
            &[("المعلمين", "near Hīt")],
            &[],
        ),
        // a list of quarters none of which the gazetteer has
        (
            "سقطت قذائف هاون على أحياء المعتصم والبزارة والضباط في مدينة الرمادي ما أدى إلى مقتل امرأة",
            &[("المعتصم", "near Ramadi"), ("البزارة", "near Ramadi"), ("الضباط", "near Ramadi")],
            &[],
        ),
        (
            "قتل أربعة مدنيين في قصف مدفعي على مدينة سنار. وطال القصف أحياء الموظفين والبنيان وسط رعب السكان",
            &[("الموظفين", "near Sennar"), ("البنيان", "near Sennar")],
            &[],
        ),
        // «المنطقة», «الحي» with the article refer back: no name follows them
        (
            "دخلت القوات المنطقة وقتل اثنان في قصف على مدينة إدلب، وتضرر الحي الشرقي",
            &[("إدلب", "Idleb")],
            &["وقتل", "الشرقي"],
        ),
        // quarters of an earlier attack, told after «بعد أقل من شهر على»
        (
            "قتل مدني بقصف على مدينة حمص. وجاء القصف بعد أقل من شهر على تفجيرين استهدفا حيي الورود والمعلمين في المدينة",
            &[("حمص", "Homs")],
            &["الورود", "المعلمين"],
        ),
        // a quarter called «حارة» is named with its word, as a square is with «ساحة»
        (
            "قتل 27 مدنيا في قصف للتحالف على حارة البدو في مدينة الرقة",
            &[("حارة البدو", "near Ar-Raqqa")],
            &[],
        ),
        // «السكني» says what kind of quarter, not its name
        (
            "قصف مدفعي استهدف حي المطار السكني في مدينة تعز",
            &[("المطار", "near Taiz")],
            &[],
        ),
        // a quarter named again in another country's report is placed at the town the text
        // names there, not at the namesake in Syria nor at the country
        (
            "القصف استهدف حي الثورة في أم درمان. وطال القصف الحارات 29 و43 في حي الثورة في السودان",
            &[("الثورة", "near Omdurman")],
            &[],
        ),
        // quarters the gazetteer lacks, listed after «حيي»; a direction after the list's last
        // name ends it
        (
            "سقطت قذائف هاون على حيي المشلب والبريد غرباً في مدينة الرقة",
            &[("المشلب", "near Ar-Raqqa"), ("البريد", "near Ar-Raqqa")],
            &[],
        ),
        // earlier events: last year's month, the day before yesterday
        (
            "قتل طفل بقذيفة سقطت على حي الفرقان في مدينة حلب. وأصيب في الـ 21 من أيار الماضي 6 مدنيين جراء قذائف على حي الحمدانية",
            &[("الفرقان", "Al-Furqan")],
            &["الحمدانية"],
        ),
        (
            "قتل مدنيان بقصف على بلدة معرة حرمة. هذا وقد قتل أمس الأول 7 مدنيين جراء غارات على بلدة حيش",
            &[("معرتحرمة", "Maar Tahroma")],
            &["حيش"],
        ),
        // the container after a list holds its items: «الحويز» is a village of Hama's
        // countryside the gazetteer lacks, not its Latakia namesake
        (
            "قصف النظام قرى الحويجة والحويز وجسر بيت الراس وشهرناز والصهرية بريف حماة",
            &[("الحويز", "near Hama")],
            &[],
        ),
        // a foreign city's name in a list of Syrian villages is a village the gazetteer lacks
        // (Zlín, Czechia, is no match), placed at the list's container
        (
            "قصف مدفعي لقوات النظام على قرى حلفايا وزلين وطيبة الإمام بريف حماة الشمالي",
            &[("زلين", "near Hama")],
            &[],
        ),
        // a village with no container after it: the one countryside the report names
        (
            "تعرضت قرية الجنابرة لقصف مدفعي أدى إلى إصابة مدنيين، في حين قصفت قوات النظام مدينة كفرزيتا بريف حماة الشمالي",
            &[("الجنابرة", "near Hama")],
            &[],
        ),
        // a container the gazetteer lacks either, placed earlier in the report
        (
            "استهدفت قوات العدوان مديرية منبه الحدودية بمحافظة صعدة. وقال مصدر إن القذائف سقطت على تجمعات للمهاجرين في منطقة الرقو بمديرية منبه الحدودية، ما أدى إلى مقتل 10",
            &[("الرقو", "near Saada Governorate")],
            &[],
        ),
        // villages listed with a village the gazetteer has, no container after the list: in
        // that village's sub-district (a frequent word with the article is a village's name)
        (
            "قصفت قوات النظام بالمدفعية قرى لطمين والصخر والتوبة، ما أدى إلى إصابة ثلاثة مدنيين",
            &[("لطمين", "Latmin"), ("التوبة", "near Kafr Zeita")],
            &[],
        ),
        // «منطقتي» opens a list of named areas; quotes, and a «و» standing apart, between them
        (
            "شنت الطائرات ثلاث غارات جوية طالت مدينة أريحا بريف إدلب الغربي، وغارة أخرى استهدفت منطقتي “المحراب” و”الصليبة” في المدينة",
            &[("المحراب", "near Ariha"), ("الصليبة", "near Ariha")],
            &[],
        ),
        // a square is named with its word, however frequent the name («ساحة الطيران»); a
        // battlefield is no square
        (
            "انفجار سيارة مفخخة في ساحة الطيران وسط بغداد. وقصفت المدفعية مواقع في ساحة المعركة قرب مدينة الموصل",
            &[("ساحة الطيران", "near Baghdad")],
            &["ساحة المعركة", "المعركة"],
        ),
        // a word that is no Arabic word at all, right before a city, is a place of it; a
        // transliteration glossed in brackets is the city itself
        (
            "انفجار عبوة ناسفة في الطوبجي وسط بغداد",
            &[("الطوبجي", "near Baghdad")],
            &[],
        ),
        (
            "قتل ثلاثة مدنيين في انفجار في هيبرون (مدينة الخليل) اليوم",
            &[],
            &["هيبرون"],
        ),
    ];
    for (text, yes, no) in rows {
        let feats = extract_text(text, "2024-01-01");
        let ps: Vec<_> = feats.iter().map(props).collect();
        for (name, en) in *yes {
            let p = incident_with(&feats, "place_name", name)
                .unwrap_or_else(|| panic!("{text}: no incident at {name}: {ps:?}"));
            assert_eq!(p["place_name_en"], *en, "{text}: {p:?}");
        }
        for n in *no {
            assert!(
                ps.iter().all(|p| p["place_name"] != *n),
                "{text}: {n} must not be an incident: {ps:?}"
            );
        }
    }
}

/// The rows of the places layer (`--places`) for one plain-text report, published on `date`.
fn places_rows(text: &str, date: &str) -> Vec<serde_json::Map<String, Value>> {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("doc.txt");
    std::fs::write(&doc, text).unwrap();
    let places = dir.path().join("places.geojson");
    let st = athar()
        .arg("extract")
        .arg(&doc)
        .args(["--date", date, "--places"])
        .arg(&places)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    // (1: no incident, which a text with places but no attack gives)
    assert!(matches!(st.code(), Some(0 | 1)), "{st:?}");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&places).unwrap()).unwrap();
    v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"].as_object().unwrap().clone())
        .collect()
}

#[test]
fn a_namesake_abroad_gives_way_to_the_town_the_text_names() {
    // «منطقة الثورة» is a Syrian district; in a Sudan report it is a part of Omdurman the
    // gazetteer lacks: placed at Omdurman, not in Syria and not at Sudan's centre
    let rows = places_rows(
        "مقتل 4 مدنيين في قصف على مدينة أم درمان في السودان، وطال القصف منطقة الثورة",
        "2024-05-01",
    );
    let row = rows
        .iter()
        .find(|p| p["place_mention"] == "منطقة الثورة")
        .unwrap_or_else(|| panic!("a row for منطقة الثورة: {rows:?}"));
    assert_eq!(row["country"], "SD", "{row:?}");
    assert!(
        row["reason"]
            .as_str()
            .is_some_and(|r| r.contains("placed at أم درمان")),
        "{row:?}"
    );
}

#[test]
fn a_name_read_again_as_the_reports_own_place_is_one_audit_row() {
    // «الزهور» is a Syrian village; in a Mosul report «حي الزهور» is a quarter of Mosul the
    // gazetteer lacks: the places layer has that reading only, not the Syrian one beside it
    let rows: Vec<_> = places_rows(
        "انفجار عبوة ناسفة في حي الزهور بالموصل دون اصابات",
        "2024-05-01",
    )
    .into_iter()
    .filter(|p| p["place_mention"] == "الزهور")
    .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["role"], "incident", "{rows:?}");
    assert_eq!(rows[0]["country"], "IQ", "{rows:?}");
}

#[test]
fn unlisted_neighbourhood_is_placed_at_its_named_city() {
    let feats = extract_text("انفجار سيارة مفخخة في حي الزهراء بمدينة حمص", "2016-01-01");
    let z = incident_with(&feats, "place_name", "الزهراء").expect("an incident for الزهراء");
    assert_eq!(z["place_name_en"], "near Homs", "{z:?}");
    assert!(z["geo_precision"].as_u64().unwrap() >= 2, "{z:?}");
    assert!(
        !z["reason"].as_str().unwrap().contains("listed under"),
        "{z:?}"
    );
}

#[test]
fn roles_table() {
    // (text, place that must be an incident, places that must not)
    let rows: &[(&str, &[&str], &[&str])] = &[
        // the towns a highway is named after are not where the strike was
        (
            "استهدفت الغارات الجوية طريق حلب- دمشق على أطراف مدينة معرة النعمان",
            &["معرة النعمان"],
            &["حلب", "دمشق"],
        ),
        // a byline between slashes, a city fought over, a place of an event a day before
        (
            "شبكة أخبار نركال/NNN/الموصل/ قال مصدر في الشرطة إن تفجيرين انتحاريين استهدفا مدينة تكريت",
            &["تكريت"],
            &["الموصل"],
        ),
        (
            "قصف جوي على مدينة مصراتة، في محاولة لانتزاع السيطرة على طرابلس",
            &["مصراتة"],
            &["طرابلس"],
        ),
        (
            "قتل شخصان في هجوم انتحاري على بوابة في سرت، بعد يوم من احتفال القوات المسلحة بذكرى الثورة في بنغازي",
            &["سرت"],
            &["بنغازي"],
        ),
        // an office after «مديرية» is no district the gazetteer lacks
        (
            "غارة جوية على مدينة سراقب، وقالت مديرية الدفاع المدني في إدلب إن فرقها انتشلت الضحايا",
            &["سراقب"],
            &["الدفاع المدني"],
        ),
        // posts: «و» written apart in a list, compound names written joined
        (
            "قصف مدفعي على كفرسجنة و الشيخ مصطفى من مواقع قوات النظام في خان شيخون",
            &["كفرسجنة", "الشيخ مصطفى"],
            &["خان شيخون"],
        ),
        (
            "قصف صاروخي على خانيونس جنوب القطاع واستشهاد ٣ مواطنين",
            &["خان يونس"],
            &[],
        ),
        // a heading of the place alone before the sentence telling the attack; a hashtag
        // line signing the post is none
        (
            "شبكة حلب نيوز:||باب النيرب| آثار القصف على الحي بعد سقوط قذيفة مساء الثلاثاء",
            // (the gazetteer names the neighbourhood after its quarter محمد بك)
            &["محمد بك"],
            &[],
        ),
        (
            "اطفاء الحرائق الناجمة عن تفجير في معبر اطمه\n#الدفاع_المدني_السوري\n#حلب\nوقوع انفجار امام معبر اطمه الحدودي ادى الى وقوع العديد من الشهداء",
            &[],
            &["حلب"],
        ),
        // the country of who struck, named once as an adjective, does not make the struck
        // town a namesake abroad
        (
            "الحوثيون يتوعدون برد قاس على الغارة السعودية التي استهدفت سوقا شعبيا في #صعدة",
            &["صعدة"],
            &[],
        ),
        // a quarter heading a local post is where the attack was, not a dateline; after
        // «أحياء» the names may follow one another with a space only
        (
            "الفردوس :برميل متفجر على الحي يوقع اكثر من 9 شهداء",
            &["الفردوس"],
            &[],
        ),
        (
            "15 شهيد و30 جريح جراء سقوط عدة براميل استهدفت أحياء الانصاري المشهد السكري",
            &["الأنصاري", "السكري"],
            &[],
        ),
        // where a statement was made is no place of the attack
        (
            "قتل 30 شخصا في هجوم انتحاري في مدينة ديار بكر، وقال رئيس الوزراء امام الصحافيين في انقرة «إن التفجير ناجم عن اعتداء انتحاري»",
            &["ديار بكر"],
            // (the gazetteer's Arabic name of Ankara, from GeoNames)
            &["آنقره"],
        ),
        // a strike told after ground fighting in its clause is a strike
        (
            "حكومة الوفاق تعلن السيطرة على مطار طرابلس وطائرات حفتر تقصف مطار معيتيقة",
            &["مطار معيتيقة الدولي"],
            &["مطار طرابلس", "طرابلس"],
        ),
        // a road accident is no attack; a hashtag after a place is a tag of its own, not the
        // rest of an organisation's name («#الحرة»)
        (
            "إنقاذ شخصين ونقل شهيدين من قبل الدفاع المدني في حيان بسبب حادث سير على طريق غازي عنتاب",
            &[],
            &["غازي عنتاب"],
        ),
        (
            "مقتل القيادي في حماس في ضربة بمسيرة إسرائيلية بضاحية بيروت الجنوبية #الحرة #الحقيقة_أولا",
            &["الضاحية الجنوبية"],
            &[],
        ),
        // bombs found and seized went off nowhere
        (
            "أعلنت وزارة الدفاع أنه تم العثور على 4 ألغام تقليدية الصنع وكمية من المواد المتفجرة بتيزي وزو",
            &[],
            &["تيزي وزو"],
        ),
        // a capital abroad named with no place cue is its government; «مدينة عين العرب» is
        // Kobani, not Al Ain («مدينة عين» in GeoNames)
        (
            "قتل جنديان بانفجار سيارة مفخخة في بلدة ليجة، فيما هدد الحزب بقطع الهدنة مع أنقرة",
            &[],
            &["أنقرة"],
        ),
        (
            "قتل 30 شخصا في هجوم انتحاري على مدينة عين العرب",
            &["عين العرب"],
            &["العين"],
        ),
        // «دمشق 28 ابريل 2016 (شينخوا)»: a dateline with its date; the quarters of a list lie
        // in one city
        (
            "دمشق 28 ابريل 2016 (شينخوا) قتل 18 شخصا من جراء سقوط قذائف على حيي الميدان والاشرفية في مدينة حلب",
            &["الميدان", "الأشرفية"],
            &["دمشق"],
        ),
        // cities of several governorates listed together sum up where attacks happen
        (
            "قتل مدنيان بقذائف على حي الجورة بمدينة دير الزور. وتتعرض عدد من المناطق لسقوط قذائف هاون لاسيما دمشق وحلب وحماه وإدلب ودرعا",
            &["الجورة"],
            &["دمشق", "حلب", "حماة", "إدلب", "درعا"],
        ),
        // clearing mines after the fighting is no attack; «وفي 8 مايو» after a lead told as
        // «اليوم» is another day's event
        (
            "سمح لأهالي حي الحميدية في حمص بالدخول بعد عمليات التفتيش وإزالة الألغام والعبوات الناسفة",
            &[],
            &["الحميدية"],
        ),
        (
            "قتل ثلاثة اليوم بانفجار عبوة ناسفة في قرية الدرخبية بريف دمشق. وفي 8 مايو، انفجرت عبوة ناسفة في بلدة الفقيع بريف درعا",
            &["الدرخبية"],
            &["الفقيع"],
        ),
        // a village name opened by «كفر» right after a locality the gazetteer lacks
        (
            "قام الطيران المروحي بإلقاء عدة براميل أمام المول في منطقة قبر الانكليزي كفر حمرة",
            &["كفر حمرة"],
            &[],
        ),
        // a capital with a verb of saying after it is its government
        (
            "قصفت طائرات إسرائيلية مدينة صور وتل أبيب تعترف بالغارة",
            &["صور"],
            &["تل أبيب"],
        ),
        // a hashtag sign inside a name of several words: the Strip wraps the town, not Gaza
        // city
        (
            "استشهاد 8 فلسطينيين في غارة إسرائيلية استهدفت منزلا في دير البلح وسط قطاع #غزة فجر اليوم",
            &["دير البلح"],
            &["غزة"],
        ),
        // a verb of striking between the launcher and the place: where it landed
        (
            "قتل مدني بقذيفة أطلقها الحوثيون استهدفت حي الروضة في مدينة تعز",
            &["الروضة"],
            &[],
        ),
        // the headline after «اقرأ أيضاً» is another article's; «في وقت سابق اليوم» is the
        // same day
        (
            "قتل طفلان بغارة جوية على مدينة سراقب.\nاقرأ أيضًا\nنطالب العالم بالتحرك لوقف القصف التركي لعفرين",
            &["سراقب"],
            &["عفرين"],
        ),
        (
            "تعرضت مدينة دوما لقصف جوي مكثف. يذكر أن ثلاثة أطفال قضوا في وقت سابق اليوم، بقصف على بلدات حزرما والنشابية",
            &["دوما", "حزرما", "النشابية"],
            &[],
        ),
        (
            "تعرضت مدينة دوما لقصف جوي مكثف. يذكر أن ثلاثة أطفال قضوا في وقت سابق من هذا الشهر بقصف على بلدة حزرما",
            &["دوما"],
            &["حزرما"],
        ),
        // a city name that is frequent only as the city needs no place word after a
        // preposition; a real word («قصفا جويا», aerial, and Joya) still does, and «ل» before
        // a city reads «for» («نصرة لغزة»)
        (
            "قتل ثلاثة مدنيين في انفجار عبوة ناسفة في تلعفر، وغارة على غزة، وقصف في صعدة",
            &["تلعفر", "غزة", "صعدة"],
            &[],
        ),
        (
            "شهدت مدن وبلدات ريف حمص الشمالي، اليوم الإثنين، قصفا جويا طال الأبنية السكنية في بلدة تلبيسة، وتظاهر آلاف نصرة لغزة",
            &["تلبيسة"],
            &["جويا", "قصفا", "غزة"],
        ),
        // «كما تعرضت» with what was suffered left unsaid tells the same attack again; with its
        // object said («لانقطاع الكهرباء») it tells something else
        (
            "قتل خمسة مدنيين إثر غارة للطيران الحربي على مدينة نوى. كما تعرضت مدن وبلدات، بصرى الشام، عتمان وتل السمن، واقتصرت الأضرار على المادية. كما تعرضت بلدة الحراك لانقطاع الكهرباء",
            &["نوى", "بصرى الشام", "عتمان", "تل السمن"],
            &["الحراك"],
        ),
        // where the victims had fled from is no place of the text's own, even where the text
        // puts it in the wrong governorate
        (
            "أدت الغارات على حي الفردوس بمدينة الرقة لاستشهاد أم وأطفالها، وهم نازحين من مدينة تدمر بريف حلب الشرقي",
            &[],
            &["تدمر"],
        ),
        // a rescue team's town, with a verb of coming after it, is where the team is based; a
        // centre struck stays where the attack was
        (
            "قصف الطيران وسط بلدة الدانا، وأفاد قائد فرقة الدفاع المدني بمدينة الأتارب، التي حضرت إلى الدانا لإخماد الحريق، أن الغارة استهدفت منطقة سكنية",
            &["الدانا"],
            &["الأتارب"],
        ),
        (
            "غارة جوية استهدفت مركز الدفاع المدني في حي هنانو",
            &["هنانو"],
            &[],
        ),
        // strikes «last week» in a clause of their own are an earlier event
        (
            "سقطت قذائف على مدينة السقيلبية. وشهد ريف حماه الغربي تصعيدا كبيرا الاسبوع الماضي حيث شن الطيران الحربي غارات على بعض المناطق منها معرة النعمان",
            &["السقيلبية"],
            &["معرة النعمان"],
        ),
        // the building next to the one struck is no name
        (
            "غارة إسرائيلية استهدفت بلدة دورس بقضاء بعلبك أدت إلى انهيار مركز الدفاع المدني وتدمير المبنى الملاصق له",
            &[],
            &["المبنى الملاصق"],
        ),
        // an explosion the text puts down to a burning fuel tanker is no attack, in the
        // sentences that name no weapon either; a car bomb in the same text still is
        (
            "سقوط قتلى وجرحى بانفجار في بلدة جبرين بريف حماة. وذكر مصدر أن الانفجار في بلدة جبرين ناجم عن احتراق صهريج وقود. وفي خبر آخر انفجرت سيارة مفخخة في مدينة السلمية",
            &["السلمية"],
            &["جبرين"],
        ),
        // a quarter the gazetteer lacks, with what state it is in between it and its city;
        // a hard-wrapped line that ends on the verb of the attack goes on to its object
        (
            "قتل 3 مدنيين في قصف على حي الوعر المحاصر في حمص",
            &["الوعر"],
            &[],
        ),
        (
            "قتل 10 أشخاص في قصف لقوات النظام اليوم استهدف\nحي القرابيص الخاضع لسيطرة الثوار في حمص",
            &["القرابيص"],
            &[],
        ),
        // a site struck after the verb and who struck («استهدفت غارات الاحتلال …»), but not one
        // struck before («سبق أن استهدفت …»), nor a building named by the site in it
        (
            "استهدفت غارات الاحتلال الإسرائيلي مسجد البخاري بدير البلح وسط قطاع غزة",
            &["مسجد البخاري", "دير البلح"],
            &[],
        ),
        (
            "استهدفت مسيرة انتحارية فندق مارينا في بورتسودان، حيث سبق أن استهدفت مسيرات مماثلة قاعدة عثمان دقنة الجوية في المدينة",
            &["فندق مارينا"],
            &["قاعدة عثمان دقنة الجوية", "قاعدة عثمان دقنة"],
        ),
        (
            "استهدفت غارات مبنى المجمع الحكومي بمدينة الحزم",
            &["الحزم"],
            &["مبنى المجمع"],
        ),
        // frequent words without the article make a proper name together; a base struck a
        // day before the report's attack is an earlier event
        (
            "قتل 17 عاملا في غارات أمريكية استهدفت ميناء رأس عيسى في محافظة الحديدة غربي اليمن",
            &["ميناء رأس عيسى"],
            &[],
        ),
        (
            "هجوم بطائرة مسيرة على مطار أربيل الدولي، وجاء الهجوم بعد يوم من إصابة قاعدة عين الأسد الجوية، التي تضم القوات الأمريكية والسفارة الأمريكية في بغداد، بالصواريخ",
            &[],
            &["قاعدة عين الأسد الجوية", "قاعدة عين الأسد"],
        ),
        // a city named right after the struck town by «قرب» tells where the town lies
        (
            "قتل 41 شخصا في غارة استهدفت منزلا في مدينة صبراتة قرب طرابلس",
            &["صبراتة"],
            &["طرابلس"],
        ),
        // clashes on a front, with no strike and no one hurt told, are fighting over ground;
        // people killed in clashes near a place make it an incident
        (
            "قصف الطيران حي الكلاسة. ودارت اشتباكات بين مقاتلي المعارضة وجيش النظام على جبهات الشيخ سعيد والراموسة غربي حلب",
            &["الكلاسة"],
            &["شيخ سعيد", "الراموسة"],
        ),
        (
            "أعلنت المقاومة اليوم عن مقتل 22 من الميليشيا باشتباكات معها قرب قاعدة العند",
            &["قاعدة العند الجوية"],
            &[],
        ),
        // a shrine is a site
        (
            "قتل 7 في انفجار سيارة مفخخة مركونة قرب مرقد خضر الياس في كركوك صباح اليوم",
            &["مرقد خضر الياس"],
            &[],
        ),
        // a common word after a place word is a name when the text says where it lies
        (
            "سقطت قذيفة على حي سكني في منطقة الليثي الواقعة في وسط بنغازي",
            &["الليثي"],
            &[],
        ),
        // a hashtag after a place word names the place, however common the word
        (
            "شن الطيران الحربي عدة غارات على منطقة #غرز الواقعة شرق مدينة درعا",
            &["غرز"],
            &[],
        ),
        // the next item after a place the victims fled from is one too
        (
            "ارتكب الطيران الحربي مجزرة بحق 8 مدنيين في مدينة البوكمال، وهم نازحون من مدينة دير الزور/حي الصناعة",
            &["البوكمال"],
            &["الصناعة"],
        ),
        (
            "ارتكب الطيران الحربي مجزرة بحق 8 مدنيين، وهم نازحون من مدينة دير الزور/حي الصناعة في مدينة البوكمال",
            &["البوكمال"],
            &["الصناعة"],
        ),
        // «وكانت … قد …» that dates the lead's own car bomb in the lead's own town (the lead
        // gives no day) tells when, not an earlier attack; after a lead dated «اليوم» it tells
        // an earlier one
        (
            "بلغت حصيلة انفجار سيارة مفخخة في سامراء 24 شهيدا. وكانت سيارة مفخخة قد انفجرت عصر أمس بالقرب من حي القادسية وسط سامراء",
            &["القادسية"],
            &[],
        ),
        (
            "قتل 5 مدنيين اليوم في انفجار سيارة مفخخة في سامراء. وكانت سيارة مفخخة قد انفجرت عصر أمس بالقرب من حي القادسية",
            &[],
            &["القادسية"],
        ),
        // names OCHA writes without the article, reports with it
        (
            "سقوط قذائف على قرى محردة والصفصافية والصهرية بريف حماة",
            &["محردة", "صفصافية", "صهرية"],
            &[],
        ),
        // a campaign hashtag on a governorate's capital stands for the governorate
        (
            "#عاجل غارات روسية الآن على #معرة_النعمان و #كفرنبل … ٥ شهداء #ادلب_تحترق",
            &["معرة النعمان", "كفر نبل"],
            &["إدلب"],
        ),
        // where the aircraft took off from
        (
            "قصف بالبراميل المتفجرة على مدينة اللطامنة من الطيران المروحي الذي أقلع من مطار حماة العسكري",
            &["اللطامنة"],
            &["حماة"],
        ),
        // the dual of a place word, a compass adjective after «الأحياء», a surname that looks
        // like clitic + an article name: no places
        (
            "قصف مدفعي تركي على قريتين في ريف منبج وعلى الأحياء الشمالية لمدينة تل رفعت",
            &["تل رفعت"],
            &["القريتين", "الشمالية"],
        ),
        (
            "قذائف هاون على بلدة الفوعة أطلقها مسلحون بحسب ما قال أبو محمد فاعور",
            &["الفوعة"],
            &["الأعور"],
        ),
        (
            "قال المرصد السوري لحقوق الإنسان ومقره بريطانيا إن غارة جوية استهدفت حي الصاخور في حلب",
            &["الصاخور"],
            &["المملكة المتحدة"],
        ),
        (
            "قصف مدفعي على بلدة معرة النعمان مصدره مواقع قوات النظام في بلدة خان شيخون",
            &["معرة النعمان"],
            &["خان شيخون"],
        ),
        (
            "شبكة حلب نيوز: برميل متفجر على حي الشعار",
            &["الشعار"],
            &["حلب"],
        ),
        (
            "غارات على حي الصالحين غرب مدينة حلب",
            &["الصالحين"],
            &["حلب"],
        ),
        ("افتتاح مدرسة جديدة في مدينة اللاذقية", &[], &["اللاذقية"]),
        // a compass after a common noun leaves the city as the best place; after a name the
        // gazetteer lacks («حندرات») the city only locates that place
        (
            "استشهاد 5 فلسطينيين في غارة على منزل شمال غرب خان يونس",
            &["خان يونس"],
            &[],
        ),
        (
            "تدمير دبابة بصاروخ تاو على جبهة حندرات شمال حلب",
            &[],
            &["حلب"],
        ),
        (
            "أعلن التحالف تدمير موقع إطلاق المسيرة المفخخة في صعدة التي استهدفت مطار أبها",
            &["أبها"],
            &["صعدة"],
        ),
        // a name listed both with and without the article matches «الأبيض» (El Obeid); the
        // short name of a city GeoNames lists by its municipality («النبطية»)
        (
            "استهدفت مسيرة سجن ومستشفى مدينة الأبيض السودانية",
            &["الأبي"],
            &[],
        ),
        ("غارة إسرائيلية تستهدف النبطية في لبنان", &["النبطية"], &[]),
        // a dateline with the agency in brackets; refugees' home town
        (
            "بيروت (أ ب) – أسقطت المروحيات براميل متفجرة على حي قاضي عسكر",
            &["قاضي عسكر"],
            &["بيروت"],
        ),
        (
            "قتل 8 أطفال من لاجئي مدينة عفرين في قصف مدفعي على منطقة تل رفعت",
            &["تل رفعت"],
            &["عفرين"],
        ),
        // «المدينة القديمة» of Raqqa is not Aleppo's
        (
            "قتل 5 مدنيين في قصف للتحالف على المدينة القديمة في مدينة الرقة",
            &["الرقة"],
            &["حلب القديمة"],
        ),
        // a displaced victim's home town, a witness's town, a related-news link
        (
            "استشهد أحمد الموسى وهو نازح من بلدة أبو الظهور جراء غارة استهدفت قرية كفرمارس",
            &["كفر مارس"],
            &["أبو الظهور"],
        ),
        (
            "قتل 28 شخصا في غارة على مخيم قرب مدينة سرمدا. وقال ناشط من مدينة أطمة إن الضربة استهدفت المخيم",
            &["سرمدا"],
            &["اطمه"],
        ),
        (
            "قتل 5 في تفجير انتحاري عند فرن في حي الميسر بحلب. أخبار ذات علاقة الأمن يعلق على انفجار حي المزة بدمشق",
            &["كرم ميسر"],
            &["المزة"],
        ),
        // a town reports spell otherwise than OCHA (cited override: «حمورية» = حمورة)
        (
            "قصف جوي على مدينة حمورية في الغوطة الشرقية",
            &["حمورة"],
            &[],
        ),
        // where the sources are («مصادر محلية في العاصمة طرابلس»), a place used to locate
        // another («تقع إلى الغرب من العاصمة طرابلس»)
        (
            "قتل ثلاثة أشخاص جراء سقوط قذائف هاون على مدينة بنغازي، وقالت مصادر محلية في العاصمة طرابلس إن من الجرحى أربعة",
            &[],
            &["طرابلس"],
        ),
        (
            "قصفت قوات حفتر الكلية الجوية في مدينة مصراتة. ومصراتة مدينة ساحلية تقع إلى الغرب من العاصمة طرابلس",
            &["مصراتة"],
            &["طرابلس"],
        ),
        (
            "قتل 15 شخصا في تفجير شاحنة ملغومة أمام مكتب حزب في مدينة كركوك التي يدور حولها نزاع بين الحكومة العراقية المركزية في بغداد وكردستان",
            &["كركوك"],
            &["بغداد"],
        ),
        (
            "قتل طفل وامرأة جراء غارات التحالف على منطقة المقاش في صعدة. وكانت وكالة الأنباء اليمنية، بنسختها في صنعاء، قد ذكرت أن طائرات التحالف شنت 25 غارة على العاصمة صنعاء",
            &[],
            &["صنعاء"],
        ),
        // a long list after «قرى» goes on through names the gazetteer lacks
        (
            "قصف النظام قرى الحويجة والحويز وجسر بيت الراس وشهرناز والصهرية بريف حماة",
            &["شهرناز"],
            &[],
        ),
        // an attack verb dated back («واستهدفت قبل يومين …») is an earlier event
        (
            "قتل 5 مدنيين بقصف مدفعي على قرية لحايا اليوم، واستهدفت قبل يومين قوات النظام مدينة اللطامنة بأكثر من 50 قذيفة",
            &["لحايا"],
            &["اللطامنة"],
        ),
        // where the shelling force is stationed, not the town it shelled after it
        (
            "قصف مدفعي لقوات النظام المتمركزة في حاجز المداجن قرب بلدة طيبة الإمام على قرية لحايا",
            &["لحايا"],
            &["طيبة الإمام"],
        ),
        (
            "كما قصفت قوات النظام المتمركزة في قرية قبيبات الهدى مدينة خان شيخون",
            &["خان شيخون"],
            &[],
        ),
        // a sentence that opens in the past tells an earlier event
        (
            "قتل طفلان بقصف على بلدة كفرنبل اليوم. وفي وقت سابق من يوم أمس، قال مسؤول إن غارة استهدفت بلدة حاس",
            &["كفر نبل"],
            &["حاس"],
        ),
        // grammatical words and foreign places that are frequent words
        (
            "غارات على مدينة صعدة، وأن جبل النهدين استهدف",
            &["صعدة"],
            &["وان"],
        ),
        (
            "سقط صاروخان في وقت متأخر من ليل أمس على مدينة بغداد",
            &["بغداد"],
            &["ليل"],
        ),
        // a neighbourhood lies in the nearest town named, not in every town within 20 km
        (
            "استهدفت مدفعية الاحتلال منازل شمال مخيم النصيرات، ومحيط حي الزيتون جنوب شرق مدينة غزة",
            &["النصيرات", "الزيتون"],
            &["غزة"],
        ),
        // a bare name abroad from all the text's other places is no incident place; fire
        // «من مواقع تمركزها» came from there
        (
            "قصف حوثي على أحياء سكنية في تعز. وأطلقت الميليشيا قذائفها من مواقع تمركزها في جبل أومان",
            &["تعز"],
            &["أومان"],
        ),
        // «حي» before a frequent word: a neighbourhood (Damascus's الميدان)
        ("سقوط قذائف هاون على حي الميدان وسط دمشق", &["الميدان"], &[]),
        // a post's place tag with nothing else named is where it happened; a newsroom
        // dateline is not
        (
            "#درعا_البلد: استهداف منزل بقذيفة يؤدي لجرح 3 أطفال",
            &["درعا البلد"],
            &[],
        ),
        (
            "بيروت - قال المرصد إن غارة جوية استهدفت بلدة ترمانين",
            &["ترمانين"],
            &["بيروت"],
        ),
        // a natural region holds towns: Douma in Eastern Ghouta, not an unlisted «دوما»
        (
            "ارتفاع حصيلة ضحايا الغارات الجوية على مدينة دوما في الغوطة الشرقية إلى 25 قتيلا",
            &["دوما"],
            &["الغوطة"],
        ),
        // «سوق مدينة X» is X's market, not Aleppo's «سوق المدينة»; where the wounded were
        // taken is no incident place
        (
            "مقتل 7 أشخاص جراء قصف جوي استهدف سوق مدينة معرة النعمان، ونقل الجرحى إلى مستشفى في مدينة إدلب",
            &["معرة النعمان"],
            &["إدلب", "سوق المدينة القديم"],
        ),
        // a district the gazetteer lacks, placed near the city it is north of
        (
            "مقتل 4 من عناصر الحشد الشعبي بهجوم لتنظيم داعش في قضاء الطارمية شمالي بغداد",
            &["الطارمية"],
            &["بغداد"],
        ),
        // a compound name the gazetteer lacks («باب توما») is kept whole, at its container
        (
            "سقوط قذيفة هاون على منزل في حي باب توما بدمشق القديمة وإصابة امرأة",
            &["باب توما"],
            &[],
        ),
        // «مرفأ» introduces a place like «ميناء»
        ("عاجل: انفجار في مرفأ بيروت وأنباء عن عشرات القتلى", &["بيروت"], &[]),
        // where helpers came from, where a source sits, earlier attacks: not incident places
        (
            "وصل وفد من الهلال الأحمر القادم من دمشق إلى مدينة دوما لإجلاء الجرحى بعد القصف",
            &["دوما"],
            &["دمشق"],
        ),
        (
            "قتلى وجرحى بقصف على حي الوعر في حمص، ونقلت وسائل إعلام تركية عن مصادر في أنقرة أن",
            &["الوعر"],
            &["آنقره"],
        ),
        (
            "وتأتي هذه الغارات بعد أسبوع من مجزرة مشابهة في بلدة خان شيخون. وقتل اليوم 5 مدنيين في قصف على مدينة جسر الشغور",
            &["جسر الشغور"],
            &["خان شيخون"],
        ),
        (
            "قتل 5 أشخاص بقصف على بلدة سراقب، وكان التنظيم قد نفذ في الآونة الأخيرة سلسلة من التفجيرات في بغداد",
            &["سراقب"],
            &["بغداد"],
        ),
        // a frequent word after a title's first word is no place («مجزرة جديدة:»)
        (
            "مجزرة جديدة: استشهاد ١٥ مدنياً بينهم ٧ أطفال في غارات على بلدة حاس فجر يوم الأحد",
            &["حاس"],
            &["الجديدة"],
        ),
        // «بالصور» opens a title but is no place (Tyre), and does not outvote the neighbourhood
        (
            "بالصور || آثار الدمار في حي الكلاسة بعد استهدافه بالبراميل المتفجرة أمس",
            &["الكلاسة"],
            &["الصور"],
        ),
        // «مديرية X» the gazetteer lacks: placed at the city it is south of
        (
            "مقتل 3 مدنيين في قصف على مديرية التحيتا جنوب مدينة الحديدة",
            &["التحيتا"],
            &["الحديدة"],
        ),
        // sniper fire with a victim is an attack
        ("مقتل مدني برصاص قناص في حي جوبر بدمشق", &["جوبر"], &[]),
        // Homs's الزهراء is not listed (six others are): an approximate incident at Homs
        (
            "انفجار سيارة مفخخة في حي الزهراء بمدينة حمص",
            &["الزهراء"],
            &[],
        ),
        (
            "غارة جوية على بلدة ترمانين في ريف إدلب الشمالي",
            &["ترمانين"],
            &["إدلب"],
        ),
        // a three-word name the gazetteer lacks («خان بني سعد») after «ناحية»; a city after
        // a two-word compass phrase («بشمال شرق بغداد») is a reference, not the place
        (
            "قتل 4 أشخاص في انفجار سيارة مفخخة في سوق شعبي في ناحية خان بني سعد جنوب بعقوبة مركز محافظة ديالى بشمال شرق بغداد",
            &["خان بني سعد"],
            &["بغداد", "بعقوبة"],
        ),
        // where missiles took off from, and where witnesses are, are not where they landed
        (
            "قتل عشرة جنود في هجوم صاروخي استهدف قاعدة العند العسكرية بمحافظة لحج. وقال شهود عيان في مدينة الراهدة إنهم شاهدوا صواريخ باليستية تنطلق من مدينة تعز",
            &["قاعدة العند الجوية"],
            &["تعز", "الراهدة"],
        ),
        // «معسكر» (a camp) is a place word, not Mascara in Algeria
        (
            "دارت اشتباكات وقصف مدفعي عنيف في محيط معسكر المسطومة بريف إدلب",
            &["المسطومة"],
            &["معسكر"],
        ),
        // a foreign city's name in a list of Syrian villages is a village the gazetteer lacks
        (
            "قصف مدفعي لقوات النظام على قرى حلفايا وزلين وطيبة الإمام بريف حماة الشمالي",
            &["حلفايا"],
            &[],
        ),
        // a container attached to a place the gazetteer lacks is named with it as where the
        // attack was; one the place lies north of is a reference
        (
            "اغتيال قيادي في حماس في قصف استهدف منطقة المشرفية بضاحية بيروت الجنوبية",
            &["المشرفية", "الضاحية الجنوبية"],
            &[],
        ),
        (
            "قتل ثلاثة مدنيين بقصف على منطقة الظهرة شمال مدينة حمص",
            &["الظهرة"],
            &["حمص"],
        ),
        // the town of the hospital the wounded were taken to, the verb standing before its
        // subject
        (
            "قتل ثمانية مدنيين بقصف جوي على بلدة كفرنبودة، وأصيب ثلاثة آخرون نقلتهم فرق الدفاع المدني إلى مشفى \"الأورينت\" بمدينة كفرنبل",
            &["كفر نبودة"],
            &["كفر نبل"],
        ),
        // in a list of villages a frequent word («الأربعين», the forty) names the village
        // next to the others
        (
            "وسقطت قذائف مدفعية على مدينة مورك وقرى لطمين والأربعين بريف حماة الشمالي",
            &["لطمين", "الأربعين"],
            &[],
        ),
        // hard-wrapped text: a line that ends on a place word goes on in the next
        (
            "قتل ثلاثة مدنيين وجرح آخرون في قصف مدفعي استهدف بلدة\nكشتعار صباح اليوم",
            &["كشتعار"],
            &[],
        ),
        // a list goes on through a name the gazetteer lacks («الزعيترية» is made up)
        (
            "قصف مدفعي على قرى أبين، الزعيترية، كشتعار بريف حلب الشمالي",
            &["ابين", "كشتعار"],
            &[],
        ),
        // a place word with two letters swapped («ميدنة»), names in brackets
        (
            "وقال مراسلنا إن القصف شمل المشفى الميداني في ميدنة الحراك شرقي درعا",
            &["الحراك"],
            &[],
        ),
        (
            "ألقى الطيران المروحي برميلين متفجرين على مدينتي (الحراك) و(طفس) في ريف درعا",
            &["الحراك", "طفس"],
            &[],
        ),
        // a city named as what was attacked, in a sentence of its own, stays a place of the
        // attack beside its neighbourhood; named as where («في مدينة حلب») it wraps it
        (
            "تعرضت مدينة حلب لقصف جوي عنيف ليلة أمس. وسقطت الصواريخ على حي الصاخور، ما أدى إلى مقتل ثلاثة مدنيين.",
            &["حلب", "الصاخور"],
            &[],
        ),
        (
            "قتل ثلاثة مدنيين في مدينة حلب ليلة أمس. وسقطت الصواريخ على حي الصاخور صباح اليوم.",
            &["الصاخور"],
            &["حلب"],
        ),
        // «مدينة» before a name OCHA has as a community and a sub-district: the community;
        // unnamed parts of a city («على أحياء في مدينة …») leave the city the attack's place
        (
            "قتل مدنيون بقصف جوي استهدف مدينتي مسكنة ودير حافر بريف حلب الشرقي",
            &["مسكنة", "دير حافر"],
            &[],
        ),
        (
            "سقطت قذائف صاروخية على أحياء في مدينة حلب ليلة أمس. وسقطت قذيفة منها على حي الصاخور ما أدى لمقتل طفل.",
            &["حلب", "الصاخور"],
            &[],
        ),
        (
            "استشهد ثلاثة شبان في غارة لطائرة مسيرة على مركبة في مدينة طوباس. وقصفت الطائرات منزلا في مخيم الفارعة جنوب طوباس.",
            &["طوباس", "مخيم الفارعة"],
            &[],
        ),
        // «X البلد» is the town proper beside its camp
        (
            "قصفت طائرات الاحتلال عددا من المنازل في مخيم جباليا وجباليا البلد شمال قطاع غزة",
            &["مخيم جباليا", "جباليا"],
            &["قطاع غزة"],
        ),
        // fired at («أطلقها … على»), not from; a well-known city joined to a list by «و»
        (
            "سقوط قذائف هاون أطلقها مسلحون على حمص وريفها والسويداء ظهر اليوم",
            &["حمص", "السويداء"],
            &[],
        ),
        // a state or governorate abroad (one point, no towns under it) holds its towns
        (
            "قتل عشرة أشخاص في قصف على مدينة نيالا في ولاية جنوب دارفور",
            &["نيالا"],
            &["جنوب دارفور"],
        ),
        (
            "قتل ثلاثة مدنيين في قصف على مدينة بعقوبة بمحافظة ديالى شرق العراق",
            &["بعقوبة"],
            &["ديالى"],
        ),
        // «بعد» of time is no distance; attacks told as coming before this one are other events
        (
            "قتل خمسة مدنيين جراء غارات استهدفت بعد منتصف الليل بلدة كفرنبل. ويأتي هذا القصف بعد أن تعرضت بلدة الهبيط لقصف مماثل، وجاء بعد أيام على مجزرة قرية حاس",
            &["كفر نبل"],
            &["الهبيط", "حاس"],
        ),
        // a place the attack was «not far from» is a landmark
        (
            "أصيب طفل بقصف عشوائي على حي عين زارة ليس بعيدا عن منطقة صلاح الدين جنوب طرابلس",
            &[],
            &["صلاح الدين"],
        ),
        // a car bomb seized went off nowhere
        (
            "ضبطت قوات الأمن سيارة مفخخة في شارع القدس داخل مدينة الحسكة",
            &[],
            &["الحسكة"],
        ),
        // an outlet named after a city («كركوك ناو») is no place
        (
            "قصفت الطائرات التركية منزلا في قضاء سنجار، وقال أحد الشهود لـ (كركوك ناو) إنه شاهد خمسة قتلى",
            &[],
            &["كركوك"],
        ),
        // a drone brought down near its target, nobody hurt, nothing damaged: no attack
        (
            "تم إسقاط طائرة مسيرة مفخخة بالقرب من مطار أربيل الدولي فجر اليوم، وسمع دوي انفجارات في محيط المطار",
            &[],
            &["مطار أربيل الدولي", "أربيل"],
        ),
        // ground fighting over a place is no strike on it
        (
            "قصف مدفعي عنيف على بلدة الفوعة، بينما حاولت قوات النظام التقدم من جهة بلدة خان طومان",
            &["الفوعة"],
            &["خانطومان"],
        ),
        // a site of the gazetteer named after its town: both; an attack days before: neither
        (
            "سقط صاروخ على مطار بغداد الدولي، بعد خمسة أيام من استهداف المنطقة الخضراء بثلاثة صواريخ",
            &["مطار بغداد الدولي", "بغداد"],
            &["المنطقة الخضراء"],
        ),
        // warplanes striking are an attack though nobody is said hurt; civil aviation
        // «aiming» at something is none
        (
            "الطيران الحربي يستهدف بلدات #كفرنبل و #حاس في #جبل_الزاوية",
            &["كفر نبل", "حاس"],
            &[],
        ),
        (
            "وزارة النقل: الطيران المدني يستهدف زيادة الرحلات إلى مطار حلب الدولي ومدينة اللاذقية",
            &[],
            &["اللاذقية"],
        ),
        // a Yemeni district struck is where it landed; one named around a place wraps it
        (
            "غارات للتحالف على مديرية رازح الحدودية في محافظة صعدة ومقتل 4 مدنيين، وغارة أخرى على منطقة الملاحيط بمديرية الظاهر",
            &["رازح", "الملاحيط"],
            &["الظاهر", "محافظة صعدة"],
        ),
        // «الشمالي» after a countryside is its adjective, no «north of» the town after it;
        // fire from positions six words back
        (
            "قصفت قوات النظام من مواقعها في بلدة نبل بريف حلب الشمالي مدينة عندان، ما أدى إلى مقتل 3 مدنيين",
            &["عندان"],
            &["نبل"],
        ),
        (
            "سقط صاروخ باليستي أطلقته مليشيا الحوثي من أحد مواقعها بمنطقة ريام بمديرية رداع على مدينة مأرب وقتل طفلين",
            &["مأرب"],
            &["رداع"],
        ),
        // names the gazetteer lacks in a list with names it has are placed at the list's
        // container; an adjective after the list («التابعتين») and «وكالة» are no names
        (
            "قصف الطيران الروسي قرى أبو حنايا وقليب الثور والبرغوثية والخريجة بريف حماة الشرقي، وقريتي طهماز والزلاقيات التابعتين لناحية عقيربات، ما أدى لمقتل 3 مدنيين",
            &["قليب الثور", "البرغوثية", "أبو حنايا", "الخريجة", "طهماز"],
            &["التابعتين"],
        ),
        // a word in quotes after a place word is its name, however common a word it is
        (
            "استهدفت طائرات التحالف بغارة جوية قرية “المطر” في ريف الرقة الغربي، ما أدى إلى مقتل 4 مدنيين",
            &["المطر"],
            &[],
        ),
        // where people were heading, where the dead were buried, a dual adjective after a
        // list of towns, fire from inside a town or from fighters entrenched in it, a car
        // model, a blast «the day before yesterday» told with «وكانت»
        (
            "قصفت طائرات النظام حافلة تقل مدنيين متجهين إلى مدينة سراقب قرب بلدة تفتناز",
            &["تفتناز"],
            &["سراقب"],
        ),
        (
            "قتل خمسة مدنيين بغارة على بلدة كفرنبل، ودفنوا في مقبرة مدينة معرة النعمان",
            &["كفر نبل"],
            &["معرة النعمان"],
        ),
        (
            "شن الطيران الحربي غارات على بلدتي اللطامنة وكفرزيتا المحررتين، في ريف حماة الشمالي",
            &["اللطامنة", "كفر زيتا"],
            &["المحررتين"],
        ),
        (
            "أطلقت القذائف على أحياء العاصمة السورية من عمق مدينة دوما في الغوطة الشرقية، ما أدى إلى مقتل طفل في حي المزة",
            &["المزة"],
            &["دوما"],
        ),
        (
            "مسلحو التنظيم المتحصنين في مدينة الباب أطلقوا قذائف على بلدة تادف ما أدى إلى مقتل امرأة",
            &["تادف"],
            &["الباب"],
        ),
        // a seat named after its place word («ومقرها في العاصمة طرابلس»)
        (
            "قتل ثلاثة مدنيين بغارة على مدينة مصراتة، وحمّل المجلس الرئاسي لحكومة الوفاق، ومقرها في العاصمة طرابلس، قوات حفتر المسؤولية",
            &["مصراتة"],
            &["طرابلس"],
        ),
        // «الجزيرة» (the channel) is no Algiers
        (
            "استهدفت طائرة مسيرة سيارة في بلدة الخيام جنوبي لبنان، وفق ما أفادت به مصادر للجزيرة مباشر",
            &["الخيام"],
            &["الجزائر"],
        ),
        (
            "انفجرت سيارة مفخخة نوع كورلا قرب سوق في مدينة كركوك",
            &["كركوك"],
            &["كورلا"],
        ),
        (
            "قتل مدني بانفجار عبوة ناسفة في ساحة بصرى بمدينة درعا. وكانت عبوة ناسفة انفجرت أمس الأول عند مفرق بلدة الغارية الشرقية",
            &["بصرى الشام"],
            &["الغارية الشرقية"],
        ),
        (
            "قتل أربعة مدنيين اليوم بغارة روسية على مدينة أريحا. وكان الطيران الروسي ارتكب مجزرة أمس السبت في مدينة بنش",
            &["أريحا"],
            &["بنش"],
        ),
        (
            "قتل مدنيان بانفجار دراجة مفخخة في بلدة تل تمر. وكانت مدينة القامشلي تعرضت لانفجار مماثل قتل فيه ثلاثة أشخاص",
            &["تل تمر"],
            &["القامشلي"],
        ),
        // a bomb that exploded is an attack; a gas cylinder that exploded is not, unless it was
        // fired as a weapon
        (
            "انفجرت قنبلة يدوية في سوق شعبي بمدينة الباب ما أدى إلى إصابة أربعة مدنيين",
            &["الباب"],
            &[],
        ),
        (
            "أصيب ثلاثة أشخاص بجروح إثر انفجار أسطوانة غاز داخل منزل في حي الشعار بمدينة حلب",
            &[],
            &["الشعار", "حلب"],
        ),
        (
            "استهدفت قوات النظام بلدة جسرين بقذائف المدفعية واسطوانات غاز تحمل مواد شديدة الانفجار",
            &["جسرين"],
            &[],
        ),
        // the bare head of a name the gazetteer lacks («وادي الذهب») is not the namesake
        // «الوادي» abroad; the city it is in stays a place of the text
        (
            "انفجرت عبوة ناسفة داخل حافلة في حي وادي الذهب بمدينة حمص ما أدى إلى إصابة ستة أشخاص، بالتزامن مع محادثات أستانا بشأن سوريا",
            &["وادي الذهب", "حمص"],
            &["الوادي", "آستانا"],
        ),
        // «قضاء» names a district after its town: a village the gazetteer lacks in it is
        // placed there, and the district wraps it
        (
            "غارة إسرائيلية على بلدة زوطر في قضاء النبطية أدت إلى سقوط شهيد",
            &["زوطر"],
            &["النبطية"],
        ),
        // a village the gazetteer lacks that a rocket was launched from; an attack «24 hours
        // before» is another event
        (
            "سقط صاروخ في مطار بغداد الدولي، وتبين أن انطلاقه كان من قرية الدهنة شمالي قضاء أبو غريب. وتأتي هذه العملية بعد مضي 24 ساعة من إطلاق قذيفة على منطقة الحرية",
            &["مطار بغداد الدولي"],
            &["الدهنة", "أبو غريب", "الحرية"],
        ),
        // «وكان قصف …، مساء الخميس» tells an earlier strike; «أماكن عدة في مدينة درعا» are
        // parts of the town, which was struck
        (
            "قصف الطيران أماكن عدة في مدينة درعا مخلفا 25 قتيلا.\nوكان قصف مدفعي، مساء الخميس، على بلدة الحراك أسفر عن مقتل اثنين",
            &["درعا"],
            &["الحراك"],
        ),
        // quarters the gazetteer lacks listed with one it has, with no place after the list,
        // are placed at the town of that one
        (
            "قصفت قوات حفتر أحياء غرغور وأبو سليم والهضبة بعشرات صواريخ غراد، ما أدى إلى مقتل أربعة مدنيين",
            &["غرغور", "أبو سليم"],
            &[],
        ),
        // after a common noun (held by the word list only with its article), a compass word
        // does not make the camp a mere reference
        (
            "قصف الاحتلال مدرسة تؤوي نازحين شمال مخيم النصيرات وسط قطاع غزة",
            &["النصيرات"],
            &["قطاع غزة"],
        ),
        // a place the gazetteer lacks «في مدينة X»: the town is named with it as struck
        (
            "غارة جوية استهدفت منطقة الكراج القديم في مدينة كفرنبل وقتل فيها ثلاثة مدنيين",
            &["الكراج القديم", "كفر نبل"],
            &[],
        ),
        // a toll post: martyrs counted per place, though no strike is named; a war's toll
        // «since the beginning» is no strike's
        (
            "#حلب_الآن 15 شهيدا في الكلاسة و 7 في بستان القصر #حلب_تحترق",
            &["الكلاسة", "بستان القصر"],
            &[],
        ),
        (
            "سقط أكثر من 600 شهيد في مدن وبلدات الضفة منذ بدء الحرب على غزة، وفق وزارة الصحة",
            &[],
            &["غزة"],
        ),
        // a compass word does not reach across a bracket to a new list item
        (
            "سقطت قذائف هاون على احياء دمشق ( جوبر وباب شرقي ) والقصاع، ما أدى إلى إصابة عشرة مدنيين",
            &["القصاع"],
            &[],
        ),
        // an everyday word after «منطقة» is no village 300 km from the text's places
        (
            "سقطت القذائف على سوق حي الفردوس بحلب ومنطقة المقبرة، ما أدى إلى مقتل شخصين",
            &["الفردوس"],
            &["المقبرة"],
        ),
        // a demonstration «in solidarity with the battles» is no strike; «ريف مدينة X» is
        // the city's countryside
        (
            "قصفت الطائرات الحربية مناطق في ريف مدينة إدلب واستهدفت بلدة حاس. وفي خبر منفصل خرجت مظاهرات حاشدة في مدينة معرة النعمان وبلدة كللي تضامنا مع معارك الثوار",
            &["حاس"],
            &["إدلب", "معرة النعمان", "كللي"],
        ),
        // taking control of a village is fighting over ground, not a strike on it
        (
            "قصف الطيران الحربي مدينة مورك، وتمكنت فصائل المعارضة من استعادة السيطرة على قرية عطشان في ريف حماة، فيما سيطرت قوات النظام على بلدة بصر الحرير",
            &["مورك"],
            &["عطشان", "بصرالحرير"],
        ),
        // a camp is a place of its own, not a part of the nearest town
        (
            "استشهد 12 مواطنا في قصف استهدف منزلا في مخيم المغازي وآخر في مخيم النصيرات وسط قطاع غزة",
            &["مخيم المغازي", "النصيرات"],
            &["قطاع غزة"],
        ),
        // background to the report: «يذكر أن …» with a time of its own, «ويأتي هذا القصف بعد …»,
        // «بعد 3 أيام على …» tell other events; a time in a later «علماً أن» clause does not
        (
            "قتل ثلاثة مدنيين في قصف مدفعي على بلدة كفرنبل. يذكر أن قوات النظام ارتكبت أمس الخميس مجزرة في بلدة حاس",
            &["كفر نبل"],
            &["حاس"],
        ),
        (
            "قتل طفل بقصف مدفعي على مدينة خان شيخون. ويأتي هذا القصف بعد يومين من غارات على مدينة سراقب",
            &["خان شيخون"],
            &["سراقب"],
        ),
        (
            "قتل خمسة مدنيين في غارة جوية على مدينة صعدة. وجاءت الغارة بعد 3 أيام على مجزرة مماثلة في مدينة مأرب",
            &["صعدة"],
            &["مأرب"],
        ),
        (
            "سقطت قذائف على حي الفردوس في حلب. يذكر أن القذائف سقطت في سوق الخضرة، علماً أن آخر استهداف تعرض له الحي كان العام الماضي",
            &["الفردوس", "سوق الخضرة"],
            &[],
        ),
        // the places listed after where the forces who fired are stationed are origins too;
        // forces stationed somewhere that an air strike hit make it an incident place
        (
            "قالت وسائل إعلامية إن قوات الأسد المتمركزة في مدينتي صوران وحلفايا استهدفت بلدة اللطامنة بأكثر من 40 قذيفة",
            &["اللطامنة"],
            &["صوران", "حلفايا"],
        ),
        (
            "استهدفت غارات التحالف قوات النظام المتمركزة في مدينة تدمر ما أدى إلى مقتل 5 عناصر",
            &["تدمر"],
            &[],
        ),
        // a campaign told as a whole, background with «قد», last week's day: other events;
        // «ومنذ قليل» (a moment ago) is this report's own
        (
            "قتل مدنيان بقصف على حي جوبر في دمشق. وتتعرض أحياء القابون وبرزة لغارات جوية عنيفة بشكل يومي",
            &["جوبر"],
            &["القابون", "برزة"],
        ),
        (
            "قتل مدني بغارة على مدينة الميادين. ومنذ بدء الحملة ارتكبت طائرات التحالف مجازر عدة في قرية الباغوز",
            &["الميادين"],
            &["الباغوز فوقاني"],
        ),
        (
            "قتل طفل بقصف على بلدة التمانعة. و يذكر أن الطيران المروحي قد استهدف بلدة الهبيط بالبراميل",
            &["التمانعة"],
            &["الهبيط"],
        ),
        (
            "قتل 5 بتفجير سيارة مفخخة في حي الكرادة ببغداد. كما شهدت بغداد الأربعاء الماضي تفجيرات في مدينة الصدر",
            &["الكرادة"],
            &["مدينة الصدر"],
        ),
        (
            "قتل طفل بقصف على مدينة دير البلح. ومنذ قليل، استهدفت غارات الاحتلال منزلا في بلدة الزوايدة",
            &["دير البلح", "الزوايدة"],
            &[],
        ),
        // after a place word, a short name («حرض») and one that looks like a casualty word
        // («الجراحي», «جراح» + ي) are places
        (
            "قصف حوثي على مدينة حرض وعلى مديرية الجراحي",
            &["حرض", "الجراحي"],
            &[],
        ),
        // an «air aggression» on a town is an attack on it
        (
            "قتل مدني في غارة على بلدة الخيام. كما نفذ طيران الاحتلال عدواناً جوياً على بلدة كفرشوبا",
            &["الخيام", "كفرشوبا"],
            &[],
        ),
        // a compass word before a hashtag on a city: where the town lies, not a second place
        (
            "فرقنا تستجيب لقصف جوي استهدف منازل المدنيين في مدينة #أريحا جنوبي #إدلب",
            &["أريحا"],
            &["إدلب"],
        ),
    ];
    for (text, yes, no) in rows {
        let feats = extract_text(text, "2016-01-01");
        let names: Vec<String> = feats
            .iter()
            .map(|f| props(f)["place_name"].as_str().unwrap().to_string())
            .collect();
        for y in *yes {
            assert!(
                names.iter().any(|n| n == y),
                "{text}: {y} should be an incident, got {names:?}"
            );
        }
        for n in *no {
            assert!(
                !names.iter().any(|x| x == n),
                "{text}: {n} must not be an incident, got {names:?}"
            );
        }
    }
}

#[test]
fn examples_map_writes_every_layer() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let st = athar()
        .arg("map")
        .arg(&examples)
        .arg("-o")
        .arg(&out)
        .arg("--html")
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    for name in [
        "incidents.geojson",
        "clusters.geojson",
        "cluster_hulls.geojson",
        "places.geojson",
        "neighbourhoods.geojson",
        "athar.gpkg",
        "incidents.csv",
        "incidents.qml",
        "map.html",
    ] {
        assert!(out.join(name).is_file(), "{name} missing");
    }
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("incidents.geojson")).unwrap())
            .unwrap();
    let feats = v["features"].as_array().unwrap();
    assert!(
        feats.len() >= 5,
        "{} incidents from the examples",
        feats.len()
    );
    assert!(feats.iter().all(|f| f["properties"]["cluster_id"].is_i64()));
    // the non-attack example yields nothing
    assert!(feats
        .iter()
        .all(|f| f["properties"]["doc"] != "ex-nonattack"));
}

#[test]
fn output_is_deterministic_across_threads() {
    let docs = require_shared();
    let run = |threads: &str| {
        athar()
            .args(["extract", docs.to_str().unwrap(), "--threads", threads])
            .output()
            .unwrap()
            .stdout
    };
    let a = run("1");
    let b = run("2");
    assert!(!a.is_empty());
    assert_eq!(a, b, "output differs between --threads 1 and 2");
    assert_eq!(a, run("2"), "output differs between runs");
}

#[test]
fn stdin_and_exit_codes() {
    let mut child = athar()
        .args(["extract", "-", "--date", "2016-09-24"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("غارة جوية على حي الصاخور في حلب أمس".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.starts_with('\u{1e}'),
        "GeoJSON text sequence records start with RS"
    );
    assert!(s.contains("الصاخور") && s.contains("2016-09-23"));
    // a text with no attack: nothing found, exit 1
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("calm.txt");
    std::fs::write(&p, "افتتاح مدرسة جديدة في مدينة اللاذقية").unwrap();
    let (_, _, code) = extract(&[p.to_str().unwrap()]);
    assert_eq!(code, 1);
}

#[test]
fn shards_extracted_apart_then_merged_equal_one_run() {
    // the piece that lets GNU parallel / Spark RDD.pipe / Dask shard athar: extract is a
    // line-in, line-out filter, and `map --from-incidents` re-clusters the merged output
    let docs = require_shared();
    let lines: Vec<String> = std::fs::read_to_string(&docs)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut merged = Vec::new();
    for (k, chunk) in lines.chunks(lines.len().div_ceil(3)).enumerate() {
        // shards named like `split` names them: no extension, detected as JSONL by content
        let shard = dir.path().join(format!("part-a{k}"));
        std::fs::write(&shard, chunk.join("\n") + "\n").unwrap();
        let out = athar().arg("extract").arg(&shard).output().unwrap();
        assert!(out.status.code() == Some(0) || out.status.code() == Some(1));
        merged.extend(out.stdout);
    }
    let merged_path = dir.path().join("merged.geojsons");
    std::fs::write(&merged_path, &merged).unwrap();
    let (a, b) = (dir.path().join("sharded"), dir.path().join("direct"));
    let st = athar()
        .args(["map", "--from-incidents"])
        .arg(&merged_path)
        .arg("-o")
        .arg(&a)
        .args(["--format", "geojson"])
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let st = athar()
        .arg("map")
        .arg(&docs)
        .arg("-o")
        .arg(&b)
        .args(["--format", "geojson"])
        .output()
        .unwrap();
    assert!(st.status.success());
    for layer in [
        "incidents.geojson",
        "clusters.geojson",
        "cluster_hulls.geojson",
    ] {
        let x = std::fs::read(a.join(layer)).unwrap();
        let y = std::fs::read(b.join(layer)).unwrap();
        assert!(x == y, "{layer} differs between sharded and direct runs");
    }
}

#[test]
fn namesakes_abroad_follow_the_country_the_text_names() {
    // (text, mention, expected country, placed at the country for want of an entry)
    let rows: &[(&str, &str, &str, bool)] = &[
        // only Syrian villages are called «السعيدة» in the gazetteer: the Lebanese one is
        // placed at Lebanon, not at a Syrian namesake; named in its district («قضاء بعلبك»),
        // at the district's town
        (
            "غارة إسرائيلية على بلدة السعيدة شرق لبنان أدت إلى مقتل 4 أشخاص",
            "السعيدة",
            "LB",
            true,
        ),
        (
            "غارة إسرائيلية على بلدة السعيدة في قضاء بعلبك شرق لبنان أدت إلى مقتل 4 أشخاص",
            "السعيدة",
            "LB",
            false,
        ),
        // the named country most places lie in, not the coalition's; and a container that is
        // a namesake abroad (the gazetteer's only الجوف is Libyan) does not drop its place
        (
            "غارات لطيران التحالف بقيادة السعودية على مدينة الحزم في محافظة الجوف شمال اليمن",
            "الحزم",
            "YE",
            false,
        ),
        // a Saudi border town (cited from the national address map)
        (
            "سقطت قذائف أطلقت من الأراضي اليمنية على مدينة الخوبة في منطقة جازان",
            "الخوبة",
            "SA",
            false,
        ),
        // the attacker's country named by its adjective («الغارة السعودية») is not the
        // text's country: the tagged town stays in Yemen
        (
            "الحوثيون يتوعدون برد قاس على الغارة السعودية التي استهدفت سوقا شعبيا في #صعدة",
            "صعدة",
            "YE",
            false,
        ),
        // a country named as a refugees' destination does not move the text's own places
        (
            "قصف مدفعي على بلدة حاس في ريف إدلب الجنوبي، وفرّ آلاف النازحين إلى لبنان",
            "حاس",
            "SY",
            false,
        ),
    ];
    for (text, mention, country, approx) in rows {
        let feats = extract_text(text, "2020-01-01");
        let p = incident_with(&feats, "place_mention", mention)
            .unwrap_or_else(|| panic!("no incident for {mention} in {text}: {feats:?}"));
        assert_eq!(p["country"], *country, "{text}: {p:?}");
        assert_eq!(
            p["place_id"].as_str().unwrap().starts_with("ISO:"),
            *approx,
            "{text}: {p:?}"
        );
        if *approx {
            assert_eq!(p["geo_precision"], 3, "{p:?}");
        }
        for f in &feats {
            assert_eq!(props(f)["country"], *country, "{text}: {f:?}");
        }
    }
}

/// Place finding in posts and reports from other Arab countries (the places layer, any role):
/// (text, mentions that must be found with their country, words that must not be places).
/// (text, mentions found with their country, words that are no place)
type PlaceFindingRow<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a [&'a str]);

#[test]
fn place_finding_table() {
    let rows: &[PlaceFindingRow] = &[
        // a country alone is a place (a government, but the audit layer lists it as a country)
        ("الكويت تطبق سياسة الاحلال الوظيفي", &[("الكويت", "KW")], &[]),
        (
            "زار وزير الخارجية تركيا وايران",
            &[("تركيا", "TR"), ("ايران", "IR")],
            &[],
        ),
        // … unless the word is an everyday one («مالي», financial)
        ("دعم مالي للمتضررين في لبنان", &[("لبنان", "LB")], &["مالي"]),
        // a hashtag on an everyday word naming a place abroad is the word: floods, not Seoul
        // (a variant spelling), the virus, not Corona, California
        (
            "أمطار غزيرة و#سيول في مدينة الكويت",
            &[("مدينة الكويت", "KW")],
            &["سيول"],
        ),
        (
            "ارتفاع إصابات #كورونا في #الأردن",
            &[("الأردن", "JO")],
            &["كورونا"],
        ),
        // (Jerusalem is no lesser place abroad for Arabic news)
        (
            "مقتل شخصين في هجوم بالسكاكين في #القدس",
            &[("القدس", "IL")],
            &[],
        ),
        // a hashtag on an everyday word names a lesser place only in a text about its country
        (
            "حملة #زكاة لدعم الأسر في #الكويت",
            &[("الكويت", "KW")],
            &["زكاة"],
        ),
        (
            "غارات على #شعار و#سكري في #حلب",
            &[("شعار", "SY"), ("سكري", "SY")],
            &[],
        ),
        // the bare form of a name listed with the article, with nothing around it, is a word
        // («مطرية», rainy, is no «المطرية»)
        (
            "هطولات مطرية وإغلاق عدد من الطرق في #مصر",
            &[("مصر", "EG")],
            &["مطرية"],
        ),
        // after «قام» the «ب» word is a deed: «بجرفه» (swept him) is no ب + the village «جرفة»
        (
            "حيث قامت السيول بجرفه إلى مسافة 3 كيلو في #الكويت",
            &[("الكويت", "KW")],
            &["جرفه"],
        ),
        // a name of two words typed without the space no letter shows
        (
            "تعليق الدراسة في حفرالباطن بسبب الأمطار",
            &[("حفرالباطن", "SA")],
            &[],
        ),
        ("قصف مدفعي على ديرالزور", &[("ديرالزور", "SY")], &[]),
        // «عمان» is Oman and Amman: a text that names Jordan for sure means Amman
        ("أمطار غزيرة تضرب #عمان #الاردن", &[("عمان", "JO")], &[]),
        (
            "زيارة وزير الخارجية إلى عمان ولقاء في مسقط",
            &[("عمان", "OM")],
            &[],
        ),
        // a Saudi border sector is named after its town, and is no organisation's name after a
        // post («مركز …»)
        (
            "تعرض مركز المسيال بقطاع ظهران الجنوب بمنطقة عسير لقذائف عسكرية",
            &[("ظهران الجنوب", "SA")],
            &[],
        ),
        // a name frequent only as a place abroad is no word; a Saint- name is written «سان» too
        (
            "مقتل 5 دبلوماسيين في تفجير قندهار",
            &[("قندهار", "AF")],
            &[],
        ),
        (
            "تفجير استهدف محطة مترو في مدينة سان بطرسبرغ بروسيا",
            &[("سان بطرسبرغ", "RU")],
            &[],
        ),
        // … or without its final hamza
        ("قصف على مدينة السويدا", &[("السويدا", "SY")], &[]),
        // towns and districts of other Arab countries (Who's On First)
        (
            "أمطار غزيرة في منطقة أم الهيمان",
            &[("أم الهيمان", "KW")],
            &[],
        ),
        // a place frequent in text only as a place reads as one after a preposition
        (
            "زيارة سياحية إلى البتراء في الأردن",
            &[("البتراء", "JO")],
            &[],
        ),
    ];
    for (text, found, not) in rows {
        let ps = places_rows(text, "2020-01-01");
        let got: Vec<(String, String)> = ps
            .iter()
            .map(|p| {
                (
                    p["place_mention"]
                        .as_str()
                        .unwrap_or("")
                        .trim_start_matches('#')
                        .to_string(),
                    p["country"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        for (m, c) in *found {
            assert!(
                got.iter().any(|(gm, gc)| gm == m && gc == c),
                "{text}: {m} in {c} not found: {got:?}"
            );
        }
        for w in *not {
            assert!(
                !got.iter().any(|(gm, _)| gm.contains(w)),
                "{text}: {w} placed: {got:?}"
            );
        }
    }
}

#[test]
fn frequent_words_with_places_only_abroad_are_not_placed() {
    // (text, a word that must not become an incident, the incident place that must)
    let rows: &[(&str, &str, &str)] = &[
        // «#السجن» (the prison) names only a Syrian village: in a Libyan report it is the word
        (
            "قصف جوي لسجن في ليبيا. طائرات حربية نفذت عدة غارات على مقر #السجن مساء أمس مسببة مقتل أربعة من السجناء في مدينة سبها جنوب ليبيا.",
            "السجن",
            "سبها",
        ),
        // a market named after a weekday is no Algerian town
        (
            "قتل 9 مدنيين في مدينة الباب شرقي حلب، بقصف صاروخي استهدف ما يعرف بـ\"سوق الخميس\" وأحياء سكنية داخل المدينة.",
            "الخميس",
            "الباب",
        ),
        // «مدنين» is «مدنيين» with one «ي», not Medenine in Tunisia
        (
            "مقتل ٦ مدنين بقصف قوات الدعم السريع على مدينة الفاشر بالسودان",
            "مدنين",
            "الفاشر",
        ),
    ];
    for (text, word, place) in rows {
        let feats = extract_text(text, "2020-01-01");
        let mentions: Vec<String> = feats
            .iter()
            .map(|f| props(f)["place_mention"].as_str().unwrap_or("").to_string())
            .collect();
        assert!(
            !mentions.iter().any(|m| m.contains(word)),
            "{text}: {mentions:?}"
        );
        assert!(mentions.iter().any(|m| m == place), "{text}: {mentions:?}");
    }
}

#[test]
fn sites_the_gazetteer_lacks_are_placed_at_their_town() {
    // (text, sites that must be incidents, words that must not become a site)
    let rows: &[(&str, &[&str], &[&str])] = &[
        // a school named by words with the article after its bare word
        (
            "قتل 4 بقصف طائرات الاحتلال مدرسة العائلة المقدسة التي تؤوي نازحين غرب مدينة غزة",
            &["مدرسة العائلة المقدسة"],
            &[],
        ),
        // a hotel near which a car bomb went off, in a named district of a city
        (
            "انفجرت سيارة مفخخة مساء اليوم قرب فندق الوداد في حي الظهرة وسط العاصمة طرابلس",
            &["فندق الوداد"],
            &[],
        ),
        // an adjective of origin names the school; the hospital that received the wounded is
        // no site of the attack
        (
            "انفجرت سيارة مفخخة في محيط المدرسة الباكستانية في حي المزة بدمشق، ونقل الجرحى إلى مستشفى المواساة",
            &["المدرسة الباكستانية"],
            &["المواساة"],
        ),
        // a port named after its city; a last adjective of kind is dropped (the gazetteer has
        // the ports and airports of Hodeidah and Sanaa, not these)
        (
            "استهدف هجوم بزوارق مفخخة ميناء المخا، وقصفت طائرات مسيرة مطار عدن الدولي",
            &["ميناء المخا", "مطار عدن"],
            &["الدولي"],
        ),
        // a hospital named in quotes after the attack's words in its clause; shells that fell
        // on a hospital
        (
            "قتل خمسة مدنيين في غارة جوية شنتها مقاتلات النظام الحربية على “مشفى الرحمة” الواقع في حي الشعار بحلب",
            &["مشفى الرحمة"],
            &[],
        ),
        (
            "قتل شخصان حين سقطت قذيفة هاون على مستشفى الأهلي في حي الزهراء بحمص",
            &["مستشفى الأهلي"],
            &[],
        ),
        // a name in quotes is a name however frequent its words; the weapon may stand between
        // the verb and the site; a hospital a shell fell by (not one the wounded were taken to)
        (
            "المقاتلات الروسية استهدفت بالصواريخ \"مدرسة السلام\" في حي الصالحين بحلب",
            &["مدرسة السلام"],
            &[],
        ),
        (
            "سقطت قذيفة هاون بالقرب من مستشفى الصفوة في مدينة تعز وأدت إلى مقتل مدنيين",
            &["مستشفى الصفوة"],
            &[],
        ),
        // a street named after a country is a site of the town, and names no country
        (
            "سقطت قذيفة صاروخية في شارع الكويت بمدينة السويداء ما أدى إلى إصابة مدنيين",
            &["شارع الكويت"],
            &[],
        ),
        // a relational word («التابع», «الواقع») ends the name
        (
            "تركزت الغارات على مقر الحسبة التابع لتنظيم الدولة في مدينة الميادين",
            &["مقر الحسبة"],
            &["التابع"],
        ),
        // after a site word with the article, a word without it starts a new phrase
        (
            "غارات جوية استهدفت المبنى استهداف المسعفين في مدينة مأرب",
            &[],
            &["المبنى"],
        ),
        // a kind of market and a verb after a school are descriptions, not names
        (
            "قتل خمسة مدنيين بقصف مدفعي على سوق خضار في مدينة جسر الشغور، وقصف مدرسة تؤوي نازحين في بلدة كفرنبل",
            &[],
            &["خضار", "تؤوي"],
        ),
        // a mosque and a pharmacy named by one common word are named all the same; a mosque
        // «of the village» is not named
        (
            "قصفت طائرات الاحتلال منزلاً قرب مسجد الرحمة في بلدة بيت لاهيا، وسقطت قذيفة قرب مسجد القرية",
            &["مسجد الرحمة"],
            &["القرية"],
        ),
        (
            "انفجرت عبوة ناسفة أمام صيدلية الشفاء في حي الكرادة ببغداد",
            &["صيدلية الشفاء"],
            &[],
        ),
        // a list with «و» standing apart; a mosque's proper name without the article; a street
        // named like a town abroad («الوادي», Algeria)
        (
            "سقطت القذائف بالقرب من جامع الصحابة و جامع قباء و شارع الوادي في مدينة دير الزور",
            &["جامع الصحابة", "جامع قباء", "شارع الوادي"],
            &[],
        ),
        // a mosque's name in brackets keeps its closing bracket
        (
            "استشهد ثلاثة فلسطينيين بقصف استهدف مسجد (معاذ بن جبل) في مخيم النصيرات",
            &["مسجد (معاذ بن جبل)"],
            &[],
        ),
        // what the shelling reached («طال») and one more site «بالإضافة إلى»; a weapon with its
        // adjective between the verb and the site; a site as the subject of «شهد … قصفاً»
        (
            "قتل عشرة مدنيين في مدينة سنار، وطال القصف سوق الخضار، بالإضافة إلى سوق الأسماك",
            &["سوق الخضار", "سوق الأسماك"],
            &[],
        ),
        (
            "قال مصدر محلي إن الميليشيا استهدفت بصاروخ باليستي مدرسة الفاروق في مدينة المخا ما أدى إلى مقتل ثلاثة",
            &["مدرسة الفاروق"],
            &[],
        ),
        (
            "قتل خمسة مدنيين في مدينة سنار، وقالت مصادر إن سوق الملجة شهد قصفاً مدفعياً عنيفاً",
            &["سوق الملجة"],
            &[],
        ),
        // a roundabout named by one common word
        (
            "سقطت قذيفة هاون عند دوار النقل وسط مدينة حماة ما أدى إلى إصابة مدنيين",
            &["دوار النقل"],
            &[],
        ),
        // the next items of a list of struck sites, after «و» or a comma, and behind a hospital
        (
            "سقطت القذائف على سوق الهال، موقف البولمان ومدرسة عمر بن الخطاب وخلف مشفى الرازي في مدينة حماة",
            &["سوق الهال", "موقف البولمان", "مدرسة عمر بن الخطاب", "مشفى الرازي"],
            &[],
        ),
        // a road named after a town runs to it; «the road connecting …» names no road; after a
        // town and a comma the words describe the town
        (
            "استهدفت غارة سيارة على طريق إدلب قرب بلدة سراقب، وغارة ثانية على الطريق الواصل بين البلدتين",
            &[],
            &["طريق إدلب", "الواصل"],
        ),
        (
            "قصفت الطائرات مدينة درنة، مقر مجلس الشورى، وخلفت أضراراً",
            &[],
            &["مقر"],
        ),
    ];
    for (text, yes, no) in rows {
        let feats = extract_text(text, "2020-01-01");
        let sites: Vec<(String, String)> = feats
            .iter()
            .map(props)
            .filter(|p| {
                p["reason"]
                    .as_str()
                    .unwrap()
                    .contains("a site the gazetteer lacks")
            })
            .map(|p| {
                (
                    p["place_mention"].as_str().unwrap().to_string(),
                    p["place_kind"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        for y in *yes {
            assert!(
                sites.iter().any(|(m, k)| m == y && k == "site"),
                "{text}: {y} should be a site incident, got {sites:?}"
            );
        }
        for n in *no {
            assert!(
                !sites.iter().any(|(m, _)| m.contains(n)),
                "{text}: {n} must not be a site, got {sites:?}"
            );
        }
    }
}

#[test]
fn a_street_named_after_a_country_names_no_country() {
    // («شارع الكويت» once made Kuwait the text's country and put the Syrian town there)
    let feats = extract_text(
        "سقطت قذيفة صاروخية في شارع الكويت بمدينة السويداء ما أدى إلى إصابة مدنيين",
        "2018-06-24",
    );
    let town = incident_with(&feats, "place_name", "السويداء").expect("السويداء is an incident");
    assert_eq!(town["country"], "SY", "{town:?}");
    assert!(incident_with(&feats, "place_name", "الكويت").is_none());
}

#[test]
fn a_dateline_dates_the_report_not_the_event() {
    // (a line of its own with the day and date the report was written; the event was the
    // evening before, and the sentence that names the hotel gives no date of its own)
    let text = "الخميس 2019/03/14\n\nمقتل ثلاثة بانفجار سيارة مفخخة في مدينة بنغازي\n\nقال سكان إن ثلاثة أشخاص قتلوا في انفجار سيارة مفخخة وسط مدينة بنغازي، مساء أمس الأربعاء.\n\nووقع الانفجار قرب فندق الفضيل في شارع تجاري.";
    let feats = extract_text(text, "2019-03-14");
    assert!(!feats.is_empty());
    for f in &feats {
        let p = props(f);
        assert_eq!(p["date"], "2019-03-13", "{p:?}");
    }
    // a dated sentence keeps its date; without a dateline nothing changes
    let feats = extract_text(
        "انفجرت سيارة مفخخة الخميس 2019/03/14 وسط مدينة بنغازي ما أدى إلى مقتل ثلاثة",
        "2019-03-15",
    );
    assert_eq!(props(&feats[0])["date"], "2019-03-14");
}

#[test]
fn an_earlier_event_does_not_name_todays_weapon() {
    // (the air strike's sentence says «غارة»; the drone of the sentence after it belongs to
    // yesterday's event, told with «وكانت … قد … أمس»)
    let feats = extract_text(
        "غارة إسرائيلية تستهدف سيارة على طريق بلدة دير ميماس في قضاء مرجعيون، ما أدى إلى استشهاد شخصين. وكانت مسيّرة قد استهدفت أمس دراجة نارية في بلدة حولا.",
        "2024-08-14",
    );
    let p = incident_with(&feats, "place_name", "دير ميماس").expect("an incident at دير ميماس");
    assert_eq!(p["event_type"], "airstrike", "{p:?}");
    assert!(incident_with(&feats, "place_name", "حولا").is_none());
    // with no earlier-event marker the drone of the next sentence still refines a generic word
    let feats = extract_text(
        "قصف على بلدة دير ميماس أدى إلى استشهاد شخصين. واستخدمت في القصف طائرة مسيّرة.",
        "2024-08-14",
    );
    let p = incident_with(&feats, "place_name", "دير ميماس").expect("an incident at دير ميماس");
    assert_eq!(p["event_type"], "drone_strike", "{p:?}");
}
