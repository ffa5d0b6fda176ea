"""Link: events from many entries and sources into incidents, and their figures into claim series.

Pure functions over plain data; `sitroom.analyse.link_pending` feeds them from the store."""
