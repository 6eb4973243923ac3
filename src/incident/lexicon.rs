//! Event types, actors and targets as data: folded phrases matched at word starts
//! (conjunction/preposition clitics and the article allowed in front).

/// (phrase, event type, rank): where several match, the lowest rank (most specific) wins.
pub const EVENTS: &[(&str, &str, u8)] = &[
    ("كيميايي", "chemical", 1),
    ("كيماوي", "chemical", 1),
    ("غاز الكلور", "chemical", 1),
    ("الكلور", "chemical", 1),
    ("غازات سامه", "chemical", 1),
    ("بغازات سامه", "chemical", 1),
    ("غاز سام", "chemical", 1),
    ("السارين", "chemical", 1),
    ("اختناقا", "chemical", 1),
    ("عنقودي", "cluster_munition", 2),
    ("فوسفور", "incendiary", 3),
    ("نابالم", "incendiary", 3),
    ("حارقه", "incendiary", 3),
    ("برميل", "barrel_bomb", 4),
    ("براميل", "barrel_bomb", 4),
    ("مسيره", "drone_strike", 5),
    ("مسيرات", "drone_strike", 5),
    ("درون", "drone_strike", 5),
    ("بدون طيار", "drone_strike", 5),
    ("مفخخ", "car_bomb", 6),
    ("ملغوم", "car_bomb", 6),
    ("انفجار سياره", "car_bomb", 6),
    ("تفجير سياره", "car_bomb", 6),
    ("انتحاري", "suicide_bombing", 7),
    ("حزام ناسف", "suicide_bombing", 7),
    ("حزامين ناسفين", "suicide_bombing", 7),
    ("احزمه ناسفه", "suicide_bombing", 7),
    ("سترته الناسفه", "suicide_bombing", 7),
    ("فجر نفسه", "suicide_bombing", 7),
    ("فجرا نفسيهما", "suicide_bombing", 7),
    ("عبوه ناسفه", "ied", 8),
    ("عبوات ناسفه", "ied", 8),
    ("عبوه", "ied", 8),
    ("لغم", "landmine", 9),
    ("الغام", "landmine", 9),
    ("مخلفات حربيه", "landmine", 9),
    ("مخلفات الحرب", "landmine", 9),
    ("باليستي", "ballistic_missile", 10),
    ("صاروخ كروز", "cruise_missile", 10),
    ("توماهوك", "cruise_missile", 10),
    ("كاليبر", "cruise_missile", 10),
    ("صواريخ كروز", "cruise_missile", 10),
    ("راجمه", "rocket_artillery", 11),
    ("راجمات", "rocket_artillery", 11),
    ("غراد", "rocket_artillery", 11),
    ("كاتيوشا", "rocket_artillery", 11),
    ("غاره", "airstrike", 12),
    ("غارات", "airstrike", 12),
    ("غرات", "airstrike", 12),
    ("غارتين", "airstrike", 12),
    ("الطيران", "airstrike", 12),
    ("طيران", "airstrike", 12),
    ("طايرات", "airstrike", 12),
    ("الطايرات", "airstrike", 12),
    ("طايره حربيه", "airstrike", 12),
    ("طايراتها", "airstrike", 12),
    ("قصف جوي", "airstrike", 12),
    ("ضربه جويه", "airstrike", 12),
    ("ضربات جويه", "airstrike", 12),
    ("صاروخ فراغي", "airstrike", 12),
    ("دبابه", "attack_on_military", 13),
    ("مدرعه", "attack_on_military", 13),
    ("تاو", "attack_on_military", 13),
    ("ثكنه", "attack_on_military", 13),
    ("فرقاطه", "attack_on_military", 13),
    ("صاروخ فيل", "rocket", 14),
    ("قذيفه صاروخيه", "rocket", 14),
    ("قذايف صاروخيه", "rocket", 14),
    ("صاروخ", "rocket", 14),
    ("صواريخ", "rocket", 14),
    ("صاروخين", "rocket", 14),
    ("قذيفه", "shelling", 15),
    ("قذايف", "shelling", 15),
    // «مقذوفات عسكرية من داخل الأراضي اليمنية»: Saudi reports of shelling across the border
    ("مقذوف", "shelling", 15),
    ("مقذوفات", "shelling", 15),
    ("مدفعي", "shelling", 15),
    ("هاون", "shelling", 15),
    ("دك", "shelling", 15),
    ("قصف", "unspecified_attack", 16),
    ("انفجار", "unspecified_attack", 16),
    ("تفجير", "unspecified_attack", 16),
    ("هجوم", "unspecified_attack", 16),
    ("اعتداء", "unspecified_attack", 16),
    ("استهداف", "unspecified_attack", 16),
    ("اغتيال", "unspecified_attack", 16),
    ("اشتباكات", "unspecified_attack", 16),
    ("قناص", "unspecified_attack", 16),
    ("رصاص", "unspecified_attack", 16),
];

/// ACLED sub-event names for each event type.
pub fn acled_sub_event(event: &str) -> &'static str {
    match event {
        "airstrike" | "barrel_bomb" | "cluster_munition" | "incendiary" | "drone_strike" => {
            "Air/drone strike"
        }
        "chemical" => "Chemical weapon",
        "shelling" | "rocket" | "rocket_artillery" | "cruise_missile" | "ballistic_missile" => {
            "Shelling/artillery/missile attack"
        }
        "car_bomb" | "ied" | "landmine" => "Remote explosive/landmine/IED",
        "suicide_bombing" => "Suicide bomb",
        "attack_on_military" => "Armed clash",
        _ => "Attack",
    }
}

/// (phrase, actor label).
pub const ACTORS: &[(&str, &str)] = &[
    ("الطيران الحربي الروسي", "Russian forces"),
    ("الطيران الحربي التابع للنظام", "Syrian regime forces"),
    ("الطيران الروسي", "Russian forces"),
    ("الطايرات الروسيه", "Russian forces"),
    ("طايرات روسيه", "Russian forces"),
    ("غارات روسيه", "Russian forces"),
    ("غاره روسيه", "Russian forces"),
    ("الغارات الروسيه", "Russian forces"),
    ("الروس", "Russian forces"),
    ("طايرات حربيه روسيه", "Russian forces"),
    ("مقاتلات روسيه", "Russian forces"),
    ("طيران النظام", "Syrian regime forces"),
    ("طايرات النظام", "Syrian regime forces"),
    ("قوات النظام", "Syrian regime forces"),
    ("جيش النظام", "Syrian regime forces"),
    ("للنظام السوري", "Syrian regime forces"),
    ("النظام السوري", "Syrian regime forces"),
    ("قوات الاسد", "Syrian regime forces"),
    ("نظام الاسد", "Syrian regime forces"),
    ("الجيش السوري", "Syrian regime forces"),
    ("الطيران الحربي", "Military aircraft (unattributed)"),
    ("الطيران المروحي", "Syrian regime forces"),
    ("طيران التحالف", "International coalition"),
    ("التحالف الدولي", "International coalition"),
    ("تحالف دعم الشرعيه", "Saudi-led coalition"),
    ("التحالف العربي", "Saudi-led coalition"),
    ("داعش", "ISIS"),
    ("تنظيم الدوله", "ISIS"),
    ("الاحتلال الاسراييلي", "Israeli forces"),
    ("الجيش الاسراييلي", "Israeli forces"),
    ("الطيران الاسراييلي", "Israeli forces"),
    ("الطيران الحربي الاسراييلي", "Israeli forces"),
    ("مسيره اسراييليه", "Israeli forces"),
    ("جيش الدفاع", "Israeli forces"),
    ("الحوثي", "Houthis"),
    ("الحوثيين", "Houthis"),
    ("حزب الله", "Hezbollah"),
    ("جبهه النصره", "Nusra Front"),
    ("فصايل المعارضه", "Opposition armed groups"),
    ("مقاتلو المعارضه", "Opposition armed groups"),
    ("فصايل اسلاميه", "Opposition armed groups"),
    ("المعارضه المسلحه", "Opposition armed groups"),
    ("قوات سوريا الديمقراطيه", "SDF"),
    ("قسد", "SDF"),
    ("الجيش التركي", "Turkish forces"),
    ("القوات التركيه", "Turkish forces"),
    ("حماس", "Hamas"),
    ("قصف اسراييلي", "Israeli forces"),
    ("غاره اسراييليه", "Israeli forces"),
    ("غارات اسراييليه", "Israeli forces"),
    ("طايرات اسراييليه", "Israeli forces"),
    ("مسيره تركيه", "Turkish forces"),
    ("طايره تركيه", "Turkish forces"),
    ("الطيران التركي", "Turkish forces"),
    ("انصار الله", "Houthis"),
    ("الدعم السريع", "Rapid Support Forces"),
    ("الجيش السوداني", "Sudanese Armed Forces"),
    ("القوات المسلحه السودانيه", "Sudanese Armed Forces"),
    ("الحشد الشعبي", "Popular Mobilization Forces"),
    ("الجيش العراقي", "Iraqi forces"),
    ("القوات العراقيه", "Iraqi forces"),
    ("الجيش الوطني الليبي", "Libyan National Army"),
    ("قوات حفتر", "Libyan National Army"),
    ("القوات الامريكيه", "US forces"),
    ("الجيش الامريكي", "US forces"),
    ("طايره امريكيه", "US forces"),
    ("حركه الشباب", "al-Shabaab"),
    ("الاحتلال", "Israeli forces"),
    ("قصف حوثي", "Houthis"),
    ("قصف روسي", "Russian forces"),
    ("قصف جوي روسي", "Russian forces"),
];

/// (phrase, target label).
pub const TARGETS: &[(&str, &str)] = &[
    ("سوق", "market"),
    ("اسواق", "market"),
    ("مستشفي", "hospital"),
    ("مشفي", "hospital"),
    ("مدرسه", "school"),
    ("مدارس", "school"),
    ("مسجد", "mosque"),
    ("جامع", "mosque"),
    ("جوامع", "mosque"),
    ("مركز الدفاع المدني", "civil-defence centre"),
    ("مركزين تابعين", "civil-defence centre"),
    ("مخبز", "bakery"),
    ("فرن", "bakery"),
    ("مجلس عزاء", "funeral"),
    ("حمام سباحه", "swimming pool"),
    ("مسبح", "swimming pool"),
    ("نفق", "tunnel"),
    ("سفاره", "embassy"),
    ("فندق", "hotel"),
    ("معبر", "border crossing"),
    ("مخيم", "camp"),
    ("دبابه", "military vehicle"),
    ("فرقاطه", "military vessel"),
    ("محطه مياه", "water station"),
    ("محطه المياه", "water station"),
    ("محطه كهرباء", "power station"),
    ("محطه الكهرباء", "power station"),
    ("منزل", "residential"),
    ("منازل", "residential"),
    ("الابنيه السكنيه", "residential"),
    ("الاحياء السكنيه", "residential"),
    ("الاحياء المدنيه", "residential"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    /// Every phrase must already be in folded form, or it could never match.
    #[test]
    fn phrases_are_folded() {
        let all = EVENTS
            .iter()
            .map(|e| e.0)
            .chain(ACTORS.iter().map(|a| a.0))
            .chain(TARGETS.iter().map(|t| t.0))
            .chain(crate::geoparse::lexicon::ATTACK_CUES.iter().copied())
            .chain(crate::geoparse::lexicon::TRIGGERS.iter().map(|t| t.0))
            .chain(
                crate::incident::casualties::NUMBER_WORDS
                    .iter()
                    .map(|n| n.0),
            )
            .chain(crate::incident::casualties::DEATH_WORDS.iter().copied())
            .chain(crate::incident::casualties::WOUND_WORDS.iter().copied());
        for p in all {
            assert_eq!(fold(p), p, "lexicon entry {p:?} is not folded");
        }
    }
}
