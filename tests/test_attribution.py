"""Who says so: organisation and person behind a sentence's claim."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.extract.actors import ACTORS
from sitroom.extract.attribution import find_attribution, split_sentences


def who(sentence: str, paragraph: str | None = None, **kwargs) -> tuple[str | None, str | None]:
    found = find_attribution(sentence, paragraph, **kwargs)
    assert found is not None, sentence
    return found.organisation, found.person


@pytest.mark.parametrize(
    "sentence,organisation,person",
    [
        ("Kyiv Mayor Vitaliy Klitschko said two people were injured in the Darnytskyi district.",
         "Kyiv city authorities", "Vitaliy Klitschko"),
        ("Eleven bodies were recovered, according to the National Police.", "National Police of Ukraine", None),
        ("Russia's defence ministry said it had repelled attacks near Kupiansk.", "Russian Ministry of Defence", None),
        ("The UN human rights office (OHCHR) said 18 civilians died in September.",
         "UN Human Rights Office (OHCHR / HRMMU)", None),
        ("Ukraine's air force said 28 of 31 drones were destroyed overnight.", "Ukrainian Air Force", None),
        ("Zelenskiy said in his nightly address that the grid had held.",
         "Office of the President of Ukraine", "Volodymyr Zelenskiy"),
        ("\"We restored power by morning,\" said Oleksiy Kuleba, deputy head of the presidential office.",
         "Office of the President of Ukraine", "Oleksiy Kuleba"),
        ("The head of military intelligence, Kyrylo Budanov, told reporters the offensive would come in spring.",
         "Defence Intelligence of Ukraine (GUR)", "Kyrylo Budanov"),
        ("Three drones hit Odesa overnight, Reuters reported.", "Reuters", None),
        ("A spokesperson, Dmitry Peskov, told Interfax the talks had stalled.",
         "Russian government (Kremlin)", "Dmitry Peskov"),
        ("Moscow said the strike was a provocation.", "Russian government (Kremlin)", None),
        ("Kyiv claimed its forces had advanced two kilometres.", "Ukrainian government", None),
        ("Belgorod governor Vyacheslav Gladkov said a woman was injured.",
         "Russian regional authorities", "Vyacheslav Gladkov"),
        ("Ukrainian troops shelled a bus station in Donetsk - DPR mission",
         "Donetsk People's Republic (Russian-installed)", None),
        ("Mayor Ihor Terekhov wrote on Telegram that a school was hit.", "Ukrainian city authorities", "Ihor Terekhov"),
    ],
)
def test_source_shapes(sentence, organisation, person):
    assert who(sentence) == (organisation, person)


def test_the_outlet_is_only_the_channel_when_someone_is_named():
    assert who("Oleksandr Syenkevych told the BBC the city had no water.") == (
        "Ukrainian city authorities", "Oleksandr Senkevych")
    assert who("Tass quoted Shoigu as saying the frigate would sail to the Atlantic.") == (
        "Russian Ministry of Defence", "Sergei Shoigu")
    found = find_attribution("Fighting continued near Soledar, according to a regional official, Reuters reports.")
    assert found is not None and found.organisation is None and found.text == "according to a regional official"
    assert who("Fighting continued near Soledar, Reuters reports.") == ("Reuters", None)


def test_unnamed_and_passive_sources_keep_their_words():
    found = find_attribution("It was reported that explosions were heard in Melitopol.")
    assert found is not None and found.organisation is None and found.person is None
    assert found.text == "It was reported"
    found = find_attribution("Officials said the strike killed three.")
    assert found is not None and found.organisation is None and found.text == "Officials said"


def test_no_attribution():
    assert find_attribution("Air raid sirens sounded across the country on Friday.") is None
    assert find_attribution("There have been unconfirmed reports of explosions in Crimea.") is None
    assert find_attribution("It is hard to tell when the power will return.") is None


def test_organisations_come_from_the_table():
    names = {a.name for a in ACTORS.values()}
    for sentence in (
        "Russia's defence ministry said it had repelled attacks.",
        "The State Emergency Service said 12 people were rescued.",
        "Belarus' Ministry of Foreign Affairs said it had summoned the envoy.",
    ):
        found = find_attribution(sentence)
        assert found is not None and found.organisation in names


def test_pronouns_resolve_within_the_paragraph():
    paragraph = ("Sumy governor Dmytro Zhyvytskyi said four people were wounded. "
                 "\"Rescuers are working at the scene,\" he said.")
    start, end = split_sentences(paragraph)[1]
    assert who(paragraph[start:end], paragraph) == ("Ukrainian regional authorities", "Dmytro Zhyvytskyi")
    paragraph = ("Russia's defence ministry said 12 drones were downed over Crimea. "
                 "It said the attack had been repelled.")
    start, end = split_sentences(paragraph)[1]
    assert who(paragraph[start:end], paragraph) == ("Russian Ministry of Defence", None)
    paragraph = "Ukraine's defence ministry reported heavy fighting. The ministry said 40 soldiers were wounded."
    assert who("The ministry said 40 soldiers were wounded.", paragraph) == ("Ukrainian Ministry of Defence", None)


def test_paragraph_attribution_carries_forward_not_across_paragraphs():
    paragraph = ("The regional military administration said a missile hit a warehouse in Dnipro. "
                 "Two workers were injured.")
    assert who("Two workers were injured.", paragraph) == ("Ukrainian regional authorities", None)
    assert find_attribution("Two workers were injured.") is None


def test_surname_takes_the_full_name_from_the_paragraph():
    paragraph = "Mayor Oleksii Reva wrote that the town was emptied. Reva said 8,700 people remained."
    assert who("Reva said 8,700 people remained.", paragraph) == ("Ukrainian city authorities", "Oleksii Reva")


def test_a_title_alone_takes_its_holder_from_the_paragraph():
    paragraph = "Mayor Oleksii Reva wrote that the town was emptied. \u201cNo place is safe,\u201d the mayor said."
    start, end = split_sentences(paragraph)[1]
    assert who(paragraph[start:end], paragraph) == ("Ukrainian city authorities", "Oleksii Reva")


def test_quoted_speech_is_not_the_reporters_attribution():
    paragraph = ("RIA quotes Denis Pushilin saying: \u201cWe know what it is to bear losses. "
                 "I can say with confidence that the guys showed courage.\u201d")
    start, end = split_sentences(paragraph)[1]
    assert who(paragraph[start:end], paragraph) == ("Donetsk People's Republic (Russian-installed)", "Denis Pushilin")


def test_entities_help_unknown_people():
    sentence = "Speaking on Monday, Olena Shuliak said the bill would pass."
    start = sentence.index("Olena")
    found = find_attribution(sentence, ents=[(start, start + len("Olena Shuliak"), "PERSON")])
    assert found is not None and found.person == "Olena Shuliak"


# --- The seeds ---------------------------------------------------------------------------------------
def _paragraph_with(path: Path, needle: str) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if needle in line:
            return line.strip().lstrip("•").strip()
    raise AssertionError(f"{needle!r} not in {path.name}")


def _sentence_with(paragraph: str, needle: str) -> str:
    for start, end in split_sentences(paragraph):
        if needle in paragraph[start:end]:
            return paragraph[start:end]
    raise AssertionError(needle)


def test_seed_makiivka_toll_comes_from_russias_defence_ministry(seeds):
    path = seeds / "liveblog-2023-01-04.txt"
    paragraph = _paragraph_with(path, "Moscow previously said 63 Russian soldiers were killed in the weekend strike on")
    for needle in ("killed 89 servicemen", "63 Russian soldiers"):
        assert who(_sentence_with(paragraph, needle), paragraph)[0] == "Russian Ministry of Defence", needle
    paragraph = _paragraph_with(path, "acknowledged that 89 servicemen died")
    assert who(_sentence_with(paragraph, "89 servicemen"), paragraph)[0] == "Russian Ministry of Defence"


def test_seed_kyiv_figures_come_from_klitschko(seeds):
    path = seeds / "liveupdates-2022-12-29.txt"
    for needle in ("40 percent of the capital", "shot down 16 Russian missiles"):
        paragraph = _paragraph_with(path, needle)
        assert who(_sentence_with(paragraph, needle), paragraph) == ("Kyiv city authorities", "Vitaliy Klitschko")


def test_seed_interceptions_come_from_ukraines_military(seeds):
    path = seeds / "liveupdates-2022-12-29.txt"
    ukrainian_military = {a.name for a in ACTORS.values() if a.country == "UA" and a.sector == "military"}
    needles = ("shot down 54 of the 69 Russia", "troops shot down 54 of 69", "shot down 54 of the 69 air")
    for needle in needles:
        paragraph = _paragraph_with(path, needle)
        organisation, _person = who(_sentence_with(paragraph, needle), paragraph)
        assert organisation in ukrainian_military, (needle, organisation)


def test_seed_ohchr_figures(seeds):
    path = seeds / "liveupdates-2022-12-29.txt"
    paragraph = _paragraph_with(path, "civilian deaths have been reported throughout Ukraine")
    for needle in ("6,884 civilian deaths", "10,847 civilian injuries"):
        assert who(_sentence_with(paragraph, needle), paragraph)[0] == "UN Human Rights Office (OHCHR / HRMMU)"


def test_seed_s300_over_belarus_comes_from_belarus_defence_ministry(seeds):
    path = seeds / "liveupdates-2022-12-29.txt"
    paragraph = _paragraph_with(path, "S-300")
    assert who(_sentence_with(paragraph, "S-300"), paragraph)[0] == "Belarusian Ministry of Defence"


def test_seed_budanov_is_a_person(seeds):
    path = seeds / "liveupdates-2022-12-29.txt"
    paragraph = _paragraph_with(path, "told the BBC")
    assert who(_sentence_with(paragraph, "told the BBC"), paragraph) == (
        "Defence Intelligence of Ukraine (GUR)", "Kyrylo Budanov")
    path = seeds / "liveblog-2023-01-04.txt"
    paragraph = _paragraph_with(path, "has told the US TV channel ABC")
    assert who(_sentence_with(paragraph, "ABC"), paragraph)[1] == "Kyrylo Budanov"
