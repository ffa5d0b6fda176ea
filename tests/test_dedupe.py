"""Repeat detection rules: what counts as the same paragraph, and what never does."""

from sitroom import dedupe

LONG = (
    "Russia's defence ministry said on Wednesday that a Ukrainian missile strike on a temporary barracks "
    "in Makiivka killed 89 servicemen, and blamed the soldiers' use of mobile phones."
)


class ListIndex:
    """A plain in-memory dedupe.Index, enough to exercise the rules without a database."""

    def __init__(self):
        self.items: dict[int, tuple[str, dedupe.Fingerprint]] = {}

    def add(self, text):
        self.items[len(self.items) + 1] = (text, dedupe.fingerprint(text))

    def exact_roots(self, scope, hashes):
        found = {}
        for item_id, (_, fp) in sorted(self.items.items()):
            if fp.exact in hashes:
                found.setdefault(fp.exact, item_id)
        return found

    def band_hits(self, scope, keys):
        hits = {}
        for item_id, (_, fp) in sorted(self.items.items()):
            for key in set(fp.bands) & set(keys):
                hits.setdefault(key, []).append(item_id)
        return hits

    def texts(self, scope, ids):
        return {item_id: (self.items[item_id][0], None) for item_id in ids}


def match(index, text):
    matches, _ = dedupe.link(index, "paragraph", [(1000, text)], dedupe.PARAGRAPH_THRESHOLD)
    return matches[0]


def test_batch_links_later_copies_to_the_first():
    text = LONG
    edited = LONG.replace("said on Wednesday that", "said that")
    other = LONG.replace("89", "63")
    matches, fps = dedupe.link(ListIndex(), "paragraph", [(1, text), (2, other), (3, edited), (4, text)], 0.5)
    assert matches[0] is None and matches[1] is None
    assert matches[2].item_id == 1 and matches[2].similarity < 1
    assert matches[3] == dedupe.Match(1, 1.0)
    assert len(fps) == 4 and all(len(fp.bands) == dedupe.BANDS for fp in fps)


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


def test_band_window_answers_as_a_plain_list_of_recent_items():
    """The store's LSH window (sorted runs, merges, evictions) finds exactly what a scan of the
    most recent items would, oldest first, also after reloading from packed rows."""
    import random

    from sitroom.store.bands import BandWindow, pack

    rng = random.Random(5)
    window = BandWindow(capacity=1500)  # forgets the oldest beyond 1,500 every 1,000 items
    model: list[tuple[int, tuple[int, ...]]] = []
    since, next_id = 0, 1
    for step in range(60):
        batch = []
        for _ in range(rng.randint(1, 120)):
            keys = tuple(rng.sample(range(-200, 200), 4)) if rng.random() > 0.1 else ()
            batch.append((next_id, keys))
            next_id += 1
        window.extend(batch)
        for item in batch:
            if item[1]:
                model.append(item)
                since += 1
                if since > 1000:
                    del model[:-1500]
                    since = 0
        if step == 40:  # as after a restart: the window reloads from stored rows
            window = BandWindow(capacity=1500)
            window.load([(item_id, pack(keys)) for item_id, keys in reversed(model)])
            model, since = model[-1500:], 0
        asked = {rng.randrange(-250, 250) for _ in range(60)}
        expected: dict[int, list[int]] = {}
        for item_id, keys in model:
            for key in keys:
                if key in asked:
                    expected.setdefault(key, []).append(item_id)
        assert window.hits(asked) == expected
        assert len(window) == len(model)


def test_band_array_is_the_stored_blob_and_links_as_the_tuple_does():
    """Store and index take Fingerprint.band_array whole; it must be the same keys as the
    tuple, pack to the same blob, and a fingerprint that has only the tuple must link alike."""
    from dataclasses import replace

    from sitroom.store.bands import pack

    texts = [LONG, LONG.replace("89", "89 of its"), "Too short to compare."]
    fps = dedupe.fingerprints(texts)
    for fp in fps:
        assert fp.band_array.tolist() == list(fp.bands)
        assert pack(fp.band_array) == pack(fp.bands)
    assert pack(fps[2].band_array) is None and fps[2].bands == ()
    index = ListIndex()
    index.add(LONG)
    items = list(enumerate(texts, start=100))
    tuples_only = [replace(fp, band_array=dedupe.Fingerprint(fp.exact, (), fp.shingle_hashes).band_array) for fp in fps]
    assert dedupe.link(index, "paragraph", items, 0.5, fps)[0] == dedupe.link(index, "paragraph", items, 0.5, tuples_only)[0]


def test_batch_normalisation_is_each_text_normalised_alone():
    """Texts beyond ASCII are normalised a batch at a time; the separator between them must not
    change what case folding or accent stripping does to any of them."""
    texts = [
        LONG,
        "Обстріл Харкова: ΟΔΥΣΣΕΥΣ and the final Σ",
        "Σ",
        "Café “Kyiv” — 5 km from Ірпінь…",
        "İstanbul talks, Zürich’s statement",
        "",
        "plain ascii text, nothing else",
        "e\u0301 combining accent on its own: \u0301",
        "🇺🇦 flag and emoji only",
    ]
    assert dedupe._normalised(texts) == [dedupe.normalise(text) for text in texts]
    assert dedupe._normalised(texts[1:2]) == [dedupe.normalise(texts[1])]
