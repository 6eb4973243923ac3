//! Cue words for place finding and place roles, as data (folded forms, see `text::fold`).
//! Each list is matched against whole tokens after clitic stripping.

/// Words that introduce a place and what kind of place they introduce.
pub const TRIGGERS: &[(&str, &str)] = &[
    ("حي", "neighbourhood"),
    ("حيي", "neighbourhood"),
    ("احياء", "neighbourhood"),
    ("الحي", "neighbourhood"),
    ("منطقه", "area"),
    ("منطقتي", "area"),
    ("مناطق", "area"),
    ("مدينه", "city"),
    ("مدينتي", "city"),
    ("العاصمه", "city"),
    ("عاصمه", "city"),
    ("بلده", "town"),
    ("بلدتي", "town"),
    ("بلدات", "town"),
    ("قريه", "village"),
    ("قريتي", "village"),
    ("قري", "village"),
    ("مخيم", "camp"),
    ("مخيمي", "camp"),
    ("ساحه", "site"),
    ("سوق", "site"),
    ("دوار", "site"),
    ("شارع", "site"),
    ("معبر", "site"),
    ("مطار", "site"),
    ("ميناء", "site"),
    ("مرفا", "site"),
    ("جبهه", "site"),
    ("جبهات", "site"),
    ("محيط", "area"),
    ("اطراف", "area"),
    ("ضاحيه", "area"),
    ("بضاحيه", "area"),
    ("ناحيه", "region"),
    ("محافظه", "region"),
    ("محافظتي", "region"),
    ("ريف", "region"),
    ("منها", "list"),
];

/// Prepositions that often stand before a place (weaker than a trigger).
pub const PREPOSITIONS: &[&str] = &[
    "في",
    "علي",
    "علي",
    "من",
    "الي",
    "الي",
    "قرب",
    "وسط",
    "داخل",
    "نحو",
    "باتجاه",
    "عند",
    "بين",
    "حول",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
];

/// Compass words: «شمال حلب» places something relative to the city, not in it.
pub const COMPASS: &[&str] = &[
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
    "الشمالي",
    "الجنوبي",
    "الشرقي",
    "الغربي",
    "شمال شرق",
    "شمال غرب",
    "جنوب شرق",
    "جنوب غرب",
];

/// Words before a place name that make it part of an organisation's name.
pub const ORG_BEFORE: &[&str] = &[
    "شبكه",
    "مركز",
    "غرفه",
    "عمليات",
    "صحيفه",
    "جريده",
    "قناه",
    "اذاعه",
    "وكاله",
    "تلفزيون",
    "جامعه",
    "تنسيقيه",
    "اتحاد",
    "مجلس",
    "مرصد",
    "لواء",
    "تجمع",
    "فرقه",
    "كتيبه",
    "ولايه",
    "منظمه",
    "هييه",
    "جيش",
    "راديو",
    "اخبار",
    "بنك",
    "نادي",
    "فريق",
    "حركه",
    "صحيفتي",
    "فندق",
    "شركه",
    "مطعم",
    "مصرف",
    "ملعب",
    "فضاييه",
    "موقع",
    "منتدي",
    "صفحه",
];

/// Words after a place name that make it part of an organisation's name («حلب نيوز»).
pub const ORG_AFTER: &[&str] = &[
    "نيوز",
    "الاعلامي",
    "الاعلاميه",
    "بوست",
    "تايمز",
    "للانباء",
    "الاخباريه",
    "الحره",
    "تي",
    "tv",
    "الاعلام",
    "نت",
    "برس",
    "انفو",
];

/// Words before a place that say it is where an organisation sits («ومقره بريطانيا»).
pub const SEAT_BEFORE: &[&str] = &[
    "مقره",
    "مقرها",
    "مقرهم",
    "ومقره",
    "ومقرها",
    "يتخذ",
    "تتخذ",
    "ومقرها",
    "مقراته",
];

/// Phrases (within the 4 words before) that say fire came from the place.
/// Words (within the 5 words before) that say fire came from the place («مصدره مواقع …»).
pub const ORIGIN_STRONG: &[&str] = &[
    "انطلاقا",
    "مصدره",
    "مصدرها",
    "مصدرهم",
    "منصات",
    "مربض",
    "مرابض",
    "مطلقه",
    "اطلقت",
    "اطلقها",
];

/// Words (within the 5 words before, with «من» among them) that say fire came from the place.
pub const ORIGIN_WEAK: &[&str] = &[
    "مواقع",
    "مواقعها",
    "مواقعهم",
    "مواقعه",
    "تمركزها",
    "تمركزه",
    "تمركزهم",
    "اطلق",
    "ثكنه",
    "مقرات",
];

/// Words (within the 3 words before) that make the place a landmark for distance.
pub const LANDMARK_BEFORE: &[&str] = &["كيلومترا", "كيلومتر", "كلم", "كم", "تبعد", "يبعد", "بعد"];

/// Words before a place that make it where an attack was aimed, not where it landed.
pub const INTENDED_BEFORE: &[&str] = &["باتجاه", "نحو", "صوب"];

/// Words before a place that make it a hospital's location («مستشفى … في رفح» is weak).
pub const HOSPITAL_BEFORE: &[&str] = &[
    "مستشفي",
    "مشفي",
    "المستشفي",
    "المشفي",
    "مستشفيات",
    "المشافي",
];

/// Words before «من» + trigger that make the place where a victim came from («المواطن …
/// (24 عاما) من مدينة رفح»).
pub const VICTIM_BEFORE: &[&str] = &[
    "عاما",
    "عام",
    "المواطن",
    "المواطنه",
    "الشاب",
    "الطفل",
    "الطفله",
    "ابن",
    "ينحدر",
    "يتحدر",
    "ينحدرون",
    "يتحدرون",
    "عاما)",
];

/// Words before a place that make it a displacement origin/destination.
pub const DISPLACEMENT_BEFORE: &[&str] = &[
    "نزوح",
    "نزح",
    "نزحوا",
    "تهجير",
    "النازحين",
    "لجوء",
    "فرار",
    "فروا",
];

/// Words that make a sentence report an attack (matched as token prefixes after clitics).
pub const ATTACK_CUES: &[&str] = &[
    "غاره",
    "غارات",
    "غرات",
    "غارتين",
    "قصف",
    "يقصف",
    "تقصف",
    "قصفت",
    "بقصف",
    "برميل",
    "براميل",
    "صاروخ",
    "صواريخ",
    "قذيفه",
    "قذايف",
    "تفجير",
    "تفجيرين",
    "انفجار",
    "مفخخه",
    "مفخختين",
    "ملغومه",
    "ملغومتين",
    "انتحاري",
    "انتحاريه",
    "انتحاريان",
    "ناسف",
    "ناسفه",
    "ناسفين",
    "استهدف",
    "استهدفت",
    "يستهدف",
    "تستهدف",
    "استهداف",
    "استهدفا",
    "مجزره",
    "مجازر",
    "هجوم",
    "هجمات",
    "اعتداء",
    "اغتيال",
    "لغم",
    "الغام",
    "الطيران",
    "طايرات",
    "طايره",
    "ضربات",
    "ضربه",
    "دك",
    "تدك",
    "يدك",
    "عنقوديه",
    "كيميايي",
    "الكلور",
    "فوسفوريه",
    "مسيره",
    "اشتباكات",
    "معارك",
    "قنابل",
    "عبوه",
    "القاء",
    "يلقي",
    "القي",
    // shooting: an attack when someone is hit (also said of celebrations and of raids)
    "قناص",
    "قنص",
    "رصاص",
    "سقوط",
    "الدمار",
    "حزام",
    "حزامين",
    "زوارق",
    "مدفعيه",
    "هاون",
    "قناص",
    "قنص",
    "رصاص",
];

/// Attack cues that are not enough alone: «هجوم» and «اعتداء» also describe takeovers, raids
/// and arson; a text with only these needs a casualty word too.
pub const WEAK_ATTACK_CUES: &[&str] = &[
    "هجوم",
    "هجمات",
    "استهدف",
    "استهدفت",
    "يستهدف",
    "تستهدف",
    "استهداف",
    "استهدفا",
    "الطيران",
    "طايرات",
    "طايره",
    "اشتباكات",
    "معارك",
    "سقوط",
    "الدمار",
    "القاء",
    "يلقي",
    "القي",
    // shooting: an attack when someone is hit (also said of celebrations and of raids)
    "قناص",
    "قنص",
    "رصاص",
    "دك",
    "تدك",
    "يدك",
    "ضربات",
    "ضربه",
    "اغتيال",
];

/// Words of a sentence that reports a non-attack event (no incident from it alone).
pub const NON_ATTACK_CUES: &[&str] = &["حريق", "فيضان", "انهيار", "زلزال", "خطف", "اختطاف"];

/// «الوفد القادم من دمشق»: arrivals.
pub const CAME_FROM: &[&str] = &[
    "القادم",
    "القادمه",
    "القادمين",
    "القادمون",
    "قادما",
    "قادمه",
    "قادمين",
    "قادمون",
    "وصل",
    "وصلت",
    "وصلوا",
];
/// «نزح الآلاف من …»: people fleeing.
pub const FLED_FROM: &[&str] = &[
    "نزح",
    "نزحوا",
    "نزوح",
    "فروا",
    "هربا",
    "الفارين",
    "النازحين",
    "المهجرين",
    "تهجير",
];
/// «مصادر في أنقرة»: where the teller of the news is.
pub const SOURCE_NOUNS: &[&str] = &[
    "مصادر",
    "مصدر",
    "مسوول",
    "مسوولون",
    "مسوولين",
    "ناشطون",
    "ناشطين",
    "مراسل",
    "مراسلنا",
];

/// «ونقل الجرحى إلى مستشفى في …»: verbs of taking the wounded somewhere.
pub const TAKEN_TO: &[&str] = &[
    "نقل",
    "نقلت",
    "نقلوا",
    "نقله",
    "نقلهم",
    "اسعاف",
    "اسعافهم",
    "اسعف",
    "اسعفوا",
    "اسعفت",
];

/// Attacks an earlier event is named by («بعد أسبوع من مجزرة …»).
pub const EARLIER_ATTACKS: &[&str] = &[
    "مجزره",
    "مجازر",
    "هجوم",
    "هجمات",
    "قصف",
    "غاره",
    "غارات",
    "تفجير",
    "تفجيرات",
];

/// Phrases that put what follows in the past («في الآونة الأخيرة سلسلة من التفجيرات في …»).
pub const PAST_MARKERS: &[&str] = &[
    "الاونه الاخيره",
    "وقت سابق",
    "الشهر الماضي",
    "العام الماضي",
    "الاسبوع الماضي",
];
