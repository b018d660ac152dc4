#!/usr/bin/env python3
"""Reads an iCalendar file with Python's `icalendar` (a parser independent of Flocon's) and
prints, as JSON, what it understood of each event: its UID, SUMMARY, LOCATION, and DTSTART and
DTEND as UTC instants (`2026-03-28T09:00:00Z`). Used by tests/cli/coaching.rs.

Exit status 3 when icalendar is not installed, so the Rust test can say how to install it; 1
when an event's time is floating (no time zone), since a calendar could not place it.
"""

import datetime
import json
import sys

try:
    import icalendar
except ImportError:
    sys.stderr.write(
        "the Python package icalendar is not installed: run `scripts/install-deps --test` "
        "(or `pip install icalendar`)\n"
    )
    sys.exit(3)


def utc(event, name):
    value = event.decoded(name)
    if not isinstance(value, datetime.datetime) or value.tzinfo is None:
        sys.stderr.write(f"{name} of {event.get('uid')} is not an instant: {value!r}\n")
        sys.exit(1)
    return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def text(event, name):
    value = event.get(name)
    return None if value is None else str(value)


def read(path):
    with open(path, "rb") as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    return [
        {
            "uid": text(event, "uid"),
            "summary": text(event, "summary"),
            "location": text(event, "location"),
            "start": utc(event, "dtstart"),
            "end": utc(event, "dtend"),
        }
        for event in calendar.walk("VEVENT")
    ]


if __name__ == "__main__":
    json.dump(read(sys.argv[1]), sys.stdout, ensure_ascii=False, indent=2)
