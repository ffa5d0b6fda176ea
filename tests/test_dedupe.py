"""Repeat detection rules: what counts as the same paragraph, and what never does."""

from sitroom import dedupe

LONG = (
    "Russia's defence ministry said on Wednesday that a Ukrainian missile strike on a temporary barracks "
    "in Makiivka killed 89 servicemen, and blamed the soldiers' use of mobile phones."
)


class ListIndex:
    """A plain in-memory index, enough to exercise the rules without a database."""

    def __init__(self):
        self.items: list[tuple[int, str, dedupe.Fingerprint]] = []

    def add(self, text):
        self.items.append((len(self.items) + 1, text, dedupe.fingerprint(text)))

    def exact(self, scope, exact_hash):
        return next((i for i, _, fp in self.items if fp.exact == exact_hash), None)

    def candidates(self, scope, bands):
        wanted = set(bands)
        return [(i, text) for i, text, fp in self.items if wanted & set(fp.bands)]

    def root(self, scope, item_id):
        return item_id


def match(index, text):
    return dedupe.find_duplicate(index, "paragraph", text, dedupe.fingerprint(text), dedupe.PARAGRAPH_THRESHOLD)


def test_exact_copy_with_other_quotes_and_accents_matches():
    index = ListIndex()
    index.add(LONG)
    found = match(index, LONG.replace("'", "’").replace("Makiivka", "Makíivka"))
    assert found == dedupe.Match(1, 1.0)


def test_light_edit_matches():
    index = ListIndex()
    index.add(LONG)
    found = match(index, LONG.replace("said on Wednesday that", "said that") + " Reuters reports.")
    assert found is not None and found.item_id == 1 and 0.5 <= found.similarity < 1


def test_revised_figure_is_not_a_repeat():
    index = ListIndex()
    index.add(LONG)
    assert match(index, LONG.replace("89", "63")) is None


def test_other_place_or_day_is_not_a_repeat():
    base = (
        "Russian forces shelled the centre of Kherson on Tuesday morning, damaging a hospital and several homes, "
        "the regional governor said in a post on Telegram."
    )
    index = ListIndex()
    index.add(base)
    assert match(index, base.replace("Kherson", "Nikopol")) is None
    assert match(index, base.replace("Tuesday", "Wednesday")) is None
    assert match(index, base) is not None


def test_short_paragraphs_are_never_linked():
    index = ListIndex()
    index.add("Reuters reports:")
    assert match(index, "Reuters reports:") is None


def test_numbers_cover_digits_and_words():
    assert dedupe.numbers("54 of the 69 missiles, more than 70,000 people and seven drones") == frozenset(
        {"54", "69", "70000", "seven"}
    )
