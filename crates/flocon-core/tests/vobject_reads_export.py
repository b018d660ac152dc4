#!/usr/bin/env python3
"""Reads a vCard file with Python's `vobject` (a parser independent of Flocon's) and prints, as
JSON, what it understood of each card. Used by tests/vcard_interop.rs.

Exit status 3 when vobject is not installed, so the Rust test can say how to install it.
"""

import json
import sys

try:
    import vobject
except ImportError:
    sys.stderr.write(
        "the Python package vobject is not installed: run `scripts/install-deps --test` "
        "(or `pip install vobject`)\n"
    )
    sys.exit(3)


def labeled(card, name):
    """Values of the property `name`, with their TYPE list and their Apple X-ABLabel."""
    labels = {
        line.group.lower(): line.value
        for line in card.contents.get("x-ablabel", [])
        if line.group
    }
    items = []
    for line in card.contents.get(name, []):
        types = []
        for value in line.params.get("TYPE", []):
            types.extend(t.strip().lower() for t in value.split(","))
        items.append(
            {
                "value": line.value,
                "types": types,
                "label": labels.get((line.group or "").lower()),
                "value_type": [v.lower() for v in line.params.get("VALUE", [])],
            }
        )
    return items


def text(card, name):
    lines = card.contents.get(name, [])
    return lines[0].value if lines else None


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        data = f.read()
    cards = []
    for card in vobject.readComponents(data):
        name = card.n.value
        categories = card.contents.get("categories", [])
        cards.append(
            {
                "version": text(card, "version"),
                "uid": text(card, "uid"),
                "fn": text(card, "fn"),
                "family": name.family,
                "given": name.given,
                "emails": labeled(card, "email"),
                "phones": labeled(card, "tel"),
                "org": card.org.value if "org" in card.contents else None,
                "categories": categories[0].value if categories else [],
                "note": text(card, "note"),
            }
        )
    return cards


if __name__ == "__main__":
    json.dump(read(sys.argv[1]), sys.stdout, ensure_ascii=False, indent=2)
