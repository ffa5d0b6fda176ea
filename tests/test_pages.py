"""The web pages end to end: a real server over a store of the examples, driven in headless
Chromium.  Also the map's base layer (built from installed packages) on its own."""

from __future__ import annotations

import gzip
import json
import re
import sqlite3
import urllib.error
import urllib.request
from itertools import pairwise

import pytest

from sitroom.serve import boundaries

from .browser import build_store, launch, require_browser, sitroom, start_server

# --- the base layer, without a browser -------------------------------------------------------

CAPITALS = {  # (lon, lat) of each oblast's centre city, which its outline must hold
    "Kyiv": (30.523, 50.450), "Lviv Oblast": (24.030, 49.840), "Kherson Oblast": (32.617, 46.636),
    "Sevastopol": (33.522, 44.600), "Donetsk Oblast": (37.805, 48.015), "Luhansk Oblast": (39.307, 48.574),
    "Autonomous Republic of Crimea": (34.102, 44.952), "Odesa Oblast": (30.733, 46.482),
    "Zakarpattia Oblast": (22.288, 48.621), "Chernihiv Oblast": (31.289, 51.494), "Kharkiv Oblast": (36.231, 49.994),
    "Zaporizhzhia Oblast": (35.139, 47.838), "Sumy Oblast": (34.798, 50.907), "Volyn Oblast": (25.325, 50.747),
    "Mykolaiv Oblast": (31.995, 46.975), "Poltava Oblast": (34.551, 49.589), "Vinnytsia Oblast": (28.468, 49.233),
    "Chernivtsi Oblast": (25.936, 48.292), "Rivne Oblast": (26.251, 50.619), "Zhytomyr Oblast": (28.658, 50.254),
    "Dnipropetrovsk Oblast": (35.046, 48.465), "Kirovohrad Oblast": (32.262, 48.508), "Cherkasy Oblast": (32.062, 49.444),
    "Ternopil Oblast": (25.594, 49.553), "Khmelnytskyi Oblast": (26.987, 49.422),
    "Ivano-Frankivsk Oblast": (24.711, 48.922), "Kyiv Oblast": (30.30, 50.80),
}


def _inside(point: tuple[float, float], polygon: list[list[list[float]]]) -> bool:
    x, y = point
    crossings = 0
    for ring in polygon:
        for (x1, y1), (x2, y2) in pairwise(ring):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


@pytest.fixture(scope="module")
def layer() -> dict:
    data, zipped, _etag = boundaries.geojson_bytes()
    assert gzip.decompress(zipped) == data
    collection = json.loads(data)
    if collection.get("error"):
        pytest.fail(collection["error"])
    return collection


def test_base_layer_is_small_and_has_every_kind(layer):
    data, _zipped, _etag = boundaries.geojson_bytes()
    assert len(data) < 1_500_000
    kinds = {}
    for feature in layer["features"]:
        kinds.setdefault(feature["properties"]["kind"], []).append(feature)
    assert set(kinds) == {"land", "lake", "border", "oblast", "label"}
    assert len(kinds["oblast"]) == 27  # 24 oblasts, Crimea, Kyiv, Sevastopol
    assert len(kinds["border"][0]["geometry"]["coordinates"]) > 50
    west, south, east, north = layer["bbox"]
    assert west <= 14 and east >= 45 and south <= 40 and north >= 60  # Europe and the Black Sea


def test_each_oblast_holds_its_centre_city(layer):
    oblasts = {f["properties"]["name"]: f for f in layer["features"] if f["properties"]["kind"] == "oblast"}
    assert set(oblasts) == set(CAPITALS)
    for name, point in CAPITALS.items():
        polygons = oblasts[name]["geometry"]["coordinates"]
        assert any(_inside(point, polygon) for polygon in polygons), f"{name} does not hold {point}"
    # and a neighbour's city is outside: Kharkiv is not in Donetsk Oblast
    assert not any(_inside(CAPITALS["Kharkiv Oblast"], p) for p in oblasts["Donetsk Oblast"]["geometry"]["coordinates"])


def test_douglas_peucker_and_clipping():
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 1.0)]
    assert boundaries.simplify(line, 0.01) == [(0.0, 0.0), (2.0, 0.0), (3.0, 1.0)]
    square = [(-1.0, -1.0), (3.0, -1.0), (3.0, 3.0), (-1.0, 3.0), (-1.0, -1.0)]
    clipped = boundaries.clip_ring(square, (0.0, 0.0, 2.0, 2.0))
    assert sorted(set(clipped)) == [(0.0, 0.0), (0.0, 2.0), (2.0, 0.0), (2.0, 2.0)]
    assert boundaries.svg_path_rings("m10 10l5 0 0 5h-5z M1 1 V3") == [
        [(10.0, 10.0), (15.0, 10.0), (15.0, 15.0), (10.0, 15.0)], [(1.0, 1.0), (1.0, 3.0)]]


# --- the pages in a browser ------------------------------------------------------------------


HOSTILE = ("Shelling hit Kharkiv overnight, the regional governor said. "
           '<img src=x onerror="window.hit=1"> <script>window.hit=2</script> & "quotes" stay text.\n')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    db = build_store(folder)
    hostile = folder / "hostile-2023-01-05.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    for step in (("ingest", str(hostile)), ("extract",)):
        assert sitroom(*step, db=db).returncode == 0
    server = start_server(db)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(request, tmp_path_factory):
    api = require_browser()  # before the store is built: skip at once without a browser
    site = request.getfixturevalue("site")
    manager, opened = launch(api, tmp_path_factory.mktemp("chromium-profile"), site.url)
    yield opened
    opened.context.close()
    manager.stop()


def api_status(site, path: str) -> int:
    try:
        with urllib.request.urlopen(site.url + path, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def open_map(browser):
    page = browser.page()
    page.goto(browser.base_url + "/")
    page.wait_for_selector("#map[data-ready=true][data-base=ready]", timeout=30_000)
    return page


def shown(page) -> int:
    """Markers that pass the filters, drawn alone or counted in a bubble."""
    return page.locator("#map circle.marker:not(.filtered)").count()


def clusters(page) -> list[int]:
    """The counts on the bubbles drawn."""
    return [int(n) for n in page.eval_on_selector_all("#map g.cluster", "nodes => nodes.map(n => n.dataset.count)")]


def alone(page) -> int:
    """Markers drawn on their own (not in a bubble)."""
    return page.locator("#map circle.marker:not(.filtered):not(.clustered)").count()


def click_marker_in_view(page):
    """Click the smallest marker drawn on its own inside the map's box (the top one where they overlap)."""
    marker_id = page.evaluate("""() => {
      const box = document.getElementById("map").getBoundingClientRect();
      const found = [...document.querySelectorAll("#map circle.marker:not(.filtered):not(.clustered)")].filter((c) => {
        const r = c.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
        return x > box.left + 60 && x < box.right - 20 && y > box.top + 20 && y < box.bottom - 30;
      });
      return found.length ? found[found.length - 1].dataset.id : null;
    }""")
    assert marker_id is not None, "no marker on its own in view"
    page.locator(f'#map circle.marker[data-id="{marker_id}"]').click()


def test_map_draws_base_layer_and_markers_offline(browser):
    page = open_map(browser)
    assert page.locator("#map path.shape-oblast").count() == 27
    assert page.locator("#map path.shape-land").count() == 1
    assert page.locator("#map path.shape-border").count() == 1
    markers = page.locator("#map circle.marker")
    assert markers.count() > 0
    assert shown(page) == markers.count()
    # crowded markers are drawn as numbered bubbles; every marker is alone or in exactly one
    assert clusters(page) and all(n >= 2 for n in clusters(page))
    assert sum(clusters(page)) + alone(page) == shown(page)
    assert "Showing" in page.locator("#map-status").inner_text()
    # nothing was asked of any host but the test server, and nothing failed
    assert browser.outside == []
    assert browser.errors(page) == []
    browser.shot(page, "map")
    page.close()


def test_map_pans_and_zooms_with_mouse_and_keys(browser):
    page = open_map(browser)
    world = page.locator("#map g.world")

    def view() -> tuple[float, float, float]:
        tx, ty, scale = map(float, re.findall(r"-?[\d.]+", world.get_attribute("transform")))
        return tx, ty, scale

    _, _, scale = view()
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -400)
    assert view()[2] > scale * 1.5
    tx, ty, scale = view()
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 120, box["y"] + box["height"] / 2 + 60, steps=6)
    page.mouse.up()
    moved = view()
    assert moved[0] == pytest.approx(tx + 120, abs=1) and moved[1] == pytest.approx(ty + 60, abs=1) and moved[2] == scale
    page.locator("#map").focus()
    page.keyboard.press("-")
    assert view()[2] == pytest.approx(scale / 2)
    page.keyboard.press("ArrowLeft")
    assert view()[0] > moved[0]
    # oblast names appear only close in
    page.locator("#map").focus()
    for _ in range(3):
        page.keyboard.press("+")
    assert page.locator("#map text.label-oblast:not(.off)").count() > 0
    page.close()


def test_date_slider_narrows_the_markers(browser):
    page = open_map(browser)
    before = shown(page)
    days = int(page.locator("#date-from").get_attribute("max"))
    assert days > 0, "the examples span several days"
    page.locator("#date-from").fill(str(days))  # only the last day
    after = shown(page)
    assert 0 < after < before
    assert page.locator("#date-from-out").inner_text() == page.locator("#date-to-out").inner_text()
    # the range cannot cross: moving "to" below "from" drags "from" along
    page.locator("#date-to").fill("0")
    assert page.locator("#date-from").input_value() == "0"
    browser.shot(page, "map-one-day")
    page.close()


def test_type_checkbox_hides_that_type(browser):
    page = open_map(browser)
    before = shown(page)
    first = page.locator("#type-filters input[type=checkbox]").first
    kind = first.get_attribute("data-type")
    of_kind = page.locator(f'#map circle.marker[data-type="{kind}"]').count()
    assert of_kind > 0
    first.uncheck()
    assert page.locator(f'#map circle.marker[data-type="{kind}"]:not(.filtered)').count() == 0
    assert shown(page) == before - of_kind
    first.check()
    assert shown(page) == before
    page.close()


def test_date_range_is_one_slider_with_two_handles(browser):
    page = open_map(browser)
    before = shown(page)
    start, end = page.locator("#date-from"), page.locator("#date-to")
    last = int(end.get_attribute("max"))
    # both handles lie on one track, each with its own name and its value read out as a date
    a, b = start.bounding_box(), end.bounding_box()
    assert (a["x"], a["width"]) == (b["x"], b["width"]) and abs(a["y"] - b["y"]) < 1
    assert start.get_attribute("aria-label") == "From date" and end.get_attribute("aria-label") == "To date"
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", end.get_attribute("aria-valuetext"))
    assert page.locator("#date-range").get_attribute("role") == "group"
    # the keyboard moves a handle: End takes "from" to the last day, Home back
    start.focus()
    page.keyboard.press("End")
    assert start.input_value() == str(last) and 0 < shown(page) < before
    assert start.get_attribute("aria-valuetext") == end.get_attribute("aria-valuetext")
    assert page.locator("#date-histogram rect.out").count() > 0
    page.keyboard.press("Home")
    assert start.input_value() == "0" and shown(page) == before
    end.focus()
    page.keyboard.press("PageDown")
    assert end.input_value() == str(max(0, last - 7))
    page.keyboard.press("End")
    # the pointer drags a handle along the track, and the span between the handles is filled
    track = page.locator("#date-slider .range-track").bounding_box()
    y = b["y"] + b["height"] / 2
    page.mouse.move(track["x"] + track["width"], y)
    page.mouse.down()
    page.mouse.move(track["x"] + track["width"] * 0.5, y, steps=8)
    page.mouse.up()
    moved = int(end.input_value())
    assert abs(moved - last / 2) <= max(2, last * 0.05), (moved, last)
    assert start.input_value() == "0" and shown(page) <= before
    fill = page.locator("#date-fill").bounding_box()
    assert abs(fill["x"] + fill["width"] - (track["x"] + track["width"] * moved / last)) < 3
    # a press on the track moves the nearer handle there
    page.mouse.click(track["x"] + track["width"] * 0.1, y)
    assert 0 < int(start.input_value()) <= last * 0.15 and int(end.input_value()) == moved
    browser.shot(page, "map-date-range")
    page.close()


def test_crowded_markers_form_bubbles_that_open_on_click_and_zoom(browser):
    page = open_map(browser)
    world = page.locator("#map g.world")

    def scale() -> float:
        return float(re.findall(r"-?[\d.]+", world.get_attribute("transform"))[2])

    before_alone = alone(page)
    browser.shot(page, "map-clusters")
    # zooming in parts markers that were only near each other
    page.locator("#map").focus()
    for _ in range(4):
        page.keyboard.press("+")
    assert alone(page) > before_alone
    assert sum(clusters(page)) + alone(page) == shown(page)
    page.locator("#map .mapcontrols .fit").click()
    assert alone(page) == before_alone
    # a click on the biggest bubble zooms in until its markers part, or opens them out when they
    # share one point (the examples report ten incidents "in Kyiv")
    for _ in range(12):
        if page.locator("#map").get_attribute("data-spread"):
            break
        counts = clusters(page)
        zoom = scale()
        page.locator(f'#map g.cluster[data-count="{max(counts)}"]').first.click()
        assert page.locator("#map").get_attribute("data-spread") or scale() > zoom
    opened = int(page.locator("#map").get_attribute("data-spread"))
    assert opened >= 10
    assert page.locator("#map circle.marker.spread").count() == opened
    assert page.locator("#map g.spider line.leg").count() == opened
    browser.shot(page, "map-spread")
    # a marker opened out of a bubble shows its own popup; Escape closes it, then the bubble
    page.locator("#map circle.marker.spread").first.click()
    assert page.locator("#map .popup .popup-item").count() == 1
    page.keyboard.press("Escape")
    assert page.locator("#map .popup").count() == 0 and page.locator("#map circle.marker.spread").count() == opened
    page.locator("#map").focus()
    page.keyboard.press("Escape")
    assert page.locator("#map circle.marker.spread").count() == 0 and page.locator("#map g.spider line").count() == 0
    assert browser.errors(page) == []
    page.close()


def test_bubbles_and_markers_work_from_the_keyboard(browser):
    page = open_map(browser)

    def focused(selector: str) -> bool:
        return page.evaluate(f"() => document.activeElement && document.activeElement.matches({selector!r})")

    # every bubble and marker drawn is a named button in the tab order
    assert page.locator("#map g.cluster:not([tabindex='0'])").count() == 0
    assert page.locator("#map g.cluster[role=button][aria-label]").count() == len(clusters(page))
    assert page.locator("#map circle.marker[role=button][aria-label][tabindex='0']").count() == shown(page)
    # Enter on the biggest bubble zooms in or opens it, as a click does, and keeps the keyboard in the map
    for _ in range(12):
        if page.locator("#map").get_attribute("data-spread"):
            break
        page.locator(f'#map g.cluster[data-count="{max(clusters(page))}"]').first.focus()
        page.keyboard.press("Enter")
    opened = int(page.locator("#map").get_attribute("data-spread"))
    assert opened >= 10 and focused("#map circle.marker.spread")
    # Enter on a marker opens its popup; Escape closes it and gives the focus back to the marker
    page.keyboard.press("Enter")
    assert page.locator("#map .popup .popup-item").count() == 1
    page.keyboard.press("Escape")
    assert page.locator("#map .popup").count() == 0 and focused("#map circle.marker.spread")
    page.keyboard.press("Tab")
    assert focused("#map circle.marker, #map g.cluster")  # Tab goes on to the next marker or bubble
    assert browser.errors(page) == []
    page.close()


def test_map_page_offers_the_coded_tables(browser):
    page = open_map(browser)
    for layout, first_column in (("acled", "event_id_cnty"), ("ucdp", "id")):
        link = page.locator(f"#export-{layout}")
        assert link.get_attribute("href") == f"/api/export/{layout}"
        with page.expect_download() as download:
            link.click()
        text = open(download.value.path(), encoding="utf-8").read()
        assert download.value.suggested_filename == f"sitroom-{layout}.csv"
        assert text.split(",", 1)[0] == first_column and len(text.splitlines()) > 1
    page.close()


def test_bubbles_count_only_what_the_filters_let_through(browser):
    page = open_map(browser)
    first = page.locator("#type-filters input[type=checkbox]").first
    first.uncheck()
    assert sum(clusters(page)) + alone(page) == shown(page)
    page.locator("#types-none").click()
    assert clusters(page) == [] and alone(page) == 0
    page.locator("#types-all").click()
    assert clusters(page) and sum(clusters(page)) + alone(page) == shown(page)
    page.locator("#date-from").fill(page.locator("#date-from").get_attribute("max"))
    assert sum(clusters(page)) + alone(page) == shown(page)
    page.close()


def test_marker_popup_says_what_where_when_and_links(browser):
    page = open_map(browser)
    click_marker_in_view(page)
    popup = page.locator("#map .popup")
    popup.wait_for()
    text = popup.inner_text().lower()
    assert "when" in text and "where" in text
    link = popup.locator("a").first
    href = link.get_attribute("href")
    assert href.startswith(("/incidents/", "/entries/"))
    browser.shot(page, "map-popup")
    page.keyboard.press("Escape")
    assert page.locator("#map .popup").count() == 0
    page.close()


def test_search_marks_matches_and_links_to_entries(browser):
    page = browser.page()
    page.goto(browser.base_url + "/search?q=Makiivka")
    page.wait_for_selector("#results li")
    first = page.locator("#results li").first
    assert "makiivka" in first.locator("mark").first.inner_text().lower()
    href = first.locator("a").first.get_attribute("href")
    assert href.startswith("/entries/")
    assert "result" in page.locator("#search-status").inner_text()
    assert browser.errors(page) == []
    browser.shot(page, "search")
    page.close()


def test_search_shows_hostile_text_as_text(browser):
    page = browser.page()
    page.goto(browser.base_url + "/search?q=" + urllib.request.quote('<img src=x onerror="window.hit=1">'))
    page.wait_for_selector("#search-status:not(:empty)")
    assert page.locator("#q").input_value() == '<img src=x onerror="window.hit=1">'
    assert page.locator("main img").count() == 0
    assert page.evaluate("window.hit === undefined")
    page.close()


def test_entry_page_marks_mentions_and_lists_events(browser, site):
    page = browser.page()
    page.goto(browser.base_url + "/search?q=Makiivka")
    page.wait_for_selector("#results li a")
    page.locator("#results li a").first.click()
    page.wait_for_selector("#entry-text .mention")
    kinds = set(page.eval_on_selector_all("#entry-text .mention", "nodes => nodes.map(n => n.dataset.kind)"))
    assert "place" in kinds and len(kinds) >= 2
    # the marked spans are exactly the entry's text: nothing added, nothing lost
    entry_id = page.locator("#entry").get_attribute("data-entry-id")
    with urllib.request.urlopen(f"{site.url}/api/entries/{entry_id}", timeout=30) as response:
        record = json.load(response)
    assert page.locator("#entry-text").inner_text().strip() == record["text"].strip()
    assert page.locator("#entry-events li.event").count() == len(record["events"])
    # a kind can be switched off
    page.locator("#mention-kinds input[value=place]").uncheck()
    assert "hide-place" in page.locator("#entry-text").get_attribute("class")
    page.locator("#mention-kinds input[value=place]").check()
    assert browser.errors(page) == []
    browser.shot(page, "entry")
    page.close()


def test_unknown_entry_and_bad_day_are_html_404s(browser):
    page = browser.page()
    response = page.goto(browser.base_url + "/entries/abc")
    assert response.status == 404 and "whole numbers" in page.locator("main").inner_text()
    response = page.goto(browser.base_url + "/day/2023-13-45")
    assert response.status == 404 and "YYYY-MM-DD" in page.locator("main").inner_text()
    page.goto(browser.base_url + "/entries/999999")
    page.wait_for_selector("#entry-text .notice")
    assert "no entry" in page.locator("#entry-text").inner_text()
    page.close()


def test_day_page_shows_brief_with_citations_and_timeline(browser, site):
    if api_status(site, "/api/brief/2022-12-31") == 404:
        pytest.skip("/api/brief answers 404: the brief endpoint is not on this server yet")
    page = browser.page()
    page.goto(browser.base_url + "/day/2022-12-31")
    page.wait_for_selector("#brief:not([aria-busy])")
    page.wait_for_selector("#timeline:not([aria-busy])")
    assert page.locator("#brief ol.brief li").count() > 0
    assert page.locator("#brief a[href^='/entries/']").count() > 0
    assert page.locator("#timeline li").count() > 0
    assert page.locator("a[rel=prev]").get_attribute("href") == "/day/2022-12-30"
    assert page.locator("a[rel=next]").get_attribute("href") == "/day/2023-01-01"
    assert browser.errors(page) == []
    browser.shot(page, "day")
    # a day with nothing stored says which days the coverage spans
    page.goto(browser.base_url + "/day/2021-06-01")
    page.wait_for_selector("#brief .notice a")
    assert page.locator("#brief .notice a").first.get_attribute("href").startswith("/day/2022-")
    page.close()


def test_incident_page_charts_claims_over_time(browser, site):
    if api_status(site, "/api/incidents?limit=1") == 404:
        pytest.skip("/api/incidents answers 404: the incidents endpoints are not on this server yet")
    with urllib.request.urlopen(f"{site.url}/api/incidents?place=Makiivka&limit=50", timeout=30) as response:
        items = json.load(response)["items"]
    assert items, "the examples report the strike on Makiivka"
    incident = max(items, key=lambda i: (i.get("killed") or 0))
    page = browser.page()
    page.goto(f"{browser.base_url}/incidents/{incident['id']}")
    page.wait_for_selector("#incident-body:not([aria-busy])")
    page.wait_for_selector("#claims svg, #claims .status")
    assert "Makiivka" in page.locator("main").inner_text()
    if incident.get("killed"):
        chart = page.locator("#claims figure").first
        assert chart.locator("path.series").count() >= 1
        assert chart.locator("circle.pt").count() >= 2  # at least two reports of the toll
    assert page.locator("#incident-events li.event").count() >= 1
    assert browser.errors(page) == []
    browser.shot(page, "incident")
    page.close()


def test_merged_incident_page_moves_to_the_one_that_holds_it(browser, site):
    """An incident id a user bookmarked before a merge still leads somewhere: the page follows the
    API's redirect, shows the surviving incident under its own address, and says what happened."""
    if api_status(site, "/api/incidents?limit=1") == 404:
        pytest.skip("/api/incidents answers 404: the incidents endpoints are not on this server yet")
    with urllib.request.urlopen(f"{site.url}/api/incidents?place=Makiivka&limit=1", timeout=30) as response:
        (survivor,) = json.load(response)["items"]
    with sqlite3.connect(site.db) as db:  # what the linker records when it merges an incident away
        gone = db.execute("SELECT MAX(id) + 1000 FROM incidents").fetchone()[0]
        db.execute("INSERT INTO incident_merges (incident_id, merged_into) VALUES (?, ?)", (gone, survivor["id"]))
    try:
        assert api_status(site, f"/api/incidents/{gone}") == 200  # urllib followed the 301
        page = browser.page()
        page.goto(f"{browser.base_url}/incidents/{gone}")
        page.wait_for_selector("#incident-body:not([aria-busy])")
        notice = page.locator("p.notice[role=status]")
        assert notice.inner_text() == f"Incident {gone} was merged into incident {survivor['id']}: the same happening."
        assert page.url.endswith(f"/incidents/{survivor['id']}")
        assert page.locator("#incident-kicker").text_content() == f"Incident {survivor['id']}"
        assert "Makiivka" in page.locator("main").inner_text()
        assert browser.errors(page) == []
        page.close()
    finally:
        with sqlite3.connect(site.db) as db:
            db.execute("DELETE FROM incident_merges WHERE incident_id = ?", (gone,))


def test_map_can_show_every_event(browser, site):
    with urllib.request.urlopen(f"{site.url}/api/events?format=geojson&limit=1000", timeout=30) as response:
        placed = len(json.load(response)["features"])
    page = open_map(browser)
    page.locator("input[name=source][value=events]").check()
    page.wait_for_selector("#map[data-ready=true][data-source=events]")
    assert page.locator("#map circle.marker").count() == placed
    assert "events" in page.locator("#map-status").inner_text()
    assert sum(clusters(page)) + alone(page) == placed
    click_marker_in_view(page)
    popup_link = page.locator("#map .popup a").first.get_attribute("href")
    assert popup_link.startswith("/entries/") and "#event-" in popup_link
    page.close()


def test_tile_server_is_used_under_the_borders_when_configured(browser, site, monkeypatch):
    # The page reads $SITROOM_TILE_URL per request; the server runs in this process.
    monkeypatch.setenv("SITROOM_TILE_URL", site.url + "/tiles/{z}/{x}/{y}.png")
    page = browser.page()
    response = page.goto(browser.base_url + "/")
    assert site.url in response.headers["content-security-policy"]
    page.wait_for_selector("#map[data-ready=true][data-base=ready]")
    images = page.locator("#map g.tiles image")
    assert images.count() > 0
    assert images.first.get_attribute("href").startswith(site.url + "/tiles/")
    assert "has-tiles" in page.locator("#map").get_attribute("class")
    assert page.locator("#map path.shape-land").evaluate("node => getComputedStyle(node).display") == "none"
    assert page.locator("#map path.shape-border").count() == 1
    page.close()


def test_base_layer_is_served_gzipped_and_cached(site):
    request = urllib.request.Request(site.url + "/api/boundaries.geojson", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.headers["Content-Type"].startswith("application/geo+json")
        etag = response.headers["ETag"]
        collection = json.loads(gzip.decompress(response.read()))
    assert any(f["properties"]["kind"] == "oblast" for f in collection["features"])
    request = urllib.request.Request(site.url + "/api/boundaries.geojson", headers={"If-None-Match": etag})
    try:
        urllib.request.urlopen(request, timeout=30)
        raise AssertionError("expected 304 Not Modified")
    except urllib.error.HTTPError as error:
        assert error.code == 304


def test_text_from_the_store_is_never_markup(browser):
    page = browser.page()
    page.goto(browser.base_url + "/search?q=onerror")
    page.wait_for_selector("#results li")
    hit = page.locator("#results li").first
    assert "<img src=x" in hit.inner_text()
    assert page.locator("main img, main script").count() == 0
    hit.locator("a").first.click()
    page.wait_for_selector("#entry-text:not([aria-busy])")
    text = page.locator("#entry-text").inner_text()
    assert '<script>window.hit=2</script> & "quotes" stay text.' in text
    assert page.locator("#entry-text img, #entry-text script").count() == 0
    assert page.evaluate("window.hit === undefined")
    page.close()


def test_map_falls_back_to_events_without_incidents(browser):
    page = browser.page()
    missing = {"error": {"status": 404, "message": "no such endpoint: /api/incidents"}}
    page.route("**/api/incidents?**", lambda route: route.fulfill(status=404, json=missing))  # an older server
    page.goto(browser.base_url + "/")
    page.wait_for_selector("#map[data-ready=true][data-base=ready]")
    assert page.locator("#map").get_attribute("data-source") == "events"
    assert page.locator("#map circle.marker").count() > 0
    assert "incidents are not available" in page.locator("#map-status").inner_text()
    assert page.locator("input[name=source][value=incidents]").is_disabled()
    page.close()
