"""The database schema as an ordered list of migrations; `PRAGMA user_version` records how many
have run, so an older store is brought forward on open and a newer one is refused."""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: documents, their ingested versions, entries, paragraphs, full-text index.
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,           -- URL, else title|date|format: what follows a page across copies
        format TEXT NOT NULL,
        title TEXT,
        url TEXT,
        source TEXT,
        standfirst TEXT,
        published_at TEXT,
        updated_at TEXT,
        language TEXT,
        path TEXT,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
    );
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        content_hash TEXT NOT NULL,          -- of the file the copy came from
        path TEXT,
        ingested_at TEXT NOT NULL,
        entries_added INTEGER NOT NULL DEFAULT 0,
        entries_revised INTEGER NOT NULL DEFAULT 0,
        entries_unchanged INTEGER NOT NULL DEFAULT 0,
        entries_absent INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX versions_hash ON versions(content_hash);
    CREATE INDEX versions_document ON versions(document_id);
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        seq INTEGER NOT NULL,                -- chronological position within the document
        kind TEXT NOT NULL CHECK (kind IN ('key_points', 'summary', 'update', 'article')),
        headline TEXT,
        text TEXT NOT NULL,                  -- analysed paragraphs only
        posted_at TEXT,
        updated_at TEXT,
        key_event INTEGER NOT NULL DEFAULT 0,
        native_id TEXT,
        content_hash TEXT NOT NULL,          -- of headline and every paragraph: tells an edit
        exact_hash TEXT NOT NULL,            -- of the normalised analysed text: finds repeats
        bands BLOB,                          -- MinHash LSH band keys (int64s): finds near repeats
        duplicate_of INTEGER REFERENCES entries(id),
        similarity REAL,
        revises INTEGER REFERENCES entries(id),
        superseded_by INTEGER REFERENCES entries(id),
        added_in INTEGER NOT NULL REFERENCES versions(id),
        absent_since INTEGER REFERENCES versions(id)
    );
    CREATE INDEX entries_document ON entries(document_id, seq);
    CREATE INDEX entries_hash ON entries(document_id, content_hash);
    CREATE INDEX entries_duplicate ON entries(duplicate_of);
    CREATE INDEX entries_exact ON entries(exact_hash);
    CREATE TABLE paragraphs (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        entry_id INTEGER REFERENCES entries(id),   -- NULL for page furniture kept with the document
        position INTEGER NOT NULL,
        role TEXT NOT NULL,
        bullet INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL,
        exact_hash TEXT,
        bands BLOB,
        duplicate_of INTEGER REFERENCES paragraphs(id),
        similarity REAL
    );
    CREATE INDEX paragraphs_entry ON paragraphs(entry_id, position);
    CREATE INDEX paragraphs_document ON paragraphs(document_id);
    CREATE INDEX paragraphs_exact ON paragraphs(exact_hash);
    CREATE INDEX paragraphs_duplicate ON paragraphs(duplicate_of);
    CREATE VIRTUAL TABLE entries_fts USING fts5(
        headline, text, content='entries', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
        INSERT INTO entries_fts(rowid, headline, text) VALUES (new.id, new.headline, new.text);
    END;
    CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
        INSERT INTO entries_fts(entries_fts, rowid, headline, text) VALUES ('delete', old.id, old.headline, old.text);
    END;
    CREATE TRIGGER entries_fts_update AFTER UPDATE OF headline, text ON entries BEGIN
        INSERT INTO entries_fts(entries_fts, rowid, headline, text) VALUES ('delete', old.id, old.headline, old.text);
        INSERT INTO entries_fts(rowid, headline, text) VALUES (new.id, new.headline, new.text);
    END;
    """,
    # 2: what extraction found: events with their figures and actors, every mention in an entry,
    # and which entries were extracted by which version of the rules.
    """
    CREATE TABLE extractions (
        entry_id INTEGER PRIMARY KEY REFERENCES entries(id),
        version INTEGER NOT NULL,            -- sitroom.extract.pipeline.VERSION when it ran
        extracted_at TEXT NOT NULL,
        events INTEGER NOT NULL
    );
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entries(id),
        document_id INTEGER NOT NULL REFERENCES documents(id),
        position INTEGER NOT NULL,           -- order within the entry
        type TEXT NOT NULL,                  -- sitroom.extract.types
        subtype TEXT NOT NULL,
        date TEXT,                           -- first day it happened (ISO), resolved against the entry's time
        date_end TEXT,
        date_text TEXT,                      -- the words that gave the date
        place_name TEXT,
        place_text TEXT,                     -- as written
        lat REAL,
        lon REAL,
        admin1 TEXT,
        country TEXT,
        precision TEXT,
        geonameid INTEGER,
        weapon TEXT,
        organisation TEXT,                   -- who says so
        person TEXT,
        attribution_text TEXT,
        certainty TEXT NOT NULL,
        evidence TEXT NOT NULL,              -- the sentence it rests on
        start INTEGER,                       -- offsets of the evidence in entries.text (NULL: from the headline)
        end INTEGER
    );
    CREATE INDEX events_entry ON events(entry_id, position);
    CREATE INDEX events_document ON events(document_id);
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_type ON events(type, subtype);
    CREATE INDEX events_place ON events(place_name);
    CREATE TABLE figures (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        measure TEXT NOT NULL,
        value REAL,
        low REAL,
        high REAL,
        "group" TEXT,
        item TEXT,
        unit TEXT,
        previous REAL,
        text TEXT
    );
    CREATE INDEX figures_event ON figures(event_id);
    CREATE INDEX figures_measure ON figures(measure);
    CREATE TABLE event_actors (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        actor TEXT NOT NULL,                 -- canonical id from sitroom.extract.actors
        name TEXT NOT NULL,
        country TEXT,
        sector TEXT,
        role TEXT,                           -- actor | target | NULL
        text TEXT
    );
    CREATE INDEX event_actors_event ON event_actors(event_id);
    CREATE INDEX event_actors_actor ON event_actors(actor);
    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entries(id),
        kind TEXT NOT NULL,                  -- place | actor | figure | weapon | date | attribution
        start INTEGER NOT NULL,              -- offsets in entries.text
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        value TEXT                           -- JSON: the resolved value
    );
    CREATE INDEX mentions_entry ON mentions(entry_id, start);
    """,
    # 3: incidents: events linked across entries and sources, the claims their figures make, and
    # which events are still to link.  Deleting an event (re-extraction) marks its incident for
    # recomputing and drops its link and claims, so the next link run repairs what changed.
    """
    CREATE TABLE incidents (
        id INTEGER PRIMARY KEY,
        family TEXT NOT NULL,                -- sitroom.extract.types.incident_family
        type TEXT NOT NULL,
        subtype TEXT NOT NULL,
        title TEXT NOT NULL,
        place_name TEXT,
        lat REAL,
        lon REAL,
        admin1 TEXT,
        country TEXT,
        precision TEXT,
        geonameid INTEGER,
        date_start TEXT,
        date_end TEXT,
        first_reported TEXT,
        last_reported TEXT,
        events INTEGER NOT NULL DEFAULT 0,
        documents INTEGER NOT NULL DEFAULT 0,
        sources INTEGER NOT NULL DEFAULT 0,
        killed REAL,
        injured REAL,
        terms TEXT NOT NULL DEFAULT '',      -- content words of its evidence, to match later reports
        dirty INTEGER NOT NULL DEFAULT 0     -- 1: an event left it; recompute before use
    );
    CREATE INDEX incidents_family ON incidents(family, date_end);
    CREATE INDEX incidents_start ON incidents(date_start);
    CREATE INDEX incidents_place ON incidents(place_name);
    CREATE TABLE incident_events (
        event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        incident_id INTEGER NOT NULL REFERENCES incidents(id),
        reported_at TEXT,                    -- when the entry holding the event was posted
        score REAL                           -- how well it matched (NULL: it started the incident)
    );
    CREATE INDEX incident_events_incident ON incident_events(incident_id);
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id),
        event_id INTEGER NOT NULL,
        entry_id INTEGER NOT NULL,
        document_id INTEGER NOT NULL,
        measure TEXT NOT NULL,
        "group" TEXT,
        value REAL,
        low REAL,
        high REAL,
        scope TEXT NOT NULL,
        source TEXT NOT NULL,
        side TEXT,
        reported_at TEXT,
        seq INTEGER NOT NULL,                -- order within its series
        current INTEGER NOT NULL,            -- 1: the latest from this source
        previous REAL,                       -- the value it revises (same source, earlier)
        text TEXT
    );
    CREATE INDEX claims_incident ON claims(incident_id, measure);
    CREATE TRIGGER events_unlink BEFORE DELETE ON events BEGIN
        UPDATE incidents SET dirty = 1
            WHERE id = (SELECT incident_id FROM incident_events WHERE event_id = old.id);
        DELETE FROM claims WHERE event_id = old.id;
    END;
    """,
    # 4: indexes for the API's pages: events in list order, and the current entries of a document.
    """
    CREATE INDEX events_order ON events(date IS NULL, date, id);
    CREATE INDEX entries_current ON entries(document_id, seq) WHERE superseded_by IS NULL;
    """,
    # 5: ingest speed.  New entries reach the full-text index from Store.insert_entries, one
    # statement per document, instead of from a trigger row by row: FTS5 indexes the same rows
    # in about half the time that way (the update and delete triggers stay).  Most entries and
    # paragraphs repeat nothing, so the duplicate_of indexes leave out the NULLs: every lookup
    # by duplicate_of names a value, and each insert no longer touches the index.
    """
    DROP TRIGGER entries_fts_insert;
    DROP INDEX entries_duplicate;
    CREATE INDEX entries_duplicate ON entries(duplicate_of) WHERE duplicate_of IS NOT NULL;
    DROP INDEX paragraphs_duplicate;
    CREATE INDEX paragraphs_duplicate ON paragraphs(duplicate_of) WHERE duplicate_of IS NOT NULL;
    """,
    # 6: an incident found to be another's happening keeps its id working: links to it, in the
    # API, the pages and `sitroom claims`, lead to the incident that holds its events now.
    """
    CREATE TABLE incident_merges (
        incident_id INTEGER PRIMARY KEY,     -- an incident whose events joined another's
        merged_into INTEGER NOT NULL         -- the incident that holds them now
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
