"""Who acted and who was hit: the one table of canonical actors, and a fast finder over tokens.

Analysts code events the way ACLED and UCDP do: a perpetrator and a target, each a canonical
actor with a country and a sector.  The war's coverage names the same actor many ways ("Russian
forces", "Moscow's troops", "the Russian army", "RF Armed Forces", "invaders"), so the finder reads
three tables built once at import:

- `_ROWS`: every canonical actor with its plain aliases (the one place organisation names come
  from; attribution uses it too),
- `_PEOPLE`: officials and the office they speak for ("Klitschko" -> Kyiv city authorities),
- `_DEMONYMS` x `_HEADS`: "Russian" / "Ukraine's" / "Belarusian" + "forces", "air force",
  "defence ministry", "barracks", "missile" ... composed into `<country>_<family>` rows, so the
  table does not list every pairing.

`Actor.country` is the state an actor fights or speaks for, not where it sits: the Russian-installed
authorities of occupied Ukraine and the Wagner Group carry RU.  Ministries of defence and general
staffs have sector "military" (they command and speak for the forces).  Things that were hit but are
not actors get generic rows: civilians (sector "civilians", by country where the text says) and
infrastructure (sector "infrastructure"); they are returned only in the target role.

Roles come from token rules, no parser: position relative to an attack verb and its voice
("Russian forces shelled" -> actor, "Russian servicemen were killed" -> target), "by X" -> actor,
"on/against X" after an attack word -> target, a demonym on an attack noun ("a Ukrainian strike")
-> actor, the object of an active attack verb -> target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from ..model import Actor, ActorMention

# --- The table ------------------------------------------------------------------------------------
# id, name, country (ISO2 of the side), sector, aliases (matched case-insensitively, except all-caps
# aliases of up to three letters such as "US", "UN", "AP", which must match as written).
# Spelling variants defense/defence and Kiev/Kyiv are folded before matching (see _FOLD).

_ROWS: tuple[tuple[str, str, str | None, str, tuple[str, ...]], ...] = (
    # Russia
    ("ru_armed_forces", "Russian armed forces", "RU", "military", (
        "RF Armed Forces", "RF forces", "invaders", "the invaders", "occupiers", "the occupiers",
        "occupation forces", "occupying forces", "Russians", "the Russians", "rashists", "orcs",
        "Russian Federation Armed Forces", "Armed Forces of the Russian Federation", "VSRF")),
    ("ru_air_force", "Russian Aerospace Forces", "RU", "military", (
        "VKS", "Russian Aerospace Forces", "Aerospace Forces of Russia")),
    ("ru_navy", "Russian Navy", "RU", "military", ()),
    ("ru_black_sea_fleet", "Black Sea Fleet", "RU", "military", (
        "Black Sea Fleet", "Russia's Black Sea Fleet", "Russian Black Sea Fleet")),
    ("ru_wagner", "Wagner Group", "RU", "armed_group", (
        "Wagner", "Wagner Group", "the Wagner group", "Wagner mercenaries", "Wagner fighters",
        "Wagner PMC", "PMC Wagner")),
    ("ru_mod", "Russian Ministry of Defence", "RU", "military", ("MoD of Russia",)),
    ("ru_general_staff", "Russian General Staff", "RU", "military", ()),
    ("ru_government", "Russian government (Kremlin)", "RU", "government", (
        "the Kremlin", "Kremlin", "Kremlin officials", "Putin's office", "Russian Security Council",
        "Russia's Security Council", "Kremlin spokesperson", "Kremlin spokesman")),
    ("ru_mfa", "Russian Foreign Ministry", "RU", "government", ()),
    ("ru_fsb", "Federal Security Service of Russia (FSB)", "RU", "intelligence", ("FSB",)),
    ("ru_investigative_committee", "Investigative Committee of Russia", "RU", "police", ()),
    ("ru_regional_authorities", "Russian regional authorities", "RU", "government", ()),
    ("ru_occupation_authorities", "Russian-installed authorities (occupied Ukraine)", "RU", "government", (
        "Russian-installed authorities", "Russian-installed officials", "Russian-installed administration",
        "Russian-installed", "Moscow-installed", "Kremlin-installed", "Russia-installed",
        "occupation authorities", "occupation administration", "occupation officials",
        "pro-Russian authorities", "pro-Russian officials", "Russian-appointed", "Moscow-appointed",
        "Kremlin-appointed", "Russian occupation authorities", "Russian occupation administration",
        "Kremlin-backed officials", "Russian-backed officials", "Russian-backed administration",
        "Moscow-backed officials", "pro-Russian occupiers")),
    ("dpr", "Donetsk People's Republic (Russian-installed)", "RU", "government", (
        "DPR", "DNR", "Donetsk People's Republic", "self-proclaimed Donetsk People's Republic",
        "so-called Donetsk People's Republic", "DPR authorities", "DPR officials", "Donetsk separatists",
        "Donetsk rebels")),
    ("dpr_forces", "DPR forces (People's Militia)", "RU", "armed_group", (
        "DPR forces", "DPR militia", "DPR troops", "DPR fighters", "DPR units", "People's Militia of the DPR",
        "DPR People's Militia", "DPR Operational Command", "DPR army", "DNR forces")),
    ("lpr", "Luhansk People's Republic (Russian-installed)", "RU", "government", (
        "LPR", "LNR", "Luhansk People's Republic", "Lugansk People's Republic",
        "self-proclaimed Luhansk People's Republic", "so-called Luhansk People's Republic", "LPR authorities",
        "LPR officials", "Luhansk separatists", "Luhansk rebels", "Lugansk rebels", "Lugansk separatists")),
    ("lpr_forces", "LPR forces (People's Militia)", "RU", "armed_group", (
        "LPR forces", "LPR militia", "LPR troops", "LPR fighters", "LPR units", "People's Militia of the LPR",
        "LNR forces", "LNR militia", "People's Militia of the LNR")),
    ("ru_separatists", "Russian-backed separatists", "RU", "armed_group", (
        "separatists", "pro-Russian separatists", "Russian-backed separatists", "Moscow-backed separatists",
        "Kremlin-backed separatists", "pro-Russian rebels", "Russian-backed rebels", "rebels",
        "Russian proxies", "Russian-backed forces", "Moscow-backed forces", "pro-Russian forces",
        "pro-Russian fighters", "separatist forces", "Novorossiya")),
    ("ru_media", "Russian media", "RU", "media", (
        "Russian media", "Russian state media", "Russian state TV", "Russian state television",
        "Russian news agencies", "Russian state news agencies", "Russian state-owned media", "Kremlin media",
        "pro-Kremlin media", "Russian military bloggers", "Russian milbloggers", "pro-Russian bloggers",
        "Russian war bloggers", "pro-war bloggers")),
    ("ru_civilians", "Civilians (Russia)", "RU", "civilians", ()),
    # Ukraine
    ("ua_armed_forces", "Armed Forces of Ukraine", "UA", "military", (
        "AFU", "APU", "ZSU", "VSU", "Armed Forces of Ukraine", "Ukrainian Armed Forces", "Ukraine's Armed Forces",
        "the Ukrainian military", "Ukrainian defenders", "Territorial Defence", "Territorial Defence Forces",
        "Ukrainian Ground Forces", "Kyiv regime forces", "Kyiv security forces", "Ukrainian army",
        "Operational Command South", "Operational Command 'South'", "Southern Operational Command",
        "Southern Command", "Eastern Group", "Eastern Group of Forces",
        "Joint Forces Operation", "JFO", "JFO HQ", "JFO headquarters", "JFO press centre", "ATO", "ATO HQ",
        "ATO headquarters", "ATO press centre", "Anti-Terrorist Operation",
        "Ukrainian paratroopers", "Air Assault Forces", "Ukrainian marines", "Azov regiment",
        "Azov battalion", "Ukrainian special forces")),
    ("ua_air_force", "Ukrainian Air Force", "UA", "military", (
        "Ukrainian Air Force", "Ukraine's Air Force", "Air Force of Ukraine",
        "Air Force of the Armed Forces of Ukraine",
        "Ukrainian air defence", "Ukraine's air defence", "Ukrainian air defences", "Ukraine's air defences",
        "Ukrainian air defence forces", "Ukrainian defences", "Ukrainian Air Force Command", "Air Command")),
    ("ua_navy", "Ukrainian Navy", "UA", "military", ("Ukrainian Navy", "Ukraine's Navy", "Navy of Ukraine")),
    ("ua_general_staff", "General Staff of the Armed Forces of Ukraine", "UA", "military", (
        "General Staff of the Armed Forces of Ukraine", "General Staff of the Ukrainian Armed Forces",
        "General Staff of Ukraine's Armed Forces", "General Staff of Ukraine", "Ukrainian General Staff",
        "Ukraine's General Staff", "Ukraine's military general staff", "Ukrainian military general staff",
        "General Staff of the AFU", "General Staff of the Ukrainian military", "General Staff of the ZSU",
        "Ukraine's military's general staff", "General Staff of the Armed Forces",
        "general staff of Ukraine's armed forces", "Ukrainian military's General Staff")),
    ("ua_mod", "Ukrainian Ministry of Defence", "UA", "military", ("MoD of Ukraine",)),
    ("ua_gur", "Defence Intelligence of Ukraine (GUR)", "UA", "intelligence", (
        "GUR", "HUR", "Defence Intelligence of Ukraine", "Main Intelligence Directorate",
        "Ukraine's main intelligence directorate", "Ukrainian military intelligence", "Ukraine's military intelligence",
        "Ukraine military intelligence", "Ukrainian defence intelligence", "Ukraine's defence intelligence",
        "Main Directorate of Intelligence", "Ukraine's defence ministry's main intelligence directorate",
        "Ukrainian defence ministry's main intelligence directorate", "Ukrainian military intelligence agency",
        "Ukraine's military intelligence agency", "Ukrainian military intelligence service")),
    ("ua_sbu", "Security Service of Ukraine (SBU)", "UA", "intelligence", (
        "SBU", "Security Service of Ukraine", "Ukraine's Security Service", "Ukrainian Security Service",
        "Ukraine's security service", "Ukrainian security services")),
    ("ua_president", "Office of the President of Ukraine", "UA", "government", (
        "Office of the President of Ukraine", "Ukrainian presidential office", "Ukraine's presidential office",
        "Presidential Office of Ukraine", "Zelenskiy's office", "Zelensky's office", "Zelenskyy's office",
        "President's Office", "Bankova")),
    ("ua_government", "Ukrainian government", "UA", "government", (
        "Kyiv regime", "Cabinet of Ministers", "Ukrainian Cabinet", "Verkhovna Rada", "Ukrainian parliament",
        "Ukraine's parliament", "Ukrainian Energy Ministry", "Ukraine's Energy Ministry", "Ministry of Energy",
        "Ministry of Digital Transformation", "Ministry of Reintegration", "Ukrainian Interior Ministry",
        "Ukraine's Interior Ministry", "Ministry of Internal Affairs of Ukraine", "Ministry of Internal Affairs")),
    ("ua_mfa", "Ukrainian Foreign Ministry", "UA", "government", ()),
    ("ua_police", "National Police of Ukraine", "UA", "police", (
        "National Police", "National Police of Ukraine", "Ukrainian National Police", "Ukraine's National Police",
        "Ukrainian police", "Ukraine's police", "National Police of the Ukraine")),
    ("ua_emergency_service", "State Emergency Service of Ukraine", "UA", "emergency_services", (
        "State Emergency Service", "State Emergency Service of Ukraine", "State Emergency Services",
        "Ukraine's State Emergency Service", "Ukrainian State Emergency Service", "DSNS", "SES",
        "emergency services", "Ukraine's emergency services", "Ukrainian emergency services", "rescuers",
        "emergency service", "Ukrainian rescuers")),
    ("ua_border_guard", "State Border Guard Service of Ukraine", "UA", "police", (
        "State Border Guard Service", "State Border Guard Service of Ukraine", "Ukraine's State Border Guard Service",
        "Ukrainian border guards", "Ukraine's border guard service", "State Border Service", "border guards")),
    ("ua_prosecutor", "Prosecutor General's Office of Ukraine", "UA", "government", (
        "Prosecutor General's Office", "Office of the Prosecutor General", "Prosecutor General of Ukraine",
        "Ukraine's prosecutor general", "Ukrainian prosecutors", "Ukraine's Prosecutor General's Office",
        "Prosecutor General", "Juvenile prosecutors", "regional prosecutor's office", "prosecutor's office")),
    ("ua_ombudsman", "Ukrainian Parliament Commissioner for Human Rights", "UA", "government", (
        "Ukraine's human rights commissioner", "Ukrainian human rights commissioner", "Ukraine's ombudsman",
        "Ukrainian ombudsman", "human rights ombudsman of Ukraine", "Ukraine's human rights ombudsman",
        "Ombudsman of Ukraine", "Ukrainian Parliament Commissioner for Human Rights")),
    ("ua_regional_authorities", "Ukrainian regional authorities", "UA", "government", (
        "regional military administration", "regional state administration", "oblast military administration",
        "regional administration", "regional governor", "OVA", "ODA", "regional council", "oblast council",
        "regional authorities", "the governor", "governor")),
    ("ua_local_authorities", "Ukrainian city authorities", "UA", "government", (
        "city military administration", "city council", "city administration", "mayor", "the mayor",
        "city authorities", "local authorities", "village council", "town council", "municipal authorities",
        "city hall", "local officials")),
    ("ua_kyiv_city", "Kyiv city authorities", "UA", "government", (
        "Kyiv City Military Administration", "Kyiv City State Administration", "Kyiv city administration",
        "Kyiv Military Administration", "Kyiv city authorities", "Kyiv mayor", "mayor of Kyiv", "Kyiv's mayor",
        "Kyiv city council", "KCMA", "Kyiv's city administration", "Kyiv's military administration",
        "city administration in Kyiv", "Kyiv city military administration")),
    ("ua_energy_companies", "Ukrainian state energy companies", "UA", "company", (
        "Ukrenergo", "Energoatom", "Naftogaz", "DTEK", "Ukrhydroenergo", "Ukrzaliznytsia")),
    ("ua_media", "Ukrainian media", "UA", "media", (
        "Ukrainian media", "Ukrainian outlets", "Ukrainian news outlets", "Ukrainian television",
        "Ukrainian state broadcaster", "Ukrainian journalists")),
    ("ua_civilians", "Civilians (Ukraine)", "UA", "civilians", ("Ukrainians",)),
    # Belarus
    ("by_government", "Belarusian government", "BY", "government", ("Lukashenko regime", "Belarusian regime")),
    ("by_armed_forces", "Armed Forces of Belarus", "BY", "military", ()),
    ("by_mod", "Belarusian Ministry of Defence", "BY", "military", ()),
    ("by_mfa", "Belarusian Foreign Ministry", "BY", "government", ()),
    # International
    ("un", "United Nations", None, "international", (
        "UN", "U.N.", "United Nations", "the UN", "UN officials", "UN Security Council", "Security Council",
        "UN secretary general", "UN secretary-general", "OCHA", "UN humanitarian office", "UN General Assembly",
        "UNHCR", "UN refugee agency", "UNICEF", "WHO", "World Health Organization", "WFP",
        "World Food Programme", "UNESCO", "UN agencies", "UN's")),
    ("un_ohchr", "UN Human Rights Office (OHCHR / HRMMU)", None, "international", (
        "OHCHR", "HRMMU", "UN human rights office", "U.N. human rights office", "UN Human Rights Office",
        "Office of the High Commissioner for Human Rights", "UN Office of the High Commissioner for Human Rights",
        "United Nations Office of the High Commissioner for Human Rights",
        "United Nations (U.N.) Office of the High Commissioner for Human Rights",
        "UN High Commissioner for Human Rights", "UN human rights chief", "UN rights office",
        "UN human rights monitoring mission", "UN Human Rights Monitoring Mission in Ukraine",
        "Human Rights Monitoring Mission", "UN monitoring mission", "human rights monitoring mission",
        "UN human rights monitors", "UN monitors", "UN Human Rights Council", "UN's human rights office",
        "U.N. human rights monitors", "UN rights monitors", "U.N. rights office")),
    ("iaea", "International Atomic Energy Agency (IAEA)", None, "international", (
        "IAEA", "International Atomic Energy Agency", "UN nuclear watchdog", "U.N. nuclear watchdog",
        "UN atomic watchdog", "nuclear watchdog", "UN nuclear agency", "IAEA inspectors", "IAEA experts")),
    ("nato", "NATO", None, "international", ("NATO", "Nato", "the alliance", "North Atlantic Treaty Organization")),
    ("eu", "European Union", None, "international", (
        "EU", "E.U.", "European Union", "European Commission", "EU Commission", "the Commission",
        "European Council", "European Parliament", "the bloc", "Brussels", "EU officials")),
    ("osce", "OSCE", None, "international", (
        "OSCE", "OSCE SMM", "Special Monitoring Mission", "OSCE Special Monitoring Mission",
        "OSCE monitors", "OSCE observers")),
    ("icrc", "International Committee of the Red Cross (ICRC)", None, "international", (
        "ICRC", "International Committee of the Red Cross", "Red Cross")),
    ("amnesty", "Amnesty International", None, "international", ("Amnesty", "Amnesty International")),
    ("hrw", "Human Rights Watch", None, "international", ("HRW", "Human Rights Watch")),
    ("isw", "Institute for the Study of War (ISW)", "US", "think_tank", (
        "ISW", "Institute for the Study of War", "the Institute for the Study of War", "US think tank",
        "US-based think tank", "Washington-based think tank")),
    ("icc", "International Criminal Court", None, "international", ("ICC", "International Criminal Court")),
    # Other states
    ("us_government", "US government", "US", "government", (
        "White House", "the White House", "State Department", "US State Department", "US administration",
        "Biden administration", "US officials", "U.S. officials", "American officials", "US intelligence",
        "U.S. intelligence", "US National Security Council")),
    ("us_dod", "US Department of Defense (Pentagon)", "US", "military", (
        "Pentagon", "the Pentagon", "US Department of Defense", "Department of Defense", "US military",
        "U.S. military", "US Defense Department", "U.S. Defense Department")),
    ("gb_mod", "UK Ministry of Defence", "GB", "military", (
        "UK Ministry of Defence", "UK's Ministry of Defence", "British Ministry of Defence", "UK MoD",
        "UK's MoD", "British Defence Ministry", "UK Defence Ministry", "UK defence intelligence",
        "UK Defence Intelligence", "British military intelligence", "British intelligence", "UK intelligence",
        "UK military intelligence", "Defence Intelligence", "DefenceHQ", "Ministry of Defence (UK)")),
    ("gb_government", "UK government", "GB", "government", (
        "UK government", "British government", "Downing Street", "No 10", "Foreign Office", "UK Foreign Office")),
    ("fr_government", "French government", "FR", "government", ("Élysée", "Elysee", "Élysée Palace", "Elysee Palace")),
    ("de_government", "German government", "DE", "government", ("Bundeswehr",)),
    ("pl_government", "Polish government", "PL", "government", ()),
    ("tr_government", "Turkish government", "TR", "government", ()),
    # Media outlets: the channel when someone else is quoted, the source when they report themselves.
    ("reuters", "Reuters", None, "media", ("Reuters", "Reuters news agency")),
    ("ap", "Associated Press", "US", "media", ("AP", "Associated Press", "the Associated Press", "AP news agency")),
    ("afp", "Agence France-Presse", "FR", "media", (
        "AFP", "Agence France-Presse", "Agence France Presse", "AFP news agency")),
    ("bbc", "BBC", "GB", "media", ("BBC", "BBC News", "the BBC", "BBC Ukrainian", "BBC Russian")),
    ("cnn", "CNN", "US", "media", ("CNN",)),
    ("guardian", "The Guardian", "GB", "media", ("the Guardian", "Guardian", "The Guardian")),
    ("nyt", "The New York Times", "US", "media", ("New York Times", "the New York Times", "NYT")),
    ("wsj", "The Wall Street Journal", "US", "media", ("Wall Street Journal", "WSJ")),
    ("wapo", "The Washington Post", "US", "media", ("Washington Post",)),
    ("abc_news", "ABC News", "US", "media", ("ABC", "ABC News", "US TV channel ABC")),
    ("cbs_news", "CBS News", "US", "media", ("CBS", "CBS News")),
    ("nbc_news", "NBC News", "US", "media", ("NBC", "NBC News")),
    ("al_jazeera", "Al Jazeera", None, "media", ("Al Jazeera",)),
    ("dpa", "Deutsche Presse-Agentur (dpa)", "DE", "media", (
        "DPA", "dpa", "Deutsche Presse-Agentur", "German news agency DPA")),
    ("bloomberg", "Bloomberg", "US", "media", ("Bloomberg",)),
    ("kyiv_independent", "The Kyiv Independent", "UA", "media", ("Kyiv Independent", "The Kyiv Independent")),
    ("kyiv_post", "Kyiv Post", "UA", "media", ("Kyiv Post", "KyivPost")),
    ("ukrinform", "Ukrinform", "UA", "media", ("Ukrinform",)),
    ("unian", "UNIAN", "UA", "media", ("UNIAN", "Unian", "Unian.info")),
    ("suspilne", "Suspilne", "UA", "media", ("Suspilne", "Suspilne Media", "Suspilne News")),
    ("ukrainska_pravda", "Ukrainska Pravda", "UA", "media", ("Ukrainska Pravda", "Ukrainian Pravda")),
    ("hromadske", "Hromadske", "UA", "media", ("Hromadske",)),
    ("rferl", "Radio Free Europe/Radio Liberty", "US", "media", (
        "RFE/RL", "Radio Free Europe", "Radio Liberty", "Radio Free Europe/Radio Liberty", "Radio Svoboda")),
    ("tass", "TASS", "RU", "media", ("TASS", "Tass", "ITAR-TASS")),
    ("ria_novosti", "RIA Novosti", "RU", "media", ("RIA", "RIA Novosti", "Ria Novosti", "RIA news agency")),
    ("interfax", "Interfax", "RU", "media", ("Interfax", "Interfax-Ukraine")),
    ("rt", "RT", "RU", "media", ("RT", "Russia Today")),
    ("mediazona", "Mediazona", "RU", "media", ("Mediazona", "Mediazone", "Meduza")),
    ("belta", "BelTA", "BY", "media", ("BelTA", "Belarusian Telegraph Agency")),
    # Who or what was hit when it is not an actor
    ("civilians", "Civilians", None, "civilians", (
        "civilians", "civilian population", "the civilian population", "civilian", "residents", "local residents",
        "inhabitants", "villagers", "pedestrians", "passengers", "children", "a child", "a teenager", "a woman",
        "an elderly woman", "an elderly man", "a man", "a boy", "a girl", "women and children", "families",
        "humanitarian workers", "aid workers", "volunteers", "journalists", "medics", "a resident", "a civilian",
        "civilian deaths", "evacuees", "refugees", "peaceful residents", "peaceful citizens")),
    ("civilian_infrastructure", "Civilian infrastructure", None, "infrastructure", (
        "civilian infrastructure", "critical infrastructure", "infrastructure", "residential building",
        "residential buildings", "apartment block", "apartment blocks", "apartment building", "apartment buildings",
        "residential areas", "residential area", "residential quarter", "homes", "houses", "private houses",
        "a house", "hospital", "a hospital", "hospitals", "school", "a school", "schools", "kindergarten",
        "shopping centre", "shopping mall", "a shopping centre", "market", "church", "railway station",
        "train station", "civilian targets", "civilian objects", "civilian facilities", "residential high-rise",
        "high-rise", "a hotel", "hotel", "university", "administrative building", "humanitarian convoy",
        "civilian properties", "civilian vessels", "grain terminal", "port infrastructure", "port",
        "bridge", "a bridge", "theatre", "a theatre", "maternity hospital")),
    ("energy_infrastructure", "Energy infrastructure", None, "infrastructure", (
        "energy infrastructure", "energy facilities", "energy facility", "energy system", "power grid",
        "power plant", "power plants", "power station", "power stations", "thermal power plant",
        "combined heat and power plant", "CHP", "substation", "substations", "power lines", "power facilities",
        "power generation facilities", "energy grid", "electricity infrastructure", "hydroelectric power plant",
        "dam", "nuclear power plant", "gas infrastructure", "oil depot", "fuel depot", "oil refinery", "refinery",
        "power infrastructure", "power supply", "heating plant", "boiler house", "water supply")),
)

# --- Officials -------------------------------------------------------------------------------------
# canonical name, the actor they speak for, surface forms.  A bare surname is matched only when it is
# capitalised; surnames shared by other well-known people ("Kim", "Austin") are listed only in full.
_PEOPLE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Vladimir Putin", "ru_government", ("Putin", "Vladimir Putin", "Vladimir V. Putin")),
    ("Dmitry Peskov", "ru_government", ("Peskov", "Dmitry Peskov", "Dmitri Peskov")),
    ("Dmitry Medvedev", "ru_government", ("Medvedev", "Dmitry Medvedev")),
    ("Sergei Shoigu", "ru_mod", ("Shoigu", "Sergei Shoigu", "Sergey Shoigu")),
    ("Igor Konashenkov", "ru_mod", ("Konashenkov", "Igor Konashenkov")),
    ("Valery Gerasimov", "ru_general_staff", ("Gerasimov", "Valery Gerasimov", "Valeriy Gerasimov")),
    ("Sergei Surovikin", "ru_armed_forces", ("Surovikin", "Sergei Surovikin", "Sergey Surovikin")),
    ("Sergei Lavrov", "ru_mfa", ("Lavrov", "Sergei Lavrov", "Sergey Lavrov")),
    ("Maria Zakharova", "ru_mfa", ("Zakharova", "Maria Zakharova")),
    ("Vasily Nebenzia", "ru_mfa", ("Nebenzia", "Vasily Nebenzia", "Vassily Nebenzia")),
    ("Yevgeny Prigozhin", "ru_wagner", ("Prigozhin", "Yevgeny Prigozhin", "Yevgeniy Prigozhin")),
    ("Ramzan Kadyrov", "ru_regional_authorities", ("Kadyrov", "Ramzan Kadyrov")),
    ("Vyacheslav Gladkov", "ru_regional_authorities", ("Gladkov", "Vyacheslav Gladkov")),
    ("Roman Starovoit", "ru_regional_authorities", ("Starovoit", "Roman Starovoit")),
    ("Alexander Bogomaz", "ru_regional_authorities", ("Bogomaz", "Alexander Bogomaz")),
    ("Vladimir Saldo", "ru_occupation_authorities", ("Saldo", "Vladimir Saldo", "Volodymyr Saldo")),
    ("Yevgeny Balitsky", "ru_occupation_authorities", ("Balitsky", "Yevgeny Balitsky", "Yevhen Balytskyi")),
    ("Kirill Stremousov", "ru_occupation_authorities", ("Stremousov", "Kirill Stremousov", "Kyrylo Stremousov")),
    ("Vladimir Rogov", "ru_occupation_authorities", ("Rogov", "Vladimir Rogov")),
    ("Mikhail Razvozhayev", "ru_occupation_authorities", ("Razvozhayev", "Mikhail Razvozhayev")),
    ("Sergei Aksyonov", "ru_occupation_authorities", ("Aksyonov", "Sergei Aksyonov", "Sergey Aksyonov")),
    ("Denis Pushilin", "dpr", ("Pushilin", "Denis Pushilin")),
    ("Eduard Basurin", "dpr_forces", ("Basurin", "Eduard Basurin")),
    ("Leonid Pasechnik", "lpr", ("Pasechnik", "Leonid Pasechnik")),
    ("Alexander Lukashenko", "by_government", ("Lukashenko", "Alexander Lukashenko", "Alyaksandr Lukashenka")),
    ("Viktor Khrenin", "by_mod", ("Khrenin", "Viktor Khrenin")),
    ("Anatoly Glaz", "by_mfa", ("Anatoly Glaz",)),
    ("Volodymyr Zelenskiy", "ua_president", (
        "Zelenskiy", "Zelensky", "Zelenskyy", "Zelenskyi", "Zelenskiy's", "Volodymyr Zelenskiy", "Volodymyr Zelensky",
        "Volodymyr Zelenskyy", "Vladimir Zelensky", "Volodimir Zelensky")),
    ("Andriy Yermak", "ua_president", ("Yermak", "Andriy Yermak", "Andrii Yermak")),
    ("Mykhailo Podolyak", "ua_president", ("Podolyak", "Podoliak", "Mykhailo Podolyak", "Mykhailo Podoliak")),
    ("Kyrylo Tymoshenko", "ua_president", ("Kyrylo Tymoshenko",)),
    ("Oleksiy Kuleba", "ua_president", ("Oleksiy Kuleba", "Oleksii Kuleba")),
    ("Oleksiy Arestovych", "ua_president", ("Arestovych", "Oleksiy Arestovych")),
    ("Denys Shmyhal", "ua_government", ("Shmyhal", "Denys Shmyhal")),
    ("Herman Halushchenko", "ua_government", ("Halushchenko", "Herman Halushchenko", "German Galushchenko")),
    ("Denys Monastyrsky", "ua_government", ("Monastyrsky", "Denys Monastyrsky")),
    ("Iryna Vereshchuk", "ua_government", ("Vereshchuk", "Iryna Vereshchuk")),
    ("Mykhailo Fedorov", "ua_government", ("Mykhailo Fedorov",)),
    ("Dmytro Kuleba", "ua_mfa", ("Kuleba", "Dmytro Kuleba", "Dmitry Kuleba")),
    ("Oleg Nikolenko", "ua_mfa", ("Nikolenko", "Oleg Nikolenko")),
    ("Oleksii Reznikov", "ua_mod", ("Reznikov", "Oleksii Reznikov", "Oleksiy Reznikov")),
    ("Hanna Maliar", "ua_mod", ("Maliar", "Hanna Maliar", "Anna Malyar")),
    ("Valerii Zaluzhnyi", "ua_armed_forces", ("Zaluzhnyi", "Zaluzhny", "Valerii Zaluzhnyi", "Valery Zaluzhny")),
    ("Oleksandr Syrskyi", "ua_armed_forces", ("Syrskyi", "Syrsky", "Oleksandr Syrskyi", "Oleksandr Syrsky")),
    ("Serhiy Cherevatyi", "ua_armed_forces", ("Cherevatyi", "Cherevaty", "Serhiy Cherevatyi", "Serhiy Cherevaty")),
    ("Oleksiy Hromov", "ua_general_staff", ("Hromov", "Gromov", "Oleksiy Hromov", "Alexei Gromov", "Oleksii Hromov")),
    ("Yuriy Ihnat", "ua_air_force", ("Ihnat", "Ignat", "Yuriy Ihnat", "Yuriy Ignat", "Yurii Ihnat")),
    ("Mykola Oleshchuk", "ua_air_force", ("Oleshchuk", "Mykola Oleshchuk")),
    ("Dmytro Pletenchuk", "ua_navy", ("Pletenchuk", "Dmytro Pletenchuk")),
    ("Kyrylo Budanov", "ua_gur", ("Budanov", "Kyrylo Budanov", "Kyrylo Budanov's", "Kirill Budanov")),
    ("Andriy Yusov", "ua_gur", ("Yusov", "Andriy Yusov", "Andrii Yusov")),
    ("Andrii Cherniak", "ua_gur", ("Cherniak", "Andrii Cherniak", "Andriy Chernyak")),
    ("Vadym Skibitskyi", "ua_gur", ("Skibitskyi", "Skibitsky", "Vadym Skibitskyi")),
    ("Vasyl Maliuk", "ua_sbu", ("Maliuk", "Malyuk", "Vasyl Maliuk")),
    ("Ihor Klymenko", "ua_police", ("Klymenko", "Ihor Klymenko")),
    ("Andriy Demchenko", "ua_border_guard", ("Demchenko", "Andriy Demchenko")),
    ("Andriy Kostin", "ua_prosecutor", ("Kostin", "Andriy Kostin")),
    ("Iryna Venediktova", "ua_prosecutor", ("Venediktova", "Iryna Venediktova")),
    ("Dmytro Lubinets", "ua_ombudsman", ("Lubinets", "Dmytro Lubinets")),
    ("Lyudmila Denisova", "ua_ombudsman", ("Denisova", "Lyudmila Denisova")),
    ("Vitaliy Klitschko", "ua_kyiv_city", ("Klitschko", "Vitaliy Klitschko", "Vitali Klitschko", "Vitaly Klitschko")),
    ("Serhiy Popko", "ua_kyiv_city", ("Popko", "Serhiy Popko")),
    ("Pavlo Kyrylenko", "ua_regional_authorities", ("Kyrylenko", "Kirilenko", "Pavlo Kyrylenko", "Pavel Kirilenko")),
    ("Oleh Syniehubov", "ua_regional_authorities", (
        "Syniehubov", "Synehubov", "Synegubov", "Sinegubov", "Syniegubov", "Oleh Syniehubov", "Oleg Synegubov",
        "Oleh Synehubov", "Oleg Sinegubov")),
    ("Serhiy Haidai", "ua_regional_authorities", ("Haidai", "Gaidai", "Serhiy Haidai", "Serhiy Gaidai")),
    ("Vitaliy Kim", "ua_regional_authorities", ("Vitaliy Kim", "Vitaly Kim", "Vitalii Kim")),
    ("Oleksandr Starukh", "ua_regional_authorities", ("Starukh", "Oleksandr Starukh")),
    ("Yaroslav Yanushevych", "ua_regional_authorities", ("Yanushevych", "Yaroslav Yanushevych")),
    ("Oleksandr Prokudin", "ua_regional_authorities", ("Prokudin", "Oleksandr Prokudin")),
    ("Valentyn Reznichenko", "ua_regional_authorities", ("Reznichenko", "Valentyn Reznichenko")),
    ("Serhiy Lysak", "ua_regional_authorities", ("Lysak", "Serhiy Lysak")),
    ("Dmytro Zhyvytskyi", "ua_regional_authorities", ("Zhyvytskyi", "Zhyvitsky", "Dmytro Zhyvytskyi")),
    ("Maksym Kozytskyi", "ua_regional_authorities", ("Kozytskyi", "Kozytsky", "Maksym Kozytskyi")),
    ("Ihor Terekhov", "ua_local_authorities", ("Terekhov", "Ihor Terekhov")),
    ("Andriy Sadovyi", "ua_local_authorities", ("Sadovyi", "Sadovy", "Andriy Sadovyi", "Andriy Sadovy")),
    ("Oleksandr Senkevych", "ua_local_authorities", (
        "Senkevych", "Syenkevych", "Oleksandr Senkevych", "Oleksandr Syenkevych")),
    ("Petro Andriushchenko", "ua_local_authorities", ("Andriushchenko", "Petro Andriushchenko")),
    ("Vadym Boichenko", "ua_local_authorities", ("Boichenko", "Vadym Boichenko")),
    ("Antonio Guterres", "un", ("Guterres", "Antonio Guterres", "António Guterres")),
    ("Martin Griffiths", "un", ("Martin Griffiths",)),
    ("Volker Türk", "un_ohchr", ("Volker Türk", "Volker Turk")),
    ("Michelle Bachelet", "un_ohchr", ("Bachelet", "Michelle Bachelet")),
    ("Matilda Bogner", "un_ohchr", ("Bogner", "Matilda Bogner")),
    ("Rafael Grossi", "iaea", ("Grossi", "Rafael Grossi", "Rafael Mariano Grossi")),
    ("Jens Stoltenberg", "nato", ("Stoltenberg", "Jens Stoltenberg")),
    ("Ursula von der Leyen", "eu", ("von der Leyen", "Ursula von der Leyen", "Von der Leyen")),
    ("Josep Borrell", "eu", ("Borrell", "Josep Borrell")),
    ("Charles Michel", "eu", ("Charles Michel",)),
    ("Joe Biden", "us_government", ("Biden", "Joe Biden")),
    ("Antony Blinken", "us_government", ("Blinken", "Antony Blinken")),
    ("John Kirby", "us_government", ("Kirby", "John Kirby")),
    ("Jake Sullivan", "us_government", ("Jake Sullivan",)),
    ("Lloyd Austin", "us_dod", ("Lloyd Austin",)),
    ("Rishi Sunak", "gb_government", ("Sunak", "Rishi Sunak")),
    ("Boris Johnson", "gb_government", ("Boris Johnson",)),
    ("Ben Wallace", "gb_mod", ("Ben Wallace",)),
    ("Emmanuel Macron", "fr_government", ("Macron", "Emmanuel Macron")),
    ("Olaf Scholz", "de_government", ("Scholz", "Olaf Scholz")),
    ("Annalena Baerbock", "de_government", ("Baerbock", "Annalena Baerbock")),
    ("Andrzej Duda", "pl_government", ("Duda", "Andrzej Duda")),
    ("Mateusz Morawiecki", "pl_government", ("Morawiecki", "Mateusz Morawiecki")),
    ("Recep Tayyip Erdoğan", "tr_government", ("Erdoğan", "Erdogan", "Recep Tayyip Erdoğan", "Recep Tayyip Erdogan")),
)


# --- Composition: a country word with a head noun -------------------------------------------------
# "Russian forces", "Ukraine's air force", "Belarusian defence ministry", "a Ukrainian strike",
# "a Russian barracks".  The country word must be capitalised in the text.
_DEMONYMS: dict[str, str] = {
    "russian": "RU", "russia": "RU", "rf": "RU", "moscow": "RU", "kremlin": "RU", "russia-backed": "RU",
    "ukrainian": "UA", "ukraine": "UA", "kyiv": "UA",
    "belarusian": "BY", "belarus": "BY", "minsk": "BY", "belorussian": "BY", "belarussian": "BY",
    "british": "GB", "uk": "GB", "u.k": "GB", "britain": "GB", "us": "US", "u.s": "US", "american": "US",
    "french": "FR", "france": "FR", "german": "DE", "germany": "DE", "polish": "PL", "poland": "PL",
    "turkish": "TR", "turkey": "TR",
}
# Words that make what follows Russian-installed ("the Russian-installed mayor", "pro-Russian officials").
_OCCUPATION_WORDS = frozenset(
    "russian-installed moscow-installed kremlin-installed russia-installed russian-appointed moscow-appointed "
    "kremlin-appointed kremlin-backed russian-backed moscow-backed pro-russian pro-moscow pro-kremlin".split()
)
# Country names that may follow "of": "Armed Forces of Ukraine", "Ministry of Defence of the Russian Federation".
_OF_COUNTRIES: dict[tuple[str, ...], str] = {
    ("ukraine",): "UA", ("russia",): "RU", ("russian", "federation"): "RU", ("rf",): "RU", ("belarus",): "BY",
    ("the", "russian", "federation"): "RU", ("the", "rf"): "RU", ("great", "britain"): "GB",
    ("the", "uk"): "GB", ("the", "united", "kingdom"): "GB", ("the", "united", "states"): "US", ("france",): "FR",
    ("germany",): "DE", ("poland",): "PL",
}
# heads: family (the row `<country>_<family>`), kind, phrases.  kind says what the phrase names:
#   force | org | title: the actor itself;  attack: its attack ("a Ukrainian strike": it acted);
#   weapon | object: its weapons and sites (role from the verb); loss: its dead ("Russian losses": hit);
#   civilians | infra: who or what was hit when not an armed actor.
_HEAD_SPECS: tuple[tuple[str, str, str], ...] = (
    ("armed_forces", "force",
     "forces|armed forces|troops|army|military|soldiers|servicemen|service members|personnel|units|military units|"
     "fighters|militants|nationalists|formations|defenders|paratroopers|marines|infantry|artillery|artillerymen|"
     "gunners|tank crews|security forces|ground forces|military forces|military personnel|special forces|"
     "commanders|command|military command|military leadership|brigade|brigades|regiment|battalion|battalions|"
     "contingent|reservists|conscripts|mobilised men|recruits|sappers|snipers|military officials|military sources|"
     "military spokesman|military spokesperson|military official|defence forces|occupation forces|occupiers|invaders|"
     "commander-in-chief|commander in chief|military's commander-in-chief|army's|military's|troops'|"
     "armed forces'|servicemen's|soldiers'|mercenaries|saboteurs|sabotage groups|units'"),
    ("air_force", "force",
     "air force|air forces|aviation|aircraft|warplanes|jets|fighter jets|pilots|air defence|air defences|"
     "air-defence|air defence forces|air defence systems|anti-aircraft defences|helicopters|bombers|air force's|"
     "aerospace forces|air defence units"),
    ("navy", "force", "navy|naval forces|fleet|navy's|sailors|warships"),
    ("mod", "org",
     "defence ministry|ministry of defence|defence ministry's|mod|defence officials|defence department|"
     "ministry of defence's|defence minister|defence ministry spokesperson|defence ministry spokesman|"
     "defence ministry spokeswoman|defence officials'|deputy defence minister"),
    ("general_staff", "org",
     "general staff|general staff's|military general staff|armed forces general staff|military's general staff"),
    ("mfa", "org",
     "foreign ministry|ministry of foreign affairs|foreign minister|foreign affairs ministry|"
     "foreign ministry spokesperson|foreign ministry spokeswoman|foreign ministry spokesman|foreign office|"
     "foreign ministry's|deputy foreign minister"),
    ("government", "org",
     "government|authorities|officials|official|leadership|cabinet|administration|prime minister|energy minister|"
     "interior minister|officials'|government's|parliament|lawmakers|minister|ministry|state|deputy prime minister|"
     "justice ministry|interior ministry|energy ministry|presidency|regime|intelligence officials|security council|"
     "politicians|senior official|senior officials|spokesperson|spokesman|spokeswoman|sources|source|"
     "prime minister's|side|delegation|negotiators|investigators|prosecutors|mps|lawmaker|ambassador|embassy|"
     "diplomats|envoy|emergencies ministry|finance minister|finance ministry|economy minister|health ministry|"
     "health minister|justice minister|infrastructure minister|agriculture minister|culture minister"),
    ("president", "title",
     "president|president's|presidential office|leader|head of state|presidential administration"),
    ("police", "org", "police|national police|police officers|law enforcement|police's"),
    ("emergency_service", "org",
     "emergency service|emergency services|state emergency service|rescuers|rescue services"),
    ("gur", "org",
     "military intelligence|defence intelligence|intelligence directorate|main intelligence directorate|"
     "military intelligence agency|military intelligence service|intelligence|intelligence agency|"
     "intelligence services|intelligence service|spy agency|spies"),
    ("sbu", "org", "security service|security services"),
    ("regional_authorities", "title", "governor|regional governor|governors|regional authorities"),
    ("local_authorities", "title", "mayor|mayor's office|city council|city administration|local authorities"),
    ("media", "org",
     "media|state media|news agency|news agencies|state television|state tv|broadcaster|state broadcaster|outlets|"
     "bloggers|war bloggers|military bloggers|milbloggers|journalists|war correspondents|propagandists|"
     "telegram channels|media reports|state-owned media|state news agency|state-run media"),
    ("armed_forces", "attack",
     "strike|strikes|attack|attacks|airstrike|airstrikes|air strike|air strikes|missile strike|missile strikes|"
     "drone strike|drone strikes|shelling|bombardment|bombing|offensive|assault|assaults|invasion|aggression|fire|"
     "counteroffensive|counter-offensive|raid|raids|rocket attack|rocket attacks|missile attack|missile attacks|"
     "drone attack|drone attacks|advance|advances|onslaught|barrage|blockade|occupation|incursion|artillery fire|"
     "gunfire|counterattack|counter-attack|bombardments|shellings|military operation|rocket fire|mortar fire|"
     "rocket strike|rocket strikes|shelling attacks|missile barrage|air raid|air raids|attack drones|"
     "artillery strike|artillery strikes|fire attack|war crimes|troops' advance|retreat|withdrawal"),
    ("armed_forces", "weapon",
     "missile|missiles|rocket|rockets|drone|drones|shell|shells|shahed|shaheds|kamikaze drones|cruise missile|"
     "cruise missiles|ballistic missile|ballistic missiles|munitions|projectile|projectiles|bomb|bombs|glide bombs|"
     "mortar|mortars|himars|grad|uav|uavs|artillery shells|kalibr|kh-101|iskander|lancet|s-300|s-300s|"
     "mines|cluster munitions|warhead|interceptor|interceptors"),
    ("armed_forces", "object",
     "barracks|base|bases|airbase|air base|airfield|positions|position|depot|ammunition depot|ammunition depots|"
     "command post|headquarters|tank|tanks|armoured vehicles|vehicles|military equipment|equipment|convoy|column|"
     "warship|ship|ships|vessel|frigate|cruiser|submarine|landing ship|military base|military bases|"
     "military facility|military facilities|military targets|fuel depot|ammunition dump|arms depot|weapons depot|"
     "radar|air defence system|air defence systems|checkpoint|trenches|fortifications|lines|front lines|defences|"
     "manpower|military hardware|hardware|artillery systems|howitzer|howitzers|mlrs|military airfield|"
     "military airbase|flagship|fleet's flagship|military vehicles|combat vehicles|supply lines|logistics|"
     "concentration|command centre|warehouse|ammunition warehouse|armour|helicopter|jet|fighter jet|plane|"
     "aircraft carrier|patrol boat|landing craft|bmp|bmps|btr|apc|apcs|tank column|strongholds|stronghold|"
     "defensive lines|pontoon|pontoon bridge|training ground|military unit|camp"),
    ("armed_forces", "loss",
     "losses|casualties|dead|deaths|death toll|losses'|prisoners|prisoners of war|pows|captives|wounded|bodies|"
     "servicemen killed|soldiers killed|war dead|fatalities|killed|injured"),
    ("civilians", "civilians",
     "civilians|civilian population|citizens|residents|people|children|nationals|civilian|civilian casualties|"
     "civilian deaths|population|families|women|refugees|hostages|prisoners of war|civilian victims"),
    ("energy_infrastructure", "infra",
     "energy infrastructure|energy facilities|energy system|power grid|power plants|power plant|energy sector|"
     "energy grid|power stations|power station|thermal power plant|thermal power plants|electricity grid|"
     "gas infrastructure|oil refinery|oil depot|oil depots|refinery|refineries|power supply|energy network"),
    ("civilian_infrastructure", "infra",
     "infrastructure|civilian infrastructure|critical infrastructure|cities|towns|villages|ports|port|"
     "railway|railways|bridge|bridges|hospital|hospitals|schools|homes|apartment blocks|residential areas|"
     "grain terminal|grain terminals|airport|airports"),
)
# Words that may stand between a country word and its head: "Russian occupation forces",
# "a Ukrainian long-range missile strike", "the Russian-occupied", "Russian state-owned media".
_MODIFIERS = frozenset(
    "armed occupation occupying invading regular elite retreating advancing front-line frontline massive new deadly "
    "heavy latest overnight long-range short-range medium-range hypersonic kamikaze iranian-made air sea naval cruise "
    "ballistic artillery rocket drone military special airborne mechanised mechanized motorised motorized temporary "
    "state state-owned state-run strategic so-called self-proclaimed local regional top senior former main "
    "combined major renewed fresh intense fierce repeated nightly daily large-scale full-scale brutal "
    "unprovoked ongoing continued constant precision precision-guided guided anti-aircraft air-defence "
    "ground own retaliatory second first third latest suspected alleged apparent missile mortar tank "
    "counter-battery high-precision multiple big small remaining surviving captured wounded killed dead "
    "fallen missing elite volunteer mobilised mobilized newly reserve two three four five 64th 155th "
    "armoured armored infantry mercenary private marine".split()
)
# When `<country>_<family>` is not a row: the next rows to try (a bare id is absolute).
_FALLBACK: dict[str, tuple[str, ...]] = {
    "armed_forces": ("dod", "mod", "government"),
    "air_force": ("armed_forces", "dod", "mod", "government"),
    "navy": ("armed_forces", "dod", "mod", "government"),
    "general_staff": ("armed_forces", "dod", "mod", "government"),
    "mod": ("dod", "armed_forces", "government"),
    "gur": ("mod", "dod", "government"),
    "sbu": ("government",),
    "president": ("government",),
    "mfa": ("government",),
    "police": ("government",),
    "emergency_service": ("government",),
    "regional_authorities": ("government",),
    "local_authorities": ("government",),
    "government": (),
    "media": (),
    "civilians": ("civilians",),
    "energy_infrastructure": ("energy_infrastructure",),
    "civilian_infrastructure": ("civilian_infrastructure",),
}
# For the Russian-installed authorities: which row a family becomes.
_OCCUPATION_FAMILY: dict[str, str] = {
    "government": "ru_occupation_authorities", "president": "ru_occupation_authorities",
    "regional_authorities": "ru_occupation_authorities", "police": "ru_occupation_authorities",
    "local_authorities": "ru_occupation_authorities",
    "armed_forces": "ru_separatists", "media": "ru_media", "mfa": "ru_occupation_authorities",
    "mod": "ru_occupation_authorities",
}

# Standalone country names: the state, its government when it speaks; its armed forces when it acts.
_COUNTRIES: dict[str, str] = {
    "Russia": "RU", "Russian Federation": "RU", "the Russian Federation": "RU", "Ukraine": "UA", "Belarus": "BY",
    "United States": "US", "the United States": "US", "US": "US", "U.S.": "US", "USA": "US", "America": "US",
    "Britain": "GB", "Great Britain": "GB", "UK": "GB", "United Kingdom": "GB", "the United Kingdom": "GB",
    "U.K.": "GB", "France": "FR", "Germany": "DE", "Poland": "PL", "Turkey": "TR",
}
# Capitals stand for their government only before a verb of saying or doing ("Moscow said",
# "Kyiv accuses"); "in Kyiv", "Kyiv is the heart of Europe" are places.
_CAPITALS: dict[str, str] = {
    "Moscow": "RU", "Kremlin": "RU", "Kyiv": "UA", "Minsk": "BY", "Washington": "US", "London": "GB",
    "Paris": "FR", "Berlin": "DE", "Warsaw": "PL", "Ankara": "TR",
}
# Russian regions and occupied seats: a governor or mayor there is not Ukrainian.
_RU_SIDE_PLACES: dict[str, str] = {
    **{w: "ru_regional_authorities" for w in (
        "belgorod kursk bryansk rostov krasnodar voronezh oryol tula kaluga smolensk pskov lipetsk tambov "
        "saratov samara moscow petersburg leningrad kaliningrad ryazan tver chechnya chechen dagestan").split()},
    **{w: "ru_occupation_authorities" for w in "crimea crimean sevastopol".split()},
}
# "the ministry", "the military": resolved to the latest fitting actor named before (same sentence,
# then the context), else the default.
_BARE: dict[tuple[str, ...], tuple[str, str | None]] = {
    ("the", "ministry"): ("ministry", None),
    ("the", "defence", "ministry"): ("mod", None),
    ("the", "ministry", "of", "defence"): ("mod", None),
    ("the", "general", "staff"): ("general_staff", "ua_general_staff"),
    ("the", "military"): ("armed_forces", None),
    ("the", "army"): ("armed_forces", None),
    ("the", "air", "force"): ("air_force", None),
    ("the", "navy"): ("navy", None),
    ("the", "foreign", "ministry"): ("mfa", None),
}

# --- Verbs and the words around them ----------------------------------------------------------------
_PASSIVE_OK, _TRANSITIVE_ONLY, _VICTIM, _SUCCESS, _INTRANSITIVE = 1, 2, 4, 8, 16
_VERB_SPECS: tuple[tuple[int, str], ...] = (
    (_PASSIVE_OK | _TRANSITIVE_ONLY | _SUCCESS,
     "kill killed kills killing destroy destroyed destroys destroying down downed downs downing intercept "
     "intercepted intercepts intercepting capture captured captures capturing seize seized seizes seizing "
     "liberate liberated liberates liberating recapture recaptured recaptures recapturing eliminate eliminated "
     "eliminates eliminating liquidate liquidated liquidates liquidating neutralise neutralised neutralises "
     "neutralize neutralized neutralizes sink sank sunk sinks sinking retake retook retaken retakes retaking "
     "repel repelled repels repelling repulse repulsed repulses repulsing encircle encircled encircles "
     "hit hits hitting strike struck strikes striking disable disabled disables defeat defeated defeats "
     "defeating rout routed inflict inflicted inflicts inflicting thwart thwarted thwarts foil foiled"),
    (_PASSIVE_OK | _TRANSITIVE_ONLY,
     "wound wounded wounds wounding injure injured injures injuring damage damaged damages damaging "
     "target targeted targets targeting bomb bombed bombs pound pounded pounds pounding bombard bombarded "
     "bombards bombarding storm stormed storms ambush ambushed ambushes execute executed executes executing "
     "torture tortured tortures torturing abduct abducted abducts abducting detain detained detains detaining "
     "deport deported deports deporting murder murdered murders murdering massacre massacred raze razed "
     "flatten flattened cripple crippled occupy occupied occupies occupying invade invaded invades invading "
     "demolish demolished rape raped kidnap kidnapped launch launched launches launching"),
    (_PASSIVE_OK,
     "attack attacked attacks attacking shell shelled shells raid raided raids raiding fire fired fires firing "
     "shoot shot shoots shooting blast blasted ram rammed"),
    (_INTRANSITIVE, "advance advanced advances advancing"),
    (_VICTIM, "die died dies dying perish perished perishes lose lost loses losing suffer suffered suffers "
     "suffering sustain sustained sustains"),
)
# Two-word verbs: the first word, the second, flags.
_PHRASAL: dict[tuple[str, str], int] = {
    ("shot", "down"): _PASSIVE_OK | _TRANSITIVE_ONLY | _SUCCESS, ("shoot", "down"): _PASSIVE_OK | _SUCCESS,
    ("shoots", "down"): _PASSIVE_OK | _SUCCESS, ("shooting", "down"): _PASSIVE_OK | _SUCCESS,
    ("blew", "up"): _PASSIVE_OK | _SUCCESS, ("blown", "up"): _PASSIVE_OK | _TRANSITIVE_ONLY | _SUCCESS,
    ("opened", "fire"): _INTRANSITIVE, ("open", "fire"): _INTRANSITIVE,
    ("came", "under"): _VICTIM, ("come", "under"): _VICTIM, ("comes", "under"): _VICTIM,
    ("took", "control"): _SUCCESS, ("dealt", "a"): _SUCCESS, ("dealt", "heavy"): _SUCCESS,
    ("knocked", "out"): _PASSIVE_OK | _TRANSITIVE_ONLY | _SUCCESS,
    ("pushed", "back"): _PASSIVE_OK | _SUCCESS,
}
VERBS: dict[str, int] = {form: flags for flags, spec in _VERB_SPECS for form in spec.split()}
# Nouns of attack: "a strike by X" (X acted), "attacks on X" (X was hit).
ATTACK_NOUNS = frozenset(
    "attack attacks strike strikes airstrike airstrikes shelling shellings bombardment bombardments bombing "
    "bombings assault assaults offensive invasion raid raids fire barrage aggression missiles rockets drones "
    "shells counteroffensive counter-offensive onslaught occupation blockade siege ambush operation "
    "incursion crimes atrocities".split()
)
LOSS_NOUNS = frozenset("losses casualties deaths dead toll fatalities victims".split())
_TARGET_PREPS = frozenset("on against at targeting upon onto into".split())
# Prepositions that end the object of a verb ("launched missiles across Ukraine").
_STOP_PREPS = frozenset(
    "in across near over from during after with for to toward towards through around inside outside within "
    "along since until amid despite under via per as than".split()
)
_PLACE_PREPS = frozenset(
    "in into inside across throughout from to near around outside within toward towards through over "
    "via between".split()
)
_BE = frozenset("is are was were be been being get got gets getting 's".split())
_AUX = frozenset("has have had will would could may might can did does do shall should must 'd 've also".split())
ADVERBS = frozenset(
    "also reportedly allegedly previously later again then just already still now recently repeatedly heavily once "
    "further apparently initially earlier overnight not n't never partially completely fully badly seriously "
    "successfully deliberately reportedly mistakenly intentionally eventually subsequently immediately allegedly "
    "massively actively effectively".split()
)
# Verbs after a capital that make it its government ("Moscow said", "Kyiv accuses").
_GOV_VERBS = frozenset(
    "said says say told claimed claims denied denies accused accuses announced announces insists insisted "
    "blamed blames responded responds warned warns revised revises confirmed confirms rejected rejects demanded "
    "demands refused refuses hopes hoped plans planned agreed agrees threatened threatens urged urges recognised "
    "recognized retaliated expelled summoned sanctioned called calls considers believes wants wanted "
    "acknowledged admitted vowed pledged offered proposed dismissed reiterated stated declared condemned "
    "insisted seeks sought responded reacted welcomed regards views announced launched sent ordered "
    "hit struck attacked shelled".split()
)
# Words after which nothing before belongs to the same clause (both directions).
BOUNDARY = frozenset(
    "; : ( ) \" “ ” — – but while whereas although though because after before when which who whom whose "
    "where that if since until unless as , . ? ! -".split()
)
# Verbs of saying: they end a clause for roles, and attribution starts from them.
SPEECH_VERBS = frozenset(
    "said says say saying told tells reported reports claimed claims claim claiming announced announces "
    "stated states added adds wrote writes posted posts confirmed confirms denied denies warned warns "
    "estimated estimates noted notes according accused accuses alleged alleges insisted insists explained "
    "explains acknowledged acknowledges admitted admits revealed reveals declared declares quoted quotes quoting "
    "cited citing asserted asserts argued argues suggested suggests believes believed tweeted informed "
    "indicated indicates specified stressed stresses emphasised emphasized underlined clarified commented "
    "conceded concedes maintained maintains disclosed announced publishes published wrote updated "
    "reiterated reiterates replied responded confirmed called urged vowed pledged promised condemned blamed "
    "demanded described".split()
)

# --- Tokens ----------------------------------------------------------------------------------------
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:[-.]\w+)*|['’]s\b|\S")
_FOLD = {"defense": "defence", "defenses": "defences", "kiev": "kyiv", "air-defense": "air-defence",
         "armored": "armoured", "’s": "'s", "’": "'", "u.n": "un", "e.u": "eu"}


@dataclass(frozen=True, slots=True)
class Tokens:
    """A sentence cut into words and marks, lower-cased and spelling-folded, with character offsets."""

    text: str
    low: tuple[str, ...]
    start: tuple[int, ...]
    end: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.low)

    def cap(self, i: int) -> bool:
        return self.text[self.start[i]].isupper()

    def raw(self, i: int, j: int) -> str:
        return self.text[self.start[i]:self.end[j - 1]] if j > i else ""


def _fold(word: str) -> str:
    low = word.lower()
    return _FOLD.get(low, low)


@lru_cache(maxsize=8192)
def tokenize(text: str) -> Tokens:
    starts, ends, lows = [], [], []
    for m in _TOKEN_RE.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
        lows.append(_fold(m.group()))
    return Tokens(text, tuple(lows), tuple(starts), tuple(ends))


def _words(phrase: str) -> tuple[str, ...]:
    return tokenize(phrase).low


# --- The built index ---------------------------------------------------------------------------------
ACTORS: dict[str, Actor] = {row[0]: Actor(row[0], row[1], row[2], row[3]) for row in _ROWS}
PERSON_ACTOR: dict[str, Actor] = {name: ACTORS[actor_id] for name, actor_id, _ in _PEOPLE}
# Titles that come before a person's name and are not part of it.
TITLE_WORDS = frozenset(
    "mayor governor president minister prime deputy head chief spokesperson spokesman spokeswoman general "
    "lieutenant-general lieutenant colonel major brigadier commander secretary ambassador adviser advisor "
    "director chairman chairwoman leader official officer representative envoy senator mr mrs ms dr "
    "foreign defence energy interior justice finance ombudsman prosecutor lieutenant-colonel colonel-general "
    "major-general admiral captain sergeant private gen lt col maj sgt vice acting former".split()
)
_NOT_FIRST_NAMES = frozenset(
    "on in the a an and but as at by for from of with after before during monday tuesday wednesday thursday "
    "friday saturday sunday january february march april may june july august september october november "
    "december meanwhile however earlier later also when while if today yesterday".split()
) | TITLE_WORDS


@dataclass(frozen=True, slots=True)
class _Name:
    words: tuple[str, ...]
    actor: Actor
    kind: str  # name | person | country | capital | bare
    person: str | None = None
    exact: str | None = None  # the form an all-caps short alias must have in the text
    cc: str | None = None


def _alias_forms(alias: str) -> list[str]:
    """An alias and its form without a leading "the" where the rest still names it alone."""
    if alias.lower().startswith("the "):
        rest = alias[4:]
        if " " in rest or rest[:1].isupper() and rest not in ("Commission",):
            return [rest]
    return [alias]


def _build_index() -> dict[str, list[_Name]]:
    index: dict[str, list[_Name]] = {}

    def add(name: _Name) -> None:
        if name.words:
            index.setdefault(name.words[0], []).append(name)

    for actor_id, _name, _cc, _sector, aliases in _ROWS:
        actor = ACTORS[actor_id]
        for alias in aliases:
            for form in _alias_forms(alias):
                exact = form if (form.isupper() and len(form.replace(".", "")) <= 3) else None
                add(_Name(_words(form), actor, "name", exact=exact))
    for canonical, actor_id, forms in _PEOPLE:
        for form in forms:
            add(_Name(_words(form), ACTORS[actor_id], "person", person=canonical))
    for form, cc in _COUNTRIES.items():
        actor = _resolve(cc, "government")
        if actor is not None:
            exact = form if form.isupper() and len(form.replace(".", "")) <= 3 else None
            add(_Name(_words(form), actor, "country", exact=exact, cc=cc))
    for form, cc in _CAPITALS.items():
        actor = _resolve(cc, "government")
        if actor is not None:
            add(_Name(_words(form), actor, "capital", cc=cc))
    for words, (family, default) in _BARE.items():
        placeholder = ACTORS.get(default) if default else None
        add(_Name(words, placeholder or ACTORS["ua_armed_forces"], "bare", person=family, cc=default))
    for names in index.values():
        names.sort(key=lambda n: -len(n.words))
    return index


def _resolve(cc: str | None, family: str) -> Actor | None:
    """The row for a country and a family, following _FALLBACK where the table has no such row."""
    if cc is None:
        return None
    if cc == "OCC":
        target = _OCCUPATION_FAMILY.get(family)
        return ACTORS.get(target) if target else None
    prefix = cc.lower()
    actor = ACTORS.get(f"{prefix}_{family}")
    if actor is not None:
        return actor
    for alt in _FALLBACK.get(family, ()):
        actor = ACTORS.get(alt) or ACTORS.get(f"{prefix}_{alt}")
        if actor is not None:
            return actor
    return None


def _build_heads() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    heads: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for family, kind, spec in _HEAD_SPECS:
        for phrase in spec.split("|"):
            words = _words(phrase)
            heads.setdefault(words[0], []).append((words, family, kind))
    for entries in heads.values():
        entries.sort(key=lambda e: -len(e[0]))
    return heads


_INDEX = _build_index()
# Every word of a country or capital name: never a person's name.
COUNTRY_WORDS = frozenset(_DEMONYMS) | frozenset(w for form in (*_COUNTRIES, *_CAPITALS) for w in _words(form))
_HEADS = _build_heads()
_KNOWN_FIRST: dict[str, frozenset[str]] = {
    canonical: frozenset(w for form in forms for w in _words(form)[:-1]) | {_words(canonical)[0]}
    for canonical, _actor, forms in _PEOPLE
}
_PHRASAL_FIRST = frozenset(first for first, _ in _PHRASAL)


# --- Scanning a sentence ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Span:
    """An actor named in a sentence: tokens [first, last), what named it, and for people the name."""

    first: int
    last: int
    actor: Actor | None  # None: a bare "the ministry" not resolved in the sentence
    kind: str  # name | person | country | capital | composed | bare
    head: str = ""  # for composed names: force | org | title | attack | weapon | object | loss | ...
    person: str | None = None
    cc: str | None = None
    family: str | None = None  # for bare names: what they may resolve to

    @property
    def acting(self) -> Actor | None:
        """Who acts when this mention is the attacker: a country's armed forces for "Russia launched"."""
        if self.kind in ("country", "capital") or (self.actor is not None and self.actor.sector == "civilians"):
            return _resolve(self.cc or (self.actor.country if self.actor else None), "armed_forces")
        return self.actor


@dataclass(frozen=True, slots=True)
class Scan:
    tokens: Tokens
    spans: tuple[Span, ...]


def _match_head(low: tuple[str, ...], j: int) -> tuple[int, str, str] | None:
    if j >= len(low):
        return None
    for words, family, kind in _HEADS.get(low[j], ()):
        n = len(words)
        if low[j:j + n] == words:
            return n, family, kind
    return None


def _capital_acts(tok: Tokens, i: int) -> bool:
    """"Moscow said", "Kyiv has accused", "Moscow's position": the capital stands for its government."""
    low, n = tok.low, len(tok)
    k = i + 1
    if k < n and low[k] == "'s":
        return k + 1 < n and low[k + 1] in _GOV_POSSESSIONS
    skipped = 0
    while k < n and skipped < 3 and (low[k] in ADVERBS or low[k] in _AUX or low[k] in ("not", "n't")):
        k += 1
        skipped += 1
    return k < n and (low[k] in _GOV_VERBS or low[k] in VERBS)


_GOV_POSSESSIONS = frozenset(
    "position demands claims decision officials envoy ambassador statement response refusal invasion war "
    "forces troops army military regime government leadership plans proposal offer version account".split()
)


def _after_place_prep(tok: Tokens, i: int) -> bool:
    if i == 0:
        return False
    prev = tok.low[i - 1]
    if prev in ("the",) and i >= 2:
        prev = tok.low[i - 2]
    if prev == "of":
        before = tok.low[i - 2] if i >= 2 else ""
        return before not in ATTACK_NOUNS and before not in LOSS_NOUNS
    return prev in _PLACE_PREPS


def _names_at(tok: Tokens, i: int) -> tuple[int, _Name] | None:
    low = tok.low
    for name in _INDEX.get(low[i], ()):
        n = len(name.words)
        if low[i:i + n] != name.words:
            continue
        if name.exact is not None and tok.raw(i, i + n) != name.exact:
            continue
        if name.kind in ("person", "capital", "country") and not tok.cap(i):
            continue
        if name.kind == "capital" and (not _capital_acts(tok, i + n - 1) or _after_place_prep(tok, i)):
            continue
        if name.kind == "country" and _after_place_prep(tok, i):
            continue
        return n, name
    return None


_POSSESSIVES = frozenset(("its", "their"))


def _composed_at(tok: Tokens, i: int, country: str | None = None) -> tuple[int, str, str, str] | None:
    """A country word (+ 's) (+ up to three modifiers) + head: (length, cc, family, kind).  With
    `country`, the word at i is "its"/"their" standing for that country's actor."""
    low, n = tok.low, len(tok)
    word = low[i]
    if country is not None:
        cc = country
    elif word in _OCCUPATION_WORDS:
        cc = "OCC"
    else:
        cc = _DEMONYMS.get(word)
        if cc is None or not tok.cap(i):
            return None
    j = i + 1
    if j < n and low[j] in ("'s", "'"):
        j += 1
    for _ in range(4):
        head = _match_head(low, j)
        if head is not None:
            length, family, kind = head
            return j + length - i, cc, family, kind
        if j < n and (low[j] in _MODIFIERS or low[j][:1].isdigit()):
            j += 1
            continue
        if j + 1 < n and low[j + 1] in ("minister", "ministry") and low[j].isalpha():
            return j + 2 - i, cc, "government", "org"  # "Russian Finance Minister", "Ukraine's Health Ministry"
        return None
    return None


def _head_of_country_at(tok: Tokens, i: int) -> tuple[int, str, str, str] | None:
    """"Armed Forces of Ukraine", "Ministry of Defence of the Russian Federation"."""
    low = tok.low
    head = _match_head(low, i)
    if head is None or head[2] not in ("force", "org", "title"):
        return None
    k = i + head[0]
    if k >= len(low) or low[k] not in ("of", "from"):
        return None
    for words, cc in _OF_COUNTRIES.items():
        m = len(words)
        if low[k + 1:k + 1 + m] == words:
            return k + 1 + m - i, cc, head[1], head[2]
    return None


def _extend_first_name(tok: Tokens, i: int, j: int, person: str) -> int | None:
    """Index where a person's name [i, j) starts, taking a first name written before a bare surname;
    None when the word before is a first name this person does not have ("Hunter Biden")."""
    if i == 0 or j - i > 1:
        return i
    prev = tok.low[i - 1]
    if not tok.cap(i - 1) or not prev.isalpha() or prev in _NOT_FIRST_NAMES or prev in _DEMONYMS:
        return i
    if prev in _KNOWN_FIRST.get(person, ()):
        return i - 1
    if i - 1 == 0 or (tok.cap(i - 2) and tok.low[i - 2].isalpha() and tok.low[i - 2] not in _NOT_FIRST_NAMES):
        return i  # a capitalised sentence opener, or the end of a longer capitalised name
    return None


def _scan_spans(tok: Tokens, ents: Sequence[tuple[int, int, str]] | None) -> list[Span]:
    low, n = tok.low, len(tok)
    spans: list[Span] = []
    i = 0
    while i < n:
        best: tuple[int, int, Span] | None = None  # (length, priority, span)
        found = _names_at(tok, i) if low[i] in _INDEX else None
        if found is not None:
            length, name = found
            if name.kind == "bare":
                span = Span(i, i + length, None, "bare", family=name.person, cc=name.cc)
            else:
                span = Span(i, i + length, name.actor, name.kind, person=name.person, cc=name.cc)
            best = (length, 2, span)
        if low[i] in _DEMONYMS or low[i] in _OCCUPATION_WORDS:
            comp = _composed_at(tok, i)
            if comp is not None:
                length, cc, family, kind = comp
                actor = _resolve(cc, family)
                if actor is not None and (best is None or length > best[0]):
                    best = (length, 1, Span(i, i + length, actor, "composed", head=kind, cc=cc, family=family))
        if low[i] in _POSSESSIVES and spans and spans[-1].actor is not None and spans[-1].actor.country:
            comp = _composed_at(tok, i, spans[-1].actor.country)
            if comp is not None and comp[3] == "force":
                length, cc, family, kind = comp
                actor = _resolve(cc, family)
                if actor is not None and (best is None or length > best[0]):
                    best = (length, 1, Span(i, i + length, actor, "composed", head=kind, cc=cc, family=family))
        for at in (i, i + 1) if low[i] == "the" else (i,):
            if at < n and low[at] in _HEADS:
                comp = _head_of_country_at(tok, at)
                if comp is not None:
                    length, cc, family, kind = comp
                    actor = _resolve(cc, family)
                    if actor is not None and (best is None or at + length > i + best[0]):
                        best = (at + length - i, 0,
                                Span(at, at + length, actor, "composed", head=kind, cc=cc, family=family))
        if best is None:
            i += 1
            continue
        span = best[2]
        if span.kind == "person":
            start = _extend_first_name(tok, span.first, span.last, span.person or "")
            if start is None or _vetoed_by_ents(tok, span, ents):
                i = span.last
                continue
            if start != span.first:
                span = Span(start, span.last, span.actor, "person", person=span.person)
        spans.append(span)
        i = max(span.last, i + 1)
    return _merge_titles(tok, _resolve_bare(_ru_side(tok, spans)))


def _vetoed_by_ents(tok: Tokens, span: Span, ents: Sequence[tuple[int, int, str]] | None) -> bool:
    """A PERSON entity that covers the surname but begins with a first name this person lacks."""
    if not ents:
        return False
    s, e = tok.start[span.first], tok.end[span.last - 1]
    for es, ee, label in ents:
        if label == "PERSON" and es < s <= ee and e <= ee + 2:
            first = _fold(tok.text[es:s].split()[0]) if tok.text[es:s].split() else ""
            if first and first not in _KNOWN_FIRST.get(span.person or "", ()) and first not in _NOT_FIRST_NAMES:
                return True
    return False


def _ru_side(tok: Tokens, spans: list[Span]) -> list[Span]:
    """"Belgorod governor", "the mayor of Sevastopol": Russian or Russian-installed, not Ukrainian."""
    low = tok.low
    out = []
    for span in spans:
        if span.actor is not None and span.actor.id in ("ua_regional_authorities", "ua_local_authorities"):
            near = [low[span.first - 1]] if span.first else []
            if span.first >= 2 and low[span.first - 1] == "'s":
                near.append(low[span.first - 2])
            if span.last + 1 < len(low) and low[span.last] == "of":
                near.extend(low[span.last + 1:span.last + 3])
            for word in near:
                if word in _RU_SIDE_PLACES:
                    span = Span(span.first, span.last, ACTORS[_RU_SIDE_PLACES[word]], span.kind, span.head,
                                span.person, "RU", span.family)
                    break
        out.append(span)
    return out


def resolve_bare(family: str, earlier: Iterable[Actor]) -> Actor | None:
    """The actor a bare "the ministry" / "the military" names, from the actors named before it."""
    for actor in reversed(list(earlier)):
        if family == "ministry" and "Ministry" in actor.name:
            return actor
        if actor.id.endswith("_" + family):
            return actor
        if family in ("armed_forces", "air_force", "navy") and actor.country in ("RU", "UA", "BY") \
                and actor.sector in ("military", "government"):
            return _resolve(actor.country, family)
    return None


def _resolve_bare(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if span.kind == "bare":
            actor = resolve_bare(span.family or "", (s.actor for s in out if s.actor is not None))
            if actor is None and span.cc:
                actor = ACTORS.get(span.cc)
            span = Span(span.first, span.last, actor, "bare", family=span.family)
        out.append(span)
    return out


def _merge_titles(tok: Tokens, spans: list[Span]) -> list[Span]:
    """"Kyiv Mayor" + "Vitaliy Klitschko" -> one mention with the person."""
    out: list[Span] = []
    for span in spans:
        if out and span.kind == "person" and out[-1].actor is span.actor and out[-1].last == span.first \
                and out[-1].kind != "person":
            prev = out.pop()
            span = Span(prev.first, span.last, span.actor, "person", person=span.person, cc=prev.cc)
        out.append(span)
    return out


@lru_cache(maxsize=4096)
def _scan_cached(text: str) -> Scan:
    tok = tokenize(text)
    return Scan(tok, tuple(_scan_spans(tok, None)))


def scan(text: str, ents: Sequence[tuple[int, int, str]] | None = None) -> Scan:
    """Tokens and actor spans of a sentence, without roles (shared with attribution)."""
    if not ents or not any(label == "PERSON" for _s, _e, label in ents):
        return _scan_cached(text)
    tok = tokenize(text)
    return Scan(tok, tuple(_scan_spans(tok, ents)))


# --- Roles ----------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Verb:
    first: int
    last: int  # exclusive
    flags: int
    passive: bool
    reduced: bool = False  # passive read from "soldiers killed in ..." (no form of "be")


_REDUCED_NEXT = frozenset(
    "in on at during near overnight when after as while since over from across by , . ; ) — – and".split()
)
_PARTICIPLE_END = ("ed",)
_IRREGULAR_PARTICIPLES = frozenset("hit struck shot sunk sank retaken down blown lost".split())


# Verb forms that are also nouns, and the words that make them nouns when they stand before.
_NOUN_LIKE = frozenset(
    "strike strikes attack attacks fire fires raid raids shell shells bomb bombs hit hits damage damages "
    "launch launches advance advances shelling bombing shooting killing killings loss losses blast ram".split()
)
_NOUN_BEFORE = frozenset(
    "the a an this that these those its their his her our your 's of weekend overnight night morning evening "
    "latest first last recent new direct further more several many multiple two three four five such any "
    "no every each another other deadly massive heavy direct renewed fresh repeated nightly daily large-scale "
    "full-scale intense fierce major".split()
)
# "a missile strike" is a noun, "a missile hit" a verb.
_WEAPON_BEFORE = frozenset("air missile rocket drone artillery mortar tank sea ground".split())
_ATTACK_ONLY_NOUNS = frozenset("strike strikes attack attacks fire raid raids shelling bombing".split())


def _verbs(tok: Tokens) -> list[_Verb]:
    low, n = tok.low, len(tok)
    found: list[_Verb] = []
    k = 0
    while k < n:
        word = low[k]
        flags = VERBS.get(word)
        last = k + 1
        if word in _PHRASAL_FIRST and k + 1 < n and (word, low[k + 1]) in _PHRASAL:
            flags, last = _PHRASAL[(word, low[k + 1])], k + 2
        if flags is None or (word in _NOUN_LIKE and k > 0 and (
                low[k - 1] in _NOUN_BEFORE or low[k - 1][:1].isdigit()
                or (word in _ATTACK_ONLY_NOUNS and low[k - 1] in _WEAPON_BEFORE))):
            k += 1  # not a verb, or a noun here: "the weekend strike", "a direct hit", "two attacks"
            continue
        passive = reduced = False
        if flags & _PASSIVE_OK:
            b = k - 1
            while b >= 0 and low[b] in ADVERBS and k - b <= 3:
                b -= 1
            if b >= 0 and low[b] in _BE:
                passive = True
            elif last < n and low[last] == "by":
                passive = True
            elif flags & _TRANSITIVE_ONLY and (word.endswith(_PARTICIPLE_END) or word in _IRREGULAR_PARTICIPLES):
                nxt = low[last] if last < n else "."
                if nxt in _REDUCED_NEXT:
                    passive = reduced = True
        found.append(_Verb(k, last, flags, passive, reduced))
        k = last
    return found


def _attack_before(tok: Tokens, p: int, window: int, verb_ends: dict[int, _Verb]) -> bool:
    low = tok.low
    for k in range(p - 1, max(-1, p - 1 - window), -1):
        word = low[k]
        if word in ATTACK_NOUNS or (k + 1) in verb_ends:
            return True
        if word in BOUNDARY or word in SPEECH_VERBS:
            return False
    return False


# Mentions that are subjects, not reduced relatives, before a bare participle: "since Russia invaded in
# February" (but "Russian soldiers killed in Makiivka" were hit).
_PROPER = frozenset(("country", "capital", "person", "name"))
_DETERMINERS = frozenset("the a an its their his her our key several".split())
_PRONOUNS = frozenset("it they we".split())


def _role(tok: Tokens, span: Span, verb_starts: dict[int, _Verb], verb_ends: dict[int, _Verb]) -> str | None:
    low, n = tok.low, len(tok)
    if span.head == "attack":
        return "actor"
    if span.head == "loss":
        return "target"
    p = span.first - 1
    while p >= 0 and low[p] in _DETERMINERS and span.first - p <= 2:
        p -= 1
    if p >= 0:
        prev = low[p]
        if prev == "by" and _attack_before(tok, p, 6, verb_ends):
            return "actor"
        if prev in _TARGET_PREPS and _attack_before(tok, p, 5, verb_ends):
            return "target"
        if prev == "of" and p >= 1 and (low[p - 1] in ATTACK_NOUNS or low[p - 1] in LOSS_NOUNS):
            return "target"
        if prev == "among" and p >= 1 and low[p - 1] in LOSS_NOUNS:
            return "target"
    for k in range(span.last, min(n, span.last + 2)):
        if low[k] in LOSS_NOUNS:
            return "target"
    # the verb after the mention (it is the subject) and the verb before it (it is the object)
    after: tuple[int, str] | None = None
    coordinated = False  # "hit a school and injured residents": the school is the object of "hit"
    k = span.last
    while k < n and k - span.last <= 5:
        verb = verb_starts.get(k)
        if verb is not None:
            passive = verb.passive and not (verb.reduced and k == span.last and span.kind in _PROPER)
            after = (k - span.last, "victim" if verb.flags & _VICTIM else "target" if passive else "actor")
            break
        word = low[k]
        if word in BOUNDARY or word in SPEECH_VERBS:
            break
        coordinated = coordinated or word in ("and", "or")
        k += 1
    before: tuple[int, str] | None = None
    k = span.first - 1
    while k >= 0 and span.first - 1 - k <= 6:
        verb = verb_ends.get(k + 1)
        if verb is not None:
            if not (verb.passive or verb.flags & (_VICTIM | _INTRANSITIVE)):
                before = (span.first - 1 - k, "target")
            break
        word = low[k]
        if word in BOUNDARY or word in SPEECH_VERBS or word in _STOP_PREPS or word == "by":
            break
        k -= 1
    if after and before:
        return after[1] if after[0] < before[0] and not coordinated else before[1]
    if after:
        return after[1]
    if before:
        return before[1]
    return None


def _speaker_acts(tok: Tokens, spans: Sequence[Span], roles: list[str | None], verbs: list[_Verb]) -> None:
    """"Ukraine's air force said it shot down ...": the speaker is the one who acted."""
    low = tok.low
    for verb in verbs:
        if verb.passive or verb.flags & _VICTIM:
            continue
        p = verb.first - 1
        while p >= 0 and (low[p] in _AUX or low[p] in ADVERBS):
            p -= 1
        if p < 1 or low[p] not in _PRONOUNS:
            continue
        q = p - 1
        if low[q] == "that" and q >= 1:
            q -= 1
        if low[q] not in SPEECH_VERBS:
            continue
        for index in range(len(spans) - 1, -1, -1):
            span = spans[index]
            if span.last <= q and q - span.last <= 4 and roles[index] is None:
                roles[index] = "actor"
                break


_NOT_ACTORS = frozenset(("civilians", "infrastructure"))


def find_actors(
    sentence: str,
    ents: Sequence[tuple[int, int, str]] | None = None,
    context: str | None = None,
) -> list[ActorMention]:
    """Actors named in `sentence`, canonical, each with its role: "actor" (who acted), "target"
    (who or what was hit) or None.  `ents` (spaCy-style (start, end, label) character spans) lets a
    PERSON entity veto a surname that belongs to someone else; `context` (the text before the
    sentence, e.g. its paragraph) resolves a bare "the ministry" or "the military"."""
    found = scan(sentence, ents)
    tok, spans = found.tokens, found.spans
    if not spans:
        return []
    covered = {k for span in spans for k in range(span.first, span.last)}
    verbs = [v for v in _verbs(tok) if v.first not in covered]
    verb_starts = {v.first: v for v in verbs}
    verb_ends = {v.last: v for v in verbs}
    roles = [_role(tok, span, verb_starts, verb_ends) for span in spans]
    _speaker_acts(tok, spans, roles, verbs)
    earlier: list[Actor] | None = None
    mentions: list[ActorMention] = []
    for span, role in zip(spans, roles):
        actor = span.actor
        if role == "victim":  # "Russia lost 640 soldiers": its forces were hit
            role = "target"
            if span.kind in ("country", "capital"):
                actor = span.acting or actor
        if actor is None and span.kind == "bare" and context:
            if earlier is None:
                earlier = [s.actor for s in _scan_cached(context).spans if s.actor is not None]
            actor = resolve_bare(span.family or "", earlier)
        if actor is None:
            continue
        if role == "actor":
            actor = span.acting or actor  # "Russia launched": its armed forces
        if actor.sector in _NOT_ACTORS and role != "target":
            continue  # civilians and buildings are named only where they were hit
        start, end = tok.start[span.first], tok.end[span.last - 1]
        mentions.append(ActorMention(actor, sentence[start:end], start, end, role))
    return mentions


@dataclass(frozen=True, slots=True)
class Success:
    """A verb of military success ("destroyed", "shot down", "repelled") with the sides around it."""

    verb: str  # its first word, lower-cased
    passive: bool
    subject: str | None  # country of the actor named before it; "speaker" for "it/they/we"; "enemy"
    object: str | None  # country of the military actor named after it; "enemy" for "the enemy"


# What a side calls the other: a success against "the enemy" is the speaker's own.  (Names each side
# uses only for the other - "invaders", "Ukrainian nationalists" - are actors in the table.)
_ENEMY_WORDS = frozenset("enemy enemy's adversary adversary's militants mercenaries nationalists neo-nazis".split())


def successes(sentence: str) -> list[Success]:
    """Every verb of military success in the sentence and who stands on either side of it: what
    certainty needs to tell a side's claim about itself from a report of its losses."""
    found = scan(sentence)
    tok, spans = found.tokens, found.spans
    low = tok.low
    covered = {k for span in spans for k in range(span.first, span.last)}
    out: list[Success] = []
    for verb in _verbs(tok):
        if not verb.flags & _SUCCESS or verb.first in covered:
            continue
        subject: str | None = None
        k = verb.first - 1
        while k >= 0 and (low[k] in _AUX or low[k] in ADVERBS or low[k] in _BE):
            k -= 1
        if k >= 0 and low[k] in _PRONOUNS:
            subject = "speaker"
        elif any(w in _ENEMY_WORDS for w in low[max(0, verb.first - 5):verb.first]):
            subject = "enemy"
        else:
            for span in reversed(spans):
                if span.last <= verb.first and verb.first - span.last <= 6 and span.actor is not None:
                    gap = low[span.last:verb.first]
                    if not any(w in BOUNDARY or w in SPEECH_VERBS for w in gap):
                        subject = (span.acting or span.actor).country
                    break
        obj: str | None = None
        if any(w in _ENEMY_WORDS for w in low[verb.last:verb.last + 4]):
            obj = "enemy"
        for span in spans:
            if span.first >= verb.last and span.first - verb.last <= 7 and span.actor is not None:
                gap = low[verb.last:span.first]
                if not any(w in BOUNDARY or w in _STOP_PREPS for w in gap) and span.actor.sector in (
                        "military", "armed_group"):
                    obj = span.actor.country
                break
        out.append(Success(low[verb.first], verb.passive, subject, obj))
    return out


def actor(actor_id: str) -> Actor:
    """The canonical actor with this id (KeyError for an unknown id)."""
    return ACTORS[actor_id]
